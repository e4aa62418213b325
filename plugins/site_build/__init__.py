"""Build the whole site: every language, in parallel, into a fresh folder, then swap.

`building` does the work (see its docstring); `fresh` tells, without Pelican,
whether the last build of an output is still up to date; `incremental`
renders only what changed since then. The names below are imported on first
use, so that `python -m site_build` can say "nothing changed" without paying
for importing Pelican.
"""

__all__ = ["build", "check", "BuildResult"]


def __getattr__(name):
    if name in __all__:
        from . import building  # noqa: PLC0415

        return getattr(building, name)
    raise AttributeError(f"module 'site_build' has no attribute {name!r}")
