"""The content check as organisers meet it: a corpus of mistakes, each with its exact message.

Every case in tests/fixtures/bad/ is added to a copy of the fixture site and
checked as `invoke check` does, in Latvian and in English: the exact lines,
the summary line that counts them, exit status 1. Then real builds: a normal
build warns and builds the rest, a strict build lists everything and leaves
the previous site and content/ as they were, never with a traceback.
"""

import os
import re
import subprocess
import sys

import pytest

import projects
from conftest import ROOT
from sitecheck import half_built, tree_digest
from sitebuilder.__main__ import main as site_build
from site_content.messages import MESSAGES, Text, plural_form, render

BAD = projects.FIXTURES / "bad"
PYTHONPATH = os.pathsep.join((str(ROOT), str(ROOT / "plugins")))

CASES = {
    'bad-chapter': [
        ("content/methodology/nulta.lv.md:5: laukam 'chapter' jābūt veselam skaitlim, ne mazākam par 1, nevis '0': piemēram, chapter: 1",
         "content/methodology/nulta.lv.md:5: 'chapter' must be a whole number, 1 or more, not '0': e.g. chapter: 1"),
    ],
    'bad-date': [
        ("content/news/datums.lv.md:4: lauka 'date' vērtība '7.10.2024' nav datums: rakstiet to formā GGGG-MM-DD, piemēram, date: 2024-03-05",
         "content/news/datums.lv.md:4: 'date' is not a date ('7.10.2024'): write it as YYYY-MM-DD, e.g. date: 2024-03-05"),
    ],
    'bad-event': [
        ("content/news/pasakums.lv.md:6: lauka 'event_start' vērtība '5. martā 18:00' nav datums un laiks: rakstiet to formā GGGG-MM-DD vai GGGG-MM-DD SS:MM, piemēram, event_start: 2024-03-05 18:00",
         "content/news/pasakums.lv.md:6: 'event_start' is not a date and time ('5. martā 18:00'): write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. event_start: 2024-03-05 18:00"),
        ("content/news/pasakums.lv.md:7: lauka 'registration' vērtība 'www.example.org/pieteikties' nav tīmekļa adrese: ierakstiet pilnu adresi, kas sākas ar https://",
         "content/news/pasakums.lv.md:7: 'registration' is not a web address ('www.example.org/pieteikties'): write the full address, starting with https://"),
    ],
    'bad-goal-kind': [
        ("content/goals/bez-veida.lv.md:4: trūkst lauka 'kinds': ierakstiet, kāda veida mērķis tas ir, vienu vai vairākus no 'lighting', 'public-infrastructure', 'sports', 'children', 'gathering-recreation' vai 'other', piemēram, kinds: [lighting]",
         "content/goals/bez-veida.lv.md:4: 'kinds' is missing: write what kind of goal it is, one or more of 'lighting', 'public-infrastructure', 'sports', 'children', 'gathering-recreation' or 'other', e.g. kinds: [lighting]"),
        ("content/goals/parks.lv.md:4: lauka 'kinds' vērtība nevar būt 'park': ierakstiet 'lighting', 'public-infrastructure', 'sports', 'children', 'gathering-recreation' vai 'other'",
         "content/goals/parks.lv.md:4: 'kinds' cannot be 'park': write 'lighting', 'public-infrastructure', 'sports', 'children', 'gathering-recreation' or 'other'"),
    ],
    'bad-goal-status': [
        ("content/news/soli-gatavi.lv.md:5: lauka 'goal_status' vērtība nevar būt 'finished': ierakstiet 'identified', 'planned', 'in-progress' vai 'done'",
         "content/news/soli-gatavi.lv.md:5: 'goal_status' cannot be 'finished': write 'identified', 'planned', 'in-progress' or 'done'"),
        ("content/news/soli-plans.lv.md:6: lauku 'goal_status' raksta kā mērķa identifikatoru, kolu un jauno statusu, piemēram, goal_status: {apgaismojums-pieturas: planned}",
         "content/news/soli-plans.lv.md:6: 'goal_status' is written as the goal's id, a colon and its new status, e.g. goal_status: {apgaismojums-pieturas: planned}"),
    ],
    # participants: a number counted, never negative, never an estimate
    'bad-participants': [
        ("content/news/skaits-negativs.lv.md:6: laukā 'participants' raksta saskaitīto cilvēku skaitu – veselu skaitli (0 vai vairāk), nevis '-3': ierakstiet saskaitīto skaitu, piemēram, participants: 12, vai izdzēsiet lauku, ja neviens neskaitīja",
         "content/news/skaits-negativs.lv.md:6: 'participants' is the number of people counted, a whole number (0 or more), not '-3': write the number counted, e.g. participants: 12, or leave the field out when nobody counted"),
        ("content/news/skaits-teksts.lv.md:6: laukā 'participants' raksta saskaitīto cilvēku skaitu – veselu skaitli (0 vai vairāk), nevis 'ap 30': ierakstiet saskaitīto skaitu, piemēram, participants: 12, vai izdzēsiet lauku, ja neviens neskaitīja",
         "content/news/skaits-teksts.lv.md:6: 'participants' is the number of people counted, a whole number (0 or more), not 'ap 30': write the number counted, e.g. participants: 12, or leave the field out when nobody counted"),
    ],
    'bad-language': [
        ("content/stories/vacu.de.md: 'de' nav šīs vietnes valoda: faila nosaukumam jābeidzas ar '.lv.md' vai '.en.md'",
         "content/stories/vacu.de.md: 'de' is not a language of this site: end the file name with '.lv.md' or '.en.md'"),
    ],
    'bad-name': [
        ("content/stories/Jauns Stāsts.lv.md: faila nosaukums neatbilst paraugam 'nosaukums.valoda.md': pārdēvējiet failu par 'jauns-stasts.lv.md' (mazie latīņu burti bez diakritiskajām zīmēm, cipari un defises, tad valoda)",
         "content/stories/Jauns Stāsts.lv.md: the file name does not follow the pattern 'name.lang.md': rename the file to 'jauns-stasts.lv.md' (lower-case Latin letters without diacritics, digits and hyphens, then the language)"),
    ],
    'bad-slug': [
        ("content/pages/par-mums.en.md:4: 'About Us' nevar būt adrese: lietojiet mazos latīņu burtus bez diakritiskajām zīmēm, ciparus un defises, piemēram, slug: about-us",
         "content/pages/par-mums.en.md:4: 'About Us' cannot be an address: use lower-case Latin letters without diacritics, digits and hyphens, e.g. slug: about-us"),
    ],
    'bad-stamp': [
        ("content/pages/zimogs.en.md:4: lauka 'translated_from' vērtība 'yesterday' nav versijas zīmogs: nerakstiet to ar roku; kad tulkojums ir atjaunināts, palaidiet: invoke translations --done content/pages/zimogs.en.md",
         "content/pages/zimogs.en.md:4: 'translated_from' is not a version stamp ('yesterday'): do not write it by hand; when the translation is up to date, run: invoke translations --done content/pages/zimogs.en.md"),
    ],
    'bad-status': [
        ("content/news/statuss.lv.md:5: lauka 'status' vērtība nevar būt 'drafts': ierakstiet 'published' vai 'draft'",
         "content/news/statuss.lv.md:5: 'status' cannot be 'drafts': write 'published' or 'draft'"),
    ],
    'cover-alt': [
        ("content/stories/vaks.lv.md:5: trūkst lauka 'cover_alt': aprakstiet fotogrāfiju vienā teikumā",
         "content/stories/vaks.lv.md:5: 'cover_alt' is missing: describe the photo in one sentence"),
    ],
    'cycle-references': [
        ("content/news/cikla-summa.lv.md:5: trūkst lauka 'cycle': ierakstiet tikšanās cikla gadu, piemēram, cycle: 2022",
         "content/news/cikla-summa.lv.md:5: 'cycle' is missing: write the year of the meeting cycle, e.g. cycle: 2022"),
        ("content/news/cikls-otrais.lv.md:6: laukā 'participants' raksta tikšanās dalībnieku skaitu: pievienojiet 'event_start' (tikšanās datumu) vai 'report_of' (ielūgumu, par kuru ir šis pārskats), vai izdzēsiet šo rindu",
         "content/news/cikls-otrais.lv.md:6: 'participants' is the number of people at a meeting: add 'event_start' (the meeting's date) or 'report_of' (the invitation this item reports on), or remove this line"),
        ("content/news/cikls-pirmais.lv.md:5: 2024. gada tikšanās ciklu noslēdz arī content/news/cikls-otrais.lv.md: cikla kopsummu ierakstiet tikai vienā ziņā",
         "content/news/cikls-pirmais.lv.md:5: the 2024 meeting cycle is also closed by content/news/cikls-otrais.lv.md: record a cycle's total in one news item only"),
        ("content/news/cikls-pirmais.lv.md:7: 'nav-tadas-tiksanas' laukā 'cycle_meeting' nav tikšanās: ierakstiet tās ziņas faila nosaukumu mapē content/news/ bez '.lv.md', kas aicina uz noslēguma tikšanos (tajā ir 'event_start')",
         "content/news/cikls-pirmais.lv.md:7: 'nav-tadas-tiksanas' in 'cycle_meeting' is not a meeting: write the file name, without '.lv.md', of the news item in content/news/ that announces the closing meeting (it has 'event_start')"),
        ("content/news/tiksanas-skaits-parskats.lv.md:7: šīs tikšanās dalībnieku skaits ierakstīts arī failā content/news/tiksanas-skaits.lv.md: ierakstiet to tikai vienreiz – tikšanās ziņā vai pārskatā par to",
         "content/news/tiksanas-skaits-parskats.lv.md:7: the number of participants of this meeting is also written in content/news/tiksanas-skaits.lv.md: write it once, in the meeting's news item or in its report"),
    ],
    'dead-link': [
        ("content/stories/saite.lv.md:7: saite '{filename}/stories/tikai-latviski-.lv.md' ved uz lapu, kuras nav: vai domājāt '{filename}/stories/tikai-latviski.lv.md'?",
         "content/stories/saite.lv.md:7: the link '{filename}/stories/tikai-latviski-.lv.md' leads to a page that does not exist: did you mean '{filename}/stories/tikai-latviski.lv.md'?"),
        ("content/stories/saite.lv.md:9: saite '/jaunumi/nav-tadas-zinas/' ved uz lapu, kuras nav: norādiet saiti uz failu mapē content/, piemēram, {filename}/news/nosaukums.lv.md",
         "content/stories/saite.lv.md:9: the link '/jaunumi/nav-tadas-zinas/' leads to a page that does not exist: link to a file in content/, e.g. {filename}/news/name.lv.md"),
    ],
    'duplicate-field': [
        ("content/pages/divreiz.lv.md:4: lauks 'title' ierakstīts divreiz (arī 2. rindā): atstājiet tikai vienu",
         "content/pages/divreiz.lv.md:4: 'title' is written twice (also on line 2): keep only one"),
    ],
    'duplicate-goal': [
        ("content/goals/apgaismojums.lv.md: mērķa identifikatoru 'apgaismojums' (faila nosaukumu) izmanto arī content/goals/2024/apgaismojums.lv.md: pārdēvējiet vienu no abiem failiem, katram mērķim vajadzīgs savs identifikators",
         "content/goals/apgaismojums.lv.md: the goal id 'apgaismojums' (the file name) is also used by content/goals/2024/apgaismojums.lv.md: rename one of the two files, each goal needs an id of its own"),
    ],
    'duplicate-slug': [
        ("content/news/divas-valodas.en.md:4: adresi /en/news/news-in-two-languages/ izmanto arī content/news/cita-zina.en.md: vienā no abiem failiem ierakstiet citu 'slug'",
         "content/news/divas-valodas.en.md:4: the address /en/news/news-in-two-languages/ is also used by content/news/cita-zina.en.md: give one of the two files another 'slug'"),
    ],
    'empty': [
        ('content/news/tuksa.lv.md: fails ir tukšs: nokopējiet šī satura veida paraugu no faila content/README.md vai izdzēsiet failu',
         'content/news/tuksa.lv.md: the file is empty: copy the example for this kind of content from content/README.md, or delete the file'),
    ],
    'goal-community': [
        ("content/goals/laukums.lv.md:5: 'ciem' laukā 'community' nav kopiena: vai domājāt 'ciems'?",
         "content/goals/laukums.lv.md:5: 'ciem' in 'community' is not a community: did you mean 'ciems'?"),
    ],
    'goal-status-twice': [
        ("content/news/laipa-ieplanota.lv.md:5: mērķim 'laipa' šeit norādīts statuss 'planned', bet failā content/news/laipa-gatava.lv.md tajā pašā datumā – 'done': atstājiet statusu tikai vienā no abiem failiem vai izlabojiet datumu",
         "content/news/laipa-ieplanota.lv.md:5: 'laipa' is given the status 'planned' here and 'done' in content/news/laipa-gatava.lv.md, on the same date: keep the status in one of the two files, or correct a date"),
    ],
    'image-alt': [
        ("content/stories/bez-apraksta.lv.md:9: attēlam '{static}/images/galds.jpg' nav apraksta: aprakstiet fotogrāfiju vienā teikumā kvadrātiekavās, ![...]({static}/images/galds.jpg)",
         "content/stories/bez-apraksta.lv.md:9: the image '{static}/images/galds.jpg' has no description: describe the photo in one sentence between the square brackets, ![...]({static}/images/galds.jpg)"),
    ],
    'image-missing': [
        ("content/stories/bilde.lv.md:9: attēls '{static}/images/sanaksme.jpg' nav atrasts: ielieciet fotogrāfiju mapē content/images/ un rakstiet tās adresi kā {static}/images/foto.jpg (lielajiem un mazajiem burtiem ir nozīme)",
         "content/stories/bilde.lv.md:9: the image '{static}/images/sanaksme.jpg' is not found: put the photo in content/images/ and write its address as {static}/images/photo.jpg (capital letters matter)"),
    ],
    'impossible-date': [
        ("content/news/februaris.lv.md:4: lauka 'date' vērtība '2024-02-30' nav datums: rakstiet to formā GGGG-MM-DD, piemēram, date: 2024-03-05",
         "content/news/februaris.lv.md:4: 'date' is not a date ('2024-02-30'): write it as YYYY-MM-DD, e.g. date: 2024-03-05"),
    ],
    'missing-field': [
        ('content/stories/bez-kopsavilkuma.lv.md:4: trūkst lauka \'summary\': ierakstiet vienu vai divus teikumus par to, kas ir šajā lapā, piemēram, summary: "..."',
         'content/stories/bez-kopsavilkuma.lv.md:4: \'summary\' is missing: write one or two sentences saying what the page is about, e.g. summary: "..."'),
    ],
    'near-miss': [
        ("content/stories/drukas-kluda.lv.md:3: stāstam nav lauka 'sumary': vai domājāt 'summary'?",
         "content/stories/drukas-kluda.lv.md:3: a story has no field 'sumary': did you mean 'summary'?"),
    ],
    'no-end': [
        ("content/pages/bez-beigam.lv.md:1: augšā esošajiem laukiem nav noslēdzošās rindas '---': pievienojiet rindu '---' aiz pēdējā lauka",
         "content/pages/bez-beigam.lv.md:1: the fields at the top have no closing '---' line: add a line '---' after the last field"),
    ],
    'no-original': [
        ('content/stories/tikai-anglu.en.md: nav latviešu oriģināla content/stories/tikai-anglu.lv.md: izveidojiet to vai izlabojiet šī faila nosaukumu',
         "content/stories/tikai-anglu.en.md: there is no Latvian original content/stories/tikai-anglu.lv.md: create it, or correct this file's name"),
    ],
    'no-start': [
        ("content/pages/bez-sakuma.lv.md:1: fails nesākas ar rindu '---': pirmajā rindā ierakstiet '---', tad laukus, tad vēl vienu rindu '---'",
         "content/pages/bez-sakuma.lv.md:1: the file does not start with a '---' line: make the first line '---', then write the fields, then another '---' line"),
    ],
    'not-mapping': [
        ("content/pages/saraksts.lv.md:2: faila augšdaļā jābūt rindām 'nosaukums: vērtība': salīdziniet to ar paraugu failā content/README.md",
         "content/pages/saraksts.lv.md:2: the top of the file must be lines of 'name: value': compare it with the example in content/README.md"),
    ],
    'not-utf8': [
        ("content/stories/kodejums.lv.md:3: fails nav saglabāts kā UTF-8 teksts: atveriet to teksta redaktorā un saglabājiet vēlreiz ar kodējumu 'UTF-8'",
         "content/stories/kodejums.lv.md:3: the file is not saved as UTF-8 text: open it in a text editor and save it again with the encoding 'UTF-8'"),
    ],
    'other-language-link': [
        ("content/stories/valoda.lv.md:7: saite '{filename}/pages/par.en.md' ved uz angļu valodas failu: tā vietā norādiet '{filename}/pages/par.lv.md' (uz tulkojumu ved valodu pārslēgs)",
         "content/stories/valoda.lv.md:7: the link '{filename}/pages/par.en.md' leads to the English file: link to '{filename}/pages/par.lv.md' instead (the language switcher leads to the translation)"),
    ],
    'outside-sections': [
        ('content/zina.lv.md: tekstiem jāatrodas kādā no mapēm content/stories/, content/news/, content/methodology/, content/communities/, content/goals/, content/pages/: pārvietojiet šo failu uz turieni',
         'content/zina.lv.md: texts belong in one of the folders content/stories/, content/news/, content/methodology/, content/communities/, content/goals/, content/pages/: move this file there'),
    ],
    'photo-in-section': [
        ('content/stories/galds.jpg: šī mape ir tikai tekstiem: fotogrāfijas ielieciet mapē content/images/, pielikumus (PDF u. c.) – citā mapē, piemēram, content/faili/',
         'content/stories/galds.jpg: this folder is for texts only: put photos in content/images/ and attachments (PDF...) in another folder, e.g. content/faili/'),
    ],
    'slug-in-original': [
        ("content/pages/adrese.lv.md:4: latviešu lapas adresi nosaka faila nosaukums, nevis 'slug': izdzēsiet šo rindu vai pārdēvējiet failu",
         "content/pages/adrese.lv.md:4: the address of the Latvian page comes from the file name, not from 'slug': remove this line, or rename the file"),
    ],
    'unknown-community': [
        ("content/stories/ciemats.lv.md:5: 'ciem' laukā 'communities' nav kopiena: vai domājāt 'ciems'?",
         "content/stories/ciemats.lv.md:5: 'ciem' in 'communities' is not a community: did you mean 'ciems'?"),
    ],
    'unknown-field': [
        ("content/pages/krasa.lv.md:4: lapai nav lauka 'colour': izdzēsiet to vai skatiet katra satura veida laukus failā content/README.md",
         "content/pages/krasa.lv.md:4: a page has no field 'colour': remove it, or see the fields of each kind of content in content/README.md"),
    ],
    'unknown-goal': [
        ("content/news/merka-statuss.lv.md:5: 'apgaismojums-pietura' laukā 'goal_status' nav neviena mērķa identifikators: vai domājāt 'apgaismojums-pieturas'?",
         "content/news/merka-statuss.lv.md:5: 'apgaismojums-pietura' in 'goal_status' is not the id of any goal: did you mean 'apgaismojums-pieturas'?"),
        ("content/stories/merkis.lv.md:5: 'apgaismojums-pietura' laukā 'goals' nav neviena mērķa identifikators: vai domājāt 'apgaismojums-pieturas'?",
         "content/stories/merkis.lv.md:5: 'apgaismojums-pietura' in 'goals' is not the id of any goal: did you mean 'apgaismojums-pieturas'?"),
    ],
    'unpublished-link': [
        ("content/stories/publicets.lv.md:7: saite '{filename}/stories/melnraksts.lv.md' ved uz lapu, kas vēl nav publicēta: vispirms publicējiet to vai izņemiet saiti",
         "content/stories/publicets.lv.md:7: the link '{filename}/stories/melnraksts.lv.md' leads to a page that is not published yet: publish that page first, or remove the link"),
    ],
    'wrong-type': [
        ("content/news/veids.lv.md:5: lauka 'type' vērtība nevar būt 'meeting': ierakstiet 'news', 'invitation' vai 'report'",
         "content/news/veids.lv.md:5: 'type' cannot be 'meeting': write 'news', 'invitation' or 'report'"),
    ],
    'yaml-bracket': [
        ("content/stories/iekavas.lv.md:5: šajā rindā ar '[' atvērtais saraksts nav aizvērts: noslēdziet to ar ']', piemēram, [baldone, kekava]",
         "content/stories/iekavas.lv.md:5: a list opened with '[' on this line is not closed: end it with ']', e.g. [baldone, kekava]"),
    ],
    'yaml-colon': [
        ('content/news/kolons.lv.md:2: šo rindu nevar nolasīt: ja vērtībā ir \': \', ielieciet visu vērtību taisnajās pēdiņās, piemēram, title: "Tikšanās: 5. marts"; katram laukam jāsākas rindas sākumā',
         'content/news/kolons.lv.md:2: this line cannot be read: if the value contains \': \', put the whole value in straight double quotes, e.g. title: "Meeting: 5 March"; each field starts at the beginning of its line'),
    ],
    'yaml-quote': [
        ('content/news/pedinas.lv.md:2: šajā rindā atvērtās pēdiņas nav aizvērtas: noslēdziet vērtību ar tādām pašām pēdiņām',
         'content/news/pedinas.lv.md:2: a quotation mark opened on this line is not closed: end the value with the same mark'),
    ],
    'yaml-tab': [
        ('content/news/tabulacija.lv.md:6: šajā rindā ir tabulācijas rakstzīme: tās vietā lietojiet atstarpes',
         'content/news/tabulacija.lv.md:6: this line has a tab character: use spaces instead'),
    ],
}


# The last line of a check, written out (never made by the render() under test).
CHECK_SUMMARY = {
    ("lv", 1): "Atrasta 1 kļūda satura failos: izlabojiet to pirms publicēšanas.",
    ("en", 1): "1 problem found in content: fix it before publishing.",
    ("lv", 2): "Atrastas 2 kļūdas satura failos: izlabojiet tās pirms publicēšanas.",
    ("en", 2): "2 problems found in content: fix them before publishing.",
    ("lv", 5): "Atrastas 5 kļūdas satura failos: izlabojiet tās pirms publicēšanas.",
    ("en", 5): "5 problems found in content: fix them before publishing.",
}


def make_project(root, *cases):
    """A project whose content/ is the fixture site plus the files of the given cases."""
    return projects.make_project(root, *(BAD / case for case in cases))


def check(project, lang, capsys):
    status = site_build(["--settings", str(project / "pelicanconf.py"), "--check",
                         "--set", f"CONTENT_MESSAGES_LANG={lang}"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err.splitlines()


def test_every_case_has_a_fixture_and_every_fixture_a_case():
    assert sorted(CASES) == sorted(os.listdir(BAD))


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_gets_its_exact_message(case, lang, tmp_path, capsys):
    project = make_project(tmp_path / "project", case)
    expected = [lv if lang == "lv" else en for lv, en in CASES[case]]
    summary = CHECK_SUMMARY[lang, len(expected)]

    status, out, err = check(project, lang, capsys)

    assert (status, out, err) == (1, "", expected + [summary])


def test_the_fixture_site_alone_passes(tmp_path, capsys):
    status, out, err = check(make_project(tmp_path / "project"), "lv", capsys)
    assert (status, out, err) == (0, "Pārbaudīti 11 faili; kļūdu nav.\n", [])


@pytest.mark.parametrize(
    ("n", "lv", "en"),
    [
        (1, "Atrasta 1 kļūda satura failos; nekas netika publicēts.",
         "1 problem found in content; nothing was published."),
        (2, "Atrastas 2 kļūdas satura failos; nekas netika publicēts.",
         "2 problems found in content; nothing was published."),
        (9, "Atrastas 9 kļūdas satura failos; nekas netika publicēts.",
         "9 problems found in content; nothing was published."),
        (11, "Atrastas 11 kļūdas satura failos; nekas netika publicēts.",
         "11 problems found in content; nothing was published."),
        (21, "Atrasta 21 kļūda satura failos; nekas netika publicēts.",
         "21 problems found in content; nothing was published."),
        (111, "Atrastas 111 kļūdas satura failos; nekas netika publicēts.",
         "111 problems found in content; nothing was published."),
    ],
)
def test_the_summary_line_counts_in_both_languages(n, lv, en):
    text = Text("summary_strict", {"n": n})
    assert (render(text, "lv"), render(text, "en")) == (lv, en)
    assert plural_form(n, "lv") == ("one" if lv.startswith("Atrasta ") else "other")


def placeholders(template):
    import string  # noqa: PLC0415

    forms = template.values() if isinstance(template, dict) else [template]
    return {name for form in forms for _t, name, _s, _c in string.Formatter().parse(form) if name}


def test_every_message_says_the_same_in_both_languages():
    for code, entry in MESSAGES.items():
        assert set(entry) == {"lv", "en"}, code
        assert placeholders(entry["lv"]) == placeholders(entry["en"]), code


def forms(lang):
    """(code, text) of every message in one language, each plural form apart."""
    found = []
    for code, entry in MESSAGES.items():
        template = entry[lang]
        found += [(code, form) for form in (template.values() if isinstance(template, dict) else [template])]
    return found


def test_messages_ask_for_straight_quotes_that_yaml_takes():
    """A Latvian keyboard types „…”, which YAML does not take as quotes: the messages say which ones."""
    lv = [(code, text) for code, text in forms("lv") if "pēdiņās" in text]
    en = [(code, text) for code, text in forms("en") if "double quotes" in text]
    assert sorted(code for code, _text in lv) == ["not_text", "yaml_alias", "yaml_colon", "yaml_other", "yaml_special"]
    assert [code for code, text in lv if "taisnajās pēdiņās" not in text] == []
    assert sorted(code for code, _text in en) == ["not_text", "yaml_alias", "yaml_colon", "yaml_other", "yaml_special"]
    assert [code for code, text in en if "straight double quotes" not in text] == []


def test_messages_name_the_writers_guide_as_a_file():
    lv = [(code, text) for code, text in forms("lv") if "content/README.md" in text]
    assert len(lv) == 8
    assert [code for code, text in lv if not re.search(r"\bfail[aā] content/README\.md", text)] == []


def test_messages_ask_for_letters_without_diacritics():
    lv = [text for _code, text in forms("lv") if "latīņu burt" in text]
    en = [text for _code, text in forms("en") if "Latin letters" in text]
    assert len(lv) == len(en) == 3
    assert all("bez diakritiskajām zīmēm" in text for text in lv)
    assert all("lower-case Latin letters without diacritics" in text for text in en)
    assert [text for _code, text in forms("lv") if "garumzīm" in text] == []


def run(project, *arguments):
    return subprocess.run(
        [sys.executable, "-m", "sitebuilder", "--settings", str(project / "pelicanconf.py"), *arguments],
        env=dict(os.environ, PYTHONPATH=PYTHONPATH), capture_output=True, text=True, check=False,
    )


@pytest.fixture(scope="module")
def every_mistake(tmp_path_factory):
    """A project with every case of the corpus at once, and its expected lines (Latvian)."""
    project = make_project(tmp_path_factory.mktemp("every") / "project", *sorted(CASES))
    return project, [lv for lines in CASES.values() for lv, _en in lines]


def test_the_command_line_check_lists_every_mistake_without_a_traceback(every_mistake):
    project, expected = every_mistake
    result = run(project, "--check")
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert sorted(lines[:-1]) == sorted(expected)
    assert lines[-1] == f"Atrastas {len(expected)} kļūdas satura failos: izlabojiet tās pirms publicēšanas."


def test_a_normal_build_warns_builds_the_rest_and_a_strict_one_changes_nothing(every_mistake):
    project, expected = every_mistake
    content_before = tree_digest(project / "content")

    normal = run(project)

    assert normal.returncode == 0, normal.stderr
    lines = normal.stderr.splitlines()
    assert sorted(lines[:-1]) == sorted(expected)  # only the friendly messages: no Pelican error
    assert lines[-1] == f"Atrastas {len(expected)} kļūdas satura failos: izlabojiet tās pirms publicēšanas."
    assert "Traceback" not in normal.stderr + normal.stdout
    output = project / "output"
    assert (output / "stasti" / "tikai-latviski" / "index.html").is_file()  # the rest is built
    assert (output / "stasti" / "ciemats" / "index.html").is_file()  # a warning leaves it in
    assert not (output / "jaunumi" / "datums").exists()  # a bad date leaves it out
    assert not (output / "jaunumi" / "statuss").exists()  # "drafts" is not published either
    site_before = tree_digest(output)

    strict = run(project, "--strict")

    assert strict.returncode == 1
    lines = strict.stderr.splitlines()
    assert sorted(lines[:-1]) == sorted(expected)
    assert lines[-1] == f"Atrastas {len(expected)} kļūdas satura failos; nekas netika publicēts."
    assert "Traceback" not in strict.stderr + strict.stdout
    assert tree_digest(output) == site_before
    assert tree_digest(project / "content") == content_before
    assert half_built(project) == []


def test_the_real_content_passes_the_check_strictly(capsys):
    before = tree_digest(ROOT / "content")
    status = site_build(["--settings", str(ROOT / "publishconf.py"), "--check"])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert out.startswith("Pārbaudīti ") and out.endswith(" faili; kļūdu nav.\n")
    assert tree_digest(ROOT / "content") == before


def test_content_readme_documents_every_field_of_every_kind_in_both_languages():
    from site_content.schema import GOAL_KINDS, GOAL_STATUSES, SCHEMA  # noqa: PLC0415

    text = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    latvian, _, english = text.partition("\n# In English\n")
    for part in (latvian, english):
        for kind, fields in SCHEMA.items():
            for name in fields:
                assert f"`{name}`" in part, (kind, name)
        for value in GOAL_KINDS + GOAL_STATUSES:
            assert f"`{value}`" in part, value
        for kind in SCHEMA:
            assert f"(`{kind}`)" in part, kind


@pytest.mark.parametrize("value", [True, False])
def test_a_flag_is_true_or_false(value):
    from site_content.checks import as_flag  # noqa: PLC0415

    assert as_flag("coordinates_uncertain", value, None) is value


def test_a_flag_that_is_not_true_or_false_is_named():
    from site_content.checks import Bad, as_flag  # noqa: PLC0415

    with pytest.raises(Bad) as refused:
        as_flag("coordinates_uncertain", "jā", None)
    assert (render(refused.value.text, "lv"), render(refused.value.text, "en")) == (
        "lauka 'coordinates_uncertain' vērtībai jābūt true vai false, nevis 'jā': piemēram, coordinates_uncertain: true",
        "'coordinates_uncertain' is either true or false, not 'jā': e.g. coordinates_uncertain: true",
    )
