"""Interval arithmetic: exact cases, and soundness as properties (hypothesis)."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ucheck.numbers.intervals import CONSISTENT, STRAINED, VIOLATED, IntervalArray, format_interval


def iv(lo, hi, point=None, lo_open=False, hi_open=False):
    return IntervalArray.from_columns([lo], [hi], [point if point is not None else (lo + hi) / 2], [lo_open], [hi_open])


def test_division_of_mission_example_is_violated():
    # 217.3万 ÷ 1400多万 against a stated 19.9%
    part = iv(2172500, 2173500, 2173000)
    whole = iv(14_000_000, 15_000_000, 14_000_000, True, True)
    share = iv(19.85, 19.95, 19.9, hi_open=True)
    verdict = (part / whole * IntervalArray.constant(100, 1)).compare("==", share)
    assert verdict[0] == VIOLATED


def test_growth_example_agrees():
    total, added = iv(214500, 215500, 215000), iv(20500, 21500, 21000)
    growth = (total / (total - added) - IntervalArray.constant(1, 1)) * IntervalArray.constant(100, 1)
    assert growth.lo[0] < 10.8 < growth.hi[0]
    assert growth.compare("==", iv(10.75, 10.85, 10.8))[0] == CONSISTENT


def test_touching_open_ends_are_disjoint():
    near = iv(180000, 200000, 200000, hi_open=True)  # 近20万
    more = iv(200000, 300000, 200000, True, True)  # 20多万
    assert near.compare("==", more)[0] == VIOLATED
    closed = iv(180000, 200000, 200000)
    assert closed.compare("==", iv(200000, 300000, 250000))[0] != VIOLATED


def test_strained_when_points_disagree_but_intervals_overlap():
    a, b = iv(95, 105, 100), iv(104, 110, 107)
    assert a.compare("==", b)[0] == STRAINED
    assert a.compare("==", iv(101, 103, 102))[0] == CONSISTENT  # 102 lies within 100's rounding
    assert a.compare("<=", iv(90, 96, 93))[0] == STRAINED
    assert a.compare("<=", iv(90, 94, 92))[0] == VIOLATED


def test_division_by_interval_containing_zero_is_unbounded():
    r = iv(1, 2) / iv(-1, 1)
    assert r.lo[0] == -math.inf and r.hi[0] == math.inf
    assert r.compare(">=", iv(1e9, 1e9))[0] != VIOLATED


def test_multiplication_with_infinite_bound():
    r = iv(0, math.inf, 5) * iv(2, 3)
    assert -1e-300 < r.lo[0] <= 0 and r.hi[0] == math.inf  # 0 × ∞ bound is 0 (rounded outward)


def test_format_interval_uses_chinese_scales():
    assert format_interval(10500, 11500, False, True) == "[1.05万, 1.15万)"
    assert format_interval(2.9e6, 3e6, True, True) == "(290万, 300万)"
    assert format_interval(-math.inf, 1200, False, True) == "(−∞, 1200)"


finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def interval_with_point(draw):
    a, b = sorted((draw(finite), draw(finite)))
    t = draw(st.floats(min_value=0, max_value=1))
    # a + (b - a)·t can round outside [a, b]: clamp, the witness must lie inside
    return a, b, min(max(a + (b - a) * t, a), b)


OPS = {"+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y, "/": lambda x, y: x / y}


@settings(max_examples=400, deadline=None)
@given(interval_with_point(), interval_with_point(), st.sampled_from(list(OPS)))
def test_arithmetic_contains_every_pointwise_result(x, y, op):
    (alo, ahi, a), (blo, bhi, b) = x, y
    if op == "/" and b == 0:
        return
    A, B = iv(alo, ahi, a), iv(blo, bhi, b)
    R = OPS[op](A, B)
    value = OPS[op](a, b)
    tol = 1e-9 * max(1.0, abs(value))
    assert R.lo[0] - tol <= value <= R.hi[0] + tol


@settings(max_examples=400, deadline=None)
@given(interval_with_point(), interval_with_point(), st.sampled_from(["<", "<=", ">", ">=", "=="]))
def test_relation_that_holds_somewhere_is_never_violated(x, y, cmp):
    (alo, ahi, a), (blo, bhi, b) = x, y
    holds = {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": a == b}[cmp]
    verdict = iv(alo, ahi, a).compare(cmp, iv(blo, bhi, b))[0]
    if holds:
        assert verdict != VIOLATED
        assert verdict == CONSISTENT  # the printed points themselves satisfy it


@settings(max_examples=300, deadline=None)
@given(interval_with_point(), interval_with_point(), interval_with_point())
def test_compound_expression_never_wrongly_violated(x, y, z):
    # part / whole * 100 == share, with a witness chosen inside the intervals
    (alo, ahi, a), (blo, bhi, b), (clo, chi, _) = x, y, z
    if b == 0 or blo <= 0 <= bhi:
        return
    witness = a / b * 100
    lhs = iv(alo, ahi, a) / iv(blo, bhi, b) * IntervalArray.constant(100, 1)
    share = iv(min(clo, witness), max(chi, witness), witness)
    assert lhs.compare("==", share)[0] != VIOLATED


def test_columns_evaluate_together():
    a = IntervalArray.from_columns(np.array([1.0, 5.0]), np.array([2.0, 6.0]))
    b = IntervalArray.from_columns(np.array([3.0, 1.0]), np.array([4.0, 2.0]))
    assert list(a.compare("<", b)) == [CONSISTENT, VIOLATED]


def test_format_interval_shows_ends_that_differ_as_different():
    """A literal of seven or more figures has ends that six figures print alike: 2616611万元 is
    [261.66105亿, 261.66115亿), never the empty-looking [261.661亿, 261.661亿)."""
    assert format_interval(26166105000.0, 26166115000.0, False, True) == "[261.66105亿, 261.66115亿)"
    assert format_interval(607055.5, 607056.5, False, True) == "[60.70555万, 60.70565万)"
    assert format_interval(1, 1) == "[1, 1]"  # a point stays a point
