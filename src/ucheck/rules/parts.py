"""``parts`` rules: the parts of a whole (curated ``part_of``) within their whole.

One groupby over all parts of the corpus, on intervals: no part may exceed its whole; the parts of a
whole marked ``parts: disjoint`` may not exceed it together (the least they can add up to against
the most the whole can be); those of a whole marked ``parts: complete`` must also reach it.
"""

from __future__ import annotations

import numpy as np

from ucheck.intervals import format_interval, row_interval
from ucheck.rules.spec import RuleKind, register

_TOL = 1e-9


@register
class PartsRule(RuleKind):
    kind = "parts"
    doc = "Checks curated part_of on intervals: no part above its whole; disjoint parts together not above it; complete parts reaching it."
    options = {}

    def check(self, ctx):
        import pandas as pd

        j = ctx.parts
        if j is None or not len(j):
            return []
        j = j[j["q_low"].notna() & j["whole.q_low"].notna()]
        if not len(j):
            return []
        one_over = _above(j["q_low"].to_numpy(float), j["q_low_open"].to_numpy(bool),
                          j["whole.q_high"].to_numpy(float), j["whole.q_high_open"].to_numpy(bool))
        j = j.assign(one_over=one_over)
        g = j.groupby(["article", "part_of"], sort=False).agg(
            lo=("q_low", "sum"), hi=("q_high", "sum"), lo_open=("q_low_open", "any"), hi_open=("q_high_open", "any"),
            w_lo=("whole.q_low", "first"), w_hi=("whole.q_high", "first"),
            w_lo_open=("whole.q_low_open", "first"), w_hi_open=("whole.q_high_open", "first"),
            mode=("whole.parts", "first"), one_over=("one_over", "any"),
        )
        mode = g["mode"].to_numpy(object)
        summed = (mode == "disjoint") | (mode == "complete")
        sum_over = summed & _above(g["lo"].to_numpy(float), g["lo_open"].to_numpy(bool), g["w_hi"].to_numpy(float), g["w_hi_open"].to_numpy(bool))
        # complete: the most the parts can be is below the least of the whole (w_lo > hi)
        under = (mode == "complete") & _above(g["w_lo"].to_numpy(float), g["w_lo_open"].to_numpy(bool), g["hi"].to_numpy(float), g["hi_open"].to_numpy(bool))
        over = g["one_over"].to_numpy(bool) | sum_over
        bad = g[over | under]
        if not len(bad):
            return []
        keys = bad.index
        picked = j[pd.MultiIndex.from_frame(j[["article", "part_of"]]).isin(keys)]
        by: dict = {}
        for r in picked.to_dict("records"):  # one conversion for every finding
            by.setdefault((r["article"], r["part_of"]), []).append(r)
        out = []
        for key, exceeds, s in zip(keys, over[over | under], bad.to_dict("records")):
            parts = by[key]
            w = parts[0]
            whole = f"{w['whole.id']} = {w['whole.value']} {row_interval(w, prefix='whole.')}"
            if exceeds and s["one_over"]:  # the parts above the whole, each alone
                parts = [p for p in parts if p["one_over"]]
                terms = ", ".join(f"{p['id']} = {p['value']} {row_interval(p)}" for p in parts)
            else:  # the sum
                terms = " + ".join(f"{p['id']} = {p['value']} {row_interval(p)}" for p in parts)
                terms += f" = {format_interval(s['lo'], s['hi'], s['lo_open'], s['hi_open'])}"
            if not exceeds:
                what = "the parts do not make up their whole, which the text says they do (parts: complete)"
            elif s["one_over"]:
                what = "a part exceeds its whole"
            else:
                what = f"the parts exceed their whole together (parts: {s['mode']})"
            head = self.rule.message or self.rule.summary
            msg = f"{head} — {terms}; {whole}: {what}: violated"
            whole_row = {"article": w["article"], **{c: w[f"whole.{c}"] for c in ("file", "line", "column", "id", "value", "quote", "seed_line", "q_low", "q_high", "q_low_open", "q_high_open")}}
            out.append(ctx.finding(self.rule, [whole_row, *parts], msg, key=f"parts:{w['whole.id']}"))
        return out


def _above(a, a_open, b, b_open) -> np.ndarray:
    """a > b for every value of the intervals' ends: a clearly above b, or equal to it where either
    end is open (a part of (1万, 2万) against a whole of [0.5万, 1万]). Relative tolerance 1e-9."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    with np.errstate(invalid="ignore"):
        tol = _TOL * np.maximum(1.0, np.abs(np.where(np.isfinite(b), b, 0)))
        return (a > b + tol) | ((np.abs(a - b) <= tol) & (np.asarray(a_open, bool) | np.asarray(b_open, bool)))
