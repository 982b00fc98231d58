"""A relation's arithmetic in words: the printed figures, the operators, the units, ranges rounded outward."""

from __future__ import annotations

import ast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ucheck.expr import parse_relation
from ucheck.kinds.arithmetic import approx, approx_apart, describe, number, span, unit_of, unit_text, words


def unit(expr: str, **units) -> str:
    return unit_text(unit_of(ast.parse(expr, mode="eval").body, units))


@pytest.mark.parametrize("expr,units,want", [
    ("benefit / patents", {"benefit": "元", "patents": "项"}, "元/项"),
    ("part / whole * 100", {"part": "人", "whole": "人"}, ""),
    ("people / households", {"people": "名", "households": "家"}, "名/家"),
    ("a + b", {"a": "人", "b": "人"}, "人"),
    ("a + b", {"a": "人", "b": "家"}, ""),  # unlike units: none
    ("a * b / c", {"a": "元", "b": "人", "c": "人"}, "元"),
    ("1 + g / 100", {"g": "%"}, "%"),
    ("a / b / c", {"a": "元", "b": "人", "c": "年"}, "元/人·年"),
    ("-a", {"a": "元"}, "元"),
    ("positive(a) / b", {"a": "元", "b": None}, "元"),
])
def test_units_of_arithmetic(expr, units, want):
    assert unit(expr, **units) == want


@pytest.mark.parametrize("expr,want", [
    ("a / b", "A ÷ B"),
    ("a / b * 100", "A ÷ B × 100"),
    ("a / (b * c)", "A ÷ (B × C)"),
    ("(a + b) / c", "(A + B) ÷ C"),
    ("a - (b - c)", "A − (B − C)"),
    ("a - b - c", "A − B − C"),
    ("a / 10000", "A ÷ 10,000"),
])
def test_words_keep_the_brackets_that_matter(expr, want):
    assert words(ast.parse(expr, mode="eval").body, {"a": "A", "b": "B", "c": "C"}) == want


@pytest.mark.parametrize("x,kw,want", [
    (252.174, {"up": False}, "252"),
    (285.714, {"up": True}, "286"),
    (1000, {"exact": True}, "1,000"),
    (14483.3, {"up": False}, "14,400"),
    (145000, {"up": False}, "14.5万"),
    (3.2e8, {}, "3.2亿"),
    (6.749999999999, {"up": False}, "6.75"),  # an end widened by ulps is the round number
    (10.000000000001, {"up": True}, "10"),
    (0.0123, {"up": True}, "0.0123"),
    (-5.55, {"up": False}, "-5.55"),
])
def test_numbers_as_a_reader_writes_them(x, kw, want):
    assert number(x, **kw) == want


@given(st.floats(0.001, 99999, allow_nan=False), st.floats(0, 99999, allow_nan=False))
def test_a_span_never_claims_a_narrower_range(lo, width):
    hi = lo + width
    text = span(lo, hi)
    a, _, b = text.partition("–")
    value = lambda t: float(t.replace(",", "").replace("万", "")) * (1e4 if t.endswith("万") else 1)
    assert value(a) <= lo * (1 + 1e-6) and value(b or a) >= hi * (1 - 1e-6)


def test_two_disjoint_ranges_read_apart():
    """Base-period sums that differ by 0.3 %: three digits would print both as 1200亿–12x0亿."""
    parts, whole = approx_apart((1203.88e8, 1205.26e8), (1208.76e8, 1210.94e8), "元")
    assert (parts, whole) == ("≈ 1203亿–1206亿 元", "≈ 1208亿–1211亿 元")
    assert approx_apart((252, 286), (1000, 1200)) == (approx(252, 286), approx(1000, 1200))  # three digits suffice


@given(st.floats(1, 9999, allow_nan=False), st.floats(0, 50, allow_nan=False), st.floats(0.001, 50, allow_nan=False),
       st.floats(0, 50, allow_nan=False))
def test_disjoint_ranges_never_read_as_overlapping_nor_narrower(lo, w1, gap, w2):
    a, b = (lo, lo + w1), (lo + w1 + gap, lo + w1 + gap + w2)
    value = lambda t: float(t.replace(",", ""))  # noqa: E731
    ends = []
    for text, (x, y) in zip(approx_apart(a, b), (a, b)):
        lo_t, _, hi_t = text.removeprefix("≈ ").partition("–")
        ends.append((value(lo_t), value(hi_t or lo_t)))
        assert ends[-1][0] <= x * (1 + 1e-6) and ends[-1][1] >= y * (1 - 1e-6)  # outward
    if gap > 1e-3 * lo:  # apart by more than the sixth digit: they read apart
        assert ends[0][1] < ends[1][0]


def test_open_ranges():
    assert span(5, float("inf")) == "≥ 5" and span(float("-inf"), 5) == "≤ 5"


REL = parse_relation("benefit / patents >= 1000", {"benefit", "patents"})


def test_a_floor_in_both_languages():
    literals, units = {"benefit": "290多万元", "patents": "1.1万项"}, {"benefit": "元", "patents": "项"}
    assert describe(REL, literals, units, (252.174, 285.714), (1000, 1000), "en") == \
        "290多万元 ÷ 1.1万项 ≈ 252–286 元/项, below the floor of 1,000 元/项"
    assert describe(REL, literals, units, (252.174, 285.714), (1000, 1000), "zh") == \
        "290多万元 ÷ 1.1万项 ≈ 252–286 元/项，低于 1,000 元/项的下限"


def test_a_ceiling_and_a_share():
    rel = parse_relation("people / households <= 6", {"people", "households"})
    assert describe(rel, {"people": "近30万名", "households": "3万多家"}, {"people": "名", "households": "家"},
                    (6.75, 10), (6, 6), "zh") == "近30万名 ÷ 3万多家 ≈ 6.75–10 名/家，高于 6 名/家的上限"
    share = parse_relation("part / whole * 100 == share", {"part", "whole", "share"})
    got = describe(share, {"part": "217.3万", "whole": "1400多万", "share": "19.9%"}, {"part": None, "whole": None, "share": "%"},
                   (14.4833, 15.525), (19.85, 19.95), "en")
    assert got == "217.3万 ÷ 1400多万 × 100 ≈ 14.4–15.6 %, which cannot equal 19.9%"


def test_strained_says_it_holds_only_in_the_rounding():
    got = describe(REL, {"benefit": "1100万元", "patents": "1.1万项"}, {"benefit": "元", "patents": "项"}, (950, 1050), (1000, 1000),
                   "zh", strained=True)
    assert got.endswith("——仅在所印数字的舍入范围内成立")
