"""How to build two languages: measured against plain Pelican building one.

Builds a generated corpus (bench/corpus.py) three ways, each in a new process,
each several times, and prints the fastest wall time and the peak memory of
the largest process:
  plain    plain Pelican, Latvian only (the reference)
  serial   our build, both languages one after the other in one process
  parallel our build, one process per language (what `make build` does)
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from corpus import generate  # noqa: E402


def run(command, env=None):
    """Wall seconds and peak RSS (MB) of one command in a new process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=1000, help="stories per language")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    content = generate(BENCH / "corpus" / "content", args.stories)
    out = BENCH / "out"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join((str(ROOT), str(ROOT / "plugins"))))
    python = sys.executable
    cache = BENCH / "out" / "i18n-cache"
    # Every run from nothing: no cache kept between runs, every page rendered.
    ours = [python, "-m", "sitebuilder", "--settings", str(ROOT / "pelicanconf.py"), "--quiet", "--full",
            "--set", f"CACHE_PATH={cache}"]
    override = f"PATH={content}"
    variants = {
        "plain": [python, "-m", "pelican", "-s", str(BENCH / "plainconf.py"), "-q"],
        "serial": ours + ["--output", str(out / "serial"), "--jobs", "1", "--set", override],
        "parallel": ours + ["--output", str(out / "parallel"), "--set", override],
    }
    results = {}
    for name, command in variants.items():
        runs = []
        for _ in range(args.repeat):
            shutil.rmtree(cache, ignore_errors=True)
            runs.append(run(command, env))
        results[name] = (min(s for s, _m in runs), max(m for _s, m in runs))

    plain_seconds = results["plain"][0]
    print(f"{args.stories} stories per language, {os.cpu_count()} cores, best of {args.repeat}")
    print(f"{'build':<10}{'languages':>10}{'pages':>8}{'seconds':>9}{'vs plain':>10}{'peak MB':>9}")
    for name, (seconds, memory) in results.items():
        languages = 1 if name == "plain" else 2
        pages = args.stories * languages
        print(
            f"{name:<10}{languages:>10}{pages:>8}{seconds:>9.2f}"
            f"{seconds / plain_seconds:>9.2f}x{memory:>9.0f}"
        )


if __name__ == "__main__":
    main()
