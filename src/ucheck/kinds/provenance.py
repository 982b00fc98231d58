"""``provenance`` rules: the quote occurs in the seed and the literal in the quote, compared after
NFKC normalisation with all white space removed (so line breaks inside a sentence do not matter).
"""

from __future__ import annotations

from ucheck.i18n import phrases
from ucheck.kinds.base import Option, RuleKind, register
from ucheck.kinds.columns import records
from ucheck.load.keys import field_line

CHECKS = ("quote-in-seed", "literal-in-quote")
SAY = phrases(
    __name__,
    quote=("quote of '{value}' does not occur in {seed}: “{quote}”", "“{value}”的引文不在原文 {seed} 中：“{quote}”"),
    literal=("literal '{value}' does not occur in its quote “{quote}”", "数字“{value}”不在它的引文中：“{quote}”"),
    rule_quote=("quote of stated rule {rule} does not occur in {seed}: “{quote}”", "原文所述规则 {rule} 的引文不在原文 {seed} 中：“{quote}”"),
    quota=("quota '{quota}' of stated rule {rule} does not occur in its quote “{quote}”",
           "原文所述规则 {rule} 的名额“{quota}”不在它的引文中：“{quote}”"),
)


@register
class ProvenanceRule(RuleKind):
    kind = "provenance"
    doc = "check: quote-in-seed | literal-in-quote."
    options = {"check": Option("str", required=True, doc="which link to the source text is checked", choices=CHECKS)}

    def scope(self, figures, selected):
        return selected  # article-local: each figure against its own seed

    def check(self, ctx):
        f = ctx.figures
        self.checked = len(f)
        if not len(f):
            return []
        has_seed = f["seed"].notna() & f["seed"].isin(list(ctx.corpus.seeds))
        if self.rule.options["check"] == "quote-in-seed":
            bad = f[has_seed & f["quote"].notna() & (f["quote_pos"] < 0)]
            say = SAY.quote
        else:
            bad = f[f["quote"].notna() & f["value"].notna() & (f["literal_pos"] < 0)]
            say = SAY.literal
        out = []
        for r in records(bad):  # plain dicts: a frame row per finding costs ten times more
            line = field_line(r, "quote" if self.rule.options["check"] == "quote-in-seed" else "value")
            out.append(ctx.finding(self.rule, [r], ctx.say(say, value=r["value"], seed=r["seed"], quote=r["quote"]), line=line))
        return out + self._stated(ctx)

    def _stated(self, ctx):
        """The same checks on the curated stated rules: the rule's quote in the seed (once per
        rule), each quota as printed in the rule's quote."""
        st = ctx.resolved.get("quota")  # the stated rules as the quota kind resolved them
        if st is None or not len(st.yields):
            return []
        y = st.yields
        if self.rule.options["check"] == "quote-in-seed":
            has_seed = y["seed"].notna() & y["seed"].isin(list(ctx.corpus.seeds))
            bad = y[has_seed & (y["quote_pos"] < 0)].drop_duplicates(["article", "rule"])
            say, line = SAY.rule_quote, "quote_line"
        else:
            bad = y[y["quota_pos"] < 0]
            say, line = SAY.quota, "quota_line"
        out = []
        for r in records(bad):
            ref = {"article": r["article"], "file": r["file"], "line": r[line], "column": 1, "id": r["rule"], "value": r["quota"],
                   "quote": r["quote"], "seed_line": r["seed_line"], "q_low": None}
            out.append(ctx.finding(self.rule, [ref], ctx.say(say, rule=r["rule"], seed=r["seed"], quote=r["quote"], quota=r["quota"]), line=r[line]))
        return out
