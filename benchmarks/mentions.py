"""Time of ``find_mentions`` over a long text, and of the inputs that used to take unbounded time.

    python benchmarks/mentions.py [--copies N] [--runs N]

1. the seeds of ``seeds/`` joined and repeated N times (default 20: ~0.7 M characters, 2 MB of UTF-8), scanned
   in one pass — the figure tests/numbers/test_mentions.py used to assert (under 10 s) and now
   leaves to this script: a wall-clock limit fails on a loaded machine, not on slow code;
2. a seed printing a run of 256,000 万 (issue 11, item 17): its mention is found in linear time,
   and ``ucheck draft`` does not hand it to the quantity parser (quadratic on such a run: 52 s
   reported) because the draft bounds a literal's length as the checker does (100 characters).

Each figure is the best of N runs (default 3), in this process.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ucheck.authoring.draft import draft_article  # noqa: E402
from ucheck.numbers.mentions import find_mentions  # noqa: E402


def best(fn, runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=20, help="copies of the seeds scanned in one pass (default 20)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each measurement; the best is shown (default 3)")
    args = ap.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, best of {args.runs}")

    one = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    text = one * args.copies
    secs, ms = best(lambda: find_mentions(text), args.runs)
    print(f"find_mentions, seeds x{args.copies}: {len(text) / 1e6:.2f} M characters, {len(ms):,} mentions, "
          f"{secs:.2f} s ({len(text) / secs / 1e6:.2f} M characters/s)")

    run = "标题\n\n全省共有一" + "万" * 256_000 + "人参加。\n"
    secs, ms = best(lambda: find_mentions(run), args.runs)
    print(f"find_mentions, a run of 256,000 万: {len(ms)} mention of {len(ms[0].literal):,} characters, {secs:.2f} s")
    secs, out = best(lambda: draft_article(run, "seeds/wan.txt", {}, {}), args.runs)
    print(f"draft_article, the same seed: {secs:.2f} s ({'bounded' if 'longer than any figure as printed' in out else 'PARSED'})")


if __name__ == "__main__":
    main()
