"""The web editor's configuration (Sveltia CMS `config.yml`), made from the content schema.

Nothing here is a second schema: the collections are the kinds of
`site_content.schema` that organisers write (stories, news, chapters), the
fields are that schema's fields in its order, with its required flags and
allowed values, and the communities and goals to choose from are the files
of `content/communities/` and `content/goals/`. What this module adds is how a field looks in the
editor: its widget, its label and hint in the organisers' language.

Shared fields (`shared=True`) are written once, in the default language's
file, as the Markdown route does (`i18n: false`); the others are translated
(`i18n: true`). Fields only a translation may have (`slug`,
`translated_from`) are not offered: the English file then has the Latvian
file's key as its address, and staff mark a translation up to date with
`invoke translations --done` when they publish it.

`invoke editor-config` writes the result to the editor's folder; a test fails
while the committed file differs from what this module makes.
"""

import yaml

from site_content.schema import GOAL_STATUSES, REFERENCES, SCHEMA

# The kinds the editor offers, in its menu's order (their folders come from SECTIONS).
KINDS = ("story", "news", "chapter")
# Fields the editor leaves out, and why (a test holds every other schema field to be offered).
LEFT_OUT = {
    "slug": "a translation's own address: staff may add it when they publish",
    "translated_from": "written by `invoke translations --done`, never by hand",
}
HEADER = (
    "# Made by `invoke editor-config` from plugins/site_content/schema.py and the files of\n"
    "# content/communities/ and content/goals/: do not edit by hand, run the task again.\n"
)

# Labels and hints, in the organisers' language (content/README.md says the same).
LABELS = {
    "title": ("Virsraksts", ""),
    "summary": ("Kopsavilkums", "Viens vai divi teikumi par lapu; tie redzami sarakstos un meklētājos."),
    "status": ("Statuss", "Melnraksts (draft) netiek publicēts. Tukšs: publicēts, kad darbinieki to apstiprina."),
    "date": ("Datums", "Stāsta vai ziņas datums."),
    "date_precision": ("Datuma precizitāte", "Cik precīzi datums zināms: diena (day, noklusējums), mēnesis (month) vai gads (year)."),
    "communities": ("Kopienas", "Kopienas, par kurām tas ir."),
    "goals": ("Mērķi", "Mērķi (mapē goals/), par kuriem tas ir."),
    "goal_status": ("Mērķu jaunais statuss", "Mērķis un tā statuss no šī datuma: " + ", ".join(GOAL_STATUSES) + "."),
    "themes": ("Tēmas", "Piemēram, līdzdalība, koprade; katrā valodā savas."),
    "author": ("Autors", ""),
    "cover": ("Vāka fotogrāfija", "Fotogrāfija no tālruņa vai fotoaparāta; vietne to samazina un izdzēš tajā ierakstīto."),
    "cover_alt": ("Fotogrāfijas apraksts", "Obligāts, ja ir vāka fotogrāfija: kas tajā redzams, vienā teikumā, katrā valodā."),
    "type": ("Veids", "Ziņa (news, noklusējums), ielūgums (invitation) vai pārskats (report)."),
    "event_start": ("Tikšanās sākums", "Latvijas laiks."),
    "event_end": ("Tikšanās beigas", "Latvijas laiks."),
    "place": ("Vieta", "Vietas nosaukums."),
    "address": ("Adrese", ""),
    "registration": ("Pieteikšanās adrese", "Adrese, kas sākas ar https://"),
    "event_status": ("Tikšanās statuss", "scheduled (noklusējums), cancelled – atcelta, postponed – atlikta, rescheduled – pārcelta."),
    "report_of": ("Pārskats par ielūgumu", "Pārskatam: ielūguma faila nosaukums bez .lv.md."),
    "participants": ("Dalībnieku skaits", "Tikšanās vai pārskatam: cik cilvēku piedalījās, saskaitīts, nevis aplēsts. Ja neviens neskaitīja, atstājiet tukšu."),
    "cycle": ("Noslēgtais cikls", "Ziņai, kas noslēdz tikšanās ciklu: cikla gads, piemēram, 2022."),
    "cycle_participants": ("Cikla dalībnieku kopskaits", "Cik cilvēku kopā piedalījās visā ciklā, ja tas saskaitīts. Tikai kopā ar cikla gadu."),
    "cycle_meeting": ("Cikla noslēguma tikšanās", "Tās ziņas faila nosaukums bez .lv.md, kas aicina uz cikla noslēguma tikšanos."),
    "guide": ("Rokasgrāmata", "methodology – metodoloģija, guidelines – vadlīnijas."),
    "chapter": ("Nodaļas numurs", "1, 2, 3…"),
    "body": ("Teksts", ""),
}
COLLECTION_LABELS = {"story": ("Stāsti", "Stāsts"), "news": ("Ziņas un tikšanās", "Ziņa"),
                     "chapter": ("Metodoloģijas nodaļas", "Nodaļa")}
ID_PATTERN = ["^[a-z0-9]+(-[a-z0-9]+)*$", "Tikai mazie latīņu burti bez diakritiskajām zīmēm, cipari un defises."]
URL_PATTERN = ["^https?://\\S+$", "Adrese, kas sākas ar https://"]


def _widget(name, spec, choices):
    """The widget options of one schema field."""
    kind = spec.type
    if kind == "text":
        return {"widget": "text" if name == "summary" else "string"}
    if kind == "texts":
        return {"widget": "list"}
    if kind == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False}
    if kind == "datetime":
        return {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "picker_utc": False}
    if kind == "choice":
        return {"widget": "select", "options": list(spec.choices)}
    if kind == "int":
        return {"widget": "number", "value_type": "int", "min": spec.minimum or 0}
    if kind == "count":
        return {"widget": "number", "value_type": "int", "min": 0}
    if kind == "id":
        return {"widget": "string", "pattern": ID_PATTERN}
    if kind == "ids":
        options = choices.get(name)
        if options:
            return {"widget": "select", "multiple": True, "options": options}
        return {"widget": "list"}
    if kind == "url":
        return {"widget": "string", "pattern": URL_PATTERN}
    if kind == "choices":
        return {"widget": "select", "multiple": True, "options": list(spec.choices)}
    if kind == "goal_status":  # {goal id: status}
        return {"widget": "keyvalue", "key_label": "Mērķis (goal)", "value_label": "Statuss (status)"}
    if kind == "image":
        return {"widget": "image", "choose_url": False}
    if kind == "flag":
        return {"widget": "boolean"}
    raise ValueError(f"the editor has no widget for the schema type '{kind}' of '{name}'")


def fields(kind, choices):
    """The editor's fields of one kind: every schema field but LEFT_OUT, then the body."""
    result = []
    for name, spec in SCHEMA[kind].items():
        if name in LEFT_OUT or (spec.type == "ids" and name in choices and not choices[name]):
            continue  # (no such files yet: nothing to choose from)
        label, hint = LABELS[name]
        field = {"name": name, "label": f"{label} ({name})", **_widget(name, spec, choices)}
        field["required"] = spec.required
        field["i18n"] = not spec.shared
        if hint:
            field["hint"] = hint
        result.append(field)
    label, _hint = LABELS["body"]
    result.append({"name": "body", "label": label, "widget": "markdown", "required": False, "i18n": True})
    return result


def choices_from(index):
    """{field: allowed ids} from the content: the keys of the files each field refers to."""
    keys = {}
    for document in index.files.values():
        keys.setdefault(document.kind, set()).add(document.key)
    return {field: sorted(keys.get(kind, ())) for field, kind in REFERENCES.items()
            if field in ("communities", "goals")}


def editor_config(settings, choices):
    """The whole configuration, as a dict in the order it is written."""
    editor = settings["EDITOR"]
    languages = list(settings["LANGUAGES"])
    content = settings["PATH"].rstrip("/").rsplit("/", 1)[-1]
    collections = []
    for kind in KINDS:
        folder = next(name for name, conf in settings["SECTIONS"].items() if conf["kind"] == kind)
        label, singular = COLLECTION_LABELS[kind]
        collections.append({
            "name": folder,
            "label": label,
            "label_singular": singular,
            "folder": f"{content}/{folder}",
            "extension": "md",
            "format": "yaml-frontmatter",
            "create": True,
            "slug": "{{title}}",
            "i18n": True,
            "summary": "{{title}}",
            "fields": fields(kind, choices),
        })
    backend = {key: value for key, value in editor["backend"].items() if value not in ("", None)}
    if "app_id" not in backend:  # no OAuth application yet: staff sign in with an access token
        backend.pop("auth_type", None)
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": f"{content}/images",
        "public_folder": "/images",
        # The address of a file is its key: lower-case Latin letters without diacritics (ķ -> k).
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {
            "structure": "multiple_files",
            "locales": languages,
            "default_locale": settings["DEFAULT_LANG"],
            # Every language starts switched on; an organiser may switch a
            # translation off (the editor's menu), and then no file is written for it.
            "initial_locales": "all",
        },
        # An empty optional field is left out of the file, as organisers write them.
        "output": {"omit_empty_optional_fields": True},
        "collections": collections,
    }


class _Dumper(yaml.SafeDumper):
    """Plain YAML: a list used twice is written twice, never as an &anchor."""

    def ignore_aliases(self, data):
        return True


def render(config):
    """The YAML text of the configuration, with the header that says where it comes from."""
    return HEADER + yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
