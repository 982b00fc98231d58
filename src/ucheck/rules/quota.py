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
        y_by = {k: grp for k, grp in y.groupby(["article", "rule"], sort=False)}
        u_by = {k: grp for k, grp in u.groupby(["article", "rule"], sort=False)} if len(u) else {}
        c_by = counted.set_index(["article", "rule"]) if len(counted) else None
        out = []
        for (article, rule_id), _ in bad.iterrows():
            yg = y_by[(article, rule_id)]
            ug = u_by.get((article, rule_id))
            out.append(self._finding(ctx, yg, ug, None if ug is None else c_by.loc[(article, rule_id)], implied))
        return out

    def _finding(self, ctx, yg, ug, counted, implied):
        first = yg.iloc[0]
        per = first["per"]
        parts = []
        imp = implied.loc[yg.index]
        for rec, (lo, hi, lo_open, hi_open) in zip(yg.to_dict("records"), imp[["lo", "hi", "lo_open", "hi_open"]].itertuples(index=False)):
            q = (format_number(rec["quota_low"]) if rec["quota_low"] == rec["quota_high"]
                 else format_interval(rec["quota_low"], rec["quota_high"], rec["quota_low_open"], rec["quota_high_open"]))
            reading = f" ({rec['quota_reading']})" if rec["quota_reading"] != rec["quota"] else ""
            parts.append(
                f"{rec['quota']}{reading} per {per} → {rec['total']} = {rec['total.value']} "
                f"{row_interval(rec, prefix='total.')} ÷ {q} = {format_interval(lo, hi, lo_open, hi_open)} {per}"
            )
        if ug is not None:
            from ucheck.quotas import unit_factors

            wf = unit_factors(ug)
            factors = " × ".join(
                f"{r['unit.id']} = {r['unit.value']} {row_interval(r, prefix='unit.')}"
                + (f" → {_whole(lo, hi)}" if whole and _tightened(r, lo, hi) else "")
                for r, lo, hi, whole in zip(ug.to_dict("records"), wf["lo"], wf["hi"], wf["whole"])
            )
            total = (_whole(counted["lo"], counted["hi"]) if counted["lo"] == counted["hi"]
                     else format_interval(counted["lo"], counted["hi"], counted["lo_open"], counted["hi_open"]))
            parts.append(f"counted: {factors} = {total} {per}")
        head = self.rule.message or self.rule.summary
        msg = f"{head} — stated rule {first['rule']}: " + "; ".join(parts) + f"; no whole number of {per} fits them all: violated"
        rows = [{
            "article": first["article"], "file": first["file"], "line": first["rule_line"], "column": first["rule_column"],
            "id": first["rule"], "value": "、".join(yg["quota"]), "quote": first["quote"], "seed_line": first["seed_line"],
            "q_low": np.nan, "q_high": np.nan, "q_low_open": False, "q_high_open": False,
        }]
        for prefix, g in (("total.", yg), ("unit.", ug)):
            if g is None:
                continue
            for r in g.to_dict("records"):
                rows.append({"article": first["article"], "file": first["file"], "line": r[f"{prefix}line"], "column": 1,
                             **{c: r[f"{prefix}{c}"] for c in ("id", "value", "quote", "seed_line", "q_low", "q_high", "q_low_open", "q_high_open")}})
        return ctx.finding(self.rule, rows, msg, key=f"stated:{first['rule']}")


def _whole(lo: float, hi: float) -> str:
    return format_number(lo) if lo == hi else f"{format_number(lo)}–{format_number(hi)}"


def _tightened(r: dict, lo: float, hi: float) -> bool:
    """Whether reading a unit figure as whole numbers changed its interval (3年 [2.5, 3.5) → 3)."""
    return bool(r["unit.q_low_open"] or r["unit.q_high_open"] or r["unit.q_low"] != lo or r["unit.q_high"] != hi)
