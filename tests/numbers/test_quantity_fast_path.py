"""The parser's fast path (Arabic digits, a decimal part, 万 or 亿, a plain measure word) gives the
very Quantity the grammar gives — every field, floats bit for bit — or leaves the text to it.

The fast path is an optimisation of the commonest printed form (2238平方米, 84.26万家, 63.0%): on a
large archive most literals are of it, and reading them through the grammar was a sixth of a full
check. These tests hold it to the grammar: over every listed measure word with numbers chosen at
the edges (one digit, trailing zeros, a decimal part of one to four digits, 0.x, twelve digits),
over random numbers, and over every literal of the peer suites and the bundled data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ucheck.numbers import quantity
from ucheck.numbers.quantity import FAST_UNITS, QuantityError, parse

REPO = Path(__file__).resolve().parents[2]
EDGE = ["1", "7", "10", "15", "20", "100", "2200", "2238", "30000", "999999999999", "100000000000",
        "0.5", "0.05", "0.0001", "1.0", "1.10", "19.9", "84.26", "63.0", "99.99", "123456789012.3456"]


def grammar(text: str):
    try:
        return quantity._grammar(text)
    except QuantityError as exc:
        return exc.why


@pytest.mark.parametrize("unit", sorted(FAST_UNITS))
def test_every_unit_at_the_edges_as_the_grammar_reads_it(unit):
    for number in EDGE:
        for scale in ("", "万", "亿"):
            text = f"{number}{scale}{unit}"
            fast = quantity._fast(text)
            assert fast is not None, text
            assert fast == grammar(text), text


@settings(max_examples=600, deadline=None)
@given(whole=st.integers(0, 10**12 - 1), frac=st.one_of(st.none(), st.text("0123456789", min_size=1, max_size=4)),
       scale=st.sampled_from(["", "万", "亿"]), unit=st.sampled_from(sorted(FAST_UNITS)))
def test_random_numbers_as_the_grammar_reads_them(whole, frac, scale, unit):
    text = f"{whole}{'.' + frac if frac is not None else ''}{scale}{unit}"
    fast = quantity._fast(text)
    if fast is not None:
        assert fast == grammar(text), text
    try:
        got = parse(text)
    except QuantityError as exc:
        got = exc.why
    assert got == grammar(text), text


def test_what_the_fast_path_leaves_to_the_grammar():
    for text in ("0人", "0.0%", "00人", "012人", "1,234人", "1e5人", "3万多人", "近3万人", "3-5人", "30余万元", "３０人", "30 人",
                 "30人次以上", "3千人", "5个百分点", "3成", "30分", "三十人", "1.23456万人", "1234567890123人", "3米9", "30万亿元"):
        assert quantity._fast(text) is None, text


def literals():
    """Every literal of the peer suites (tests/data) and of the bundled curated files."""
    out = set()
    with (REPO / "tests" / "data" / "peer_exact_cases.jsonl").open(encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            for key in ("input", "text", "literal"):
                if isinstance(case.get(key), str):
                    out.add(case[key])
    for path in (REPO / "curated").glob("*.yaml"):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        out.update(str(f["value"]) for f in doc.get("figures") or [] if isinstance(f, dict) and "value" in f)
    return sorted(out)


def test_every_known_literal_reads_the_same_through_parse():
    fast = 0
    for text in literals():
        if quantity._fast(text) is not None:
            fast += 1
            assert quantity._fast(text) == grammar(text), text
    assert fast > 100  # the fast path is the common case of real texts too
