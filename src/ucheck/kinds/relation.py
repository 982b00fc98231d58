"""``relation`` rules: arithmetic over figures bound by metric, checked on intervals.

Figures of each bound metric are joined on the ``match_on`` keys (the same article, region,
subject, period …), so one rule evaluates every candidate tuple of the corpus as columns at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

# pandas and ucheck.kinds.frame are imported where rules run, not where they are read, so that
# `ucheck rules` and `ucheck --help` start without pandas.
from ucheck.expr import parse_filter, parse_relation
from ucheck.i18n import join, phrases
from ucheck.kinds.arithmetic import describe
from ucheck.numbers.intervals import STRAINED, VIOLATED, row_interval
from ucheck.kinds.columns import CARRY, FILTER_COLUMNS, MATCH_KEYS, records
from ucheck.kinds.base import Option, RuleKind, register

if TYPE_CHECKING:
    import pandas as pd

SAY = phrases(
    __name__,
    detail=("{head} — {words} ({terms}; {relation})", "{head}——{words}（{terms}；{relation}）"),
    family=("{terms} ({metrics})", "{terms}（{metrics}）"),
)


@register
class RelationRule(RuleKind):
    kind = "relation"
    doc = "Binds figures by metric, joins them on `match_on`, and checks `assert` on their intervals."
    options = {
        "bind": Option("mapping", doc="variable: metric, or a list of metrics any of which it stands for  (or variable: {metric: m, when: filter})"),
        "family": Option("list", default=[], doc="instead of bind: roles of metrics/related (e.g. [added, growth]); binds `total` to every metric that declares them all, and each role to its related metric"),
        "match_on": Option("list", default=["article", "region", "subject", "period"], doc="keys that bound figures share", choices=tuple(MATCH_KEYS)),
        "assert": Option("expr", required=True, doc="one comparison of arithmetic over the variables, e.g. benefit / patents >= 1000"),
        "report_strained": Option("bool", default=False, doc="also report (as info) tuples whose printed values break the relation but whose intervals do not"),
    }

    def __init__(self, rule, vocab):
        super().__init__(rule, vocab)
        if bool(rule.options["bind"]) == bool(rule.options["family"]):
            raise rule.error("a relation rule needs exactly one of 'bind' and 'family'")
        if rule.options["family"]:
            roles = rule.options["family"]
            specs = [
                {"total": name, **{role: m["related"][role] for role in roles}}
                for name, m in sorted(vocab.metrics.items())
                if all(role in m["related"] for role in roles)
            ]
            if not specs:
                raise rule.error(f"family: no metric declares related {', '.join(roles)}")
        else:
            specs = [rule.options["bind"]]
        self.binding_sets = [self._bindings(rule, vocab, spec) for spec in specs]
        self.keys = [MATCH_KEYS[k] for k in rule.options["match_on"]]
        self.crowded: list = []  # groups left out of the last join (see ucheck.kinds.frame.bounded_merge)
        names = set(self.binding_sets[0])
        self.relation = parse_relation(rule.options["assert"], names)
        unused = names - set(self.relation.names)
        if unused:
            raise rule.error(f"bound but not used in assert: {', '.join(sorted(unused))}")

    @staticmethod
    def _bindings(rule, vocab, spec) -> dict[str, tuple[str, object]]:
        bindings: dict[str, tuple[str, object]] = {}
        for var, item in spec.items():
            var = str(var)
            if not var.isidentifier():
                raise rule.error(f"variable {var!r} must be an identifier")
            if isinstance(item, dict):
                metric, when = item.get("metric"), item.get("when")
                extra = set(item) - {"metric", "when"}
                if extra:
                    raise rule.error(f"bind.{var}: unknown key {sorted(extra)[0]!r} (known: metric, when)")
            else:
                metric, when = item, None
            # a list: the variable stands for a figure of any of these metrics (people or households aided)
            if isinstance(metric, list):
                if not metric or not all(isinstance(m, str) for m in metric):
                    raise rule.error(f"bind.{var}: a list of metrics must name at least one metric, each a metric id (got {metric!r})")
                metrics = tuple(metric)
            else:
                metrics = (str(metric) if metric is not None else None,)
            for m in metrics:
                if m not in vocab.metrics:
                    from ucheck.suggest import did_you_mean

                    raise rule.error(f"bind.{var}: unknown metric {m!r}{did_you_mean(m, vocab.metrics)}")
            bindings[var] = (metrics, parse_filter(str(when), set(FILTER_COLUMNS)) if when else None)
        return bindings

    def candidates(self, f: pd.DataFrame, bindings) -> pd.DataFrame:
        """One row per tuple of figures (one per variable) that share the match keys.

        The joins run on narrow frames — the match keys and each variable's row position in ``f`` —
        and the figures' columns are gathered by position once, at the end: a merge of wide frames
        (and a boolean mask over every column of ``f`` per variable) cost most of the kind's time."""
        import pandas as pd

        from ucheck.kinds.frame import bounded_merge, figure_columns

        metric = f["metric"].to_numpy(object)
        parsed = f["q_low"].notna().to_numpy()
        col = figure_columns(f)  # f's columns as arrays, read once

        positions = {}
        for var, (ms, when) in bindings.items():
            pos = np.flatnonzero((metric == ms[0] if len(ms) == 1 else np.isin(metric, ms)) & parsed)
            if when is not None and len(pos):
                view = f[[c for c in FILTER_COLUMNS.values() if c in f]].iloc[pos].rename(columns={v: k for k, v in FILTER_COLUMNS.items()})
                pos = pos[np.asarray(when.evaluate(view), bool)]
            if not len(pos):  # a variable no figure can stand for: no tuple (most rules, in one article)
                return pd.DataFrame()
            positions[var] = pos
        joined, first = None, next(iter(bindings), None)
        for var, pos in positions.items():
            part = pd.DataFrame({**{k: col(k)[pos] for k in self.keys}, f"{var}.#": pos})
            if joined is None:
                joined = part
            else:
                # no cartesian explosion: groups of more than MAX_COMBINATIONS tuples are set apart
                joined, crowded = bounded_merge(joined, part, on=self.keys, how="inner")
                crowded = crowded.assign(**{f"{first}.{c}": col(c)[crowded[f"{first}.#"].to_numpy(np.int64)] for c in CARRY
                                            if c not in crowded.columns})
                self.crowded.append((crowded, first, ", ".join("/".join(ms) for ms, _ in bindings.values())))
        if joined is None:
            return pd.DataFrame()
        at = {var: joined[f"{var}.#"].to_numpy(np.int64) for var in bindings}
        t = pd.DataFrame({**{f"{var}.{c}": col(c)[at[var]] for var in bindings for c in CARRY},
                          **{k: joined[k].to_numpy() for k in self.keys}})
        # The same figure cannot stand for two variables.
        vars_ = list(bindings)
        same = np.zeros(len(t), bool)
        for i, a in enumerate(vars_):
            for b in vars_[i + 1:]:
                same |= (t[f"{a}.article"].to_numpy() == t[f"{b}.article"].to_numpy()) & (t[f"{a}.id"].to_numpy() == t[f"{b}.id"].to_numpy())
        return t[~same].reset_index(drop=True)

    def scope(self, figures, selected):
        from ucheck.kinds.base import sharing

        return sharing(figures, selected, self.keys)  # the figures a tuple with a selected one can join (match_on)

    def check(self, ctx):
        out = []
        self.checked = 0
        for bindings in self.binding_sets:
            out += self._check(ctx, bindings)
        return out

    def _check(self, ctx, bindings):
        import pandas as pd

        from ucheck.kinds.frame import intervals_of

        from ucheck.kinds.frame import crowded_findings

        self.crowded: list = []
        t = self.candidates(ctx.figures, bindings)
        crowded = [f for report, var, what in self.crowded for f in crowded_findings(ctx, self.rule, report, self.keys, what, f"{var}.")]
        if not len(t):
            return crowded
        self.checked += len(t)
        env = {var: intervals_of(t, f"{var}.") for var in bindings}
        verdict, left, right = self.relation.evaluate(env)
        report = verdict == VIOLATED
        if self.rule.options["report_strained"]:
            report |= verdict == STRAINED
        out = []
        hits = np.flatnonzero(report)
        # the reported tuples as plain dicts, at once: t.at per value costs a millisecond a finding
        head = ctx.headline(self.rule)
        for i, rec in zip(hits, records(t.iloc[hits])):
            rows = pd.DataFrame([{c: rec[f"{var}.{c}"] for c in CARRY} for var in bindings])
            terms = join(ctx.lang, (f"{var} = {rec[f'{var}.value']} {row_interval(rec, prefix=f'{var}.')}" for var in bindings))
            if self.rule.options["family"]:
                metrics = join(ctx.lang, (f"{var}: {' / '.join(ctx.label(m) for m in ms)}" for var, (ms, _) in bindings.items()))
                terms = ctx.say(SAY.family, terms=terms, metrics=metrics)
            words = describe(self.relation, {var: rec[f"{var}.value"] for var in bindings}, {var: rec[f"{var}.unit"] for var in bindings},
                             (left.lo[i], left.hi[i]), (right.lo[i], right.hi[i]), ctx.lang, strained=verdict[i] != VIOLATED)
            msg = ctx.say(SAY.detail, head=head, words=words, terms=terms, relation=self.relation.text)
            finding = ctx.finding(self.rule, rows, msg, key=self.relation.text)
            if verdict[i] == STRAINED:
                finding.severity = "info"
            out.append(finding)
        return out + crowded
