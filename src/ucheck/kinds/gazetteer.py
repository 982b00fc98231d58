"""``gazetteer`` rules: every region a curated figure names is a region the vocabulary knows.

The gazetteer (``regions:`` in rules/*.yaml, extended by a local rules directory) gives each region
its parent, level and population; the hierarchy rules (a city's figure within its province's) and
the size priors (a head count within the population) read it. A region it does not hold — a typo
(蒸溪市 for 慈溪市), a variant (河南 for 河南省), or a place nobody has added — would make those rules
pass over the figure in silence, so it is a finding of its own, once per region and article, at the
first figure that names it, with the nearest known names when one is close.
"""

from __future__ import annotations

from ucheck.i18n import phrases
from ucheck.kinds.base import Option, RuleKind, register
from ucheck.kinds.columns import records
from ucheck.load.keys import field_line
from ucheck.suggest import closest, hint

# {others} of the rule's message template (its {hint} is ucheck.suggest's)
SAY = phrases(
    __name__,
    one_more=(", and {n} more figure of this article", "，本文另有 {n} 个数字也用了这个地名"),
    more=(", and {n} more figures of this article", "，本文另有 {n} 个数字也用了这个地名"),
)


@register
class GazetteerRule(RuleKind):
    kind = "gazetteer"
    doc = ("A region named by curated figures that the gazetteer (regions: in rules/*.yaml) does not hold, with the closest known "
           "names; or (check: population) an article's region the gazetteer holds without a population.")
    options = {
        "check": Option("str", default="known", choices=("known", "population"),
                        doc="known: every figure's region is in the gazetteer; population: each article's region has a population there"),
        "suggest": Option("number", default=0.6, doc="how close a known name must be to be suggested (the similarity ratio of ucheck.suggest, 0–1; 1: never suggest)",
                          applies=("check", ("known",))),
    }

    def scope(self, figures, selected):
        return selected  # article-local: one finding per region and article

    def check(self, ctx):
        if self.rule.options["check"] == "population":
            return self._population(ctx)
        f = ctx.figures
        named = f[f["region"].notna() & (f["region"] != "")]
        self.checked = len(named)
        known = self.vocab.regions_by_name()
        unknown = named[~named["region"].isin(list(known))]
        if not len(unknown):
            return []
        counts = unknown.groupby(["article", "region"], sort=False, dropna=False).size()
        firsts = unknown.drop_duplicates(["article", "region"])
        names = sorted(known)
        cutoff = float(self.rule.options["suggest"])
        hints: dict[str, str] = {}
        template = self.rule.text("message", ctx.lang)
        out = []
        for r in records(firsts):
            region = r["region"]
            if region not in hints:
                close = closest(region, names, n=3, cutoff=cutoff) if cutoff < 1 else []
                hints[region] = hint(close, ctx.lang)
            n = int(counts[(r["article"], region)])
            others = ctx.say(SAY.more if n > 2 else SAY.one_more, n=n - 1) if n > 1 else ""
            message = template.format(region=region, hint=hints[region], others=others)
            out.append(ctx.finding(self.rule, [r], message, line=field_line(r, "region"), key=region))
        return out

    def _population(self, ctx):
        """Each article whose region the gazetteer holds without a population (its figures' size
        priors are silent), at the article's line, once."""
        arts = ctx.corpus.articles
        arts = arts[arts["article"].isin(list(set(ctx.figures["article"].tolist())))] if len(arts) else arts
        known = self.vocab.regions_by_name()
        self.checked = int(arts["region"].isin(list(known)).sum()) if len(arts) else 0
        template = self.rule.text("message", ctx.lang)
        out = []
        for r in records(arts):
            region = r.get("region")
            if isinstance(region, str) and region in known and not known[region].get("population"):
                out.append(ctx.finding(self.rule, None, template.format(region=region), article=r["article"], file=r["file"],
                                       line=int(r["line"] or 1), key=region))
        return out
