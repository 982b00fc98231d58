"""``literal`` rules: the printed form of a figure (GB/T 15835-2011 and editorial norms).

A literal rule selects figures by a regular expression on the literal (``pattern``) and/or a
filter over the parsed columns (``when``), evaluated on the whole figures frame at once. What the
parser knows of the printed form is there as columns — ``stacked`` (qualifiers that repeat or
contradict each other), ``mixed_digits`` (Arabic with Chinese digits other than 万/亿), ``fullwidth``
(full-width digits or signs): ``Quantity``'s predicates, computed once per distinct literal (False
for a literal that does not parse, which is UC006).
"""

from __future__ import annotations

import re

from ucheck.expr import parse_filter
from ucheck.i18n import phrases
from ucheck.kinds.base import Option, RuleKind, register
from ucheck.kinds.columns import FILTER_COLUMNS, LOCATION, REF, records
from ucheck.numbers.intervals import format_number

FINDING_COLUMNS = (*LOCATION, *REF, "metric", "value")  # what ctx.finding reads of a record, and {metric}

SAY = phrases(
    __name__,
    plain=("{head} '{value}'", "{head}：“{value}”"),  # a rule without a message template: its summary and the literal
)


def _template(text: str, values: dict) -> str:
    """``{name}`` substitution from a dict of strings: no attribute access, unlike str.format."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), text)


@register
class LiteralRule(RuleKind):
    kind = "literal"
    doc = "Flags figures whose literal matches `pattern` (a regular expression) and/or `when` (a filter)."
    options = {
        "pattern": Option("regex", doc="regular expression searched in the literal as printed"),
        "when": Option("expr", doc=f"filter over the figure's columns: {', '.join(FILTER_COLUMNS)}"),
    }

    def __init__(self, rule, vocab):
        super().__init__(rule, vocab)
        if not rule.options["pattern"] and not rule.options["when"]:
            raise rule.error("a literal rule needs 'pattern' or 'when'")
        self.pattern = re.compile(rule.options["pattern"]) if rule.options["pattern"] else None
        self.when = parse_filter(rule.options["when"], set(FILTER_COLUMNS)) if rule.options["when"] else None

    def scope(self, figures, selected):
        return selected  # article-local: each figure's literal is judged alone

    def check(self, ctx):
        f = ctx.figures
        self.checked = 0
        if not len(f):
            return []
        mask = f["value"].notna()
        self.checked = int(mask.sum())
        if self.pattern is not None:
            # search, not extract: the groups of a user's pattern are irrelevant here
            mask &= ctx.mask_of("value", self.pattern.search)  # once per distinct literal
        if self.when is not None:
            view = f[[c for c in FILTER_COLUMNS.values() if c in f]].rename(columns={v: k for k, v in FILTER_COLUMNS.items()})
            mask &= self.when.evaluate(view)
        # only the columns a finding and its message use: a record of all ~100 columns per hit cost
        # most of this kind's time on a one-file check
        template_names = set(re.findall(r"\{(\w+)\}", (self.rule.text("message", "en") or "") + (self.rule.text("message", "zh") or "")))
        keep = [c for c in dict.fromkeys((*FINDING_COLUMNS, *sorted(template_names))) if c in f.columns]
        hits = f.loc[mask, keep]
        out = []
        template = self.rule.text("message", ctx.lang)
        summary = self.rule.text("summary", ctx.lang)
        if ctx.lang == "zh":
            summary = summary.rstrip("。")  # 某规则：“15多家”, not 某规则。：“15多家”
        labels: dict = {}
        for r in records(hits):  # plain dicts: a frame row per finding costs ten times more
            # a number as a reader writes it (30, not 30.0; 1万, not 10000.0)
            values = {k: ("" if v is None else format_number(v) if isinstance(v, float) else v)
                      for k, v in r.items() if isinstance(v, (str, int, float))}
            if isinstance(r.get("metric"), str):  # {metric} is the metric as a reader knows it, never its id
                m = r["metric"]
                values["metric"] = labels[m] if m in labels else labels.setdefault(m, ctx.label(m))
            msg = _template(template, values) if template else ctx.say(SAY.plain, head=summary, value=r["value"])
            out.append(ctx.finding(self.rule, [r], msg))
        return out
