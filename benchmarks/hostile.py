"""Time of ``ucheck check`` on hostile curated files: the figures tests/test_hardening.py used to
assert (an alias bomb under 20 s, very long literals under 60 s) and now leaves to this script — a
wall-clock limit fails on a loaded machine, not on slow code; the tests assert the refusals that
bound the work.

    python benchmarks/hostile.py [--runs N]

Each case is a fresh repository with the case beside one ordinary article, checked by
``python -m ucheck check`` in a child process (import time included); the best of N runs (default 3).
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SEED = "工会工作报告\n\n全省工会会员25多人，其中新会员1200名。\n"
HEAD = "article: {id: %s, seed: seeds/s.txt, title: t, region: 河南省}\nfigures:\n"


def _figures(values: list[str]) -> str:
    return "".join(f"  - {{id: f{i}, subject: s, region: 河南省, metric: participants, period: '', value: \"{v}\", quote: q}}\n"
                   for i, v in enumerate(values))


def cases() -> dict[str, str]:
    bomb = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    long_values = ["9" * 200_000, "约" + "1" * 200_000 + "万人", "近" + "1," * 100_000 + "人", "十" * 100_000,
                   "3、" * 100_000 + "4个", "1-" * 100_000, "１" * 200_000]
    return {
        "alias bomb (10^10 nodes)": "\n".join(bomb) + "\n",
        "7 literals of 200,000 characters": HEAD % "long" + _figures(long_values),
        "a literal of 1,000,000 万": HEAD % "huge" + _figures(["万" * 1_000_000]),
        "an ordinary article (baseline)": HEAD % "plain" + _figures(["25多人"]),
    }


def run(text: str, runs: int) -> tuple[float, int]:
    best, status = float("inf"), -1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "seeds").mkdir()
        (root / "curated").mkdir()
        (root / "seeds" / "s.txt").write_text(SEED, encoding="utf-8")
        (root / "curated" / "case.yaml").write_text(text, encoding="utf-8")
        for _ in range(runs):
            t = time.perf_counter()
            status = subprocess.run([sys.executable, "-m", "ucheck", "check", "--no-cache"], cwd=root, capture_output=True).returncode
            best = min(best, time.perf_counter() - t)
    return best, status


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, best of {args.runs}")
    for name, text in cases().items():
        seconds, status = run(text, args.runs)
        print(f"{name:36s} {seconds:7.2f} s  (exit {status})")


if __name__ == "__main__":
    main()
