"""Tasks for the community-stories site: `invoke --list` shows them all."""

import os
import shlex
import shutil
import sys

from invoke import Exit, task

ROOT = os.path.dirname(os.path.abspath(__file__))
PLUGINS = os.path.join(ROOT, "plugins")
sys.path[:0] = [ROOT, PLUGINS]

CONFIG = {
    "settings": os.path.join(ROOT, "pelicanconf.py"),
    "publish_settings": os.path.join(ROOT, "publishconf.py"),
    "output": os.path.join(ROOT, "output"),
    "theme": os.path.join(ROOT, "theme"),
    "host": "127.0.0.1",
    "port": 8000,
}


def _python(c, arguments, **kwargs):
    env = {"PYTHONPATH": os.pathsep.join((ROOT, PLUGINS))}
    return c.run(f"{sys.executable} {arguments}", env=env, pty=False, **kwargs)


@task(help={"production": "use publishconf.py (absolute URLs), strict", "strict": "warnings fail too"})
def build(c, production=False, strict=False):
    """Build the site once into output/ (replaced only when the build succeeds)."""
    settings = CONFIG["publish_settings" if production else "settings"]
    strict_flag = " --strict" if strict or production else ""  # publishing is always strict
    _python(c, f"-m sitebuilder --settings {settings} --output {CONFIG['output']}{strict_flag}")


@task(help={"target": "rsync's destination, e.g. user@host:/srv/kopienas/site/ (default: $PUBLISH_TARGET)"})
def publish(c, target=""):
    """Build strictly with publishconf.py, then copy output/ to a server with rsync over SSH."""
    target = target or os.environ.get("PUBLISH_TARGET", "")
    if not target:
        raise Exit(
            "Nothing published: name the destination, e.g.\n"
            "  PUBLISH_TARGET=user@host:/srv/kopienas/site/ invoke publish\n"
            "  invoke publish --target user@host:/srv/kopienas/site/",
            code=2,
        )
    _python(c, f"-m sitebuilder --settings {CONFIG['publish_settings']} --strict --output {CONFIG['output']}")
    # Changed files are renamed into place together at the end, deletions too: close to atomic.
    source = shlex.quote(CONFIG["output"] + "/")
    c.run(f"rsync -az --delete-delay --delay-updates {source} {shlex.quote(target)}", pty=False)


@task
def serve(c):
    """Build, serve output/ at http://127.0.0.1:8000 and rebuild on every change."""
    _python(
        c,
        f"-m sitebuilder.serve --settings {CONFIG['settings']}"
        f" --host {CONFIG['host']} --port {CONFIG['port']}",
    )


@task(help={"lang": "the language of the messages: lv or en"})
def check(c, lang=""):
    """Check every content file as publishing does: list every problem, build nothing."""
    lang_flag = f" --set CONTENT_MESSAGES_LANG={lang}" if lang else ""
    _python(c, f"-m sitebuilder --settings {CONFIG['publish_settings']} --check{lang_flag}")


@task(
    help={
        "kind": "story, news, chapter or goal",
        "title": "the title, in Latvian: the address is made of it",
        "community": "a community it is about, e.g. mezinieki (repeatable); for a goal, its community, if it has one",
        "guide": "for a chapter: methodology or guidelines",
    },
    iterable=["community"],
)
def new(c, kind, title, community=None, guide="methodology"):
    """Create both language files of a new story, news item, chapter or goal, as drafts."""
    communities = "".join(f" --community {shlex.quote(key)}" for key in community or [])
    _python(
        c,
        f"-m site_content --settings {CONFIG['settings']} new {shlex.quote(kind)}"
        f" {shlex.quote(title)}{communities} --guide {shlex.quote(guide)}",
    )


@task(help={"done": "mark this translation up to date with its original (repeatable)"}, iterable=["done"])
def translations(c, done=None):
    """List missing and outdated translations; --done FILE marks one up to date."""
    marks = "".join(f" --done {shlex.quote(os.path.abspath(path))}" for path in done or [])
    _python(c, f"-m site_content --settings {CONFIG['settings']} translations{marks}")


@task(name="editor-config")
def editor_config(c):
    """Write the web editor's config.yml from the content schema and the communities."""
    _python(c, f"-m sitebuilder.editor config --settings {CONFIG['settings']}")


@task(name="editor-vendor")
def editor_vendor(c):
    """Copy the pinned editor bundle and its fonts from node_modules into editor/vendor/."""
    _python(c, f"-m sitebuilder.editor vendor --settings {CONFIG['settings']}"
               f" --node-modules {os.path.join(ROOT, 'node_modules')}")


@task(help={"k": "only the tests whose names match this expression"})
def test(c, k=""):
    """Run the whole test suite."""
    selection = f" -k '{k}'" if k else ""
    c.run(f"{sys.executable} -m pytest{selection}", pty=False)


@task(help={"upgrade": "also move every unpinned (indirect) package to its newest release",
            "package": "move only this indirect package to its newest release (repeatable)"},
      iterable=["package"])
def lock(c, upgrade=False, package=None):
    """Write requirements/dev.txt and build.txt (every package, exact, with hashes) from pyproject.toml."""
    uv = os.path.join(os.path.dirname(sys.executable), "uv")
    # One universal lock (markers for 3.11 to 3.13), the hashes of every file of each version;
    # packages already locked keep their version unless asked to move (see requirements/README.md).
    common = "pip compile pyproject.toml --universal --generate-hashes --quiet --custom-compile-command 'invoke lock'"
    moves = " --upgrade" if upgrade else "".join(f" --upgrade-package {shlex.quote(name)}" for name in package or [])
    with c.cd(ROOT):
        c.run(f"{uv} {common} --all-extras{moves} -o requirements/dev.txt", pty=False)
        c.run(f"{uv} {common} --constraints requirements/dev.txt -o requirements/build.txt", pty=False)
        c.run(f"{sys.executable} requirements/check.py", pty=False)
    print("Locked: requirements/dev.txt and requirements/build.txt. Run `make` to install, then commit them.")


@task
def audit(c):
    """Look up every locked package (Python and npm) in the vulnerability databases."""
    result = c.run(f"{sys.executable} {os.path.join(ROOT, 'requirements', 'audit.py')}", pty=False, warn=True)
    if result.exited:
        raise Exit(code=result.exited)


@task(name="audit-pages")
def audit_pages(c):
    """Lighthouse on every kind of page in both languages, phone and desktop, served by nginx."""
    c.run(f"{sys.executable} -m pytest tests/test_lighthouse.py", env={"LIGHTHOUSE": "all"}, pty=False)


@task
def messages(c):
    """Extract the theme's messages and update every language's catalogue."""
    theme = CONFIG["theme"]
    pybabel = f"{sys.executable} -m babel.messages.frontend"
    c.run(
        f"cd {theme} && {pybabel} extract -F babel.cfg -k gettext_in:2 --no-location"
        " --sort-output --project='Community stories theme' --version=1"
        " -o translations/messages.pot ."
    )
    for lang in sorted(os.listdir(os.path.join(theme, "translations"))):
        if os.path.isdir(os.path.join(theme, "translations", lang)):
            c.run(
                f"cd {theme} && {pybabel} update -i translations/messages.pot"
                f" -d translations -l {lang} --no-fuzzy-matching --ignore-obsolete"
            )


@task(help={"stories": "stories per language in the generated corpus",
            "photos": "photos of 4000x3000 in the photo benchmark"})
def bench(c, stories=1000, photos=50):
    """Measure builds (cold, warm, after an edit) against plain Pelican, and photos per second."""
    _python(c, f"{os.path.join(ROOT, 'bench', 'build.py')} --stories {stories}")
    _python(c, f"{os.path.join(ROOT, 'bench', 'photos.py')} --photos {photos}")


@task
def clean(c):
    """Remove the built site and caches."""
    for path in (CONFIG["output"], os.path.join(ROOT, "cache")):
        shutil.rmtree(path, ignore_errors=True)
