"""``outlier`` rules: figures far from what comparable figures say, on the log scale.

Three modes:

* ``ratios`` — for each declared metric pair (numerator / denominator, bound like a relation on
  ``match_on``), the ratio of every tuple in the corpus; a tuple whose whole ratio interval lies more
  than ``threshold`` robust standard deviations (median and MAD of log10 ratios, MAD × 1.4826) from
  the median of the *other* articles is reported with those comparison figures. Needs at least
  ``min_articles`` articles with the pair.
* ``siblings`` — figures of one metric, unit, article and region: a figure whose upper bound is more
  than ``orders`` orders of magnitude below the median of its siblings (at least two) is reported
  (覆盖企业15多家 beside 19.5万, 18.2万, 17.9万家 of the same paragraph); with ``direction: above``,
  one whose lower bound is that far above it (280亿人次 beside 300万 and 50多万人次).
* ``per_capita`` — per metric (default: counts and money), each figure's value per resident of its
  region (the gazetteer's population), log10, against the median and MAD of the *other* articles'
  medians, as for ratios; reported only above: more than ``threshold`` robust SD and ``orders``
  orders of magnitude, with at least ``min_articles`` other articles (a figure of a part of the
  region is rightly far below its region's).

Each is one groupby over the frame (per_capita: over metric and article at once); only reported rows are visited in Python, and each in time
independent of the corpus size (the listing of the other articles is sorted once per pair; the
siblings of each group with a finding are gathered once), so the kind stays linear.
"""

from __future__ import annotations

import numpy as np

from ucheck.i18n import join, phrases
from ucheck.kinds.arithmetic import number, with_unit
from ucheck.numbers.intervals import format_interval, row_interval
from ucheck.kinds.columns import CARRY, MATCH_KEYS, records
from ucheck.kinds.base import Option, RuleKind, register

MODES = ("ratios", "siblings", "per_capita")
DIRECTIONS = ("below", "above")
MAD_TO_SD = 1.4826
SAY = phrases(
    __name__,
    ratio=("{head} — {pair}: {num} / {den} ≈ {ratio} (interval {interval}), {z} robust SD {direction} the median {median} "
           "of {n} other articles ({listing})",
           "{head}——{pair}：{num} / {den} ≈ {ratio}（区间 {interval}），比其他 {n} 篇文章的中位数 {median} {direction} {z} 个稳健标准差"
           "（{listing}）"),
    below=("below", "低"),
    above=("above", "高"),
    entry=("{article}: {ratio}", "{article}：{ratio}"),
    more=("… {n} more", "……另 {n} 篇"),
    per_capita=("{head} — {figure} is {per} a resident of {region} ({population}), {z} robust SD and more than {orders} orders "
                "of magnitude above the median of {n} other articles for {metric}, {median} a resident ({listing})",
                "{head}——{figure}按{region}常住人口（{population}）计为每人 {per}，比其他 {n} 篇文章中{metric}的中位数每人 {median} 高 {z} "
                "个稳健标准差、{orders} 个数量级以上（{listing}）"),
    siblings_above=("{head} — {figure} is more than {orders} orders of magnitude above the other figures of the same metric ({metric}) "
                    "of {region} in this article (median {median}: {listing})",
                    "{head}——{figure}比本文中{region}同一指标（{metric}）的其他数字大 {orders} 个数量级以上（中位数 {median}：{listing}）"),
    siblings=("{head} — {figure} is more than {orders} orders of magnitude below the other figures of the same metric ({metric}) "
              "of {region} in this article (median {median}: {listing})",
              "{head}——{figure}比本文中{region}同一指标（{metric}）的其他数字小 {orders} 个数量级以上（中位数 {median}：{listing}）"),
    figure=("'{value}' {interval}", "“{value}” {interval}"),
    literal=("'{value}'", "“{value}”"),
)


@register
class OutlierRule(RuleKind):
    kind = "outlier"
    doc = ("mode: ratios (corpus outliers of metric-pair ratios) | siblings (a figure orders of magnitude below, or above, its "
           "siblings) | per_capita (a figure per resident of its region far above the other articles' for its metric).")
    options = {
        "mode": Option("str", required=True, doc="ratios: metric-pair ratios against the corpus; siblings: a figure far from its siblings; "
                       "per_capita: a figure per resident far above the corpus", choices=MODES),
        "ratios": Option("mapping", default={}, doc="name: {numerator: metric, denominator: metric, unit: text for messages}",
                         applies=("mode", ("ratios",))),
        "match_on": Option("list", default=["article", "region", "subject", "period"], doc="ratios: keys the two figures share", choices=tuple(MATCH_KEYS),
                           applies=("mode", ("ratios",))),
        "threshold": Option("number", default=3.5, doc="ratios, per_capita: robust z-score beyond which a value is an outlier",
                            applies=("mode", ("ratios", "per_capita"))),
        "min_articles": Option("number", default=4, doc="ratios, per_capita: fewest other articles with the pair (the metric) before comparing",
                               applies=("mode", ("ratios", "per_capita"))),
        "orders": Option("number", default=3, doc="siblings: orders of magnitude below (or above) the siblings' median; per_capita: above the others' median",
                         applies=("mode", ("siblings", "per_capita"))),
        "direction": Option("str", default="below", doc="siblings: report a figure far below its siblings, or far above them", choices=DIRECTIONS,
                            applies=("mode", ("siblings",))),
        "metrics": Option("metrics", default=[], doc="siblings, per_capita: restrict to these metrics (default: counts and money, but not mixed metrics)",
                          applies=("mode", ("siblings", "per_capita"))),
    }

    def __init__(self, rule, vocab):
        super().__init__(rule, vocab)
        o = rule.options
        self.pairs = []
        for name, spec in (o["ratios"] or {}).items():
            if not isinstance(spec, dict) or spec.get("numerator") not in vocab.metrics or spec.get("denominator") not in vocab.metrics:
                raise rule.error(f"ratios.{name}: needs numerator and denominator metrics from the vocabulary")
            self.pairs.append((str(name), str(spec["numerator"]), str(spec["denominator"]), str(spec.get("unit", ""))))
        if o["mode"] == "ratios" and not self.pairs:
            raise rule.error("mode ratios needs 'ratios'")
        self.keys = [MATCH_KEYS[k] for k in o["match_on"]]
        # by default the counts and amounts, but not a metric whose figures measure different things
        # (mixed: the output of each product, the area of each crop): no figure of it is the measure of another
        self.measured = list(o["metrics"] or [m for m, d in vocab.metrics.items() if d["kind"] in ("count", "money") and not d.get("mixed")])

    def scope(self, figures, selected):
        if self.rule.options["mode"] == "siblings":
            return selected  # article-local: siblings share the article
        metric = figures["metric"]
        present = set(metric[np.asarray(selected, dtype=bool)].dropna().tolist())  # the metrics a finding can be of
        if self.rule.options["mode"] == "per_capita":  # the other articles' medians: every figure of the metrics
            return metric.isin([m for m in self.measured if m in present]).to_numpy()
        # ratios: the median of the other articles is a corpus statistic over every figure of the pairs'
        # metrics — of the pairs a selected article prints both metrics of
        return metric.isin(sorted({m for _, num, den, _ in self.pairs if num in present and den in present for m in (num, den)})).to_numpy()

    def cited(self, figures, selected, rows):
        from ucheck.kinds.base import sharing

        if self.rule.options["mode"] == "siblings":
            return rows  # a finding shows its own figure only (and the scope is the selected ones)
        if self.rule.options["mode"] == "per_capita":  # its own figure only: the other articles feed their medians, read thin
            return rows & np.asarray(selected, dtype=bool)
        return rows & sharing(figures, selected, self.keys)  # a finding shows the two figures of one tuple

    def thin_keys(self):
        mode = self.rule.options["mode"]
        if mode == "per_capita":  # the other articles' medians: per metric and article, per resident of the region
            return ("article", "metric", "region")
        if mode == "ratios":  # the tuples of the pairs: the match keys
            return tuple(dict.fromkeys(["article", "metric", *("base" if k == "base_key" else k for k in self.keys)]))
        return super().thin_keys()

    def check(self, ctx):
        self.checked = 0
        mode = self.rule.options["mode"]
        return self._ratios(ctx) if mode == "ratios" else self._per_capita(ctx) if mode == "per_capita" else self._siblings(ctx)

    # -- per capita --------------------------------------------------------------------------------
    def digest(self, figures, selected, rows):
        """In a check of some files: the medians of every article for the metrics of the selected
        ones (``_Medians``), from the codes of metric, article and region and the numbers of the
        scope's figures — the rule then reads the rows of the selected figures only."""
        if self.rule.options["mode"] == "ratios":
            return self._ratio_digest(figures, rows)
        if self.rule.options["mode"] != "per_capita":
            return None
        at = np.flatnonzero(rows)  # (the scope holds the measured metrics only)
        (metric, metrics), (article, articles), (region, regions) = (_coded(figures, c, at) for c in ("metric", "article", "region"))
        pop = _populations(regions, self.vocab)[region]
        value, low = figures.numbers("q_value")[at], figures.numbers("q_low")[at]
        keep = (pop > 0) & (value > 0) & (low > 0)
        return _Medians(metric[keep], metrics, article[keep], articles, np.log10(value[keep] / pop[keep]), self.rule.options["min_articles"])

    def _per_capita(self, ctx):
        """Per metric, each figure's value per resident of its region (log10), against the median
        and MAD of the other articles' medians (leave one article out, as for ratios). Only a figure
        far above them is reported: a figure of a part of the region (one enterprise, one district)
        is legitimately far below, never above."""
        import pandas as pd

        f = ctx.figures
        pop = f["region_population"].to_numpy(float)
        keep = (f["metric"].isin(self.measured).to_numpy() & (pop > 0) & (f["q_value"].to_numpy(float) > 0)
                & (f["q_low"].to_numpy(float) > 0))
        if not keep.any():
            return []
        rows = np.flatnonzero(keep)
        pop = pop[rows]
        point = np.log10(f["q_value"].to_numpy(float)[rows] / pop)
        low = np.log10(f["q_low"].to_numpy(float)[rows] / pop)
        metric, article = f["metric"].to_numpy(object)[rows], f["article"].to_numpy(object)[rows]
        o = self.rule.options
        if ctx.digest is not None:  # every article's medians, from the digest; these rows are the ones reported
            table = ctx.digest
            group_of = table.group_of(metric, article)
        else:
            (mc, metrics), (ac, articles) = pd.factorize(metric), pd.factorize(article)
            table = _Medians(mc, np.asarray(metrics, dtype=object), ac, np.asarray(articles, dtype=object), point, o["min_articles"])
            group_of = table.row_group
        self.checked = table.checked
        known = group_of >= 0
        g = np.where(known, group_of, 0)
        meds = np.where(known, table.loo_med[g], np.nan)
        mads = np.where(known, table.loo_mad[g], np.nan) * MAD_TO_SD
        above = low - meds
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(mads > 0, above / mads, np.inf)
        hit = np.isfinite(meds) & (above > o["orders"]) & (z > o["threshold"])
        if ctx.reported is not None:  # a check of some files: the other articles only feed the medians
            hit &= np.isin(article, list(ctx.reported))
        out, listings = [], {}
        for i in np.flatnonzero(hit).tolist():
            gi = int(group_of[i])
            a, b = table.segment(gi)
            listing = listings.get(a)
            if listing is None:
                listing = listings[a] = _SortedListing(np.asarray(table.articles, dtype=object)[table.group_article[a:b]], table.median[a:b], ctx.lang)
            idx = f.index[rows[i]]
            rec = records(f.loc[[idx]])[0]
            unit = rec.get("unit") or ""
            msg = ctx.say(SAY.per_capita, head=ctx.headline(self.rule),
                          figure=ctx.say(SAY.figure, value=rec["value"], interval=row_interval(f.loc[idx])),
                          per=with_unit(number(10 ** point[i]), unit), region=rec["region"],
                          population=rec.get("region_population_text") or "", z=f"{z[i]:.1f}" if np.isfinite(z[i]) else "∞",
                          orders=number(float(o["orders"]), exact=True), median=with_unit(number(10 ** float(meds[i])), unit),
                          n=b - a - 1, metric=ctx.label(str(table.metrics[table.group_metric[gi]])), listing=listing.without(gi - a))
            out.append(ctx.finding(self.rule, [rec], msg, key=str(rec["id"])))
        return out

    # -- ratios ------------------------------------------------------------------------------------
    def _ratio_digest(self, figures, rows):
        """Per pair, every article's median ratio (``_ArticleMedians``), from the codes of the match
        keys, article and metric and the numbers of the scope's figures: the tuples joined on codes
        (equal exactly where the values are, missing equal to missing, as in the merge of the check)."""
        import pandas as pd

        from ucheck.kinds.frame import bounded_merge

        if "base_key" in self.keys:  # the check's base key is per year (context.same_for_a_year): not the key frame's
            return None
        at = np.flatnonzero(rows)
        metric, metrics = _coded(figures, "metric", at)
        article, articles = _coded(figures, "article", at)
        low = figures.numbers("q_low")[at]
        nonneg = np.array([bool(self.vocab.metrics.get(m, {}).get("nonnegative")) for m in metrics.tolist()] + [False])[metric]
        frame = pd.DataFrame({**{k: figures.codes(k)[at] for k in self.keys}, "_article": article, "q_value": figures.numbers("q_value")[at],
                              "q_low": np.where(nonneg & (low < 0), 0.0, low), "q_high": figures.numbers("q_high")[at]})
        parsed = ~np.isnan(low)
        out = {}
        for name, num, den, _unit in self.pairs:
            code = {m: i for i, m in enumerate(metrics.tolist())}
            a = frame[parsed & (metric == code.get(num, -2))]
            b = frame.loc[parsed & (metric == code.get(den, -2)), [*self.keys, "q_value", "q_low", "q_high"]]
            t, _ = bounded_merge(a, b, on=self.keys, suffixes=("", ".d"))
            t = t[(t["q_value.d"] > 0) & (t["q_value"] > 0)]
            with np.errstate(divide="ignore", invalid="ignore"):
                point = np.log10(t["q_value"].to_numpy(float) / t["q_value.d"].to_numpy(float))
            out[name] = _ArticleMedians(t["_article"].to_numpy(np.int64), articles, point)
        return out

    def _ratios(self, ctx):
        import pandas as pd

        fig = ctx.figures
        parsed = fig["q_low"].notna()
        out = []
        metric = fig["metric"]
        a_cols = list(dict.fromkeys(self.keys + list(CARRY)))
        b_cols = self.keys + [c for c in CARRY if c not in self.keys]
        for name, num, den, unit in self.pairs:
            # the rows and the columns of each side at once: no copy of the whole frame
            a = fig.loc[parsed & (metric == num), a_cols]
            b = fig.loc[parsed & (metric == den), b_cols]
            from ucheck.kinds.frame import bounded_merge

            # a group of more pairs than MAX_COMBINATIONS is left out (the relation rules report it)
            t, _ = bounded_merge(a, b, on=self.keys, suffixes=("", ".d"))
            t = t[(t["q_value.d"] > 0) & (t["q_value"] > 0)]
            art = t["article"]
            with np.errstate(divide="ignore", invalid="ignore"):
                point = np.log10(t["q_value"].to_numpy(float) / t["q_value.d"].to_numpy(float))
                lo = np.log10(np.maximum(t["q_low"].to_numpy(float), 1e-300) / t["q_high.d"].to_numpy(float))
                hi = np.log10(t["q_high"].to_numpy(float) / np.maximum(t["q_low.d"].to_numpy(float), 1e-300))
            # Leave-one-article-out robust statistics: an article is compared with the others only —
            # every article's median, from these tuples or (a check of some files) from the digest
            if ctx.digest is not None:
                table = ctx.digest[name]
            else:
                codes, names = pd.factorize(art.to_numpy(dtype=object))
                table = _ArticleMedians(codes, np.asarray(names, dtype=object), point)
            self.checked += table.n
            if len(table.names) < self.rule.options["min_articles"] + 1 or not len(t):
                continue
            loo_med, loo_mad = table.loo()
            pos = pd.Index(table.names).get_indexer(art.to_numpy(dtype=object))
            meds, mads = loo_med[pos], loo_mad[pos] * MAD_TO_SD
            with np.errstate(divide="ignore", invalid="ignore"):
                zl, zh = (lo - meds) / mads, (hi - meds) / mads
                hit = (pos >= 0) & (mads > 0) & (np.minimum(np.abs(zl), np.abs(zh)) > self.rule.options["threshold"]) & (np.sign(zl) == np.sign(zh))
            if ctx.reported is not None:  # a check of some files: the other articles' tuples only feed the medians
                hit &= art.isin(ctx.reported).to_numpy()
            # The other articles' medians, listed in the message: sorted once (stably, by value, then
            # by article), each finding skips its own article — no per-finding copy or sort.
            listing = _SortedListing(table.names, table.median, ctx.lang)
            pair = f"{ctx.label(num)} / {ctx.label(den)}"
            hits = np.flatnonzero(hit)
            h = t.iloc[hits]  # the columns of the reported tuples as plain lists: records, not frames
            num_rec = {c: h[c].tolist() for c in CARRY}
            den_rec = {c: h[f"{c}.d" if f"{c}.d" in h.columns else c].tolist() for c in CARRY}
            for j, i in enumerate(hits.tolist()):
                med, mad = float(meds[i]), float(mads[i])
                z_hi = (hi[i] - med) / mad
                rows = [{c: num_rec[c][j] for c in CARRY}, {c: den_rec[c][j] for c in CARRY}]
                comp = listing.without(pos[i])
                # readable numbers (three significant digits, 万 and 亿) beside the exact interval
                msg = ctx.say(SAY.ratio, head=ctx.headline(self.rule), pair=pair,
                              num=ctx.say(SAY.literal, value=rows[0]["value"]), den=ctx.say(SAY.literal, value=rows[1]["value"]),
                              ratio=with_unit(number(10 ** point[i]), unit), interval=format_interval(10 ** lo[i], 10 ** hi[i]),
                              z=f"{abs((point[i] - med) / mad):.1f}", direction=ctx.say(SAY.below if z_hi < 0 else SAY.above),
                              median=with_unit(number(10 ** med), unit), n=len(table.names) - 1, listing=comp)
                out.append(ctx.finding(self.rule, rows, msg, key=name))
        return out

    # -- siblings ----------------------------------------------------------------------------------
    def _siblings(self, ctx):
        full = ctx.figures
        if len(full) < 3:
            return []
        sel = full["metric"].isin(self.measured)
        value, high = full["q_value"].astype(float), full["q_high"].astype(float)
        low = full["q_low"].astype(float)
        above = self.rule.options["direction"] == "above"
        # far above: judged on the lower bound, which must be a positive number (a log); far below: on the upper bound
        keep = sel & (value > 0) & np.isfinite(high) & ((low > 0) if above else True)
        if keep.sum() < 3:
            return []
        keys = ["article", "region", "metric", "unit"]
        # the grouping columns of the rows kept (a finding reads its rows from the whole frame)
        f = full.loc[keep, [*keys, "value"]].assign(_log=np.log10(value[keep]), _loghi=np.log10(high[keep]),
                                                     _loglo=np.log10(low[keep].clip(lower=np.finfo(float).tiny)))
        g = f.groupby(keys, dropna=False)["_log"]
        n = g.transform("size")
        # With three or more members the group median is a sibling's value (or between two), never
        # pulled far by one extreme figure: it stands in for "the median of the others".
        med = g.transform("median")
        orders = self.rule.options["orders"]
        far = (n >= 3) & ((f["_loglo"] - med > orders) if above else (med - f["_loghi"] > orders))
        self.checked = int((n >= 3).sum())
        out = []
        gid = g.ngroup().to_numpy()  # the group of each figure
        # The members of the groups with a finding, gathered once (in frame order): a finding's
        # siblings are its group but itself — no scan of the whole frame per finding.
        far_pos = np.flatnonzero(far.to_numpy())
        in_hit_group = np.flatnonzero(np.isin(gid, gid[far_pos]))
        members: dict[int, list[int]] = {}
        for p in in_hit_group.tolist():
            members.setdefault(int(gid[p]), []).append(p)
        for p in far_pos.tolist():
            idx = f.index[p]
            r = full.loc[idx]
            group = f.iloc[members[int(gid[p])]]
            sibs = group[group.index != idx]
            rows = full.loc[[idx]]
            listing = join(ctx.lang, (ctx.say(SAY.literal, value=v) for v in sibs["value"]))
            msg = ctx.say(SAY.siblings_above if above else SAY.siblings, head=ctx.headline(self.rule), figure=ctx.say(SAY.figure, value=r["value"], interval=row_interval(r)),
                          orders=number(float(self.rule.options["orders"]), exact=True), metric=ctx.label(r["metric"]),
                          region=r["region"], median=number(10 ** float(med[idx])), listing=listing)
            out.append(ctx.finding(self.rule, rows, msg, key=str(r["id"])))
        return out


def _populations(region: np.ndarray, vocab) -> np.ndarray:
    """The gazetteer's population of each region name (NaN: none), looked up once per distinct name."""
    import pandas as pd

    codes, uniq = pd.factorize(region)
    regions = vocab.regions_by_name()
    table = np.array([float(regions.get(r, {}).get("population", {}).get("value", np.nan)) for r in uniq.tolist()] + [np.nan])
    return table[codes]


def _coded(figures, column: str, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Of the figures ``at`` of a KeyFrame: the codes of a key column renumbered 0 …, and the value
    of each code."""
    import pandas as pd

    inverse, distinct = pd.factorize(figures.codes(column)[at])
    first = np.empty(len(distinct), dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(inverse) - 1, -1, -1)  # each code's first figure (the last write wins)
    return inverse.astype(np.int64), figures[column].iloc[at[first]].to_numpy(dtype=object)


class _ArticleMedians:
    """A corpus outlier's statistic of one pair: each article's median log10 ratio, in order of
    article name (``names``, ``median``), over ``n`` tuples; ``loo()`` each article's leave-one-out
    median and MAD of the others' medians."""

    def __init__(self, article: np.ndarray, articles: np.ndarray, point: np.ndarray):
        import pandas as pd

        self.n = len(point)
        codes, names = _by_name(article, articles)
        used = np.unique(codes)  # the articles with a tuple, in order of name
        self.names = names[used]
        self.median = pd.Series(point).groupby(np.searchsorted(used, codes)).median().to_numpy(float) if len(point) else np.zeros(0)

    def loo(self) -> tuple[np.ndarray, np.ndarray]:
        return _leave_one_out(self.median)


def _by_name(codes: np.ndarray, names: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes renumbered in the order of their names (each name once), and the names in that order."""
    order = np.argsort(names, kind="stable")
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    return rank[np.asarray(codes, dtype=np.int64)], names[order]


class _Medians:
    """The per-resident outlier's statistics of a set of figures: per metric and article, the median
    of their values per resident (log10), in order of metric, then article name (one groupby); and
    per metric with more than ``min_articles`` articles, each article's leave-one-out median and MAD
    of the others' medians. ``row_group`` is the group of each figure it was built from;
    ``checked`` the figures of the metrics compared."""

    def __init__(self, metric: np.ndarray, metrics: np.ndarray, article: np.ndarray, articles: np.ndarray, point: np.ndarray, min_articles):
        """``metric`` and ``article``: each figure's code, an index into the distinct names ``metrics``
        and ``articles``; ``point``: its log10 value per resident."""
        import pandas as pd

        metric_code, self.metrics = _by_name(metric, metrics)
        article_code, self.articles = _by_name(article, articles)
        width = max(len(self.articles), 1)
        self.groups, row_group = np.unique(metric_code * width + article_code, return_inverse=True)
        self.row_group = row_group.reshape(-1)
        self.median = pd.Series(point).groupby(self.row_group).median().to_numpy(float)  # each article's median, per metric
        self.group_metric, self.group_article = self.groups // width, self.groups % width
        self.starts = np.flatnonzero(np.r_[True, self.group_metric[1:] != self.group_metric[:-1]]) if len(self.groups) else np.zeros(0, np.int64)
        self.ends = np.r_[self.starts[1:], len(self.groups)]
        self.loo_med, self.loo_mad = np.full(len(self.groups), np.nan), np.full(len(self.groups), np.nan)
        per_metric = np.bincount(metric_code, minlength=len(self.metrics))
        self.checked = 0
        for a, b in zip(self.starts.tolist(), self.ends.tolist()):  # one pass a metric, over its articles' medians
            if b - a < min_articles + 1:
                continue
            self.checked += int(per_metric[self.group_metric[a]])
            self.loo_med[a:b], self.loo_mad[a:b] = _leave_one_out(self.median[a:b])

    def group_of(self, metric: np.ndarray, article: np.ndarray) -> np.ndarray:
        """The group of each (metric, article) pair; -1 where there is none."""
        import pandas as pd

        mc, ac = pd.Index(self.metrics).get_indexer(metric), pd.Index(self.articles).get_indexer(article)
        key = mc.astype(np.int64) * max(len(self.articles), 1) + ac
        pos = np.minimum(np.searchsorted(self.groups, key), max(len(self.groups) - 1, 0))
        found = (mc >= 0) & (ac >= 0) & (len(self.groups) > 0)
        found &= self.groups[pos] == key if len(self.groups) else False
        return np.where(found, pos, -1)

    def segment(self, group: int) -> tuple[int, int]:
        """The run of groups of the metric of ``group``."""
        k = int(np.searchsorted(self.starts, group, side="right")) - 1
        return int(self.starts[k]), int(self.ends[k])


class _SortedListing:
    """The comparison listing of a ratio finding: the other articles' medians in ascending order
    (ties by article, as grouped), ``article: ratio`` each, the five lowest and five highest when
    there are more than twenty. Sorted once; :meth:`without` skips one article in O(1) entries."""

    def __init__(self, names: np.ndarray, values: np.ndarray, lang: str = "en"):
        self.lang = lang
        self.order = np.argsort(values, kind="stable")
        self.rank = np.empty(len(values), dtype=np.int64)
        self.rank[self.order] = np.arange(len(values))
        self.names, self.values = names, values
        self._text: dict[int, str] = {}

    def _entry(self, k: int) -> str:  # the k-th smallest, formatted once
        got = self._text.get(k)
        if got is None:
            j = self.order[k]
            got = self._text[k] = SAY.entry(self.lang, article=self.names[j], ratio=number(10 ** float(self.values[j])))
        return got

    def without(self, position: int) -> str:
        n, skip = len(self.order), int(self.rank[position])
        others = n - 1
        if others > 20:  # an archive has thousands: the extremes, not all of them
            low = [k for k in range(6) if k != skip][:5]
            high = [k for k in range(n - 6, n) if k != skip][-5:]
            return join(self.lang, [*(self._entry(k) for k in low), SAY.more(self.lang, n=others - 10), *(self._entry(k) for k in high)])
        return join(self.lang, (self._entry(k) for k in range(n) if k != skip))


def _leave_one_out(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each i, the median of x without x[i] and the median absolute deviation from it.

    Exact, and equal to np.median on the n-1 others: removing the element of sorted rank r shifts
    the ranks above it by one, so each median is read off the sorted array by index; the medians
    take at most four distinct values, and for each the sorted deviations serve every i likewise.
    """
    n = len(x)
    med = np.full(n, np.nan)
    mad = np.full(n, np.nan)
    if n < 2:
        return med, mad
    m = n - 1

    def loo_median(sorted_vals: np.ndarray, rank: np.ndarray) -> np.ndarray:
        def at(k):  # element k of the sorted others: sorted_vals without the one at `rank`
            k = np.asarray(k)
            return sorted_vals[np.where(k < rank, k, k + 1)]

        if m % 2:
            return at(np.full(rank.shape, (m - 1) // 2))
        return (at(np.full(rank.shape, m // 2 - 1)) + at(np.full(rank.shape, m // 2))) / 2

    order = np.argsort(x, kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    xs = x[order]
    med = loo_median(xs, rank)
    for c in np.unique(med):
        sel = med == c
        # the deviations in x's sorted order fall, then rise: two runs, which a stable sort merges
        # in linear time (equal deviations may rank either way: the medians read are the same)
        d = np.abs(xs - c)
        d_order = np.argsort(d, kind="stable")
        d_rank = np.empty(n, dtype=np.int64)
        d_rank[d_order] = np.arange(n)
        mad[sel] = loo_median(d[d_order], d_rank[rank[sel]])
    return med, mad
