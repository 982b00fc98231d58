"""``hierarchy`` rules: a part cannot exceed its whole across the gazetteer — a city's figure of
an additive metric is at most its province's (or any ancestor's) for the same subject and period.

Figures are joined to the figures of their region's ancestors in one merge per ancestor level
(the gazetteer's depth, not the corpus size, bounds the work).
"""

from __future__ import annotations

import numpy as np

from ucheck.i18n import phrases
from ucheck.numbers.intervals import VIOLATED, IntervalArray, row_interval
from ucheck.kinds.columns import FIGURE, MATCH_KEYS, records
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
        parent = {name: r.get("parent") for name, r in self.vocab.regions_by_name().items()}
        above = set()
        for region in figures["region"][selected].dropna().unique().tolist():
            for _ in range(MAX_DEPTH):
                region = parent.get(region)
                if region is None:
                    break
                above.add(region)
        above |= {alias for alias, name in self.vocab.region_aliases().items() if name in above}  # a whole may be named so
        return rows & (selected | figures["region"].isin(sorted(above)).to_numpy())

    def check(self, ctx):
        self.checked = 0
        import pandas as pd

        from ucheck.kinds.frame import bounded_merge, crowded_findings, figure_columns

        f = ctx.figures
        column = figure_columns(f)
        # The figures judged and the joins are narrow: the keys, the region and each figure's position
        # in f; a pair's columns are read by position, and only for the pairs reported (a copy of the
        # wide frame's rows, or wide pairs, was the peak of a large corpus's memory).
        keep = f["metric"].isin(self.metrics).to_numpy() & pd.notna(column("q_low")) & pd.notna(column("region"))
        if self.rule.options["require_period"]:
            keep &= column("period_key") != ""
        at = np.flatnonzero(keep)
        if len(at) < 2:
            return []
        parent = {name: r.get("parent") for name, r in ctx.vocab.regions_by_name().items()}
        cols = self.keys + ["region", *FIGURE]
        # a whole named by an alias (兰坪县) is the region its parts name as their parent
        region = column("region")[at]
        aliases = ctx.vocab.region_aliases()
        if aliases:  # once per distinct region name
            codes, names = pd.factorize(region)
            region = np.asarray([aliases.get(n, n) for n in names], dtype=object)[codes]
        whole = pd.DataFrame({**{k: column(k)[at] for k in self.keys}, "region": region, "#": at})
        child = whole.assign(ancestor=whole["region"].map(parent))
        q = {c: column(c) for c in ("q_low", "q_high", "q_value", "q_low_open", "q_high_open")}
        out = []
        for _ in range(MAX_DEPTH):
            child = child[child["ancestor"].notna()]
            if not len(child):
                break
            # across articles: a group of more pairs than MAX_COMBINATIONS is reported, not joined
            pairs, crowded = bounded_merge(child[[*self.keys, "ancestor", "#"]], whole, left_on=self.keys + ["ancestor"],
                                           right_on=self.keys + ["region"], suffixes=("", ".w"))
            if len(crowded):
                at = crowded["#"].to_numpy(np.int64)
                crowded = crowded.assign(**{c: column(c)[at] for c in cols if c not in crowded.columns})
            out += crowded_findings(ctx, self.rule, crowded, self.keys + ["ancestor"], SAY.part_and_whole)
            if len(pairs):
                i, j = pairs["#"].to_numpy(np.int64), pairs["#.w"].to_numpy(np.int64)
                interval = lambda at: IntervalArray(q["q_low"][at].astype(float), q["q_high"][at].astype(float), q["q_value"][at].astype(float),  # noqa: E731
                                                    q["q_low_open"][at].astype(bool), q["q_high_open"][at].astype(bool))
                verdict = interval(i).compare("<=", interval(j))
                self.checked += len(pairs)
                hits = np.flatnonzero(verdict == VIOLATED)
                if len(hits):
                    part_rows, whole_rows = records(f.iloc[i[hits]][cols]), records(f.iloc[j[hits]][cols])
                    for part, total in zip(part_rows, whole_rows):
                        rows = pd.DataFrame([part, total])
                        whose = part[self.keys[2]] if len(self.keys) > 2 else ""  # the first match_on key: the subject
                        msg = ctx.say(SAY.exceeds if whose != "" else SAY.exceeds_no_key, head=ctx.headline(self.rule),
                                      metric=ctx.label(part["metric"]), whose=whose,
                                      part=ctx.say(SAY.figure, region=part["region"], value=part["value"], interval=row_interval(part)),
                                      whole=ctx.say(SAY.figure, region=total["region"], value=total["value"], interval=row_interval(total)))
                        out.append(ctx.finding(self.rule, rows, msg))
            child = child.assign(ancestor=child["ancestor"].map(parent))
        return out
