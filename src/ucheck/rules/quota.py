"""``quota`` rules: totals produced by a stated rule (so many per unit) must imply one whole number
of units — the same for every quota of the rule, and within the printed count of units.

Evaluated as frames: one row of implied units per yield (total ÷ quota), one per rule for the
printed unit count (the product of its unit figures), then one groupby for the greatest lower and
least upper whole-number bound of each rule. Messages are built for the violated rules only.
"""

from __future__ import annotations

import numpy as np

from ucheck.intervals import format_interval, format_number, row_interval
from ucheck.rules.spec import RuleKind, register


@register
class QuotaRule(RuleKind):
    kind = "quota"
    doc = "Checks the curated stated_rules: every total ÷ its quota, and the unit figures' product, must share one whole number of units."
    options = {}

    def check(self, ctx):
        import pandas as pd

        from ucheck.quotas import counted_units, implied_units, whole_bounds

        st = ctx.stated
        if st is None or not len(st.yields):
            return []
        y, u = st.yields, st.units
        implied = implied_units(y)
        counted = counted_units(u)
        cons = pd.concat([implied, counted], ignore_index=True)
        lo_int, hi_int = whole_bounds(cons["lo"], cons["hi"], cons["lo_open"], cons["hi_open"])
        cons = cons.assign(lo_int=lo_int, hi_int=hi_int)
        g = cons.groupby(["article", "rule"], sort=False).agg(lo_int=("lo_int", "max"), hi_int=("hi_int", "min"))
        bad = g[g["lo_int"] > g["hi_int"]]
        if not len(bad):
            return []
        # messages for the violated rules only: their rows as plain records (one conversion for
        # all of them: a frame's to_dict per finding costs milliseconds), grouped by rule
        from ucheck.quotas import unit_factors

        keys = bad.index
        pick = lambda frame: frame[pd.MultiIndex.from_frame(frame[["article", "rule"]]).isin(keys)]  # noqa: E731
        yb = pick(y)
        yb = yb.assign(**{f"n_{c}": implied.loc[yb.index, c].to_numpy() for c in ("lo", "hi", "lo_open", "hi_open")})
        y_by: dict = {}
        for r in yb.to_dict("records"):
            y_by.setdefault((r["article"], r["rule"]), []).append(r)
        u_by: dict = {}
        if len(u):
            ub = pick(u)
            wf = unit_factors(ub)
            for r in ub.assign(w_lo=wf["lo"], w_hi=wf["hi"], w_whole=wf["whole"]).to_dict("records"):
                u_by.setdefault((r["article"], r["rule"]), []).append(r)
        c_by = counted.set_index(["article", "rule"]).to_dict("index") if len(counted) else {}
        return [self._finding(ctx, y_by[key], u_by.get(key), c_by.get(key)) for key in keys]

    def _finding(self, ctx, ys: list[dict], us: list[dict] | None, counted: dict | None):
        first = ys[0]
        per = first["per"]
        parts = []
        for rec in ys:
            q = (format_number(rec["quota_low"]) if rec["quota_low"] == rec["quota_high"]
                 else format_interval(rec["quota_low"], rec["quota_high"], rec["quota_low_open"], rec["quota_high_open"]))
            reading = f" ({rec['quota_reading']})" if rec["quota_reading"] != rec["quota"] else ""
            n = format_interval(rec["n_lo"], rec["n_hi"], rec["n_lo_open"], rec["n_hi_open"])
            parts.append(f"{rec['quota']}{reading} per {per} → {rec['total']} = {rec['total.value']} "
                         f"{row_interval(rec, prefix='total.')} ÷ {q} = {n} {per}")
        if us:
            factors = " × ".join(
                f"{r['unit.id']} = {r['unit.value']} {row_interval(r, prefix='unit.')}"
                + (f" → {_whole(r['w_lo'], r['w_hi'])}" if r["w_whole"] and _tightened(r) else "")
                for r in us
            )
            total = (_whole(counted["lo"], counted["hi"]) if counted["lo"] == counted["hi"]
                     else format_interval(counted["lo"], counted["hi"], counted["lo_open"], counted["hi_open"]))
            parts.append(f"counted: {factors} = {total} {per}")
        head = self.rule.message or self.rule.summary
        msg = f"{head} — stated rule {first['rule']}: " + "; ".join(parts) + f"; no whole number of {per} fits them all: violated"
        rows = [{
            "article": first["article"], "file": first["file"], "line": first["rule_line"], "column": first["rule_column"],
            "id": first["rule"], "value": "、".join(r["quota"] for r in ys), "quote": first["quote"], "seed_line": first["seed_line"],
            "q_low": np.nan, "q_high": np.nan, "q_low_open": False, "q_high_open": False,
        }]
        for prefix, group in (("total.", ys), ("unit.", us or [])):
            for r in group:
                rows.append({"article": first["article"], "file": first["file"], "line": r[f"{prefix}line"], "column": 1,
                             **{c: r[f"{prefix}{c}"] for c in ("id", "value", "quote", "seed_line", "q_low", "q_high", "q_low_open", "q_high_open")}})
        return ctx.finding(self.rule, rows, msg, key=f"stated:{first['rule']}")


def _whole(lo: float, hi: float) -> str:
    return format_number(lo) if lo == hi else f"{format_number(lo)}–{format_number(hi)}"


def _tightened(r: dict) -> bool:
    """Whether reading a unit figure as whole numbers changed its interval (3年 [2.5, 3.5) → 3)."""
    return bool(r["unit.q_low_open"] or r["unit.q_high_open"] or r["unit.q_low"] != r["w_lo"] or r["unit.q_high"] != r["w_hi"])
