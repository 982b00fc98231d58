"""Conformance of ucheck.numbers.quantity with the [exact] cases of other Chinese number parsers.

tests/data/peer_exact_cases.jsonl holds every [exact] case of /work/shared/peer-cases (see
tests/data/PEER_CASES.md): ``scope`` is "in" or the reason the case is out of scope, and an in-scope
case the project deliberately reads differently carries ``known_difference``. Every in-scope case is
a test: it must give the peer's value, or -- for a known difference -- must still differ (so the
documentation stays true). Known differences count as failures in the pass rate, which must stay at
or above MIN_PASS_RATE.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from ucheck.numbers.quantity import QuantityError, parse

DATA = Path(__file__).resolve().parents[1] / "data" / "peer_exact_cases.jsonl"
MIN_PASS_RATE = 0.95

CASES = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
IN_SCOPE = [c for c in CASES if c["scope"] == "in"]


def matches(case: dict) -> bool:
    """parse(input).value equals the peer's expected_value (rel tol 1e-9); a QuantityError is a miss."""
    try:
        value = parse(case["input"]).value
    except QuantityError:
        return False
    return math.isclose(value, case["expected_value"], rel_tol=1e-9, abs_tol=0.0)


def _id(n: int, case: dict) -> str:
    return f"{n}-{case['source'].split('/')[0]}-{case['input']}"


@pytest.mark.parametrize("case", IN_SCOPE, ids=[_id(n, c) for n, c in enumerate(IN_SCOPE)])
def test_in_scope_case(case):
    if "known_difference" in case:
        assert not matches(case), f"documented difference no longer holds: {case['known_difference']}"
    else:
        assert matches(case), f"{case['input']!r}: expected {case['expected_value']} ({case['source']})"


def test_pass_rate():
    passed = sum(matches(c) and "known_difference" not in c for c in IN_SCOPE)
    rate = passed / len(IN_SCOPE)
    assert rate >= MIN_PASS_RATE, f"{passed}/{len(IN_SCOPE)} = {rate:.1%} < {MIN_PASS_RATE:.0%}"


def test_data_file_is_well_formed():
    assert len(CASES) == 2059  # every [exact] case of quantity_cases.jsonl
    for c in CASES:
        assert set(c) >= {"source", "input", "expected_value", "note", "scope"}
        assert c["note"].startswith("[exact]")
        assert c["scope"] == "in" or len(c["scope"]) > 5
        if c["scope"] == "in":
            assert c["expected_value"] is not None
        else:
            assert "known_difference" not in c
        if "known_difference" in c:
            assert len(c["known_difference"]) > 10
