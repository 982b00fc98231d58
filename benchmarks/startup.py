"""Start-up time of the command line, next to the cost of importing pandas and pandera.

    python benchmarks/startup.py [--runs N]

Each command runs N times (default 7), every time in a fresh process, from the repository root;
the table gives the first run (coldest: nothing of it in this interpreter yet), the median and the
minimum wall time. ``ucheck rules`` and ``ucheck --help`` must not import pandas or pandera, so
they should cost a small fraction of ``python -c "import pandas, pandera"``; ``ucheck check`` on
one file pays that import and the run of every rule over the whole corpus — read afresh
(``--no-cache``) or through the load cache (``.ucheck_cache/``, warm after the first run).

pandas and pandera are timed with the bytecode pip compiled when it installed them. ucheck, installed
editable, has bytecode only where Python could write it on a first import: where
PYTHONDONTWRITEBYTECODE is set (as on some CI images) every run would compile its ~70 modules again
(0.1 s and more), which no installed copy does. So the benchmark compiles them first, as pip does;
``--as-is`` times the tree as it is.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ucheck_command() -> list[str]:
    script = Path(sys.executable).with_name("ucheck.exe" if os.name == "nt" else "ucheck")
    if script.exists():
        return [str(script)]
    found = shutil.which("ucheck")
    return [found] if found else [sys.executable, "-m", "ucheck"]


def wall(cmd: list[str], runs: int) -> list[float]:
    times = []
    env = {**os.environ, "NO_COLOR": "1"}
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t)
        if r.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
    return times


def compile_ucheck() -> str:
    """Write the bytecode of ucheck's modules where it is missing or stale; say how many lacked it."""
    spec = importlib.util.find_spec("ucheck")
    if spec is None or not spec.submodule_search_locations:
        return "ucheck not importable from this interpreter: its bytecode left as it is"
    pkg = Path(next(iter(spec.submodule_search_locations)))
    sources = list(pkg.rglob("*.py"))
    missing = [p for p in sources if not Path(importlib.util.cache_from_source(str(p))).exists()]
    compileall.compile_dir(str(pkg), quiet=1)
    return f"ucheck's bytecode: {len(missing)} of {len(sources)} modules had none; compiled as an install would"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--file", default="curated/001-henan-union-review.yaml", help="the curated file given to `ucheck check`")
    ap.add_argument("--as-is", action="store_true", help="do not compile ucheck's modules first")
    args = ap.parse_args(argv)
    u = ucheck_command()
    cases = [
        (f"ucheck check --no-cache {args.file}", [*u, "check", "--no-cache", args.file]),
        (f"ucheck check {args.file} (load cache warm)", [*u, "check", args.file]),
        ("ucheck rules", [*u, "rules"]),
        ("ucheck --help", [*u, "--help"]),
        ('python -c "import pandas, pandera"', [sys.executable, "-c", "import pandas, pandera"]),
        ('python -c "pass"', [sys.executable, "-c", "pass"]),
    ]
    print(f"python {platform.python_version()} on {platform.machine()} ({os.cpu_count()} CPUs), {args.runs} runs each, fresh process per run")
    if not args.as_is:
        print(compile_ucheck())
    print(f"{'command':58s} {'first':>8s} {'median':>8s} {'min':>8s}")
    for label, cmd in cases:
        t = wall(cmd, args.runs)
        print(f"{label:58s} {t[0]:7.3f}s {statistics.median(t):7.3f}s {min(t):7.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
