"""``gazetteer`` rules: every region a curated figure names is a region the vocabulary knows.

The gazetteer (``regions:`` in rules/*.yaml, extended by a local rules directory) gives each region
its parent, level and population; the hierarchy rules (a city's figure within its province's) and
the size priors (a head count within the population) read it. A region it does not hold — a typo
(蒸溪市 for 慈溪市), a variant (河南 for 河南省), or a place nobody has added — would make those rules
pass over the figure in silence, so it is a finding of its own, once per region and article, at the
first figure that names it, with the nearest known names when one is close.
"""

from __future__ import annotations

from ucheck.kinds.base import Option, RuleKind, register
from ucheck.suggest import closest


@register
class GazetteerRule(RuleKind):
    kind = "gazetteer"
    doc = "A region named by curated figures that the gazetteer (regions: in rules/*.yaml) does not hold, with the closest known names."
    options = {
        "suggest": Option("number", default=0.6, doc="how close a known name must be to be suggested (the similarity ratio of ucheck.suggest, 0–1; 1: never suggest)"),
    }

    def check(self, ctx):
        f = ctx.figures
        named = f[f["region"].notna() & (f["region"] != "")]
        self.checked = len(named)
        known = self.vocab.regions
        unknown = named[~named["region"].isin(list(known))]
        if not len(unknown):
            return []
        counts = unknown.groupby(["article", "region"], sort=False, dropna=False).size()
        firsts = unknown.drop_duplicates(["article", "region"])
        names = sorted(known)
        cutoff = float(self.rule.options["suggest"])
        hints: dict[str, str] = {}
        out = []
        for r in firsts.to_dict("records"):
            region = r["region"]
            if region not in hints:
                close = closest(region, names, n=3, cutoff=cutoff) if cutoff < 1 else []
                hints[region] = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
            n = int(counts[(r["article"], region)])
            others = f", and {n - 1} more figure{'s' if n > 2 else ''} of this article" if n > 1 else ""
            message = self.rule.message.format(region=region, hint=hints[region], others=others)
            out.append(ctx.finding(self.rule, [r], message, line=r["field_lines"].get("region", r["line"]), key=region))
        return out
