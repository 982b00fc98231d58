"""``hierarchy`` rules: a part cannot exceed its whole across the gazetteer — a city's figure of
an additive metric is at most its province's (or any ancestor's) for the same subject and period.

Figures are joined to the figures of their region's ancestors in one merge per ancestor level
(the gazetteer's depth, not the corpus size, bounds the work).
"""

from __future__ import annotations

import numpy as np

from ucheck.i18n import phrases
from ucheck.numbers.intervals import VIOLATED, row_interval
from ucheck.kinds.columns import FIGURE, MATCH_KEYS
from ucheck.kinds.base import Option, RuleKind, register

MAX_DEPTH = 6
SAY = phrases(
    __name__,
    exceeds=("{head} — {metric} of {whose}: {part} > {whole}", "{head}——{whose}的{metric}：{part}，大于{whole}"),
    exceeds_no_key=("{head} — {metric}: {part} > {whole}", "{head}——{metric}：{part}，大于{whole}"),
    figure=("{region} '{value}' {interval}", "{region}“{value}” {interval}"),
    part_and_whole=("part and whole", "部分与整体"),
)


@register
class HierarchyRule(RuleKind):
    kind = "hierarchy"
    doc = "For additive metrics: a region's figure <= the same figure of each ancestor region."
    options = {
        "match_on": Option("list", default=["subject", "period"], doc="keys besides metric and unit that the two figures share",
                           choices=tuple(k for k in MATCH_KEYS if k != "region")),
        "metrics": Option("metrics", default=[], doc="restrict to these metrics (default: every additive metric)"),
        "require_period": Option("bool", default=True, doc="skip figures without a period"),
    }

    def __init__(self, rule, vocab):
        super().__init__(rule, vocab)
        self.metrics = rule.options["metrics"] or sorted(n for n, m in vocab.metrics.items() if m["additive"])
        self.keys = ["metric", "unit"] + [MATCH_KEYS[k] for k in rule.options["match_on"]]

    def scope(self, figures, selected):
        from ucheck.kinds.base import sharing

        return sharing(figures, selected, self.keys)  # same metric, unit and match_on, in any region (a part and its wholes)

    def cited(self, figures, selected, rows):
        # a finding is located at the part: one about a selected figure shows it and a whole of an ancestor region
        parent = {name: r.get("parent") for name, r in self.vocab.regions.items()}
        above = set()
        for region in figures["region"][selected].dropna().unique().tolist():
            for _ in range(MAX_DEPTH):
                region = parent.get(region)
                if region is None:
                    break
                above.add(region)
        return rows & (selected | figures["region"].isin(sorted(above)).to_numpy())

    def check(self, ctx):
        self.checked = 0
        import pandas as pd

        from ucheck.kinds.frame import intervals_of

        f = ctx.figures
        f = f[f["metric"].isin(self.metrics) & f["q_low"].notna() & f["region"].notna()]
        if self.rule.options["require_period"]:
            f = f[f["period_key"] != ""]
        if len(f) < 2:
            return []
        parent = {name: r.get("parent") for name, r in ctx.vocab.regions.items()}
        cols = self.keys + ["region", *FIGURE]
        child = f[cols].assign(ancestor=f["region"].map(parent))
        whole = f[cols]
        out = []
        for _ in range(MAX_DEPTH):
            child = child[child["ancestor"].notna()]
            if not len(child):
                break
            from ucheck.kinds.frame import bounded_merge, crowded_findings

            # across articles: a group of more pairs than MAX_COMBINATIONS is reported, not joined
            pairs, crowded = bounded_merge(child, whole, left_on=self.keys + ["ancestor"], right_on=self.keys + ["region"], suffixes=("", ".w"))
            out += crowded_findings(ctx, self.rule, crowded, self.keys + ["ancestor"], SAY.part_and_whole)
            if len(pairs):
                part = intervals_of(pairs)
                total = intervals_of(pairs, "").__class__(
                    pairs["q_low.w"].to_numpy(float), pairs["q_high.w"].to_numpy(float), pairs["q_value.w"].to_numpy(float),
                    pairs["q_low_open.w"].to_numpy(bool), pairs["q_high_open.w"].to_numpy(bool))
                verdict = part.compare("<=", total)
                self.checked += len(pairs)
                for i in np.flatnonzero(verdict == VIOLATED):
                    r = pairs.iloc[i]
                    rows = pd.DataFrame([
                        {c: r[c] for c in cols if c in r},
                        {c: r.get(f"{c}.w", r.get(c)) for c in cols},
                    ])
                    whose = r[self.keys[2]] if len(self.keys) > 2 else ""  # the first match_on key: the subject
                    msg = ctx.say(SAY.exceeds if whose != "" else SAY.exceeds_no_key, head=ctx.headline(self.rule),
                                  metric=ctx.label(r["metric"]), whose=whose,
                                  part=ctx.say(SAY.figure, region=r["region"], value=r["value"], interval=row_interval(r)),
                                  whole=ctx.say(SAY.figure, region=r["ancestor"], value=r["value.w"], interval=row_interval(r, suffix=".w")))
                    out.append(ctx.finding(self.rule, rows, msg))
            child = child.assign(ancestor=child["ancestor"].map(parent))
        return out
