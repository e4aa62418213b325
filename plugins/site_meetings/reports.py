"""Reports on meetings: a news item names the invitation it reports on in `report_of`.

Read through the content index, so that a page links the report in its own
language, or in the original's when the report is not translated.
"""

from site_content.model import language_root


def reports_by_invitation(index):
    """{(folder, invitation key): {lang: Document}} of the published reports naming it."""
    found = {}
    for document in index.documents.values():
        meta = index.metadata(document)
        target = meta.get("report_of")
        if target and str(meta.get("status") or "published") == "published":
            found.setdefault((document.section, str(target)), {}).setdefault(document.lang, document)
    return found


def link_in(index, group, lang, site_root):
    """{"title", "href", "lang"} of a document of `group` ({lang: Document}) in `lang`,
    else in the default language; None when neither exists."""
    document = group.get(lang) or group.get(index.default_lang)
    if document is None:
        return None
    return {
        "title": str(index.metadata(document).get("title") or document.key),
        "href": f"{site_root}{language_root(index.languages, document.lang)}{document.url}",
        "lang": document.lang,
    }


def report_of_problems(index, document, meta):
    """[(field, message)] when `report_of` does not name a meeting of the same folder."""
    target = meta.get("report_of")
    if not target:
        return []
    group = index.groups.get((document.section, str(target)), {})
    original = group.get(index.default_lang) or next(iter(group.values()), None)
    if original is None:
        return [("report_of", f"names '{target}', but {document.section}/ has no such file: "
                 "write the invitation's file name without the language and '.md'")]
    if not index.metadata(original).get("event_start"):
        return [("report_of", f"names '{target}', which has no 'event_start': "
                 "name the news item that invites to the meeting")]
    return []
