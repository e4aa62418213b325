"""Paired runs, taken in turns: is one version of the build faster than another, beyond the noise?

    python bench/paired.py --a DIR --b DIR [--env-b NAME=VALUE ...] [--scenario edit|cold|title] [--runs N]

A and B are project folders (two worktrees of the repository, say one without
an optimisation); both build the same generated corpus (bench/corpus.py,
outside content/), each into its own output and cache. A first build of each
primes them; then, RUNS times, one edit of one story is made and A rebuilds,
then another edit and B rebuilds, in turns (`title`: the edit is to its title;
`cold`: from an empty output and cache each time; `warm`: nothing changed). Each build runs in a new process, as `make build` runs
it. Printed: every run's seconds, each side's median, the median of the
differences of the pairs, their spread, and how many pairs found B slower,
with the two-sided sign test's p: a difference is beyond the noise when
p < 0.05 (with 9 pairs: at least 8 agree on its direction).
"""

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from corpus import generate  # noqa: E402


def build(project, content, work, env, extra=()):
    command = [
        sys.executable, "-m", "sitebuilder", "--settings", str(project / "pelicanconf.py"),
        "--output", str(work / "output"), "--set", f"PATH={content}", "--set", f"CACHE_PATH={work / 'cache'}",
        "--quiet", *extra,
    ]
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join((str(project), str(project / "plugins"))), **env)
    started = time.perf_counter()
    subprocess.run(command, env=environment, check=True, cwd=project, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def edit(content, number, title=False):
    path = content / "stories" / "stasts-00007.lv.md"
    text = path.read_text(encoding="utf-8")
    if title:
        text = text.replace("title: ", f"title: {number} ", 1)
    else:
        text += f"\nVēl viena rindkopa, numur {number}.\n"
    path.write_text(text, encoding="utf-8")


def sign_test(differences):
    """(pairs where B was slower, pairs that differ, two-sided p of the sign test)."""
    slower = sum(d > 0 for d in differences)
    n = sum(d != 0 for d in differences)
    tail = sum(math.comb(n, k) for k in range(0, min(slower, n - slower) + 1)) / 2 ** n
    return slower, n, min(1.0, 2 * tail)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--a", type=Path, required=True)
    parser.add_argument("--b", type=Path, required=True)
    parser.add_argument("--env-a", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--env-b", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--scenario", choices=("edit", "title", "cold", "warm"), default="edit")
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="paired-"))
    try:
        content = folder / "content"
        generate(content, args.stories)
        sides = {
            "A": (args.a.resolve(), dict(item.split("=", 1) for item in args.env_a), folder / "a"),
            "B": (args.b.resolve(), dict(item.split("=", 1) for item in args.env_b), folder / "b"),
        }
        for project, env, work in sides.values():
            work.mkdir()
            build(project, content, work, env)
        times = {"A": [], "B": []}
        for number in range(args.runs):
            for name, (project, env, work) in sides.items():
                if args.scenario == "cold":
                    shutil.rmtree(work)
                    work.mkdir()
                elif args.scenario == "warm":
                    pass  # nothing changed since its last build
                else:
                    edit(content, f"{number}{name}", title=args.scenario == "title")
                times[name].append(build(project, content, work, env))
            print(f"pair {number + 1}: A {times['A'][-1]:.2f} s  B {times['B'][-1]:.2f} s", flush=True)
        differences = [b - a for a, b in zip(times["A"], times["B"])]
        print(f"median A {statistics.median(times['A']):.2f} s, B {statistics.median(times['B']):.2f} s;"
              f" B - A: median {statistics.median(differences):+.2f} s,"
              f" from {min(differences):+.2f} to {max(differences):+.2f} s")
        slower, n, p = sign_test(differences)
        print(f"B slower in {slower} of {n} pairs; sign test p = {p:.3f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
