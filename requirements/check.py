"""Do the lock files agree with pyproject.toml? Standard library only (`make` runs it first).

    python3 requirements/check.py      # prints every disagreement, exit 1; silent and 0 when they agree

requirements/dev.txt locks everything `make` installs (the dependencies and every extra);
requirements/build.txt locks what a build needs (the dependencies), for the publishing hook
and the hosted workflows, at the same versions and hashes as dev.txt. Both are written by
`invoke lock` (uv); this checks only what can be known without the packages' metadata:
every pin of pyproject.toml is exact and locked at its version, every locked package has
hashes, and build.txt is a part of dev.txt. tests/test_locks.py also checks the locked set
is closed (every dependency of a locked package is locked, nothing else is).
"""

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = "requirements/dev.txt"
BUILD = "requirements/build.txt"
FIX = "run `make lock`, then commit pyproject.toml with requirements/"

REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(==\s*([^\s;]+))?")
LOCKED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def normalise(name):
    """PEP 503: `Jinja2`, `jinja_2` -> `jinja2`, `jinja-2`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements):
    """{name: version or None} of pyproject.toml's requirement strings (None: not an exact pin)."""
    found = {}
    for requirement in requirements:
        match = REQUIREMENT.match(requirement)
        found[normalise(match.group(1))] = match.group(4)
    return found


def read_lock(text):
    """{name: {version: set of sha256 hashes}} of a requirements file written by uv with hashes."""
    locked = {}
    name = version = None
    for line in text.splitlines():
        match = LOCKED.match(line)
        if match:
            name, version = normalise(match.group(1)), match.group(2)
            locked.setdefault(name, {}).setdefault(version, set())
        elif name and line.strip().startswith("--hash=sha256:"):
            locked[name][version].add(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
        elif not line.startswith(" "):
            name = None
    return locked


def problems(root=ROOT):
    """Every way pyproject.toml and the two lock files disagree, as lines to print."""
    project = tomllib.loads((Path(root) / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = pins(project["dependencies"])
    everything = dict(runtime)
    for extra in project.get("optional-dependencies", {}).values():
        everything.update(pins(extra))
    locks = {}
    found = []
    for path in (DEV, BUILD):
        try:
            locks[path] = read_lock((Path(root) / path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            found.append(f"{path} is missing.")
    if found:
        return found
    for name, version in sorted(everything.items()):
        if version is None:
            found.append(f"pyproject.toml: {name} is not pinned exactly (name==version).")
    for path, wanted in ((DEV, everything), (BUILD, runtime)):
        for name, version in sorted(wanted.items()):
            have = locks[path].get(name)
            if not have:
                found.append(f"{path}: {name} is in pyproject.toml but not locked.")
            elif version and set(have) != {version}:
                found.append(f"{path}: {name} is locked at {', '.join(sorted(have))}, pyproject.toml pins {version}.")
        for name, versions in sorted(locks[path].items()):
            for version, hashes in sorted(versions.items()):
                if not hashes:
                    found.append(f"{path}: {name}=={version} has no hash.")
    for name, versions in sorted(locks[BUILD].items()):
        if name not in locks[DEV]:
            found.append(f"{BUILD}: {name} is not in {DEV}.")
        elif locks[DEV][name] != versions:
            found.append(f"{BUILD}: {name} is not locked as in {DEV} (versions or hashes differ).")
    return found


def main():
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"The lock files do not match pyproject.toml: {FIX}.", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
