"""Measure ucheck.numbers.quantity against the peers' [exact] cases (tests/data/peer_exact_cases.jsonl).

    PYTHONPATH=src python benchmarks/conformance.py [--all-failures]

Prints the number of exact cases, how many are in scope, how many pass and the rate, a table per
source (peer), and the in-scope failures: first the documented known differences, then anything else.
A case passes when parse(input).value equals expected_value (rel tol 1e-9); a QuantityError fails.
Known differences count as failures.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ucheck.numbers.quantity import QuantityError, parse  # noqa: E402

DATA = ROOT / "tests" / "data" / "peer_exact_cases.jsonl"


def run(case: dict) -> tuple[bool, str]:
    try:
        value = parse(case["input"]).value
    except QuantityError as exc:
        return False, f"QuantityError: {exc.why}"
    ok = math.isclose(value, case["expected_value"], rel_tol=1e-9, abs_tol=0.0)
    return ok, f"got {value!r}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)

    cases = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    per_source: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # exact, in scope, passed
    known, unexpected = [], []
    passed = in_scope = 0
    for c in cases:
        peer = c["source"].split(":")[0]
        per_source[peer][0] += 1
        if c["scope"] != "in":
            continue
        in_scope += 1
        per_source[peer][1] += 1
        ok, got = run(c)
        if ok and "known_difference" not in c:
            passed += 1
            per_source[peer][2] += 1
        elif "known_difference" in c:
            known.append((c, got))
        else:
            unexpected.append((c, got))

    rate = passed / in_scope if in_scope else 0.0
    print(f"exact cases: {len(cases)}")
    print(f"in scope:    {in_scope}")
    print(f"passed:      {passed}")
    print(f"rate:        {rate:.2%}")
    print()
    width = max(len(p) for p in per_source)
    print(f"{'source':<{width}}  {'exact':>5}  {'in':>5}  {'pass':>5}  {'rate':>7}")
    for peer, (n, i, p) in sorted(per_source.items(), key=lambda kv: -kv[1][0]):
        r = f"{p / i:.1%}" if i else "-"
        print(f"{peer:<{width}}  {n:>5}  {i:>5}  {p:>5}  {r:>7}")
    print()
    print(f"known differences ({len(known)}):")
    for c, got in known:
        print(f"  {c['input']!r}: peer {c['expected_value']!r}, {got} [{c['source'].split(':')[0]}] -- {c['known_difference']}")
    print()
    print(f"other failures ({len(unexpected)}):")
    for c, got in unexpected:
        print(f"  {c['input']!r}: peer {c['expected_value']!r}, {got} [{c['source']}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
