"""What the content tools say to organisers, in Latvian and English, in one place.

A small dict rather than a gettext catalogue: these messages are read in a
terminal, not on the site; both languages of a message stand side by side, so
a reviewer sees at once that they say the same thing; a test checks that every
message exists in every language with the same placeholders; and nothing has
to be compiled before the first check can speak (the check must work even
when the theme's catalogue does not). The language is the setting
CONTENT_MESSAGES_LANG ("lv" or "en"); an unknown language falls back to English.

A message is "what is wrong: how to fix it", without the file and line, which
`problems.py` puts in front. Placeholders are str.format fields; a parameter
may itself be a `Text` (a message of its own), rendered in the same language.
"""

from typing import NamedTuple

FALLBACK = "en"


class Text(NamedTuple):
    """A message by its code, with its parameters, rendered later in some language."""

    code: str
    params: dict = {}


def plural_form(n, lang):
    """"one" or "other": in Latvian 1, 21, 31... (but not 11) take the singular."""
    if lang == "lv":
        return "one" if n % 10 == 1 and n % 100 != 11 else "other"
    return "one" if n == 1 else "other"


def render(text, lang):
    """A `Text` (or a plain value) in `lang`."""
    if not isinstance(text, Text):
        return str(text)
    entry = MESSAGES[text.code]
    template = entry.get(lang) or entry[FALLBACK]
    if isinstance(template, dict):  # plural forms, chosen by the parameter n
        template = template[plural_form(text.params["n"], lang)]
    values = {name: render(value, lang) for name, value in text.params.items()}
    return template.format(**values)


def did_you_mean(suggestion, otherwise):
    """The fix for a near miss: "did you mean 'x'?", else the given Text."""
    return Text("fix_did_you_mean", {"suggestion": suggestion}) if suggestion else otherwise


def join_or(values):
    """A Text listing values: "'a', 'b' or 'c'" / "'a', 'b' vai 'c'"."""
    quoted = [f"'{value}'" for value in values]
    if len(quoted) == 1:
        return quoted[0]
    return Text("list_or", {"head": ", ".join(quoted[:-1]), "last": quoted[-1]})


MESSAGES = {
    # --- small parts of other messages -------------------------------------
    "list_or": {"en": "{head} or {last}", "lv": "{head} vai {last}"},
    "lang_lv": {"en": "Latvian", "lv": "latviešu"},
    "lang_en": {"en": "English", "lv": "angļu"},
    "kind_story": {"en": "a story", "lv": "stāstam"},
    "kind_news": {"en": "a news item", "lv": "ziņai"},
    "kind_chapter": {"en": "a methodology chapter", "lv": "metodoloģijas nodaļai"},
    "kind_community": {"en": "a community page", "lv": "kopienas lapai"},
    "kind_page": {"en": "a page", "lv": "lapai"},
    "kind_goal": {"en": "a goal", "lv": "mērķim"},
    "fix_did_you_mean": {"en": "did you mean '{suggestion}'?", "lv": "vai domājāt '{suggestion}'?"},
    "fix_unknown_field": {
        "en": "remove it, or see the fields of each kind of content in content/README.md",
        "lv": "izdzēsiet to vai skatiet katra satura veida laukus failā content/README.md",
    },
    "fix_slug": {"en": "choose another 'slug'", "lv": "izvēlieties citu 'slug'"},
    "fix_rename": {"en": "rename this file", "lv": "pārdēvējiet šo failu"},
    "fix_slug_either": {
        "en": "give one of the two files another 'slug'",
        "lv": "vienā no abiem failiem ierakstiet citu 'slug'",
    },
    "fix_rename_either": {"en": "rename one of the two files", "lv": "pārdēvējiet vienu no abiem failiem"},
    "fix_community": {
        "en": "write the name of a file in content/communities/ without '.{lang}.md', e.g. '{example}'",
        "lv": "ierakstiet faila nosaukumu no mapes content/communities/ bez '.{lang}.md', piemēram, '{example}'",
    },
    "fix_no_communities": {
        "en": "create the community's page in content/communities/ first",
        "lv": "vispirms izveidojiet kopienas lapu mapē content/communities/",
    },
    "fix_goal": {
        "en": "write the name of a file in content/goals/ without '.{lang}.md', e.g. '{example}'",
        "lv": "ierakstiet faila nosaukumu no mapes content/goals/ bez '.{lang}.md', piemēram, '{example}'",
    },
    "fix_no_goals": {
        "en": "create the goal's file in content/goals/ first (invoke new goal \"...\")",
        "lv": "vispirms izveidojiet mērķa failu mapē content/goals/ (invoke new goal \"...\")",
    },
    "fix_link": {
        "en": "link to a file in content/, e.g. {{filename}}/{section}/name.{lang}.md",
        "lv": "norādiet saiti uz failu mapē content/, piemēram, {{filename}}/{section}/nosaukums.{lang}.md",
    },
    "hint_title": {
        "en": "write the title of the page, e.g. title: \"Gathering in Mežinieki\"",
        "lv": "ierakstiet lapas virsrakstu, piemēram, title: \"Kopsanāksme Mežiniekos\"",
    },
    "hint_summary": {
        "en": "write one or two sentences saying what the page is about, e.g. summary: \"...\"",
        "lv": "ierakstiet vienu vai divus teikumus par to, kas ir šajā lapā, piemēram, summary: \"...\"",
    },
    "hint_date": {
        "en": "write the date as YYYY-MM-DD, e.g. date: 2024-03-05",
        "lv": "ierakstiet datumu formā GGGG-MM-DD, piemēram, date: 2024-03-05",
    },
    "hint_guide": {
        "en": "write guide: methodology or guide: guidelines",
        "lv": "ierakstiet guide: methodology vai guide: guidelines",
    },
    "hint_chapter": {
        "en": "write the chapter's number, e.g. chapter: 1",
        "lv": "ierakstiet nodaļas numuru, piemēram, chapter: 1",
    },
    "hint_cover_alt": {
        "en": "describe the photo in one sentence",
        "lv": "aprakstiet fotogrāfiju vienā teikumā",
    },
    "hint_kinds": {
        "en": "write what kind of goal it is, one or more of {kinds}, e.g. kinds: [lighting]",
        "lv": "ierakstiet, kāda veida mērķis tas ir, vienu vai vairākus no {kinds}, piemēram, kinds: [lighting]",
    },
    "hint_cycle": {
        "en": "write the year of the meeting cycle, e.g. cycle: 2022",
        "lv": "ierakstiet tikšanās cikla gadu, piemēram, cycle: 2022",
    },
    "hint_default": {
        "en": "write it as in the example in content/README.md",
        "lv": "ierakstiet to kā paraugā failā content/README.md",
    },
    # --- the file itself ---------------------------------------------------
    "name_pattern": {
        "en": "the file name does not follow the pattern 'name.lang.md': rename the file to"
        " '{suggestion}' (lower-case Latin letters without diacritics, digits and hyphens, then the language)",
        "lv": "faila nosaukums neatbilst paraugam 'nosaukums.valoda.md': pārdēvējiet failu par"
        " '{suggestion}' (mazie latīņu burti bez diakritiskajām zīmēm, cipari un defises, tad valoda)",
    },
    "name_language": {
        "en": "'{lang}' is not a language of this site: end the file name with {endings}",
        "lv": "'{lang}' nav šīs vietnes valoda: faila nosaukumam jābeidzas ar {endings}",
    },
    "not_markdown": {
        "en": "this folder is for texts only: put photos in content/images/ and attachments (PDF...) in another"
        " folder, e.g. content/faili/",
        "lv": "šī mape ir tikai tekstiem: fotogrāfijas ielieciet mapē content/images/, pielikumus (PDF u. c.) – citā"
        " mapē, piemēram, content/faili/",
    },
    "outside_sections": {
        "en": "texts belong in one of the folders {folders}: move this file there",
        "lv": "tekstiem jāatrodas kādā no mapēm {folders}: pārvietojiet šo failu uz turieni",
    },
    "not_utf8": {
        "en": "the file is not saved as UTF-8 text: open it in a text editor and save it again with the encoding 'UTF-8'",
        "lv": "fails nav saglabāts kā UTF-8 teksts: atveriet to teksta redaktorā un saglabājiet vēlreiz ar kodējumu 'UTF-8'",
    },
    "empty": {
        "en": "the file is empty: copy the example for this kind of content from content/README.md, or delete the file",
        "lv": "fails ir tukšs: nokopējiet šī satura veida paraugu no faila content/README.md vai izdzēsiet failu",
    },
    "no_start": {
        "en": "the file does not start with a '---' line: make the first line '---', then write the fields, then another '---' line",
        "lv": "fails nesākas ar rindu '---': pirmajā rindā ierakstiet '---', tad laukus, tad vēl vienu rindu '---'",
    },
    "no_end": {
        "en": "the fields at the top have no closing '---' line: add a line '---' after the last field",
        "lv": "augšā esošajiem laukiem nav noslēdzošās rindas '---': pievienojiet rindu '---' aiz pēdējā lauka",
    },
    "yaml_colon": {
        "en": "this line cannot be read: if the value contains ': ', put the whole value in straight double quotes,"
        " e.g. title: \"Meeting: 5 March\"; each field starts at the beginning of its line",
        "lv": "šo rindu nevar nolasīt: ja vērtībā ir ': ', ielieciet visu vērtību taisnajās pēdiņās,"
        " piemēram, title: \"Tikšanās: 5. marts\"; katram laukam jāsākas rindas sākumā",
    },
    "yaml_tab": {
        "en": "this line has a tab character: use spaces instead",
        "lv": "šajā rindā ir tabulācijas rakstzīme: tās vietā lietojiet atstarpes",
    },
    "yaml_quote": {
        "en": "a quotation mark opened on this line is not closed: end the value with the same mark",
        "lv": "šajā rindā atvērtās pēdiņas nav aizvērtas: noslēdziet vērtību ar tādām pašām pēdiņām",
    },
    "yaml_bracket": {
        "en": "a list opened with '[' on this line is not closed: end it with ']', e.g. [baldone, kekava]",
        "lv": "šajā rindā ar '[' atvērtais saraksts nav aizvērts: noslēdziet to ar ']', piemēram, [baldone, kekava]",
    },
    "yaml_special": {
        "en": "the value on this line starts with a character that has a special meaning here: put the whole value in straight double quotes (\"...\")",
        "lv": "vērtība šajā rindā sākas ar rakstzīmi, kurai te ir īpaša nozīme: ielieciet visu vērtību taisnajās pēdiņās (\"...\")",
    },
    "yaml_other": {
        "en": "this line cannot be read: write each field on its own line as 'name: value';"
        " inside a value in straight double quotes, quote with „ ” instead",
        "lv": "šo rindu nevar nolasīt: rakstiet katru lauku savā rindā kā 'nosaukums: vērtība';"
        " taisnajās pēdiņās ieliktā vērtībā citātiem lietojiet „ ”",
    },
    "not_mapping": {
        "en": "the top of the file must be lines of 'name: value': compare it with the example in content/README.md",
        "lv": "faila augšdaļā jābūt rindām 'nosaukums: vērtība': salīdziniet to ar paraugu failā content/README.md",
    },
    "duplicate_field": {
        "en": "'{field}' is written twice (also on line {other}): keep only one",
        "lv": "lauks '{field}' ierakstīts divreiz (arī {other}. rindā): atstājiet tikai vienu",
    },
    # --- fields ------------------------------------------------------------
    "unknown_field": {
        "en": "{kind} has no field '{field}': {fix}",
        "lv": "{kind} nav lauka '{field}': {fix}",
    },
    "slug_in_original": {
        "en": "the address of the {language} page comes from the file name, not from 'slug': remove this line, or rename the file",
        "lv": "{language} lapas adresi nosaka faila nosaukums, nevis 'slug': izdzēsiet šo rindu vai pārdēvējiet failu",
    },
    "translated_from_in_original": {
        "en": "'translated_from' belongs only in a translation: remove this line",
        "lv": "lauks 'translated_from' paredzēts tikai tulkojumam: izdzēsiet šo rindu",
    },
    "missing": {"en": "'{field}' is missing: {hint}", "lv": "trūkst lauka '{field}': {hint}"},
    "empty_value": {"en": "'{field}' is empty: {hint}", "lv": "lauks '{field}' ir tukšs: {hint}"},
    "not_text": {
        "en": "'{field}' must be text: put the value in straight double quotes, e.g. {field}: \"...\"",
        "lv": "laukam '{field}' jābūt tekstam: ielieciet vērtību taisnajās pēdiņās, piemēram, {field}: \"...\"",
    },
    "not_list": {
        "en": "'{field}' must be a list: write it as {field}: [first, second]",
        "lv": "laukam '{field}' jābūt sarakstam: rakstiet to šādi: {field}: [pirmais, otrais]",
    },
    "not_date": {
        "en": "'{field}' is not a date ('{value}'): write it as YYYY-MM-DD, e.g. {field}: 2024-03-05",
        "lv": "lauka '{field}' vērtība '{value}' nav datums: rakstiet to formā GGGG-MM-DD, piemēram, {field}: 2024-03-05",
    },
    "not_datetime": {
        "en": "'{field}' is not a date and time ('{value}'): write it as YYYY-MM-DD or YYYY-MM-DD HH:MM,"
        " e.g. {field}: 2024-03-05 18:00",
        "lv": "lauka '{field}' vērtība '{value}' nav datums un laiks: rakstiet to formā GGGG-MM-DD vai"
        " GGGG-MM-DD SS:MM, piemēram, {field}: 2024-03-05 18:00",
    },
    "not_choice": {
        "en": "'{field}' cannot be '{value}': write {choices}",
        "lv": "lauka '{field}' vērtība nevar būt '{value}': ierakstiet {choices}",
    },
    "not_int": {
        "en": "'{field}' must be a whole number, {minimum} or more, not '{value}': e.g. {field}: {minimum}",
        "lv": "laukam '{field}' jābūt veselam skaitlim, ne mazākam par {minimum}, nevis '{value}': piemēram, {field}: {minimum}",
    },
    "not_count": {
        "en": "'{field}' is the number of people counted, a whole number (0 or more), not '{value}':"
        " write the number counted, e.g. {field}: 12, or leave the field out when nobody counted",
        "lv": "laukā '{field}' raksta saskaitīto cilvēku skaitu – veselu skaitli (0 vai vairāk), nevis '{value}':"
        " ierakstiet saskaitīto skaitu, piemēram, {field}: 12, vai izdzēsiet lauku, ja neviens neskaitīja",
    },
    "not_int_range": {
        "en": "'{field}' must be a whole number from {minimum} to {maximum}, not '{value}': e.g. {field}: {minimum}",
        "lv": "laukam '{field}' jābūt veselam skaitlim no {minimum} līdz {maximum}, nevis '{value}': piemēram, {field}: {minimum}",
    },
    "not_id": {
        "en": "'{value}' in '{field}' is not an id: use lower-case Latin letters without diacritics, digits and hyphens, e.g. '{suggestion}'",
        "lv": "'{value}' laukā '{field}' nav derīgs identifikators: lietojiet mazos latīņu burtus bez diakritiskajām zīmēm, ciparus un defises, piemēram, '{suggestion}'",
    },
    "not_slug": {
        "en": "'{value}' cannot be an address: use lower-case Latin letters without diacritics, digits and hyphens, e.g. slug: {suggestion}",
        "lv": "'{value}' nevar būt adrese: lietojiet mazos latīņu burtus bez diakritiskajām zīmēm, ciparus un defises, piemēram, slug: {suggestion}",
    },
    "not_url": {
        "en": "'{field}' is not a web address ('{value}'): write the full address, starting with https://",
        "lv": "lauka '{field}' vērtība '{value}' nav tīmekļa adrese: ierakstiet pilnu adresi, kas sākas ar https://",
    },
    "not_coordinates": {
        "en": "'{field}' must be [latitude, longitude] in degrees, e.g. {field}: [56.9, 24.1]",
        "lv": "laukā '{field}' jābūt [platums, garums] grādos, piemēram, {field}: [56.9, 24.1]",
    },
    "not_flag": {
        "en": "'{field}' is either true or false, not '{value}': e.g. {field}: true",
        "lv": "lauka '{field}' vērtībai jābūt true vai false, nevis '{value}': piemēram, {field}: true",
    },
    "not_hash": {
        "en": "'translated_from' is not a version stamp ('{value}'): do not write it by hand;"
        " when the translation is up to date, run: invoke translations --done {path}",
        "lv": "lauka 'translated_from' vērtība '{value}' nav versijas zīmogs: nerakstiet to ar roku;"
        " kad tulkojums ir atjaunināts, palaidiet: invoke translations --done {path}",
    },
    "not_goal_status": {
        "en": "'{field}' is written as the goal's id, a colon and its new status,"
        " e.g. {field}: {{apgaismojums-pieturas: {status}}}",
        "lv": "lauku '{field}' raksta kā mērķa identifikatoru, kolu un jauno statusu,"
        " piemēram, {field}: {{apgaismojums-pieturas: {status}}}",
    },
    # --- across files ------------------------------------------------------
    "no_original": {
        "en": "there is no {language} original {original}: create it, or correct this file's name",
        "lv": "nav {language} oriģināla {original}: izveidojiet to vai izlabojiet šī faila nosaukumu",
    },
    "duplicate_url": {
        "en": "the address {url} is also used by {other}: {fix}",
        "lv": "adresi {url} izmanto arī {other}: {fix}",
    },
    "duplicate_goal": {
        "en": "the goal id '{value}' (the file name) is also used by {other}: rename one of the two files, each goal needs an id of its own",
        "lv": "mērķa identifikatoru '{value}' (faila nosaukumu) izmanto arī {other}: pārdēvējiet vienu no abiem failiem, katram mērķim vajadzīgs savs identifikators",
    },
    "goal_status_twice": {
        "en": "'{goal}' is given the status '{status}' here and '{other_status}' in {other}, on the same date:"
        " keep the status in one of the two files, or correct a date",
        "lv": "mērķim '{goal}' šeit norādīts statuss '{status}', bet failā {other} tajā pašā datumā – '{other_status}':"
        " atstājiet statusu tikai vienā no abiem failiem vai izlabojiet datumu",
    },
    "cycle_twice": {
        "en": "the {cycle} meeting cycle is also closed by {other}: record a cycle's total in one news item only",
        "lv": "{cycle}. gada tikšanās ciklu noslēdz arī {other}: cikla kopsummu ierakstiet tikai vienā ziņā",
    },
    "cycle_meeting_unknown": {
        "en": "'{value}' in 'cycle_meeting' is not a meeting: write the file name, without '.{lang}.md',"
        " of the news item in content/news/ that announces the closing meeting (it has 'event_start')",
        "lv": "'{value}' laukā 'cycle_meeting' nav tikšanās: ierakstiet tās ziņas faila nosaukumu mapē"
        " content/news/ bez '.{lang}.md', kas aicina uz noslēguma tikšanos (tajā ir 'event_start')",
    },
    "participants_no_meeting": {
        "en": "'participants' is the number of people at a meeting: add 'event_start' (the meeting's date)"
        " or 'report_of' (the invitation this item reports on), or remove this line",
        "lv": "laukā 'participants' raksta tikšanās dalībnieku skaitu: pievienojiet 'event_start' (tikšanās datumu)"
        " vai 'report_of' (ielūgumu, par kuru ir šis pārskats), vai izdzēsiet šo rindu",
    },
    "participants_twice": {
        "en": "the number of participants of this meeting is also written in {other}:"
        " write it once, in the meeting's news item or in its report",
        "lv": "šīs tikšanās dalībnieku skaits ierakstīts arī failā {other}:"
        " ierakstiet to tikai vienreiz – tikšanās ziņā vai pārskatā par to",
    },
    "reserved_url": {
        "en": "the address {url} is used by the site itself: {fix}",
        "lv": "adresi {url} izmanto pati vietne: {fix}",
    },
    "unknown_community": {
        "en": "'{value}' in '{field}' is not a community: {fix}",
        "lv": "'{value}' laukā '{field}' nav kopiena: {fix}",
    },
    "unknown_goal": {
        "en": "'{value}' in '{field}' is not the id of any goal: {fix}",
        "lv": "'{value}' laukā '{field}' nav neviena mērķa identifikators: {fix}",
    },
    "cover_missing": {
        "en": "the photo '{target}' is not in content/images/: put it there, or correct the name (capital letters matter)",
        "lv": "fotogrāfijas '{target}' nav mapē content/images/: ielieciet to tur vai izlabojiet nosaukumu (lielajiem un mazajiem burtiem ir nozīme)",
    },
    "image_missing": {
        "en": "the image '{target}' is not found: put the photo in content/images/ and write its address as"
        " {{static}}/images/photo.jpg (capital letters matter)",
        "lv": "attēls '{target}' nav atrasts: ielieciet fotogrāfiju mapē content/images/ un rakstiet tās adresi kā"
        " {{static}}/images/foto.jpg (lielajiem un mazajiem burtiem ir nozīme)",
    },
    "image_alt": {
        "en": "the image '{target}' has no description: describe the photo in one sentence between the square brackets, ![...]({target})",
        "lv": "attēlam '{target}' nav apraksta: aprakstiet fotogrāfiju vienā teikumā kvadrātiekavās, ![...]({target})",
    },
    "link_missing": {
        "en": "the link '{target}' leads to a page that does not exist: {fix}",
        "lv": "saite '{target}' ved uz lapu, kuras nav: {fix}",
    },
    "link_language": {
        "en": "the link '{target}' leads to the {language} file: link to '{suggestion}' instead"
        " (the language switcher leads to the translation)",
        "lv": "saite '{target}' ved uz {language} valodas failu: tā vietā norādiet '{suggestion}'"
        " (uz tulkojumu ved valodu pārslēgs)",
    },
    "link_unpublished": {
        "en": "the link '{target}' leads to a page that is not published yet: publish that page first, or remove the link",
        "lv": "saite '{target}' ved uz lapu, kas vēl nav publicēta: vispirms publicējiet to vai izņemiet saiti",
    },
    # --- the boundary of content/ (boundary.py) ----------------------------
    "symlink": {
        "en": "this is not a file but a link to another place (a symbolic link), which is never published:"
        " copy the file itself into content/ instead",
        "lv": "tas nav fails, bet norāde uz citu vietu (simboliskā saite), un tā netiek publicēta:"
        " tās vietā iekopējiet mapē content/ pašu failu",
    },
    "file_type": {
        "en": "the site does not publish files of this kind ('{suffix}'): put photos in content/images/;"
        " of other files only {types} can be attached; move anything else out of content/",
        "lv": "vietne nepublicē šāda veida failus ('{suffix}'): fotogrāfijas ielieciet mapē content/images/;"
        " no citiem failiem pievienot var tikai {types}; visu pārējo pārvietojiet ārpus mapes content/",
    },
    "file_too_large": {
        "en": "the file is {size} kB, more than the {limit} kB a text may have: split it into several texts",
        "lv": "faila izmērs ir {size} kB, vairāk nekā {limit} kB, ko drīkst aizņemt teksts: sadaliet to vairākos tekstos",
    },
    "too_much_markup": {
        "en": "the text has {count} '{mark}' characters, more than the {limit} a text may have: split it into"
        " several texts, or write the text without them",
        "lv": "rakstzīmju '{mark}' skaits tekstā ({count}) pārsniedz {limit}, ko drīkst saturēt teksts:"
        " sadaliet to vairākos tekstos vai rakstiet bez tām",
    },
    "yaml_alias": {
        "en": "this line uses a YAML anchor or reference ('&' or '*'), which content files cannot use:"
        " write the value out in full; a value that starts with & or * goes in straight double quotes, e.g. title: \"*Title*\"",
        "lv": "šajā rindā ir YAML enkurs vai atsauce ('&' vai '*'), ko satura failos lietot nedrīkst:"
        " ierakstiet vērtību pilnībā; vērtību, kas sākas ar & vai *, ielieciet taisnajās pēdiņās, piemēram, title: \"*Virsraksts*\"",
    },
    "yaml_deep": {
        "en": "the value on this line is nested too deeply (lists in lists): write each field as in the examples"
        " in content/README.md, e.g. themes: [first, second]",
        "lv": "vērtība šajā rindā ir pārāk dziļi ligzdota (saraksti sarakstos): rakstiet katru lauku kā paraugos"
        " failā content/README.md, piemēram, themes: [pirmais, otrais]",
    },
    "too_long": {
        "en": "'{field}' is longer than {limit} characters ({length}): shorten it",
        "lv": "lauks '{field}' ir garāks par {limit} rakstzīmēm ({length}): saīsiniet to",
    },
    "date_range": {
        "en": "'{field}' has the year {year} ('{value}'), which cannot be right: write a date between 1900 and 2200,"
        " e.g. {field}: 2024-03-05",
        "lv": "lauka '{field}' vērtībā '{value}' ir gads {year}, kas nevar būt pareizs: ierakstiet datumu"
        " no 1900. līdz 2200. gadam, piemēram, {field}: 2024-03-05",
    },
    "link_outside": {
        "en": "the link '{target}' leads outside the folder content/: put the file in content/ and link to it there,"
        " e.g. {{static}}/faili/programma.pdf",
        "lv": "saite '{target}' ved ārpus mapes content/: ielieciet failu mapē content/ un norādiet saiti uz to tur,"
        " piemēram, {{static}}/faili/programma.pdf",
    },
    "link_not_published": {
        "en": "the link '{target}' leads to a file the site does not publish (a symbolic link, or a file other than"
        " a photo, a text or {types}): link to a photo in content/images/ or to a file of one of those kinds",
        "lv": "saite '{target}' ved uz failu, ko vietne nepublicē (simbolisko saiti vai failu, kas nav fotogrāfija,"
        " teksts vai {types}): norādiet saiti uz fotogrāfiju mapē content/images/ vai uz šāda veida failu",
    },
    # --- raw HTML in a text (html_policy.py) --------------------------------
    "html_tag": {
        "en": "the HTML tag <{tag}> cannot be used in content and is left out of the page: remove it"
        " (content/README.md lists the HTML that can be used)",
        "lv": "HTML birku <{tag}> saturā lietot nedrīkst, un lapā tā netiek iekļauta: izņemiet to"
        " (HTML, ko var lietot, ir uzskaitīts failā content/README.md)",
    },
    "html_event": {
        "en": "the attribute '{attribute}' of <{tag}> would run a script, so it is left out of the page: remove it",
        "lv": "birkas <{tag}> atribūts '{attribute}' palaistu skriptu, tāpēc lapā tas netiek iekļauts: izņemiet to",
    },
    "attr_list_event": {
        "en": "the attribute '{attribute}' in '{{: ...}}' would run a script, so it is left out of the page: remove it",
        "lv": "atribūts '{attribute}' sarakstā '{{: ...}}' palaistu skriptu, tāpēc lapā tas netiek iekļauts: izņemiet to",
    },
    "attr_list_attribute": {
        "en": "the attribute '{attribute}' cannot be used in '{{: ...}}' and is left out of the page:"
        " use only #id, .class, title, lang or dir",
        "lv": "atribūtu '{attribute}' sarakstā '{{: ...}}' lietot nedrīkst, un lapā tas netiek iekļauts:"
        " lietojiet tikai #id, .class, title, lang vai dir",
    },
    "html_attribute": {
        "en": "the attribute '{attribute}' cannot be used on <{tag}> and is left out of the page: remove it"
        " (content/README.md lists the HTML that can be used)",
        "lv": "atribūtu '{attribute}' birkai <{tag}> lietot nedrīkst, un lapā tas netiek iekļauts: izņemiet to"
        " (HTML, ko var lietot, ir uzskaitīts failā content/README.md)",
    },
    "unsafe_url": {
        "en": "the address '{target}' is left out of the page: a link may start with https://, http://, mailto:"
        " or tel:, or lead to a file in content/",
        "lv": "adrese '{target}' lapā netiek iekļauta: saite var sākties ar https://, http://, mailto:"
        " vai tel: vai vest uz failu mapē content/",
    },
    # --- photos (site_photos: files in content/images/) ---------------------
    "photo_unreadable": {
        "en": "the file cannot be read ({reason}): check that it is a photo and that it can be opened",
        "lv": "failu nevar nolasīt ({reason}): pārbaudiet, vai tā ir fotogrāfija un vai to var atvērt",
    },
    "photo_format": {
        "en": "the file is not a photo that can be read (JPEG, PNG, WebP, HEIC or AVIF): save it again as JPEG, or remove it from the folder",
        "lv": "fails nav nolasāma fotogrāfija (JPEG, PNG, WebP, HEIC vai AVIF): saglabājiet to vēlreiz kā JPEG vai izņemiet to no mapes",
    },
    "photo_damaged": {
        "en": "the photo is damaged and cannot be read ({detail}): copy it again from the camera or phone",
        "lv": "fotogrāfija ir bojāta, un to nevar nolasīt ({detail}): nokopējiet to vēlreiz no fotoaparāta vai tālruņa",
    },
    "photo_too_large": {
        "en": "the photo is {width} × {height} pixels ({millions} million), more than the {limit} million"
        " that can be processed safely: make it smaller first",
        "lv": "fotogrāfijas izmērs ir {width} × {height} pikseļi ({millions} milj.), vairāk nekā {limit} milj.,"
        " ko var droši apstrādāt: vispirms samaziniet to",
    },
    "photo_too_small": {
        "en": "the photo is only {width} × {height} pixels: use a photo at least {minimum} pixels on each side",
        "lv": "fotogrāfijas izmērs ir tikai {width} × {height} pikseļi: izmantojiet fotogrāfiju,"
        " kuras katra mala ir vismaz {minimum} pikseļi",
    },
    "photo_shape": {
        "en": "the photo is {width} × {height} pixels, one side more than {ratio} times the other: crop it to a usual shape",
        "lv": "fotogrāfijas izmērs ir {width} × {height} pikseļi, un viena mala ir vairāk nekā {ratio} reizes"
        " garāka par otru: apgrieziet to ierastākās proporcijās",
    },
    "photo_used_in": {
        "en": "(used in {uses})",
        "lv": "(izmantota: {uses})",
    },
    "photo_unused": {
        "en": "(no text uses it)",
        "lv": "(neviens teksts to neizmanto)",
    },
    # --- a photo's record (site_photos.records: content/images/x.jpg.yml) ---
    "photo_no_consent": {
        "en": "the record says the photo {photo} shows people, but it has no consent: write who gave it, when"
        " and how (consent: by, date, how), or use another photo; until then the preview shows a placeholder"
        " and the site cannot be published",
        "lv": "ierakstā norādīts, ka fotogrāfijā {photo} redzami cilvēki, bet nav norādīta piekrišana: ierakstiet,"
        " kas to deva, kad un kā (consent: by, date, how), vai izmantojiet citu fotogrāfiju; līdz tam"
        " priekšskatījumā redzams aizstājējs un vietni nevar publicēt",
    },
    "photo_no_consent_children": {
        "en": "the record says the photo {photo} shows children, but it has no consent: write which parent"
        " or guardian gave it, when and how (consent: by, date, how), or use another photo; until then the"
        " preview shows a placeholder and the site cannot be published",
        "lv": "ierakstā norādīts, ka fotogrāfijā {photo} redzami bērni, bet nav norādīta piekrišana: ierakstiet,"
        " kurš no vecākiem vai aizbildņiem to deva, kad un kā (consent: by, date, how), vai izmantojiet citu"
        " fotogrāfiju; līdz tam priekšskatījumā redzams aizstājējs un vietni nevar publicēt",
    },
    "record_orphan": {
        "en": "a photo's record without its photo: there is no {photo}; name the record as the photo"
        " with .yml added (x.jpg.yml for x.jpg), or remove it",
        "lv": "fotogrāfijas ieraksts bez fotogrāfijas: {photo} nav; nosauciet ierakstu tāpat kā fotogrāfiju,"
        " pievienojot .yml (x.jpg.yml fotogrāfijai x.jpg), vai izdzēsiet to",
    },
    "record_too_large": {
        "en": "the photo's record is {size} bytes, more than {limit}: keep it to a few lines"
        " (people, children, consent, caption, credit, licence)",
        "lv": "fotogrāfijas ieraksts ir {size} baiti, vairāk nekā {limit}: atstājiet tikai dažas rindas"
        " (people, children, consent, caption, credit, licence)",
    },
    "record_syntax": {
        "en": "the photo's record cannot be read ({detail}): write one 'field: value' a line, as content/README.md shows",
        "lv": "fotogrāfijas ierakstu nevar nolasīt ({detail}): rakstiet pa vienam 'lauks: vērtība' rindā,"
        " kā parādīts failā content/README.md",
    },
    "record_unknown_field": {
        "en": "unknown field '{field}' in a photo's record: {fix}",
        "lv": "fotogrāfijas ierakstā nezināms lauks '{field}': {fix}",
    },
    "fix_record_fields": {
        "en": "write people, children, consent, caption, credit or licence",
        "lv": "rakstiet people, children, consent, caption, credit vai licence",
    },
    "record_yes_no": {
        "en": "'{field}' is '{value}': write yes or no",
        "lv": "'{field}' ir '{value}': rakstiet yes vai no",
    },
    "record_children_no_people": {
        "en": "'children: yes' with 'people: no': children are people, write people: yes",
        "lv": "'children: yes' kopā ar 'people: no': bērni arī ir cilvēki, rakstiet people: yes",
    },
    "record_consent_shape": {
        "en": "'consent' needs who gave it, when and how, each on a line of its own:"
        " consent:, then '  by: ...', '  date: 2024-05-31', '  how: ...'",
        "lv": "laukā 'consent' jānorāda, kas piekrišanu deva, kad un kā, katrs savā rindā:"
        " consent:, tad '  by: ...', '  date: 2024-05-31', '  how: ...'",
    },
    "record_consent_missing": {
        "en": "the consent lacks '{field}': write who gave it (by), when (date) and how (how),"
        " e.g. a signed form and where it is kept",
        "lv": "piekrišanā trūkst '{field}': ierakstiet, kas to deva (by), kad (date) un kā (how),"
        " piemēram, parakstīta veidlapa un kur tā glabājas",
    },
    "record_consent_date": {
        "en": "the consent's date '{value}' is not a date: write it as 2024-05-31",
        "lv": "piekrišanas datums '{value}' nav datums: rakstiet to kā 2024-05-31",
    },
    "record_consent_scan": {
        "en": "the consent names the file '{value}': a scan of a consent form must not be in the site's"
        " files (it would be published); write only where the form is kept",
        "lv": "piekrišanā minēts fails '{value}': piekrišanas veidlapas skenējumam nav vietas vietnes failos"
        " (tas tiktu publicēts); ierakstiet tikai, kur veidlapa glabājas",
    },
    "record_text": {
        "en": "'{field}' must be text, e.g. {field}: \"...\"; a caption may be given per language (lv:, en:)",
        "lv": "laukam '{field}' jābūt tekstam, piemēram, {field}: \"...\"; parakstu var norādīt katrā valodā (lv:, en:)",
    },
    # --- summary lines -----------------------------------------------------
    "summary_strict": {
        "en": {
            "one": "{n} problem found in content; nothing was published.",
            "other": "{n} problems found in content; nothing was published.",
        },
        "lv": {
            "one": "Atrasta {n} kļūda satura failos; nekas netika publicēts.",
            "other": "Atrastas {n} kļūdas satura failos; nekas netika publicēts.",
        },
    },
    "summary_build": {
        "en": {
            "one": "{n} problem found in content: fix it before publishing.",
            "other": "{n} problems found in content: fix them before publishing.",
        },
        "lv": {
            "one": "Atrasta {n} kļūda satura failos: izlabojiet to pirms publicēšanas.",
            "other": "Atrastas {n} kļūdas satura failos: izlabojiet tās pirms publicēšanas.",
        },
    },
    "summary_ok": {
        "en": {"one": "{n} file checked; no problems found.", "other": "{n} files checked; no problems found."},
        "lv": {"one": "Pārbaudīts {n} fails; kļūdu nav.", "other": "Pārbaudīti {n} faili; kļūdu nav."},
    },
    # --- invoke translations -----------------------------------------------
    "tr_title": {
        "en": "Translations ({language} is the original language)",
        "lv": "Tulkojumi (oriģinālvaloda: {language})",
    },
    "tr_original": {"en": "original", "lv": "oriģināls"},
    "tr_current": {"en": "up to date", "lv": "aktuāls"},
    "tr_stale": {"en": "outdated", "lv": "novecojis"},
    "tr_unconfirmed": {"en": "never marked up to date", "lv": "nav atzīmēts kā aktuāls"},
    "tr_missing": {"en": "missing", "lv": "nav"},
    "tr_draft": {"en": "{state} (draft)", "lv": "{state} (melnraksts)"},
    "tr_orphans": {"en": "Translations without an original:", "lv": "Tulkojumi bez oriģināla:"},
    "tr_all_current": {"en": "Every translation is up to date.", "lv": "Visi tulkojumi ir aktuāli."},
    "tr_summary": {
        "en": "Missing translations: {missing}; outdated or never marked up to date: {stale}.",
        "lv": "Trūkstoši tulkojumi: {missing}; novecojuši vai nav atzīmēti kā aktuāli: {stale}.",
    },
    "tr_how": {
        "en": "When a translation says what its original says, mark it up to date: invoke translations --done {example}",
        "lv": "Kad tulkojums atbilst oriģinālam, atzīmējiet to kā aktuālu: invoke translations --done {example}",
    },
    "tr_marked": {
        "en": "{path}: marked up to date with {original} (translated_from: {digest})",
        "lv": "{path}: atzīmēts kā aktuāls attiecībā pret {original} (translated_from: {digest})",
    },
    "tr_not_translation": {
        "en": "{path} is not a translation: give the file of a translation, e.g. {example}",
        "lv": "{path} nav tulkojums: norādiet tulkojuma failu, piemēram, {example}",
    },
    "tr_no_file": {"en": "there is no file {path}", "lv": "faila {path} nav"},
    "tr_cannot_mark": {
        "en": "{path} cannot be marked up to date: fix the problems of it and its original first (run 'invoke check')",
        "lv": "{path} nevar atzīmēt kā aktuālu: vispirms izlabojiet tā un oriģināla kļūdas (palaidiet 'invoke check')",
    },
    # --- invoke new --------------------------------------------------------
    "new_created": {"en": "Created:", "lv": "Izveidoti faili:"},
    "new_next": {
        "en": "Both files are drafts (status: draft), never published as they are. Write the texts, look at them"
        " with 'make serve', run 'invoke check', then delete the line 'status: draft' in each file to publish it."
        " When the translation is done, run: invoke translations --done {translation}",
        "lv": "Abi faili ir melnraksti (status: draft), tādi netiek publicēti. Uzrakstiet tekstus, apskatiet tos"
        " ar 'make serve', palaidiet 'invoke check' un, lai publicētu, katrā failā izdzēsiet rindu 'status: draft'."
        " Kad tulkojums gatavs, palaidiet: invoke translations --done {translation}",
    },
    "new_exists": {
        "en": "{path} already exists, so nothing was created: choose another title, or edit that file",
        "lv": "{path} jau pastāv, tāpēc nekas netika izveidots: izvēlieties citu virsrakstu vai labojiet šo failu",
    },
    "new_kind": {
        "en": "'{kind}' cannot be created: write {kinds}",
        "lv": "'{kind}' nevar izveidot: rakstiet {kinds}",
    },
    "new_title": {
        "en": "the title has no letters or digits to make an address of: write a title, e.g. invoke new story \"Gathering in Mežinieki\"",
        "lv": "virsrakstā nav burtu vai ciparu, no kā izveidot adresi: ierakstiet virsrakstu, piemēram, invoke new story \"Kopsanāksme Mežiniekos\"",
    },
    "new_one_community": {
        "en": "a goal belongs to one community, or to none (a goal the communities share): give --community once at most",
        "lv": "mērķis pieder vienai kopienai vai nevienai (kopienu kopīgs mērķis): norādiet --community ne vairāk kā vienreiz",
    },
    "new_community": {
        "en": "'{value}' is not a community: {fix}",
        "lv": "'{value}' nav kopiena: {fix}",
    },
    # site_posters: a meeting's poster, laid out at its smallest, is still more than one sheet
    "poster_too_long": {
        "en": "the meeting's poster does not fit on one A4 sheet even with its title at 36 pt and without"
        " the summary: shorten the title, the place or the address",
        "lv": "tikšanās plakāts neietilpst vienā A4 lapā pat ar 36 punktu virsrakstu un bez kopsavilkuma"
        " (summary): saīsiniet virsrakstu (title), vietu (place) vai adresi (address)",
    },
}


def language_name(lang):
    """A language's name as a Text ("latviešu" / "Latvian"), else its code."""
    return Text(f"lang_{lang}") if f"lang_{lang}" in MESSAGES else lang
