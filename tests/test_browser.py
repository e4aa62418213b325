"""The served site in a real browser: Debian's Chromium driven by Playwright.

axe-core (pinned in package-lock.json) checks one page of every kind in both
languages against the WCAG 2.1 A and AA rules; keyboard use and the language
switcher are tried as a visitor would; screenshots at 360 and 1280 px wide go
to test-artefacts/screenshots/ for people to look at.
"""

import pytest

from pages import KINDS
from tools import AXE, ROOT, require, url_of

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = ROOT / "test-artefacts" / "screenshots"
PAGES = [(lang, kind) for lang, kinds in KINDS.items() for kind in kinds]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def axe_violations(page, name):
    """axe-core's WCAG 2.1 A/AA violations on the loaded page, one line each."""
    require(AXE, "run 'npm ci' (make test does)")
    # Evaluated as a script, not added as a <script> tag: the site's CSP allows no inline script.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{name}: {violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in result["violations"]
    ]


@pytest.mark.parametrize(("lang", "kind"), PAGES)
def test_no_wcag_violations(served_site, page, lang, kind):
    relative = KINDS[lang][kind]
    response = page.goto(url_of(served_site, relative))
    assert response.status == (404 if kind == "404" else 200)
    assert page.evaluate("document.documentElement.lang") == lang
    assert axe_violations(page, relative) == []


def test_axe_names_the_page_and_the_rule_of_a_broken_page(page):
    page.set_content(
        '<!DOCTYPE html><html lang="lv"><head><title>Salauzta</title></head><body><main>'
        '<h1>Salauzta lapa</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<a href="/x/"></a></main></body></html>'
    )
    violations = axe_violations(page, "stasti/salauzta/index.html")
    assert [line.split(":")[1].split()[0] for line in violations] == ["image-alt", "link-name"]
    assert violations[0].startswith("stasti/salauzta/index.html: image-alt (critical): Images must have alternative text at img")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(served_site, page, lang):
    page.goto(url_of(served_site, KINDS[lang]["story"]))
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#main"]
    box = page.locator("a.skip-link").bounding_box()
    assert box["y"] >= 0 and box["height"] > 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_focus_is_visible(served_site, page):
    page.goto(url_of(served_site, KINDS["lv"]["home"]))
    for _ in range(4):  # the skip link, the site name, the language switcher, the navigation
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
        )
        assert style[0] == "A" and style[1] != "none" and style[2] >= 2, style


@pytest.mark.parametrize(("lang", "other"), [("lv", "en"), ("en", "lv")])
def test_clicking_the_language_switcher_lands_on_the_translation(served_site, page, lang, other):
    for kind in ("home", "story", "chapter", "news list"):
        page.goto(url_of(served_site, KINDS[lang][kind]))
        page.click(f"nav.language-switcher a[hreflang={other}]")
        page.wait_for_load_state()
        assert page.url == url_of(served_site, KINDS[other][kind])
        assert page.evaluate("document.documentElement.lang") == other


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_and_no_sideways_scrolling(served_site, browser, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        for lang, kind in PAGES:
            page.goto(url_of(served_site, KINDS[lang][kind]))
            name = f"{lang}-{kind.replace(' ', '-')}-{width}.png"
            page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, f"{KINDS[lang][kind]} is {overflow} px wide at {width} px"
    finally:
        context.close()


@pytest.mark.parametrize("script", [True, False])
def test_on_a_phone_the_header_is_short_and_its_menu_opens_without_javascript(served_site, browser, script):
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=script)
    page = context.new_page()
    try:
        page.goto(url_of(served_site, KINDS["lv"]["story"]))
        assert page.locator(".site-header").bounding_box()["height"] <= 120
        meetings = page.locator("nav.site-nav a", has_text="Tikšanās")
        assert not meetings.is_visible()  # behind the menu until it is opened
        summary = page.locator(".site-menu > summary")
        box = summary.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
        summary.click()
        assert meetings.is_visible() and page.locator("nav.site-nav a", has_text="Mērķi").is_visible()
        meetings.click()
        page.wait_for_load_state()
        assert page.url == served_site.site_url + "/tiksanas/"
    finally:
        context.close()


def test_on_a_wide_screen_the_menu_links_show_without_opening_it(served_site, page):
    page.goto(url_of(served_site, KINDS["en"]["home"]))
    assert not page.is_visible(".site-menu > summary")
    links = page.locator("nav.site-nav a")
    assert [links.nth(i).inner_text() for i in range(links.count())] == [
        "Stories", "News", "Meetings", "Communities", "Goals", "Methodology", "About the project", "Search"
    ]
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.locator(".site-header").bounding_box()["height"] <= 120


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_map_labels_are_at_least_14_px_on_a_phone_and_never_overlap(served_site, browser, lang):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    try:
        page.goto(url_of(served_site, KINDS[lang]["communities list"]))
        page.evaluate("document.fonts.ready.then(() => true)")
        boxes = page.evaluate("""[...document.querySelectorAll('.community-map text, .community-map circle')].map(e => {
            const r = e.getBoundingClientRect();
            return [e.tagName === 'text' ? e.textContent : 'dot', r.left, r.top, r.right, r.bottom]; })""")
        labels = [box for box in boxes if box[0] != "dot"]
        assert len(labels) == 7
        for name, left, top, right, bottom in labels:
            assert bottom - top >= 14 * 1.2, (name, bottom - top)  # a line box of a 14 px font
            others = [other for other in boxes if other[0] != name]
            hit = [o[0] for o in others if left < o[3] and o[1] < right and top < o[4] and o[2] < bottom]
            assert hit == [], f"{name} overlaps {hit}"
        size = page.evaluate("""(() => { const t = document.querySelector('.community-map text');
            return parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getBoundingClientRect().width / t.ownerSVGElement.viewBox.baseVal.width; })()""")
        assert size >= 14
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_field_names_of_the_open_data_never_break_mid_word(served_site, browser, lang):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    try:
        page.goto(url_of(served_site, KINDS[lang]["goals data"]))
        heights = page.evaluate("""[...document.querySelectorAll('.data-fields code')].map(c =>
            [c.textContent, c.getClientRects().length, Math.round(c.getBoundingClientRect().height)])""")
        assert heights and all(rects == 1 for _name, rects, _height in heights), heights
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
