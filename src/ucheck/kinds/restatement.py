"""``restatement`` rules: one quantity (same metric, subject, region, period) printed twice with
intervals that cannot both hold — within an article or across the corpus.

Each group is reduced to its figure with the highest lower bound and its figure with the lowest
upper bound; if those two are disjoint, some pair of the group is. One groupby, no pairwise loop.
"""

from __future__ import annotations

import numpy as np

from ucheck.i18n import phrases
from ucheck.numbers.intervals import VIOLATED, row_interval
from ucheck.kinds.columns import FIGURE, MATCH_KEYS
from ucheck.kinds.base import Option, RuleKind, register

SAY = phrases(
    __name__,
    detail=("{head} — {metric} of {subject} ({region}, {period}): {a} and {b} have no value in common{where}",
            "{head}——{subject}的{metric}（{region}，{period}）：{a}与{b}没有共同的取值{where}"),
    figure=("'{value}' {interval}", "“{value}” {interval}"),
    no_period=("no period", "未注明时期"),
    articles=(" (articles {a} and {b})", "（文章 {a} 与 {b}）"),
)


@register
class RestatementRule(RuleKind):
    kind = "restatement"
    doc = "Groups figures by metric and `match_on`; reports a group whose intervals have no common value."
    options = {
        "match_on": Option("list", default=["region", "subject", "period"], doc="keys (besides metric) that make two figures the same quantity", choices=tuple(MATCH_KEYS)),
        "require_period": Option("bool", default=True, doc="skip figures without a period: two undated figures may be different times"),
        "metrics": Option("metrics", default=[], doc="restrict to these metrics (default: all)"),
    }

    def __init__(self, rule, vocab):
        super().__init__(rule, vocab)
        self.keys = ["metric"] + [MATCH_KEYS[k] for k in rule.options["match_on"]]

    def scope(self, figures, selected):
        from ucheck.kinds.base import sharing

        return sharing(figures, selected, self.keys)  # the groups of the selected figures (metric and match_on), whole

    def check(self, ctx):
        from ucheck.kinds.frame import intervals_of  # imports pandas: only when rules run

        f = ctx.figures
        self.checked = 0
        # only the columns used here: each filter and sort below copies what it keeps
        used = [*FIGURE, "metric", "subject", "region", "period_key", *self.keys]
        f = f[[c for c in dict.fromkeys(used) if c in f.columns]]
        f = f[f["q_low"].notna() & f["metric"].notna()]
        for k in self.keys:  # a figure without one of the keys is no restatement; but it may lack a base (none printed)
            if k == "base_key" or (k == "period_key" and not self.rule.options["require_period"]):
                continue
            f = f[f[k].notna() & (f[k] != "")]
        if self.rule.options["metrics"]:
            f = f[f["metric"].isin(self.rule.options["metrics"])]
        if len(f) < 2:
            return []
        keys = [k for k in self.keys if k in f]
        f = f.assign(_lo_rank=f["q_low_open"].astype(int), _hi_rank=(~f["q_high_open"].astype(bool)).astype(int))
        sizes = f.groupby(keys, dropna=False)["id"].transform("size")
        f = f[sizes >= 2]
        if not len(f):
            return []
        top_low = f.sort_values(["q_low", "_lo_rank"]).groupby(keys, dropna=False).tail(1).set_index(keys)
        bottom_high = f.sort_values(["q_high", "_hi_rank"], ascending=[True, False]).groupby(keys, dropna=False).head(1).set_index(keys)
        bottom_high = bottom_high.loc[top_low.index]
        verdict = intervals_of(top_low).compare("==", intervals_of(bottom_high))
        self.checked = len(top_low)
        out = []
        head = ctx.headline(self.rule)
        for i in np.flatnonzero(verdict == VIOLATED):
            a, b = top_low.iloc[[i]].reset_index(), bottom_high.iloc[[i]].reset_index()
            rows = __import__("pandas").concat([b, a], ignore_index=True)
            ra, rb = a.iloc[0], b.iloc[0]
            where = "" if ra.article == rb.article else ctx.say(SAY.articles, a=rb.article, b=ra.article)
            msg = ctx.say(SAY.detail, head=head, metric=ctx.label(rb.metric), subject=rb.subject, region=rb.region,
                          period=rb.period_key or ctx.say(SAY.no_period),
                          a=ctx.say(SAY.figure, value=rb.value, interval=row_interval(rb)),
                          b=ctx.say(SAY.figure, value=ra.value, interval=row_interval(ra)), where=where)
            out.append(ctx.finding(self.rule, rows, msg))
        return out
