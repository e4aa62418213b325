"""The web editor at /admin/ (Sveltia CMS): its configuration against the content
schema, the vendored bundle, its place in the built site, its own policy, and a
bilingual story written through its interface in Chromium."""

import json
import shutil
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site
from sitecheck import parse
from site_content.schema import SCHEMA
from sitebuilder.editor.__main__ import config_text
from sitebuilder.editor.config import KINDS, LEFT_OUT, fields
from sitebuilder.editor.vendor import verify, vendor
from tools import AXE, request, require

EDITOR = ROOT / "editor"
CONFIG = yaml.safe_load((EDITOR / "config.yml").read_text(encoding="utf-8"))
FOLDERS = {"story": "stories", "news": "news", "chapter": "methodology"}
ARTEFACTS = ROOT / "test-artefacts" / "editor"



def collection(kind):
    return next(c for c in CONFIG["collections"] if c["folder"] == f"content/{FOLDERS[kind]}")


def test_the_committed_configuration_is_up_to_date():
    made, _settings = config_text(str(ROOT / "pelicanconf.py"))
    committed = (EDITOR / "config.yml").read_text(encoding="utf-8")
    assert committed == made, "editor/config.yml is out of date: run `invoke editor-config` and commit it"


@pytest.mark.parametrize("kind", KINDS)
def test_each_collection_has_the_schema_fields_flags_and_values(kind):
    offered = {field["name"]: field for field in collection(kind)["fields"]}
    expected = [name for name in SCHEMA[kind] if name not in LEFT_OUT]
    assert list(offered) == expected + ["body"]
    for name in expected:
        spec, field = SCHEMA[kind][name], offered[name]
        assert field["required"] is spec.required, name
        assert field["i18n"] is (not spec.shared), name  # shared: only in the Latvian file
        if spec.type in ("choice", "choices"):
            assert field["options"] == list(spec.choices), name


@pytest.mark.parametrize(("name", "folder"), [("communities", "communities"), ("goals", "goals")])
def test_communities_and_goals_to_choose_from_are_their_files(name, folder):
    keys = sorted(path.name.removesuffix(".lv.md") for path in (ROOT / "content" / folder).glob("*.lv.md"))
    assert keys
    for kind in ("story", "news"):
        field = next(f for f in collection(kind)["fields"] if f["name"] == name)
        assert field["options"] == keys and field["multiple"] is True


def test_a_reference_with_no_files_to_choose_from_is_not_offered():
    assert "goals" not in {f["name"] for f in fields("story", {"communities": ["baldone"], "goals": []})}


def test_files_are_bilingual_markdown_with_ascii_addresses_through_merge_requests():
    assert CONFIG["i18n"] == {"structure": "multiple_files", "locales": ["lv", "en"], "default_locale": "lv",
                              "initial_locales": "all"}
    assert CONFIG["publish_mode"] == "editorial_workflow"
    assert CONFIG["slug"]["encoding"] == "ascii" and CONFIG["slug"]["clean_accents"] is True
    assert CONFIG["output"]["omit_empty_optional_fields"] is True
    assert all(c["format"] == "yaml-frontmatter" and c["extension"] == "md" for c in CONFIG["collections"])


def test_the_vendored_bundle_matches_its_manifest_and_the_pinned_packages(tmp_path):
    assert verify(EDITOR / "vendor") == []
    manifest = json.loads((EDITOR / "vendor" / "manifest.json").read_text(encoding="utf-8"))
    pins = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    assert all(pins[package] == version for package, version in manifest["packages"].items())
    script = (EDITOR / "vendor" / "sveltia-cms.js").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in script
    require(ROOT / "node_modules" / "@sveltia" / "cms", "run `npm ci` (make test does)")
    again = vendor(str(ROOT / "node_modules"), str(tmp_path / "vendor"))
    assert again == manifest, "editor/vendor/ differs from the pinned packages: run `invoke editor-vendor`"


def test_a_changed_vendored_file_is_named(tmp_path):
    copy = tmp_path / "vendor"
    shutil.copytree(EDITOR / "vendor", copy)
    with open(copy / "sveltia-cms.js", "a", encoding="utf-8") as f:
        f.write("\n")
    (copy / "extra.js").write_text("", encoding="utf-8")
    assert verify(copy) == ["extra.js: not in manifest.json", "sveltia-cms.js: changed since it was vendored"]


def test_the_built_site_holds_the_editor_outside_the_public_pages(site):
    admin = site.output / "admin"
    assert (admin / "config.yml").read_bytes() == (EDITOR / "config.yml").read_bytes()
    assert (admin / "vendor" / "sveltia-cms.js").is_file() and not (admin / "vendor" / "manifest.json").exists()
    soup = parse(site.output, "admin/index.html")
    assert soup.html["lang"] == "lv"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert [s["src"] for s in soup.find_all("script")] == ["page.js", "vendor/sveltia-cms.js"]
    assert (admin / "page.js").is_file()
    assert soup.find(attrs={"data-pagefind-body": True}) is None  # so Pagefind leaves it out
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/admin/" not in sitemap
    assert "Disallow: /admin/" in (site.output / "robots.txt").read_text(encoding="utf-8").splitlines()


def _policy(header):
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


API = {"gitlab": "https://gitlab.com", "github": "https://api.github.com"}


def assert_editor_policy(headers, public):
    admin = _policy(headers["Content-Security-Policy"])
    assert admin["script-src"] == ["'self'"]  # no 'unsafe-eval', no 'unsafe-inline' scripts
    assert admin["font-src"] == ["'self'"] and admin["default-src"] == ["'self'"]
    backend = CONFIG["backend"]
    api = backend.get("base_url") or API[backend["name"]]
    assert [s for s in admin["connect-src"] if s.startswith("https:")] == [api]
    assert admin["frame-ancestors"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin-allow-popups"  # the git host's login popup
    assert headers["X-Robots-Tag"] == "noindex, nofollow"
    assert _policy(public)["script-src"] == ["'self'", "'wasm-unsafe-eval'"]  # the site's own stays strict
    assert "'unsafe-inline'" not in public


def test_nginx_gives_the_editor_its_own_policy(served_site):
    _status, public, _body = request(served_site.site_url + "/")
    for path in ("/admin/", "/admin/config.yml", "/admin/vendor/sveltia-cms.js"):
        status, headers, _body = request(served_site.site_url + path)
        assert status == 200, path
        assert_editor_policy(headers, public["Content-Security-Policy"])


# --- In Chromium, served by nginx with the project's configuration ----------

# The editor's local mode works on a folder the browser is given
# (showDirectoryPicker, which a test cannot click through): the test gives it
# the origin-private file system, filled with a copy of content/ and a .git folder.
PICKER = "window.showDirectoryPicker = async () => navigator.storage.getDirectory();"
VIOLATIONS = ("window.__violations = [];"
              "document.addEventListener('securitypolicyviolation',"
              " e => window.__violations.push([e.effectiveDirective, e.blockedURI]));")
SEED = """async (files) => {
  const root = await navigator.storage.getDirectory();
  await root.getDirectoryHandle('.git', {create: true});
  for (const [path, text] of Object.entries(files)) {
    let dir = root; const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text); await writable.close();
  }
}"""
READ = """async () => {
  const files = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else files[prefix + name] = await (await handle.getFile()).text();
    }
  }
  await walk(await navigator.storage.getDirectory(), '');
  return files;
}"""
# What the editor tries and its policy refuses: its own update check and the
# git host's status page. Nothing else may be asked of another host.
REFUSED = ("https://unpkg.com/@sveltia/cms/package.json", "https://status-api.hostedstatus.com/")


def content_files():
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
            for p in (ROOT / "content").rglob("*.md") if p.name != "README.md"}


@pytest.fixture
def editor(browser, served_site):
    """The editor's page at /admin/ in local mode, and what it asked for."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PICKER + VIOLATIONS)
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served_site.site_url + "/admin/")
    page.evaluate(SEED, content_files())
    page.get_by_role("button", name="Work with Local Repository").click()
    page.get_by_role("button", name="New").wait_for()
    yield page, requests
    context.close()


def test_the_editor_loads_only_from_our_host(editor, served_site):
    page, requests = editor
    # The interface is drawn once its icon font has loaded: by then it has asked for all it needs.
    page.wait_for_function(
        "() => [...document.fonts].some(font => font.family.includes('Material Symbols') && font.status === 'loaded')"
    )
    # blob: and data: addresses are made in the page itself; a blob: names its origin
    asked = [url.removeprefix("blob:") for url in requests if not url.startswith("data:")]
    assert asked and all(url.startswith(served_site.site_url + "/") for url in asked), requests
    loaded = {url.removeprefix(served_site.site_url) for url in requests}
    assert "/admin/vendor/sveltia-cms.js" in loaded
    assert "/admin/vendor/fonts/material-symbols-outlined-latin-wght-normal.woff2" in loaded
    refused = page.evaluate("window.__violations")
    assert all(directive == "connect-src" and (uri.startswith(REFUSED) or uri == "data")
               for directive, uri in refused), refused
    assert not [v for v in refused if v[0] in ("script-src", "script-src-elem", "style-src-elem", "font-src")]


def fill_side(page, lang, title, summary, body):
    if lang != "lv":  # the Latvian side is the one shown first
        page.get_by_role("radio", name="English").first.click()
    page.get_by_role("textbox", name="Virsraksts (title)").fill(title)
    page.get_by_role("textbox", name="Kopsavilkums (summary)").fill(summary)
    page.mouse.move(300, 500)
    page.mouse.wheel(0, 8000)  # the text field is drawn when it comes into view
    text = page.locator("[contenteditable=true]").first
    text.click()
    page.keyboard.type(body)


def new_story(page, lv, en=None):
    """Write a story through the editor's interface; returns the files it saved."""
    page.get_by_role("button", name="New").click()
    page.get_by_role("textbox", name="Virsraksts (title)").wait_for()
    fill_side(page, "lv", *lv)
    page.locator("input[type=date]").first.fill("2024-03-05")
    if en:
        fill_side(page, "en", *en)
    page.get_by_role("button", name="Save").click()
    if not en:
        # The English side is left blank: its required fields stop the save, and nothing is written ...
        page.get_by_text("Please correct them to save the entry").wait_for()
        assert written(page) == {}
        # ... until the organiser switches English off for this story.
        page.get_by_role("radio", name="English").first.click()
        page.get_by_role("button", name="Show \u2068English\u2069 Content Options").click()
        page.get_by_role("menuitem", name="Disable \u2068English\u2069").click()
        page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="New").or_(page.get_by_text("Entry saved")).first.wait_for()
    return saved_files(page, 2 if en else 1)


def saved_files(page, count, seconds=15):
    """What the editor wrote, once it has written `count` files (it writes them after saying "saved")."""
    deadline = time.monotonic() + seconds
    while len(files := written(page)) < count:
        assert time.monotonic() < deadline, f"the editor wrote {sorted(files)}, not {count} files"
        page.wait_for_timeout(100)  # one poll of the folder, not a guess at how long writing takes
    return files


def written(page):
    """The files of content/ the editor has added or changed."""
    before = content_files()
    return {path: text for path, text in page.evaluate(READ).items()
            if path.startswith("content/") and before.get(path) != text}


def strict_build_with(tmp_path, files):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for path, text in files.items():
        (tmp_path / path).write_text(text, encoding="utf-8")
    output = tmp_path / "output"
    result = build_site(output, PATH=str(content))
    assert result.ok and result.problems == 0, result
    return output


def keep(files, name):
    """Keep what the editor wrote, for people to read (test-artefacts/editor/)."""
    folder = ARTEFACTS / name
    shutil.rmtree(folder, ignore_errors=True)
    for path, text in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")


def test_a_bilingual_story_written_in_the_editor_is_published_in_both_languages(editor, tmp_path):
    page, _requests = editor
    files = new_story(
        page,
        ("Ķekavas kopienu talka pie Daugavas", "Kopiena sakopa krastu.", "Latviešu teksts: ā č ē ģ ī ķ ļ ņ š ū ž."),
        ("Community clean-up by the Daugava", "The community tidied the bank.", "The English text."),
    )
    keep(files, "bilingual")
    key = "content/stories/kekavas-kopienu-talka-pie-daugavas"
    assert sorted(files) == [f"{key}.en.md", f"{key}.lv.md"]
    lv = yaml.safe_load(files[f"{key}.lv.md"].split("---")[1])
    en = yaml.safe_load(files[f"{key}.en.md"].split("---")[1])
    assert str(lv["date"]) == "2024-03-05"
    assert "date" not in en  # shared: inherited from the Latvian file
    output = strict_build_with(tmp_path, files)
    lv_page = parse(output, "stasti/kekavas-kopienu-talka-pie-daugavas/index.html")
    en_page = parse(output, "en/stories/kekavas-kopienu-talka-pie-daugavas/index.html")
    assert lv_page.h1.get_text(strip=True) == "Ķekavas kopienu talka pie Daugavas"
    assert "ā č ē ģ ī ķ ļ ņ š ū ž" in lv_page.main.get_text()
    assert en_page.h1.get_text(strip=True) == "Community clean-up by the Daugava"
    assert en_page.html["lang"] == "en"


def test_an_english_side_left_blank_writes_no_english_file(editor, tmp_path):
    page, _requests = editor
    files = new_story(page, ("Talka Daugmalē", "Kopiena sakopa parku.", "Tikai latviski."))
    keep(files, "english-left-blank")
    assert sorted(files) == ["content/stories/talka-daugmale.lv.md"]
    output = strict_build_with(tmp_path, files)
    assert parse(output, "stasti/talka-daugmale/index.html").h1.get_text(strip=True) == "Talka Daugmalē"
    assert not (output / "en" / "stories" / "talka-daugmale").exists()


def test_a_change_to_the_editor_alone_is_built(tmp_path):
    from test_incremental import site_build  # noqa: PLC0415
    from test_build import copy_project  # noqa: PLC0415

    project = copy_project(tmp_path)
    site_build(project)
    page = project / "editor" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Satura redaktors", "Redaktors"), encoding="utf-8")
    result = site_build(project)
    assert not result.stdout.startswith("Nothing changed")
    assert "<title>Redaktors" in (project / "output" / "admin" / "index.html").read_text(encoding="utf-8")


EDITOR_RULES = ["meta-viewport", "meta-viewport-large", "region"]


def editor_findings(page):
    """axe-core's zoom and landmark findings on the editor's page, and its viewport."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']})",
        EDITOR_RULES,
    )
    viewports = page.evaluate("[...document.querySelectorAll('meta[name=viewport]')].map(m => m.content)")
    return [v["id"] for v in result["violations"]], viewports


def test_the_editor_can_be_zoomed_and_its_content_is_in_a_landmark(editor):
    page, _requests = editor
    found, viewports = editor_findings(page)
    assert found == []
    assert viewports and not [v for v in viewports if "maximum-scale" in v or "user-scalable" in v], viewports


def test_the_sign_in_screen_can_be_zoomed_and_is_in_a_landmark(browser, served_site):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    try:
        page.goto(served_site.site_url + "/admin/")
        page.get_by_role("button", name="Work with Local Repository").wait_for()
        found, viewports = editor_findings(page)
        assert found == []
        assert "maximum-scale" not in " ".join(viewports), viewports
        assert page.evaluate("document.querySelector('[role=main]').contains(document.querySelector('h1'))")
    finally:
        context.close()
