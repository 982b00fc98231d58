"""Interval arithmetic over numpy columns, and the three verdicts of a relation.

Every printed figure is an interval of possible true values (see ``ucheck.numbers.quantity``). A relation
between figures is *violated* when no choice of values inside the intervals satisfies it, *strained*
when the printed point values break it but some choice inside the intervals satisfies it, and
*consistent* otherwise.

Arithmetic is done on closed intervals (a closed hull is a superset of the true set, so it can only
make a verdict milder, never wrongly "violated"). Open ends are kept on the operands and used where
they decide a verdict: comparing two figures whose intervals touch at an excluded end (近30万 = [27万,
30万) against 30多万 = (30万, 40万)) is violated. Points are carried alongside so the strained verdict
can be told from the consistent one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Relative tolerance of comparisons made outside the outward-rounded arithmetic (a sum of parts
# against a whole, a whole number of units): 480 ÷ 10 computed as 47.99999… is still 48.
REL_TOL = 1e-9


def tolerance(x) -> np.ndarray:
    """REL_TOL relative to each value (at least REL_TOL; infinite values get REL_TOL)."""
    x = np.asarray(x, float)
    return REL_TOL * np.maximum(1.0, np.abs(np.where(np.isfinite(x), x, 0)))


VIOLATED = "violated"
STRAINED = "strained"
CONSISTENT = "consistent"

def _arr(x, n=None) -> np.ndarray:
    a = np.asarray(x, dtype=float)
    if a.ndim == 0 and n is not None:
        a = np.full(n, float(a))
    return a


@dataclass(frozen=True)
class IntervalArray:
    """A column of intervals [lo, hi] with open-end flags and the printed point value of each."""

    lo: np.ndarray
    hi: np.ndarray
    point: np.ndarray
    lo_open: np.ndarray
    hi_open: np.ndarray

    @classmethod
    def from_columns(cls, lo, hi, point=None, lo_open=None, hi_open=None) -> "IntervalArray":
        lo = _arr(lo)
        hi = _arr(hi)
        point = _arr(point) if point is not None else np.where(np.isfinite(lo) & np.isfinite(hi), (lo + hi) / 2, np.where(np.isfinite(lo), lo, hi))
        n = lo.shape
        lo_open = np.zeros(n, bool) if lo_open is None else np.asarray(lo_open, bool)
        hi_open = np.zeros(n, bool) if hi_open is None else np.asarray(hi_open, bool)
        return cls(lo, hi, point, lo_open, hi_open)

    @classmethod
    def constant(cls, value: float, n: int) -> "IntervalArray":
        v = np.full(n, float(value))
        z = np.zeros(n, bool)
        return cls(v, v.copy(), v.copy(), z, z.copy())

    def __len__(self) -> int:
        return len(self.lo)

    def _closed(self, lo, hi, point) -> "IntervalArray":
        # Round outward by one ulp: floating-point error must never shrink an interval, or a
        # relation that holds at the boundary could be reported as violated.
        lo = np.nextafter(lo, -np.inf)
        hi = np.nextafter(hi, np.inf)
        z = np.zeros(lo.shape, bool)
        return IntervalArray(lo, hi, point, z, z.copy())

    # -- arithmetic (closed hulls) ---------------------------------------------------------------
    def __add__(self, other: "IntervalArray") -> "IntervalArray":
        return self._closed(self.lo + other.lo, self.hi + other.hi, self.point + other.point)

    def __sub__(self, other: "IntervalArray") -> "IntervalArray":
        return self._closed(self.lo - other.hi, self.hi - other.lo, self.point - other.point)

    def __neg__(self) -> "IntervalArray":
        return IntervalArray(-self.hi, -self.lo, -self.point, self.hi_open, self.lo_open)

    def _hull(self, cands, point) -> "IntervalArray":
        # 0 × ∞ (and ∞ / ∞) is nan in IEEE arithmetic; as a bound of a product it is 0.
        cands = np.where(np.isnan(cands), 0.0, cands)
        return self._closed(cands.min(axis=0), cands.max(axis=0), point)

    def __mul__(self, other: "IntervalArray") -> "IntervalArray":
        with np.errstate(invalid="ignore", over="ignore"):
            cands = np.stack([self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi])
            return self._hull(cands, self.point * other.point)

    def __truediv__(self, other: "IntervalArray") -> "IntervalArray":
        # Division by an interval that contains zero is unbounded: the result is (-inf, +inf).
        spans_zero = (other.lo <= 0) & (other.hi >= 0)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            cands = np.stack([self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi])
            point = np.where(other.point == 0, np.nan, self.point / np.where(other.point == 0, 1, other.point))
            out = self._hull(cands, point)
        lo = np.where(spans_zero, -np.inf, out.lo)
        hi = np.where(spans_zero, np.inf, out.hi)
        return IntervalArray(lo, hi, point, out.lo_open, out.hi_open)

    # -- comparisons ------------------------------------------------------------------------------
    def compare(self, op: str, other: "IntervalArray") -> np.ndarray:
        """Verdict per row of ``self OP other`` as an array of VIOLATED / STRAINED / CONSISTENT."""
        a, b = self, other
        if op in (">", ">="):
            a, b = b, a
            op = "<" if op == ">" else "<="
        if op in ("<", "<="):
            # a < b is possible unless every a is >= every b: a.lo >= b.hi (with open-end care).
            touching = a.lo == b.hi
            if op == "<":
                # At a.lo == b.hi the only candidate pair is a = a.lo, b = b.hi, which gives equality.
                impossible = (a.lo > b.hi) | touching
            else:
                impossible = (a.lo > b.hi) | (touching & (a.lo_open | b.hi_open))
            with np.errstate(invalid="ignore"):
                point_ok = a.point < b.point if op == "<" else a.point <= b.point
        elif op == "==":
            disjoint = (a.hi < b.lo) | (b.hi < a.lo)
            touch_ab = (a.hi == b.lo) & (a.hi_open | b.lo_open)
            touch_ba = (b.hi == a.lo) & (b.hi_open | a.lo_open)
            impossible = disjoint | touch_ab | touch_ba
            # The points agree when either lies in the other's interval: a computed 10.82% agrees
            # with a printed 10.8% to the precision it was printed with.
            with np.errstate(invalid="ignore"):
                point_ok = ((a.point >= b.lo) & (a.point <= b.hi)) | ((b.point >= a.lo) & (b.point <= a.hi))
        elif op == "!=":
            # a != b is impossible only when both are the same single point.
            impossible = (a.lo == a.hi) & (b.lo == b.hi) & (a.lo == b.lo)
            point_ok = a.point != b.point
        else:
            raise ValueError(f"unknown comparison {op!r}")
        point_ok = np.where(np.isnan(a.point) | np.isnan(b.point), True, point_ok)
        return np.where(impossible, VIOLATED, np.where(point_ok, CONSISTENT, STRAINED))


def overlaps(lo_a, hi_a, lo_a_open, hi_a_open, lo_b, hi_b, lo_b_open, hi_b_open) -> np.ndarray:
    """Whether each pair of intervals shares at least one value."""
    return IntervalArray(_arr(lo_a), _arr(hi_a), _arr(lo_a), np.asarray(lo_a_open, bool), np.asarray(hi_a_open, bool)).compare(
        "==", IntervalArray(_arr(lo_b), _arr(hi_b), _arr(lo_b), np.asarray(lo_b_open, bool), np.asarray(hi_b_open, bool))
    ) != VIOLATED


def format_interval(lo: float, hi: float, lo_open: bool = False, hi_open: bool = False) -> str:
    """[1.05万, 1.15万) style rendering with Chinese scale words for readability."""
    left = "(" if lo_open or not np.isfinite(lo) else "["
    right = ")" if hi_open or not np.isfinite(hi) else "]"
    a, b = format_number(lo), format_number(hi)
    digits = 6
    while a == b and lo != hi and digits < 15:  # ends that differ are shown so: 2616610.5 and 2616611.5 (万元)
        digits += 1                             # are [261.66105亿, 261.66115亿), not [261.661亿, 261.661亿)
        a, b = format_number(lo, digits), format_number(hi, digits)
    if digits > 6 and digits < 15:  # one figure more than tells them apart: both ends read alike
        a, b = format_number(lo, digits + 1), format_number(hi, digits + 1)
    return f"{left}{a}, {b}{right}"


def row_interval(row, prefix: str = "", suffix: str = "") -> str:
    """The interval of a figure row (a mapping with q_low, q_high, q_low_open, q_high_open), whose
    columns may carry a prefix ("benefit.") or suffix (".w") after a join."""
    g = lambda c: row[f"{prefix}{c}{suffix}"]
    return format_interval(g("q_low"), g("q_high"), bool(g("q_low_open")), bool(g("q_high_open")))


def format_number(x: float, digits: int = 6) -> str:
    """A number in at most ``digits`` significant figures, with 万 or 亿 from ten thousand up."""
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "?"
    if not np.isfinite(x):
        return "+∞" if x > 0 else "−∞"
    ax = abs(x)
    for scale, word in ((1e8, "亿"), (1e4, "万")):
        if ax >= scale:
            return f"{_trim(x / scale, digits)}{word}"
    return _trim(x, digits)


def _trim(x: float, digits: int = 6) -> str:
    s = f"{x:.{digits}g}"
    if "e" in s:
        s = f"{x:.0f}" if abs(x) >= 1 else f"{x:.{max(3, digits - 3)}g}"
    return s
