"""The private parts of libraries the build depends on, one module per library.

Each module names the version it was written against and refuses to load
with another one, with a message saying what to do, so that an upgrade never
silently changes what a build makes.
"""


class UnsupportedVersion(ImportError):
    pass


def require(library, installed, written_for):
    """Fail at import when `installed` is not the version these internals were written for."""
    if installed != written_for:
        raise UnsupportedVersion(
            f"sitebuilder uses private parts of {library} {written_for}, and {library} {installed} is"
            f" installed: install the pinned version (make .venv/.installed), or check"
            f" sitebuilder/internals/{library.lower().replace('-', '_')}.py against {installed}"
            f" and change the version it names"
        )
