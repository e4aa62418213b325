"""Tasks for the community-stories site: `invoke --list` shows them all."""

import os
import shutil
import sys

from invoke import task

ROOT = os.path.dirname(os.path.abspath(__file__))
PLUGINS = os.path.join(ROOT, "plugins")
sys.path.insert(0, PLUGINS)

CONFIG = {
    "settings": os.path.join(ROOT, "pelicanconf.py"),
    "publish_settings": os.path.join(ROOT, "publishconf.py"),
    "output": os.path.join(ROOT, "output"),
    "theme": os.path.join(ROOT, "theme"),
    "host": "127.0.0.1",
    "port": 8000,
}


def _python(c, arguments, **kwargs):
    env = {"PYTHONPATH": PLUGINS}
    return c.run(f"{sys.executable} {arguments}", env=env, pty=False, **kwargs)


@task(help={"production": "use publishconf.py (absolute URLs)", "strict": "warnings fail too"})
def build(c, production=False, strict=False):
    """Build the site once into output/ (replaced only when the build succeeds)."""
    settings = CONFIG["publish_settings" if production else "settings"]
    strict_flag = " --strict" if strict else ""
    _python(c, f"-m site_build --settings {settings} --output {CONFIG['output']}{strict_flag}")


@task
def serve(c):
    """Build, serve output/ at http://127.0.0.1:8000 and rebuild on every change."""
    _python(
        c,
        f"-m site_build.serve --settings {CONFIG['settings']}"
        f" --host {CONFIG['host']} --port {CONFIG['port']}",
    )


@task(help={"k": "only the tests whose names match this expression"})
def test(c, k=""):
    """Run the whole test suite."""
    selection = f" -k '{k}'" if k else ""
    c.run(f"{sys.executable} -m pytest{selection}", pty=False)


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


@task(help={"stories": "stories per language in the generated corpus"})
def bench(c, stories=1000):
    """Measure the bilingual build against plain Pelican on a generated corpus."""
    _python(c, f"{os.path.join(ROOT, 'bench', 'i18n.py')} --stories {stories}")


@task
def clean(c):
    """Remove the built site and caches."""
    for path in (CONFIG["output"], os.path.join(ROOT, "cache")):
        shutil.rmtree(path, ignore_errors=True)
