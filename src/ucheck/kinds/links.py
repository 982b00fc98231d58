"""``links`` rules: what a curator says a figure is relative to, checked on intervals.

A curated figure may name the figures it is relative to (README, "Links between figures"):

* ``of`` — the figure a share, a change, a contribution or an index is *of*: 占GDP的3.9% is of
  第一产业增加值; 同比增长1.5% is of GDP; 提高0.9个百分点 is of a rate; 增加2.1万家 is of a count;
* ``within`` — the whole of a share or a contribution (GDP);
* ``base`` — what a change is against: a period as printed (同比, 比一季度: its key from the
  vocabulary's ``bases``) or the id of the curated base-period figure;
* ``same_as`` — the figure this one restates (这20元钱 after 每天20元): the same quantity;
* ``direction`` — up or down, where the quote does not say it (下降, 减少, 回落 … are read from the
  quote just before the literal, with the vocabulary's ``directions``); the literal stays as printed.

What a link means follows from the linking figure's metric kind: a ``rate`` with ``of`` and
``within`` is a share, a ``growth`` a relative change, a ``rate_change`` a change in points, an
``index`` (上年=100) a change plus 100, a ``contribution`` a pull on the whole's growth, and a count or
an amount with ``of`` an absolute change (increment). One ``check`` per rule evaluates one relation
over every linked figure of the corpus as columns:

=================== ===========================================================================
share               share = of ÷ within × 100
share-sum           the shares of a complete breakdown of a whole sum to 100 (a disjoint one: ≤ 100)
change              against a curated base figure: growth (of ÷ base − 1) × 100, increment of − base,
                    change in points of − base
growth-increment    a growth and an increment of one figure against one base agree:
                    increment = of × g ÷ (100 + g)
base-sum            the base-period values of a complete breakdown add up:
                    Σ part ÷ (1 + g_part) ∋ whole ÷ (1 + G), a part's or the whole's from an
                    increment where one is printed (part − d); parts that do not overlap (disjoint,
                    or some parts of a complete breakdown) add up to at most the whole's; and one
                    period further back where that period's growth is printed or is g − p:
                    Σ part ÷ ((1 + g)(1 + g₀)), nominal growth only
contribution        c = part × g_part ÷ (100 + g_part) × (100 + G) ÷ whole (the part's increment over the
                    whole's base value, in points)
contribution-sum    the contributions of a complete breakdown sum to the whole's growth G
increment-sum       the increments against one base of every part of a complete breakdown whose
                    amounts are not printed (within, breakdown, base; no of) sum to the whole's
                    increment: W × G ÷ (100 + G), or the one printed
index               index − 100 = the change it restates
same-as             a restatement shares a value with the figure it restates
base-domain         the base-period value a change implies is a value the quantity can take: a fall of
                    a quantity that cannot be negative is at most 100 %; rate − change in points lies in
                    [0, 100] for a share, growth − change in points ≥ −100 %; of − increment ≥ 0
share-change-sum    the changes in points of the shares of every part of a complete breakdown (against
                    one base) sum to 0: the shares make 100 % in both periods
base-share-pull     a pull against the part's share a period before and its growth: c = (s − Δs) × g ÷ 100,
                    where the part's share s and its change in points Δs against the growth's base are
                    printed — the definition of 拉动 at comparable prices too
base-share-growth   the whole's growth from every part's share a period before and growth:
                    Σ (s − Δs) × g ÷ 100 ∋ G
contribution-rate   a part's 贡献率 (kind contribution_rate, of the part within the whole) is its pull
                    over the whole's growth: r = c ÷ G × 100
contribution-rate-sum  the 贡献率 of every part of a complete breakdown sum to 100
share-change-growths  a share's change in points against a base, from its part's growth g and its
                    whole's G against that base: Δs = s × (1 − (1 + G) ÷ (1 + g)), each printed change
                    read within one unit of its last digit; nominal growth only (shares are of
                    current values)
growth-hull         the growth of a whole lies between the smallest and the largest growth of the parts
                    of a complete breakdown (a mean of them, weighted by the parts' base-period values):
                    at comparable prices too, where base-sum is only a note
=================== ===========================================================================

Every expression above uses each interval once (g ÷ (100 + g) is evaluated at its ends: it is
increasing), so the ranges are exact, not widened by the dependency problem. Growth at comparable
prices (a metric with ``growth_basis: real``: GDP, value added) is not the ratio of current-price
values, so a relation that mixes the two is reported as ``info`` at most (DESIGN.md, "Real versus
nominal"); the base-period sum of such a breakdown, only beyond what the parts' differing price
changes can make (``DEFLATOR_SPREAD``).
"""

from __future__ import annotations

import re

import numpy as np

from ucheck.builtin import problem
from ucheck.i18n import phrases
from ucheck.kinds.arithmetic import approx, approx_apart, kind_word, span, with_unit
from ucheck.kinds.base import Option, RuleKind, register
from ucheck.kinds.columns import FIGURE, INCREMENT_KINDS, LOCATION, REF, records
from ucheck.load.keys import FigureKey, field_line
from ucheck.numbers.intervals import REL_TOL, VIOLATED, IntervalArray, format_interval, format_number

# How far a part's price change may be from its whole's in a year: 0.3 (the oil extraction of 大庆 in
# the first half of 2016, prices −33 % beside the city's −10 %; coal in 2016–17). At comparable prices
# the deflated parts of a breakdown miss the deflated whole by Σ wᵢ (gᵢ − G)(dᵢ − D), so base-sum
# notes only a gap beyond DEFLATOR_SPREAD × Σ wᵢ |gᵢ − G| of the whole (a part's growth off by a digit
# leaves it; the gap of a correct communiqué, a few tenths of a per cent, does not).
DEFLATOR_SPREAD = 0.3

# A finding reads "{head} — {words} ({terms}; {exact})": the arithmetic in words with the figures as
# printed and units (ucheck.kinds.arithmetic), then every figure with its interval and the exact relation.
SAY = phrases(
    __name__,
    detail=("{head} — {words} ({terms}; {exact})", "{head}——{words}（{terms}；{exact}）"),
    sep=("; ", "；"),
    real=(" (growth at comparable prices against current-price values: a note, not a contradiction)",
          "（可比价增速对照现价数值：仅作提示，不算矛盾）"),
    shown_fall=("{id} = {value} (a fall: {interval})", "{id} = {value}（下降：{interval}）"),
    printed_fall=("−{value} (a fall)", "−{value}（下降）"),
    exact=("{expr} = {computed}, printed {printed}", "{expr} = {computed}，原文 {printed}"),
    share=("{part} ÷ {whole} × 100 {computed}, but the share is printed as {printed}",
           "{part} ÷ {whole} × 100 {computed}，但原文占比为 {printed}"),
    growth=("({now} ÷ {base} − 1) × 100 {computed}, but the growth is printed as {printed}",
            "({now} ÷ {base} − 1) × 100 {computed}，但原文增速为 {printed}"),
    increment=("{now} − {base} {computed}, but the increment is printed as {printed}",
               "{now} − {base} {computed}，但原文增量为 {printed}"),
    points=("{now} − {base} {computed}, but the change is printed as {printed}",
            "{now} − {base} {computed}，但原文变动为 {printed}"),
    growth_increment=("{now} × {g} ÷ (1 + {g}) {computed}, but the increment is printed as {printed}",
                      "{now} × {g} ÷ (1 + {g}) {computed}，但原文增量为 {printed}"),
    contribution=("{part} × {g} ÷ (1 + {g}) × (1 + {G}) ÷ {whole} {computed}, but the contribution is printed as {printed}",
                  "{part} × {g} ÷ (1 + {g}) × (1 + {G}) ÷ {whole} {computed}，但原文拉动为 {printed}"),
    index=("{index} − 100 {computed}, but the change it restates is printed as {printed}",
           "{index} − 100 {computed}，但它所表述的变动原文为 {printed}"),
    same_as=("{value} cannot be the same quantity as {other}, which it restates",
             "{value} 与它所复述的 {other} 不可能是同一数量"),
    same_quantity=("the same quantity", "同一数量"),
    quotient=("{part} ÷ {whole} {computed}, but the ratio is printed as {printed}", "{part} ÷ {whole} {computed}，但原文比值为 {printed}"),
    earlier_quotient=("{base}, the period the growths are against: ({part} ÷ (1 + {g})) ÷ ({whole} ÷ (1 + {G})) {computed}, "
                      "but {what} of {base} is printed as {printed}",
                      "{base}即增速的基期：({part} ÷ (1 + {g})) ÷ ({whole} ÷ (1 + {G})) {computed}，但原文{base}的{what}为 {printed}"),
    the_share=("the share", "占比"),
    the_ratio=("the ratio", "比值"),
    share_sum_over=("the shares {sum} add up to {computed}, more than 100 %", "各占比 {sum} 合计 {computed}，超过 100 %"),
    share_sum_under=("the shares {sum} add up to {computed}, less than 100 %, though the shares are of every part of a complete breakdown",
                     "各占比 {sum} 合计 {computed}，不足 100 %，而这些占比覆盖了完整分组的全部部分"),
    share_sum_exact=("Σ shares = {interval} %", "占比合计 = {interval} %"),
    structure_sum=("the terms of the structure {ratio}, printed as shares, add up to {computed}, not 100 % (a structure is every part of its whole)",
                   "结构 {ratio} 的各项按比重印出，合计 {computed}，而非 100 %（结构包括整体的全部部分）"),
    contribution_sum=("the contributions {sum} add up to {computed}, not the whole's growth {printed}",
                      "各部分拉动 {sum} 合计 {computed}，与整体增速 {printed} 不符"),
    contribution_sum_exact=("Σ contributions = {interval} points", "拉动合计 = {interval} 个百分点"),
    increment_sum=("the increments of the parts {sum} add up to {computed}, {whole}",
                   "各部分增减额 {sum} 合计 {computed}，{whole}"),
    increment_sum_growth=("but the whole's growth gives {whole} × {G} ÷ (100 + {G}) {computed}",
                          "而整体增速推算的增减额 {whole} × {G} ÷ (100 + {G}) {computed}"),
    increment_sum_printed=("not the whole's printed increment {printed}", "与整体印出的增减额 {printed} 不符"),
    base_sum=("the parts' base-period values {parts} {computed}, which cannot equal the whole's {whole} {whole_computed} ({split}, base {base})",
              "各部分基期值 {parts} {computed}，与整体基期值 {whole} {whole_computed} 不符（{split}，基期 {base}）"),
    base_sum_before=("the parts' values a period before {base} {parts} {computed}, which cannot equal the whole's {whole} {whole_computed} "
                     "({split}, through the growths of {base})",
                     "各部分在{base}之前一期的值 {parts} {computed}，与整体的 {whole} {whole_computed} 不符（{split}，经{base}的增速推算）"),
    base_sum_over=("the parts' base-period values {parts} {computed}, more than the whole's {whole} {whole_computed}, though the parts "
                   "do not overlap ({split}, base {base})",
                   "各部分基期值 {parts} {computed}，大于整体基期值 {whole} {whole_computed}，而各部分互不重叠（{split}，基期 {base}）"),
    base_sum_before_over=("the parts' values a period before {base} {parts} {computed}, more than the whole's {whole} {whole_computed}, "
                          "though the parts do not overlap ({split}, through the growths of {base})",
                          "各部分在{base}之前一期的值 {parts} {computed}，大于整体的 {whole} {whole_computed}，而各部分互不重叠（{split}，经{base}的增速推算）"),
    base_sum_exact=("{parts} = {computed}, {whole} = {whole_computed}", "{parts} = {computed}，{whole} = {whole_computed}"),
    fall_limit=("a fall of {printed} would take the quantity below zero, and it cannot be negative: a fall is 100 % at most",
                "下降 {printed} 会使该数量小于零，而它不能为负：降幅最多为 100 %"),
    base_share=("{now} − ({change}) puts the share at the base period at {computed}, outside 0–100 %",
                "{now} − ({change}) 得出基期比重 {computed}，超出 0–100 % 的范围"),
    base_growth=("{now} − ({change}) puts the growth at the base period at {computed}, a fall of more than 100 % of a quantity that cannot be negative",
                 "{now} − ({change}) 得出基期增速 {computed}，即不能为负的数量下降超过 100 %"),
    base_level=("{now} − {change} puts the base-period value at {computed}, below zero, though it cannot be negative",
                "{now} − {change} 得出基期值 {computed}，小于零，而它不能为负"),
    domain_exact=("{expr} = {computed}, possible {domain}", "{expr} = {computed}，可能的取值 {domain}"),
    share_change_sum=("the changes of the shares {sum} add up to {computed}, not 0: the shares of a complete breakdown make 100 % in both periods",
                      "各占比的变动 {sum} 合计 {computed}，不为 0：完整分组各部分的占比在两个时期都合计为 100 %"),
    share_change_sum_exact=("Σ changes = {interval} points, each widened by its last digit (a change of two rounded shares)",
                            "变动合计 = {interval} 个百分点，每项按末位放宽（两个修约后比重之差）"),
    growth_hull=("the whole's growth {whole} is outside its parts' growths {parts} (from {lo} to {hi}), though it is a mean of them ({split}, {when})",
                 "整体增速 {whole} 落在各部分增速 {parts}（{lo} 至 {hi}）之外，而它是各部分增速的加权平均（{split}，{when}）"),
    base_is=("base {base}", "基期 {base}"),
    contribution_rate=("{pull} ÷ {G} × 100 {computed}, but the contribution rate is printed as {printed}",
                       "{pull} ÷ {G} × 100 {computed}，但原文贡献率为 {printed}"),
    contribution_rate_sum=("the contribution rates {sum} add up to {computed}, not 100 %, though they are of every part of a complete breakdown",
                           "各贡献率 {sum} 合计 {computed}，不为 100 %，而它们覆盖了完整分组的全部部分"),
    contribution_rate_sum_exact=("Σ contribution rates = {interval} %", "贡献率合计 = {interval} %"),
    base_share_pull=("({share} − ({change})) × {g} {computed}, but the pull is printed as {printed}",
                     "({share} − ({change})) × {g} {computed}，但原文拉动为 {printed}"),
    share_change_growths=("with the part growing {g} and the whole {G}, a share of {share} changed by {share} × (1 − (1 + {G}) ÷ (1 + {g})) "
                          "{computed}, but the change is printed as {printed}",
                          "部分增长{g}、整体增长{G}，占比{share}的变动应为 {share} × (1 − (1 + {G}) ÷ (1 + {g})) {computed}，但原文变动为 {printed}"),
    base_share_growth=("the parts' shares a period before times their growths {terms} add up to {computed}, not the whole's growth {printed} ({split}, base {base})",
                       "各部分上一期占比乘以各自增速 {terms} 合计 {computed}，与整体增速 {printed} 不符（{split}，基期 {base}）"),
    base_share_growth_exact=("Σ (s − Δs) × g ÷ 100 = {interval}", "Σ (s − Δs) × g ÷ 100 = {interval}"),
    list_sep=(", ", "、"),
    base_period=("the period before, {base}: each growth printed for it, or less its change in points against it",
                 "上一期（{base}）：各部分该期的增速，或本期增速减去其相对该期的百分点变动"),
    growth_hull_exact=("min g = {lo}, max g = {hi}, G = {whole}", "最小 g = {lo}，最大 g = {hi}，G = {whole}"),
    mean_hull=("the whole's {whole} per head is outside its parts' {parts} (from {lo} to {hi}), though it is their mean weighted by "
               "the parts' populations ({split})",
               "整体的人均 {whole} 落在各部分的人均 {parts}（{lo} 至 {hi}）之外，而它是各部分按人口加权的平均（{split}）"),
    mean_hull_exact=("min = {lo}, max = {hi}, whole = {whole}", "最小 = {lo}，最大 = {hi}，整体 = {whole}"),
    breakdown=("breakdown {split}", "分组 {split}"),
    parts_of=("the parts of {whole}", "{whole} 的各部分"),
    no_base=("not printed", "未注明"),
    # the problems of the links (UC002), at the link's line
    not_a_figure=("figure {id}: {key} {name!r} is not the id of another figure of article {article}",
                  "数字 {id}：{key} {name!r} 不是文章 {article} 中另一个数字的 id"),
    not_a_level=("figure {id}: {key} {name!r} is not the id of another figure of article {article}; of names a curated figure: "
                 "where the text does not print its amount, leave of out (a share keeps within alone; a change's subject and "
                 "metric say what changed, its base against when)",
                 "数字 {id}：{key} {name!r} 不是文章 {article} 中另一个数字的 id；of 指向已整理的数字：原文没有印出其数额时，"
                 "不写 of（比重只写 within；变化由 subject 和 metric 说明变化的是什么，base 说明与何时相比）"),
    not_a_whole=("figure {id}: {key} {name!r} is not the id of another figure of article {article}, nor a whole its seed prints "
                 "(a whole whose amount the text does not give is written as printed: within: 规模以上工业增加值)",
                 "数字 {id}：{key} {name!r} 既不是文章 {article} 中另一个数字的 id，也不是原文印出的整体名称"
                 "（原文没有给出数额的整体，照原文写名称：within: 规模以上工业增加值）"),
    itself=("figure {id}: {key} {name!r} is the figure itself", "数字 {id}：{key} {name!r} 指向的是它自身"),
    cycle=("figure {id}: following {key} from it leads back to it (a cycle)", "数字 {id}：沿 {key} 追溯又回到了它自身（循环引用）"),
    misfit=("figure {id}: {why}", "数字 {id}：{why}"),
)
# why a link does not fit the kinds of the figures it joins; {kind}: a metric kind (KIND)
MISFIT = phrases(
    __name__,
    within_kind=("within names the whole of a share (a rate), the second term of a ratio, a contribution or a contribution rate, "
                 "or of the increment of a part not printed (with breakdown and base, no of), not of a {kind}",
                 "within 只能指占比（比率）的整体、比值的后项、拉动或贡献率的整体，或未印出数额的部分的增减额（须有 breakdown 和 base，无 of）的整体，不能用于{kind}"),
    share_like=("a share or a ratio is a quotient of like counts or amounts: of and within must both be, in like units",
                "占比或比值是同类计数或金额之商：of 与 within 都须是这类数字，且单位相同"),
    contribution_of=("a contribution is of a part's value (a count or an amount)", "拉动是某一部分数值（计数或金额）的拉动"),
    growth_of=("a growth is of a count, an amount or a rate, not of a {kind}", "增长率只能是计数、金额或比率的增长率，不能是{kind}的"),
    points_of=("a change in points is of a rate, a growth or a contribution", "百分点变动只能是比率、增长率或拉动的变动"),
    increment_of=("an increment (增加 X) is of a figure of the same kind, not of a {kind}", "增量（增加 X）须是同类数字的增量，不能是{kind}的"),
    base_kind=("base names a figure of another kind than the figure the change is of", "base 所指数字与变动所针对的数字类别不同"),
    same_metric=("same_as names a figure of another metric: a restatement is the same quantity",
                 "same_as 所指数字属于另一指标：复述的应是同一数量"),
    same_unit=("same_as names a figure in other units (元 and 美元 are different numbers): a restatement is printed in the same unit",
               "same_as 所指数字的单位不同（元与美元是不同的数）：复述应以同一单位印出"),
)
_MISFIT_KEY = {"within_kind": "within", "base_kind": "base", "same_metric": "same_as", "same_unit": "same_as"}  # else: of
CHECKS = ("share", "share-sum", "change", "growth-increment", "base-sum", "contribution", "contribution-sum", "index", "same-as",
          "base-domain", "share-change-sum", "growth-hull", "base-share-pull", "base-share-growth", "contribution-rate",
          "contribution-rate-sum", "share-change-growths", "mean-hull", "increment-sum")
LEVEL_KINDS = ("count", "money", "duration", "ratio")  # what is measured: shares and growth are of these
SIGNED_KINDS = ("growth", "rate_change", "contribution")  # printed as a magnitude with a direction
SIGNED = ("s_low", "s_high", "s_low_open", "s_high_open", "s_value")
_TARGET = [*FIGURE, "metric", "metric_kind", "unit", "growth_basis", "breakdown_key", "nonnegative", "level_signed", "period_key",
           *SIGNED]  # of a named figure
_SHOWN = (*(c for c in LOCATION if c != "article"), *REF, *SIGNED, "unit")  # what a finding needs of a figure (and its article; unit: for words)
_OF_LEVEL = tuple(f"of.{c}" for c in ("q_low", "q_high", "q_value", "q_low_open", "q_high_open", "value", "unit"))  # the level a growth is of
_CLAUSE_END = re.compile(r"[。；;，,！？!?：:\n]")


@register
class LinksRule(RuleKind):
    kind = "links"
    doc = ("Checks the relations curators link (of, within, base, direction, part_of with breakdown): shares, changes "
           "against a base, increments, base-period sums, contributions and indices — no metric binding, one relation "
           "per rule, every linked figure of the corpus at once.")
    options = {"check": Option("str", required=True, doc="which relation of linked figures is checked", choices=CHECKS)}
    # part_of, parts and breakdown are the parts kind's keys, read here too; base is a core key
    figure_keys = (
        FigureKey("of", "the id of the figure a share, change, contribution or index is of", example="of: gdp"),
        FigureKey("within", "the id of the whole of a share or a contribution (or of the increment of a part whose amount is not "
                  "printed, with breakdown and base), or the whole as printed where the text prints no amount of it "
                  "(within: 规模以上工业增加值)", example="within: gdp"),
        FigureKey("direction", "the literal stays as printed: 下降1.2% is 1.2% with direction down", read="choice",
                  choices=("up", "down"), example="direction: down"),
        FigureKey("same_as", "the id of the figure this one restates (the same quantity)", example="same_as: subsidy"),
    )

    def scope(self, figures, selected):
        return selected  # article-local: a link names a figure of the same article

    @classmethod
    def prepare(cls, ctx):
        ctx.resolved[cls.kind], problems = resolve(ctx.figures, ctx.vocab, ctx.lang, seeds=ctx.corpus.seeds)
        return problems

    def check(self, ctx):
        links = ctx.resolved.get(self.kind)
        self.checked = 0
        if links is None:
            return []
        found, self.checked = getattr(self, "_" + self.rule.options["check"].replace("-", "_"))(links, ctx.lang)
        return [self._finding(ctx, *f) for f in found]

    # -- one relation per check; each returns (findings as (rows, words, exact, real, key), combinations),
    # words: the arithmetic in words with units, exact: the relation on intervals, both in `lang` --
    def _share(self, L, lang):
        # a share is of ÷ within × 100; a ratio of two like amounts (城乡居民收入比2.02:1, of the urban
        # income within the rural) is of ÷ within
        t = _concat([L.shares, L.ratios])
        if not len(t):
            return self._earlier_quotients(L, lang)
        share = (t["metric_kind"] == "rate").to_numpy()
        computed = _iv(t, "of.") / _iv(t, "within.") * _const(100, t)
        computed = _where(share, computed, _iv(t, "of.") / _iv(t, "within."))
        said = lambda r: SAY.share if r["metric_kind"] == "rate" else SAY.quotient  # noqa: E731
        words = lambda r, lo, hi: said(r)(lang, part=r["of.value"], whole=r["within.value"], computed=approx(lo, hi, _unit(r)),  # noqa: E731
                                          printed=_printed(r, lang))
        found = self._disagreeing(t, computed, _iv(t), np.where(share, "of ÷ within × 100", "of ÷ within"), ["", "of.", "within."], words,
                                  lang)
        before, n_before = self._earlier_quotients(L, lang)
        return found + before, len(t) + n_before

    def _earlier_quotients(self, L, lang):
        """A share or ratio printed for a base period (由上年同期的2.05:1下降为2.02:1; period 上年同期, of and
        within the amounts of now) is the quotient of the two amounts of that period, which their
        growths against that base give: (of ÷ (1 + g)) ÷ (within ÷ (1 + G)) — each variable once, so
        the interval is exact. Shares and ratios are of current values: growths at comparable prices
        (growth_basis real) do not carry them and are not judged."""
        e = L.earlier[L.earlier["metric_kind"].isin(["rate", "ratio"]).to_numpy() & L.earlier["within.q_low"].notna().to_numpy()]
        if not len(e) or not len(L.growths):
            return [], 0
        real = L.growths["growth_basis"].eq("real") | L.growths["of.growth_basis"].eq("real")
        gr = L.growths[~real][["article", "of", "base_key", *_SHOWN]].drop_duplicates(["article", "of", "base_key"])
        t = e.merge(gr.add_prefix("g.").rename(columns={"g.article": "article"}), left_on=["article", "of", "period_key"],
                    right_on=["article", "g.of", "g.base_key"])
        t = t.merge(gr.add_prefix("G.").rename(columns={"G.article": "article"}), left_on=["article", "within", "period_key"],
                    right_on=["article", "G.of", "G.base_key"]).reset_index(drop=True)
        if not len(t):
            return [], 0
        hundred = _const(100, t)
        computed = (_iv(t, "of.") * hundred / (hundred + _iv(t, "g.", signed=True))) / (
            _iv(t, "within.") * hundred / (hundred + _iv(t, "G.", signed=True)))
        share = (t["metric_kind"] == "rate").to_numpy()
        computed = _where(share, computed * hundred, computed)
        words = lambda r, lo, hi: SAY.earlier_quotient(  # noqa: E731
            lang, base=r["period"], part=r["of.value"], g=_lit(r, "g."), whole=r["within.value"], G=_lit(r, "G."),
            computed=approx(lo, hi, _unit(r)), printed=_printed(r, lang),
            what=(SAY.the_share if r["metric_kind"] == "rate" else SAY.the_ratio)(lang))
        expr = np.where(share, "(of ÷ (1 + g)) ÷ (within ÷ (1 + G)) × 100", "(of ÷ (1 + g)) ÷ (within ÷ (1 + G))")
        return self._disagreeing(t, computed, _iv(t), expr, ["", "of.", "g.", "within.", "G."], words, lang), len(t)

    def _share_sum(self, L, lang):
        # a share printed again (same_as, or a summary and the body) is one part: summed once; a
        # restatement that disagrees is UC318's / UC301's
        import pandas as pd

        shares = L.shares.drop_duplicates(["article", "of", "within"])
        j = shares.merge(L.parts, left_on=["article", "of", "within"], right_on=["article", "part_id", "whole_id"])
        n_structures = len(L.structures.drop_duplicates(["article", "ratio"]))
        if not len(j):
            return self._structure_sum(L, lang, set()), n_structures
        g = j.groupby(["article", "within", "split"], sort=False).agg(
            lo=("q_low", "sum"), hi=("q_high", "sum"), n=("id", "size"), n_parts=("n_parts", "first"), mode=("mode", "first"))
        # the shares of a linked complete breakdown with every part printed are summed here: a structure
        # of them (三次产业比为3.9：59.5：36.6, each term of/within linked) is not summed a second time
        whole = g[(g["mode"] == "complete") & (g["n"] == g["n_parts"])].index
        linked = j[pd.MultiIndex.from_frame(j[["article", "within", "split"]]).isin(whole)]
        structures = self._structure_sum(L, lang, set(zip(linked["article"], linked["of"], linked["within"])))
        lo, hi = np.nextafter(g["lo"].to_numpy(float), -np.inf), np.nextafter(g["hi"].to_numpy(float), np.inf)
        over = lo > 100 * (1 + REL_TOL)  # more than the whole, whatever the breakdown
        under = (g["mode"].to_numpy(object) == "complete") & (g["n"] == g["n_parts"]).to_numpy() & (hi < 100 * (1 - REL_TOL))
        out = []
        group = _members(j, ["article", "within", "split"])
        for key, is_over in zip(g.index[over | under], over[over | under]):
            members = group(key)
            rec = g.loc[key]
            rows = records(members)
            words = (SAY.share_sum_over if is_over else SAY.share_sum_under)(
                lang, sum=" + ".join(_lit(r) for r in rows), computed=approx(rec["lo"], rec["hi"], _unit(rows[0]) or "%"))
            out.append((rows, words, SAY.share_sum_exact(lang, interval=format_interval(rec["lo"], rec["hi"])), False,
                        f"share-sum:{key[1]}:{key[2]}"))
        return [*out, *structures], len(g) + n_structures

    def _structure_sum(self, L, lang, summed: set):
        """A structure printed as a ratio of shares (三次产业结构为8.5:37.0:54.5) is every part of its
        whole, linked or not: its terms, each within its rounding, add up to 100. A structure whose
        every term is a share already ``summed`` — (article, of, within) of a linked complete
        breakdown — is left to that sum."""
        st = L.structures
        if not len(st):
            return []
        covered = np.asarray([(a, o, w) in summed for a, o, w in zip(st["article"], st["of"], st["within"])], dtype=bool)
        st = st[~_all_covered(st, covered)]
        if not len(st):
            return []
        lo, hi = st["lo"].to_numpy(float), st["hi"].to_numpy(float)
        out = []
        for (_article, ratio), members in st[(lo > 100 * (1 + REL_TOL)) | (hi < 100 * (1 - REL_TOL))].groupby(["article", "ratio"], sort=False):
            lo, hi = float(members["lo"].iloc[0]), float(members["hi"].iloc[0])
            rows = [_figure(r, "") for r in records(members.drop_duplicates("id"))]
            words = SAY.structure_sum(lang, ratio=ratio, computed=approx(lo, hi, "%"))
            out.append((rows, words, SAY.share_sum_exact(lang, interval=format_interval(lo, hi)), False, f"structure-sum:{ratio}"))
        return out

    def _change(self, L, lang):
        t = L.changes[L.changes["base.id"].notna() & L.changes["of.id"].notna() & L.changes["base.q_low"].notna()]
        t = t[t["metric_kind"].isin(["growth", "rate_change", *INCREMENT_KINDS])]
        if not len(t):
            return [], 0
        growth = (t["metric_kind"] == "growth").to_numpy()
        of, base = _iv(t, "of.", signed=True), _iv(t, "base.", signed=True)
        computed = _where(growth, (of / base - _const(1, t)) * _const(100, t), of - base)
        expr = np.where(growth, "(of ÷ base − 1) × 100", "of − base")

        def words(r, lo, hi):
            said = SAY.growth if r["metric_kind"] == "growth" else SAY.points if r["metric_kind"] == "rate_change" else SAY.increment
            return said(lang, now=_lit(r, "of."), base=_lit(r, "base."), computed=approx(lo, hi, _unit(r)), printed=_printed(r, lang))

        # only a growth of levels at comparable prices mixes bases: a difference of two growth rates (提高,
        # 低 … 个百分点) or of two current-price levels (增加 X 亿元) is exact
        return self._disagreeing(t, computed, _iv(t, signed=True), expr, ["", "of.", "base."], words, lang, real=_real(t) & growth), len(t)

    def _growth_increment(self, L, lang):
        c = L.changes[L.changes["of.id"].notna() & L.changes["base.id"].isna()]
        g, inc = c[c["metric_kind"] == "growth"], c[c["metric_kind"].isin(INCREMENT_KINDS)]
        t = g.merge(inc[["article", "of", "base_key", *_SHOWN]], on=["article", "of", "base_key"], suffixes=("", "@inc"))
        if not len(t):
            return [], 0
        computed = _iv(t, "of.") * _growth_share(_iv(t, signed=True))  # of × g ÷ (100 + g)
        words = lambda r, lo, hi: SAY.growth_increment(  # noqa: E731
            lang, now=_lit(r, "of."), g=_lit(r), computed=approx(lo, hi, _unit(r, suffix="@inc")), printed=_printed(r, lang, suffix="@inc"))
        return self._disagreeing(t, computed, _iv(t, signed=True, suffix="@inc"), "of × g ÷ (100 + g)", ["", "of.", "@inc"], words, lang,
                                 real=_real(t)), len(t)

    def _base_sum(self, L, lang):
        """The base-period values of the parts of a breakdown against the whole's: each from a growth,
        x ÷ (1 + g), or from an increment (比上年增加 d), x − d; and a period further back where the
        growth of the base period is known (:func:`_period_before`)."""
        import pandas as pd

        if not L.parts["mode"].isin(["complete", "disjoint"]).any():  # no breakdown to sum (the common case of a union report)
            return [], 0
        g = L.growths
        g = g[~(g["s_low"].to_numpy(float) <= -100)]  # a fall of 100 % or more leaves no base-period value: UC319's
        inc = L.changes[L.changes["metric_kind"].isin(INCREMENT_KINDS) & L.changes["of.id"].notna() & L.changes["base.id"].isna()]
        if not len(g) and not len(inc):
            return [], 0
        base = _iv(g, "of.") / (_const(1, g) + _iv(g, signed=True) / _const(100, g))  # the base-period value
        less = _iv(inc, "of.") - _iv(inc, signed=True)  # an increment's: of − d, exact and at current prices
        per = pd.concat([g.assign(v_lo=base.lo, v_hi=base.hi, is_real=g["of.growth_basis"].eq("real").to_numpy()),
                         inc.assign(v_lo=less.lo, v_hi=less.hi, is_real=False)], ignore_index=True)
        per = per.iloc[np.argsort((per["v_hi"] - per["v_lo"]).to_numpy(float), kind="stable")]  # the most precise first
        found, n = self._breakdown_sum(L, per, None, None, lang)
        before = _period_before(L)
        if before is None:
            return found, n
        more, m = self._breakdown_sum(L, before, "Σ part ÷ ((1 + g) × (1 + g₀))", "whole ÷ ((1 + G) × (1 + G₀))", lang, before=True)
        return found + more, n + m

    def _contribution(self, L, lang):
        c = L.changes[(L.changes["metric_kind"] == "contribution") & L.changes["of.id"].notna() & L.changes["within.id"].notna()]
        if not len(c):
            return [], 0
        g = L.growths[["article", "of", "base_key", *_SHOWN]]
        t = c.merge(g.add_suffix("@gp").rename(columns={"article@gp": "article"}), left_on=["article", "of"], right_on=["article", "of@gp"])
        t = t[(t["base_key"] == "") | (t["base_key"] == t["base_key@gp"])]  # a pull that names its base is against it
        t = t.merge(g.add_suffix("@gw").rename(columns={"article@gw": "article"}), left_on=["article", "within", "base_key@gp"],
                    right_on=["article", "of@gw", "base_key@gw"])
        if not len(t):
            return [], 0
        computed = (_iv(t, "of.") * _growth_share(_iv(t, signed=True, suffix="@gp")) * (_const(100, t) + _iv(t, signed=True, suffix="@gw"))
                    / _iv(t, "within."))
        words = lambda r, lo, hi: SAY.contribution(  # noqa: E731
            lang, part=_lit(r, "of."), g=_lit(r, suffix="@gp"), G=_lit(r, suffix="@gw"), whole=_lit(r, "within."),
            computed=approx(lo, hi, _unit(r)), printed=_printed(r, lang))
        return self._disagreeing(t, computed, _iv(t, signed=True), "part × g ÷ (100 + g) × (100 + G) ÷ whole",
                                 ["", "of.", "@gp", "within.", "@gw"], words, lang, real=_real(t)), len(t)

    def _contribution_sum(self, L, lang):
        import pandas as pd

        c = L.changes[(L.changes["metric_kind"] == "contribution") & L.changes["of.id"].notna() & L.changes["within.id"].notna()]
        u = L.unprinted_pulls[L.unprinted_pulls["mode"] == "complete"]
        if not len(c) and not len(u):
            return [], 0
        c = c.rename(columns={"base_key": "pull_base"})
        j = L.parts[L.parts["mode"] == "complete"].merge(c[["article", "of", "within", "pull_base", *_SHOWN]],
                                                         left_on=["article", "part_id", "whole_id"], right_on=["article", "of", "within"])
        if len(u):  # the pulls of parts not printed: each stands for its part, and the curator says they are all of them
            u = u.rename(columns={"base_key": "pull_base"}).assign(part_id=u["id"], whole_id=u["within"], split=u["breakdown_key"])
            u = u.assign(n_parts=u.groupby(["article", "whole_id", "split", "pull_base"])["id"].transform("size"))
            j = pd.concat([j, u[[c for c in j.columns if c in u.columns]]], ignore_index=True)
        if not len(j):
            return [], 0
        # the pulls against one base (as printed; most print none) are summed together
        g = j.groupby(["article", "whole_id", "split", "pull_base"], sort=False).agg(
            lo=("s_low", "sum"), hi=("s_high", "sum"), n=("part_id", "size"), n_parts=("n_parts", "first"))
        g = g[g["n"] == g["n_parts"]].reset_index()
        t = g.merge(L.growths[["article", "of", "base_key", *_SHOWN]], left_on=["article", "whole_id"], right_on=["article", "of"])
        t = t[(t["pull_base"] == "") | (t["pull_base"] == t["base_key"])].reset_index(drop=True)  # a pull of 比上年 is of that growth
        if not len(t):
            return [], 0
        total = IntervalArray.from_columns(np.nextafter(t["lo"].to_numpy(float), -np.inf), np.nextafter(t["hi"].to_numpy(float), np.inf))
        verdict = total.compare("==", _iv(t, signed=True))
        # a whole with growths against several bases (比上年 6.8 %, 两年平均 5.6 %): the pulls that name
        # no base are of one of them — reported only when they agree with none
        sums = ["article", "whole_id", "split", "pull_base"]
        bad = pd.Series(verdict == VIOLATED).groupby([t[k] for k in sums], sort=False).transform("all").to_numpy()
        out = []
        group = _members(j, ["article", "whole_id", "split", "pull_base"])
        for rec in records(t[bad & ~t.duplicated(sums).to_numpy()]):
            members = group((rec["article"], rec["whole_id"], rec["split"], rec["pull_base"]))
            rows = records(members)
            words = SAY.contribution_sum(lang, sum=" + ".join(_lit(r) for r in rows), computed=approx(rec["lo"], rec["hi"], _unit(rows[0])),
                                         printed=_printed(rec, lang))
            out.append(([rec, *rows], words, SAY.contribution_sum_exact(lang, interval=format_interval(rec["lo"], rec["hi"])), False,
                        f"contribution-sum:{rec['whole_id']}:{rec['split']}:{rec['base_key']}"))
        return out, len(t)

    def _increment_sum(self, L, lang):
        """The increments against one base of every part of a complete breakdown whose amounts are not
        printed (6个税种合计增收2.5亿元, 7个税种合计减收5.5亿元) add up to the whole's increment: the one
        its growth against that base gives, W × G ÷ (100 + G), or the one printed (增收 D)."""
        import pandas as pd

        u = L.unprinted_increments[L.unprinted_increments["mode"] == "complete"]
        if not len(u):
            return [], 0
        sums = ["article", "within", "breakdown_key", "base_key"]
        g = u.groupby(sums, sort=False).agg(lo=("s_low", "sum"), hi=("s_high", "sum")).reset_index()
        on = dict(left_on=["article", "within", "base_key"], right_on=["article", "of", "base_key"])
        # the whole's increment from its growth against the base ...
        tg = g.merge(L.growths[["article", "of", "base_key", "of.growth_basis", *_OF_LEVEL, *_SHOWN]], **on)
        w = _iv(tg, "of.") * _growth_share(_iv(tg, signed=True))
        tg = tg.assign(via="growth", w_lo=w.lo, w_hi=w.hi, w_lo_open=w.lo_open, w_hi_open=w.hi_open)
        # ... or as printed against it (增收 D)
        inc = L.changes[L.changes["metric_kind"].isin(INCREMENT_KINDS) & L.changes["of.id"].notna() & L.changes["base.id"].isna()]
        tp = g.merge(inc[["article", "of", "base_key", "of.growth_basis", *_SHOWN]], **on)
        tp = tp.assign(via="printed", w_lo=tp["s_low"], w_hi=tp["s_high"], w_lo_open=tp["s_low_open"], w_hi_open=tp["s_high_open"])
        t = pd.concat([tg, tp], ignore_index=True)
        if not len(t):
            return [], 0
        total = IntervalArray.from_columns(np.nextafter(t["lo"].to_numpy(float), -np.inf), np.nextafter(t["hi"].to_numpy(float), np.inf))
        whole = IntervalArray.from_columns(t["w_lo"].to_numpy(float), t["w_hi"].to_numpy(float), lo_open=t["w_lo_open"].to_numpy(bool),
                                           hi_open=t["w_hi_open"].to_numpy(bool))
        verdict = total.compare("==", whole)
        via_growth = (t["via"] == "growth").to_numpy()
        real = via_growth & (t["of.growth_basis"] == "real").to_numpy()  # a growth at comparable prices gives no increment of values
        group = _members(u, sums)
        out = []
        for i in np.flatnonzero(verdict == VIOLATED):
            rec = records(t.iloc[[i]])[0]
            rows = records(group((rec["article"], rec["within"], rec["breakdown_key"], rec["base_key"])))
            unit = _unit(rows[0])
            said = (SAY.increment_sum_growth(lang, whole=_lit(rec, "of."), G=_lit(rec), computed=approx(whole.lo[i], whole.hi[i], unit))
                    if via_growth[i] else SAY.increment_sum_printed(lang, printed=_printed(rec, lang)))
            terms = "".join((" − " if _down(r) else " + ") + _lit(r).lstrip("−") if k else _lit(r) for k, r in enumerate(rows))  # 2.5亿元 − 5.5亿元
            words = SAY.increment_sum(lang, sum=terms, computed=approx(rec["lo"], rec["hi"], unit), whole=said)
            exact = SAY.exact(lang, expr="Σ increments = " + ("whole × G ÷ (100 + G)" if via_growth[i] else "the whole's increment"),
                              computed=format_interval(total.lo[i], total.hi[i]), printed=format_interval(whole.lo[i], whole.hi[i]))
            out.append(([rec, *rows], words, exact, bool(real[i]), f"increment-sum:{rec['within']}:{rec['breakdown_key']}:{rec['base_key']}:{rec['via']}"))
        return out, len(t)

    def _same_as(self, L, lang):
        t = L.changes[L.changes["same_as.id"].notna() & L.changes["same_as.q_low"].notna()]
        if not len(t):
            return [], 0
        words = lambda r, lo, hi: SAY.same_as(lang, value=r["value"], other=r["same_as.value"])  # noqa: E731
        return self._disagreeing(t, _iv(t, "same_as."), _iv(t), SAY.same_quantity(lang), ["", "same_as."], words, lang), len(t)

    def _index(self, L, lang):
        t = L.changes[(L.changes["metric_kind"] == "index") & L.changes["of.metric_kind"].isin(["growth", "rate_change"])]
        if not len(t):
            return [], 0
        words = lambda r, lo, hi: SAY.index(lang, index=r["value"], computed=approx(lo, hi, _unit(r, "of.")),  # noqa: E731
                                            printed=_printed(r, lang, "of."))
        return self._disagreeing(t, _iv(t) - _const(100, t), _iv(t, "of.", signed=True), "index − 100", ["", "of."], words, lang), len(t)


    def _base_domain(self, L, lang):
        """The base-period value each change implies, against what the quantity can be. Four families,
        each a column expression over its rows: a fall (growth ≥ −100 %), a change in points of a share
        (base in [0, 100] %) or of a growth (base growth ≥ −100 %), an increment (base ≥ 0)."""
        import pandas as pd

        c = L.changes[L.changes["of.id"].notna() & L.changes["base.id"].isna()]  # a printed base: a figure id is UC312's
        nonneg_of = c["of.nonnegative"].eq(True) & ~c["of.level_signed"].eq(True)
        falls = L.falls
        of_ok = falls[["article", "id"]].merge(
            c[["article", "id", "of.nonnegative", "of.metric_kind"]], on=["article", "id"], how="left")
        # a growth of a linked figure that can be negative (a profit) may fall by more than 100 %
        quantity_nonneg = (~falls["level_signed"].to_numpy(bool)
                           & ~(of_ok["of.metric_kind"].notna() & ~of_ok["of.nonnegative"].eq(True)).to_numpy())
        fam = [
            ("fall", falls[quantity_nonneg]),
            ("share", c[(c["metric_kind"] == "rate_change") & (c["of.metric_kind"] == "rate") & nonneg_of]),
            ("growth", c[(c["metric_kind"] == "rate_change") & (c["of.metric_kind"] == "growth") & ~c["of.level_signed"].eq(True)]),
            ("level", c[c["metric_kind"].isin(INCREMENT_KINDS) & c["of.metric_kind"].isin(INCREMENT_KINDS) & nonneg_of]),
        ]
        out, n = [], 0
        for family, t in fam:
            if not len(t):
                continue
            t = t.reset_index(drop=True)
            n += len(t)
            if family == "fall":
                base, lo, hi, expr = _iv(t, signed=True), -100.0, np.inf, "g"
            elif family == "share":
                base, lo, hi, expr = _iv(t, "of.") - _iv(t, signed=True), 0.0, 100.0, "of − change"
            elif family == "growth":
                base, lo, hi, expr = _iv(t, "of.", signed=True) - _iv(t, signed=True), -100.0, np.inf, "of − change"
            else:
                base, lo, hi, expr = _iv(t, "of.") - _iv(t, signed=True), 0.0, np.inf, "of − increment"
            domain = IntervalArray.from_columns(np.full(len(t), lo), np.full(len(t), hi))
            bad = np.flatnonzero(base.compare("==", domain) == VIOLATED)
            for i, rec in zip(bad, records(t.iloc[bad])):
                computed = approx(base.lo[i], base.hi[i], "%" if family in ("fall", "growth") else _unit(rec, "of."))
                if family == "fall":  # 增长-153%: a fall of 153 %
                    value = str(rec["value"])
                    words = SAY.fall_limit(lang, printed=value[1:] if value[:1] in "-−" else value)
                    rows = [_figure(rec, "")]
                else:
                    said = {"share": SAY.base_share, "growth": SAY.base_growth, "level": SAY.base_level}[family]
                    words = said(lang, now=_lit(rec, "of."), change=_lit(rec), computed=computed)
                    rows = [_figure(rec, ""), _figure(rec, "of.")]
                exact = SAY.domain_exact(lang, expr=expr, computed=format_interval(base.lo[i], base.hi[i]), domain=format_interval(lo, hi))
                out.append(([r for r in rows if r.get("id") is not None and not pd.isna(r.get("id"))], words, exact, False,
                            f"base-domain:{rec['id']}"))
        return out, n

    def _share_change_sum(self, L, lang):
        """Per complete breakdown whose every part's share has a change in points against one printed
        base: Σ changes ∋ 0. A change printed to one decimal may be the difference of two shares each
        rounded to one decimal, so each term is widened by its own width (±1 in its last digit)."""
        c = L.changes[(L.changes["metric_kind"] == "rate_change") & (L.changes["of.metric_kind"] == "rate")]
        if not len(c) or not len(L.shares):
            return [], 0
        # a change against the share printed for the earlier period (由14.9%提高到15.3%, base: that
        # figure's id) is against that period: changes are summed by it as by a base in words
        c = c.assign(base_key=np.where(c["base.id"].notna().to_numpy(), "@" + c["base.period_key"].fillna("").astype(str), c["base_key"].fillna("")))
        t = c.merge(L.shares[["article", "id", "of", "within"]].rename(columns={"id": "share_id", "of": "part_id", "within": "whole_id"}),
                    left_on=["article", "of"], right_on=["article", "share_id"])
        j = L.parts[L.parts["mode"] == "complete"].merge(t, on=["article", "part_id", "whole_id"])
        if not len(j):
            return [], 0
        half = (j["q_high"] - j["q_low"]).to_numpy(float) / 2  # [c − ½, c + ½) unit → [c − 1, c + 1]
        import pandas as pd

        # one concat, not two inserts: the joined frame has a block per merged column
        j = pd.concat([j, pd.DataFrame({"w_lo": j["s_low"].to_numpy(float) - half, "w_hi": j["s_high"].to_numpy(float) + half},
                                       index=j.index)], axis=1)
        g = j.groupby(["article", "whole_id", "split", "base_key"], sort=False, dropna=False).agg(
            lo=("w_lo", "sum"), hi=("w_hi", "sum"), n=("part_id", "nunique"), n_parts=("n_parts", "first"))
        g = g[g["n"] == g["n_parts"]]
        lo, hi = np.nextafter(g["lo"].to_numpy(float), -np.inf), np.nextafter(g["hi"].to_numpy(float), np.inf)
        bad = (lo > 0) | (hi < 0)
        out = []
        group = _members(j, ["article", "whole_id", "split", "base_key"])
        for key, rec in zip(g.index[bad], records(g[bad])):
            members = group(key)
            rows = records(members)
            raw_lo, raw_hi = members["s_low"].sum(), members["s_high"].sum()
            words = SAY.share_change_sum(lang, sum=" + ".join(_lit(r) for r in rows), computed=approx(raw_lo, raw_hi, _unit(rows[0]) or "个百分点"))
            out.append(([_figure(r, "") for r in rows], words, SAY.share_change_sum_exact(lang, interval=format_interval(rec["lo"], rec["hi"])),
                        False, f"share-change-sum:{key[1]}:{key[2]}:{key[3]}"))
        return out, len(g)

    def _base_shares(self, L):
        """Per part and whole, the part's share a period before as printed: a share (of the part,
        within the whole) less its change in points against a printed base — with the part's growth
        against that base. Columns: the share's (prefix ``sh.``), the change's (``d.``), the growth's
        (``gr.``), base_key, part, whole, and the base share's interval b_lo, b_hi."""
        c = L.changes[(L.changes["metric_kind"] == "rate_change") & (L.changes["of.metric_kind"] == "rate") & L.changes["base.id"].isna()]
        if not len(c) or not len(L.shares) or not len(L.growths):
            return None
        sh = L.shares[["article", "of", "within", *_SHOWN, "q_value"]].rename(columns={"of": "part", "within": "whole"})
        t = c[["article", "of", "base_key", *_SHOWN, "q_value"]].add_prefix("d.").rename(columns={"d.article": "article"})
        t = t.merge(sh.add_prefix("sh.").rename(columns={"sh.article": "article", "sh.part": "part", "sh.whole": "whole"}),
                    left_on=["article", "d.of"], right_on=["article", "sh.id"])
        t = t.drop_duplicates(["article", "part", "whole", "d.base_key"])
        gr = L.growths[["article", "of", "base_key", "of.growth_basis", *_SHOWN, "q_value"]].drop_duplicates(["article", "of", "base_key"])
        t = t.merge(gr.add_prefix("gr.").rename(columns={"gr.article": "article"}), left_on=["article", "part", "d.base_key"],
                    right_on=["article", "gr.of", "gr.base_key"])
        if not len(t):
            return None
        base = _iv(t, "sh.") - _iv(t, "d.", signed=True)
        return t.assign(b_lo=base.lo, b_hi=base.hi).reset_index(drop=True)

    def _share_change_growths(self, L, lang):
        """A share's change in points against a base, from the growths of its part and its whole
        against that base: s − Δs = s × (1 + G) ÷ (1 + g), so Δs = s × (1 − (1 + G) ÷ (1 + g)) —
        each variable once, so the interval is exact. Shares are of current values: growths at
        comparable prices (growth_basis real) do not carry them and are not judged. The printed
        change may be the difference of two rounded shares: it is read within one unit of its last
        digit, as in UC320."""
        t = self._base_shares(L)
        if t is None:
            return [], 0
        t = t[~t["gr.of.growth_basis"].eq("real").to_numpy()]
        w = L.growths[["article", "of", "base_key", *_SHOWN, "q_value"]].drop_duplicates(["article", "of", "base_key"])
        t = t.merge(w.add_prefix("w.").rename(columns={"w.article": "article"}), left_on=["article", "whole", "d.base_key"],
                    right_on=["article", "w.of", "w.base_key"])
        if not len(t):
            return [], 0
        t = t.rename(columns={f"d.{c}": c for c in (*_SHOWN, "q_value")}).reset_index(drop=True)
        hundred = _const(100, t)
        computed = _iv(t, "sh.") * (_const(1, t) - (hundred + _iv(t, "w.", signed=True)) / (hundred + _iv(t, "gr.", signed=True)))
        half = (t["q_high"] - t["q_low"]).to_numpy(float) / 2  # [c − ½, c + ½) unit → [c − 1, c + 1]
        printed = _iv(t, signed=True)
        printed = IntervalArray(printed.lo - half, printed.hi + half, printed.point, np.zeros(len(t), bool), np.zeros(len(t), bool))
        words = lambda r, lo, hi: SAY.share_change_growths(  # noqa: E731
            lang, share=r["sh.value"], g=_lit(r, "gr."), G=_lit(r, "w."), computed=approx(lo, hi, _unit(r)), printed=_printed(r, lang))
        return self._disagreeing(t, computed, printed, "s × (1 − (1 + G) ÷ (1 + g))", ["", "sh.", "gr.", "w."], words, lang), len(t)

    def _base_share_pull(self, L, lang):
        t = self._base_shares(L)
        if t is None:
            return [], 0
        c = L.changes[(L.changes["metric_kind"] == "contribution") & L.changes["of.id"].notna() & L.changes["within.id"].notna()]
        t = t.merge(c[["article", "of", "within", *_SHOWN, "q_value"]], left_on=["article", "part", "whole"], right_on=["article", "of", "within"])
        if not len(t):
            return [], 0
        base = IntervalArray.from_columns(t["b_lo"].to_numpy(float), t["b_hi"].to_numpy(float))
        computed = base * _iv(t, "gr.", signed=True) / _const(100, t)
        words = lambda r, lo, hi: SAY.base_share_pull(  # noqa: E731
            lang, share=r["sh.value"], change=_lit(r, "d."), g=_lit(r, "gr."), computed=approx(lo, hi, _unit(r)), printed=_printed(r, lang))
        return self._disagreeing(t, computed, _iv(t, signed=True), "(s − Δs) × g ÷ 100", ["", "sh.", "d.", "gr."], words, lang), len(t)

    def _base_share_growth(self, L, lang):
        t = self._base_shares(L)
        if t is None:
            return [], 0
        g = t["gr.s_low"].to_numpy(float), t["gr.s_high"].to_numpy(float)
        prod = IntervalArray.from_columns(t["b_lo"].to_numpy(float), t["b_hi"].to_numpy(float)) * IntervalArray.from_columns(*g)
        t = t.assign(p_lo=prod.lo / 100, p_hi=prod.hi / 100)
        j = L.parts[L.parts["mode"] == "complete"].merge(t, left_on=["article", "part_id", "whole_id"], right_on=["article", "part", "whole"])
        if not len(j):
            return [], 0
        h = j.groupby(["article", "whole_id", "split", "d.base_key"], sort=False).agg(
            lo=("p_lo", "sum"), hi=("p_hi", "sum"), n=("part_id", "nunique"), n_parts=("n_parts", "first")).reset_index()
        h = h[h["n"] == h["n_parts"]]
        w = L.growths[["article", "of", "base_key", *_SHOWN]]
        h = h.merge(w, left_on=["article", "whole_id", "d.base_key"], right_on=["article", "of", "base_key"])
        if not len(h):
            return [], 0
        total = IntervalArray.from_columns(np.nextafter(h["lo"].to_numpy(float), -np.inf), np.nextafter(h["hi"].to_numpy(float), np.inf))
        bad = np.flatnonzero(total.compare("==", _iv(h, signed=True)) == VIOLATED)
        out, seen = [], set()
        group = _members(j, ["article", "whole_id", "split", "d.base_key"])
        for rec in records(h.iloc[bad]):
            key = (rec["article"], rec["whole_id"], rec["split"], rec["d.base_key"])
            if key in seen:
                continue
            seen.add(key)
            members = group(key)
            rows = records(members)
            terms = " + ".join(f"({r['sh.value']} − ({_lit(r, 'd.')})) × {_lit(r, 'gr.')}" for r in rows)
            words = SAY.base_share_growth(lang, terms=terms, computed=approx(rec["lo"], rec["hi"], "%"), printed=_printed(rec, lang),
                                          split=SAY.breakdown(lang, split=key[2]) if key[2] else SAY.parts_of(lang, whole=key[1]),
                                          base=key[3] or SAY.no_base(lang))
            figs = [_figure(rec, "")] + [_figure(r, p) for r in rows for p in ("sh.", "d.", "gr.")]
            out.append((figs, words, SAY.base_share_growth_exact(lang, interval=format_interval(rec["lo"], rec["hi"])), False,
                        f"base-share-growth:{key[1]}:{key[2]}:{key[3]}"))
        return out, len(h.drop_duplicates(["article", "whole_id", "split", "d.base_key"]))

    def _contribution_rate(self, L, lang):
        """贡献率 = the part's pull ÷ the whole's growth × 100, where the pull (of the same part within
        the same whole) and the whole's growth are printed."""
        t = L.crates
        c = L.changes[(L.changes["metric_kind"] == "contribution") & L.changes["of.id"].notna() & L.changes["within.id"].notna()]
        if not len(t) or not len(c):
            return [], 0
        cols = ["article", "of", "within", *_SHOWN, "q_value"]
        t = t.merge(c[cols].add_suffix("@c").rename(columns={"article@c": "article"}), left_on=["article", "of", "within"],
                    right_on=["article", "of@c", "within@c"])
        g = L.growths[["article", "of", *_SHOWN, "q_value"]]
        t = t.merge(g.add_suffix("@G").rename(columns={"article@G": "article"}), left_on=["article", "within"], right_on=["article", "of@G"])
        if not len(t):
            return [], 0
        computed = _iv(t, signed=True, suffix="@c") / _iv(t, signed=True, suffix="@G") * _const(100, t)
        words = lambda r, lo, hi: SAY.contribution_rate(  # noqa: E731
            lang, pull=_lit(r, suffix="@c"), G=_lit(r, suffix="@G"), computed=approx(lo, hi, "%"), printed=_printed(r, lang))
        return self._disagreeing(t, computed, _iv(t, signed=True), "c ÷ G × 100", ["", "@c", "@G"], words, lang), len(t)

    def _contribution_rate_sum(self, L, lang):
        t = L.crates
        if not len(t):
            return [], 0
        j = L.parts[L.parts["mode"] == "complete"].merge(t, left_on=["article", "part_id", "whole_id"], right_on=["article", "of", "within"])
        if not len(j):
            return [], 0
        j = j.drop_duplicates(["article", "whole_id", "split", "part_id"])
        g = j.groupby(["article", "whole_id", "split"], sort=False).agg(
            lo=("s_low", "sum"), hi=("s_high", "sum"), n=("part_id", "size"), n_parts=("n_parts", "first"))
        g = g[g["n"] == g["n_parts"]]
        lo, hi = np.nextafter(g["lo"].to_numpy(float), -np.inf), np.nextafter(g["hi"].to_numpy(float), np.inf)
        bad = (lo > 100 * (1 + REL_TOL)) | (hi < 100 * (1 - REL_TOL))
        out = []
        group = _members(j, ["article", "whole_id", "split"])
        for key, rec in zip(g.index[bad], records(g[bad])):
            rows = records(group(key))
            words = SAY.contribution_rate_sum(lang, sum=" + ".join(_lit(r) for r in rows), computed=approx(rec["lo"], rec["hi"], "%"))
            out.append(([_figure(r, "") for r in rows], words, SAY.contribution_rate_sum_exact(lang, interval=format_interval(rec["lo"], rec["hi"])),
                        False, f"contribution-rate-sum:{key[1]}:{key[2]}"))
        return out, len(g)

    def _growth_hull(self, L, lang):
        """Per complete breakdown whose every part has a growth against the whole's base: the whole's
        growth is Σ w_i g_i with w_i ≥ 0 the parts' base-period values (at comparable prices, the
        volume of a whole is the sum of its parts' volumes), so min g_i ≤ G ≤ max g_i. The same holds
        a period earlier: a change in points of each growth (增速比同期提高 p 个百分点) gives the growth
        of the base period, g − p, and those of the parts and the whole are checked alike."""
        import pandas as pd

        if not (L.parts["mode"].eq("complete").any() or L.growth_parts["mode"].eq("complete").any()):
            return [], 0  # no complete breakdown
        g = L.growths[L.growths["of.nonnegative"].eq(True)]
        # a growth of a breakdown printed without amounts stands for its own level (each of a level that
        # cannot be negative: its metric does not say level_can_be_negative)
        own = L.own[~L.own["level_signed"].eq(True)]
        # a growth of a level printed for an earlier period (同期为下降9.8%) is that period's, as g − p is
        e = L.earlier[(L.earlier["metric_kind"] == "growth") & L.earlier["of.nonnegative"].eq(True)]
        g = pd.concat([g.assign(level=g["of"], key=g["base_key"].fillna("")), own.assign(level=own["id"], key=own["base_key"].fillna("")),
                       e.assign(level=e["of"], key="Δ" + e["period_key"].astype(str))], ignore_index=True)
        if not len(g):
            return [], 0
        now = pd.DataFrame({"article": g["article"], "level": g["level"], "key": g["key"],
                            "lo": g["s_low"], "hi": g["s_high"], "lo_open": g["s_low_open"], "hi_open": g["s_high_open"],
                            "g_row": np.arange(len(g)), "c_row": -1})
        c = L.changes[(L.changes["metric_kind"] == "rate_change") & (L.changes["of.metric_kind"] == "growth") & L.changes["base.id"].isna()]
        c = c.reset_index(drop=True)
        # each growth row a change in points is of (a growth may stand for its level and for itself)
        current = ~g["key"].str.startswith("Δ").to_numpy(bool)
        m = pd.DataFrame({"article": c["article"], "of": c["of"], "c_row": np.arange(len(c))}).merge(
            pd.DataFrame({"article": g["article"][current], "of": g["id"][current], "g_row": np.flatnonzero(current)}), on=["article", "of"])
        if len(m):
            pos, crow = m["g_row"].to_numpy(), m["c_row"].to_numpy()
            implied = _iv(g.iloc[pos], signed=True) - _iv(c.iloc[crow], signed=True)  # the growth of the base period
            before = pd.DataFrame({"article": m["article"].to_numpy(), "level": g["level"].to_numpy(object)[pos],
                                   "key": "Δ" + c["base_key"].fillna("").to_numpy(object)[crow], "lo": implied.lo, "hi": implied.hi,
                                   "lo_open": False, "hi_open": False, "g_row": pos, "c_row": crow})
            now = pd.concat([now, before], ignore_index=True)
        parts = now.drop_duplicates(["article", "level", "key"])
        split = pd.concat([L.parts, L.growth_parts], ignore_index=True)
        j = split[split["mode"] == "complete"].merge(parts, left_on=["article", "part_id"], right_on=["article", "level"])
        if not len(j):
            return [], 0
        h = j.groupby(["article", "whole_id", "split", "key"], sort=False).agg(
            h_lo=("lo", "min"), h_hi=("hi", "max"), n=("part_id", "nunique"), n_parts=("n_parts", "first")).reset_index()
        # two parts at least: one part alone under parts: complete is a breakdown whose other part_of is
        # broken (UC002 at its line), not a whole equal to its part
        h = h[(h["n"] == h["n_parts"]) & (h["n_parts"] >= 2)]
        t = h.merge(now, left_on=["article", "whole_id", "key"], right_on=["article", "level", "key"])
        if not len(t):
            return [], 0
        whole = IntervalArray.from_columns(t["lo"].to_numpy(float), t["hi"].to_numpy(float), None, t["lo_open"].to_numpy(bool),
                                           t["hi_open"].to_numpy(bool))
        bad = np.flatnonzero(whole.compare("==", IntervalArray.from_columns(t["h_lo"].to_numpy(float), t["h_hi"].to_numpy(float))) == VIOLATED)

        def shown(row):  # the figures of a growth row: the growth, and the change in points it is less
            figs = [_figure(g.iloc[int(row["g_row"])].to_dict(), "")]
            if row["c_row"] >= 0:
                figs.append(_figure(c.loc[int(row["c_row"])].to_dict(), ""))
            return figs

        def said(row):  # a growth as the arithmetic shows it: 3.5%, or 3.5% − 1个百分点 for the base period
            text = _lit(g.iloc[int(row["g_row"])].to_dict())
            return text if row["c_row"] < 0 else f"{text} − ({_lit(c.loc[int(row['c_row'])].to_dict())})"

        out, seen = [], set()
        group = _members(j, ["article", "whole_id", "split", "key"])
        for rec in records(t.iloc[bad]):
            key = (rec["article"], rec["whole_id"], rec["split"], rec["key"])
            if key in seen:
                continue
            seen.add(key)
            members = group(key)
            rows = records(members)
            # the base as the whole's growth prints it (比上年), not the key 比上年 and 同比 share for a year
            base = key[3][1:] if key[3].startswith("Δ") else (_said_base(g.iloc[int(rec["g_row"])].get("base")) or key[3])
            when = (SAY.base_period if key[3].startswith("Δ") else SAY.base_is)(lang, base=base or SAY.no_base(lang))
            words = SAY.growth_hull(lang, whole=said(rec), parts=SAY.list_sep(lang).join(said(r) for r in rows),
                                    lo=with_unit(span(rec["h_lo"], rec["h_lo"]), "%"), hi=with_unit(span(rec["h_hi"], rec["h_hi"]), "%"),
                                    split=SAY.breakdown(lang, split=key[2]) if key[2] else SAY.parts_of(lang, whole=key[1]), when=when)
            exact = SAY.growth_hull_exact(lang, lo=format_number(rec["h_lo"]), hi=format_number(rec["h_hi"]),
                                          whole=format_interval(rec["lo"], rec["hi"], bool(rec["lo_open"]), bool(rec["hi_open"])))
            figs = [f for r in [rec, *rows] for f in shown(r)]
            out.append((figs, words, exact, False, f"growth-hull:{key[1]}:{key[2]}:{key[3]}"))
        return out, len(h)

    def _mean_hull(self, L, lang):
        """Per complete breakdown of a population (城镇, 农村 of 全体常住居民), an amount per head of the
        whole is the mean of its parts' weighted by their populations: Σ Pᵢ aᵢ ÷ Σ Pᵢ lies between the
        smallest and the largest aᵢ."""
        import pandas as pd

        j = L.head_parts[L.head_parts["mode"] == "complete"]
        h = L.heads[["article", "id", "q_low", "q_high", "q_low_open", "q_high_open"]]
        j = j.merge(h, left_on=["article", "part_id"], right_on=["article", "id"])
        if not len(j):
            return [], 0
        g = j.groupby(["article", "whole_id", "split"], sort=False).agg(
            lo=("q_low", "min"), hi=("q_high", "max"), n=("part_id", "nunique"), n_parts=("n_parts", "first")).reset_index()
        g = g[(g["n"] == g["n_parts"]) & (g["n_parts"] >= 2)].merge(h.rename(columns={"id": "whole_id"}), on=["article", "whole_id"],
                                                                    suffixes=("", "@w"))  # two parts at least, as for growths
        if not len(g):
            return [], 0
        whole = IntervalArray.from_columns(g["q_low"].to_numpy(float), g["q_high"].to_numpy(float), None,
                                           g["q_low_open"].to_numpy(bool), g["q_high_open"].to_numpy(bool))
        bad = whole.compare("==", IntervalArray.from_columns(g["lo"].to_numpy(float), g["hi"].to_numpy(float))) == VIOLATED
        out = []
        group = _members(j, ["article", "whole_id", "split"])
        by_id = L.heads.set_index(["article", "id"])
        for rec in records(g[bad]):
            key = (rec["article"], rec["whole_id"], rec["split"])
            parts = [_figure({**by_id.loc[(key[0], pid)].to_dict(), "article": key[0], "id": pid}, "") for pid in group(key)["part_id"]]
            whole_fig = _figure({**by_id.loc[(key[0], key[1])].to_dict(), "article": key[0], "id": key[1]}, "")
            unit = _unit(whole_fig)
            words = SAY.mean_hull(lang, whole=_lit(whole_fig), parts=SAY.list_sep(lang).join(_lit(p) for p in parts),
                                  lo=with_unit(span(rec["lo"], rec["lo"]), unit), hi=with_unit(span(rec["hi"], rec["hi"]), unit),
                                  split=SAY.breakdown(lang, split=key[2]) if key[2] else SAY.parts_of(lang, whole=key[1]))
            exact = SAY.mean_hull_exact(lang, lo=format_number(rec["lo"]), hi=format_number(rec["hi"]),
                                        whole=format_interval(rec["q_low"], rec["q_high"], bool(rec["q_low_open"]), bool(rec["q_high_open"])))
            out.append(([whole_fig, *parts], words, exact, False, f"mean-hull:{key[1]}:{key[2]}"))
        return out, len(g)

    # -- helpers ---------------------------------------------------------------------------------------
    def _breakdown_sum(self, L, per, part_text, whole_text, lang, before=False):
        """Per complete breakdown whose every part has a row in ``per`` (``of`` = the part), the sum of
        [v_lo, v_hi] against the whole's own row (same base). ``before``: the rows are of the period
        before the base (:func:`_period_before`), each with the growth of that period (prefix ``b.``)."""
        if "is_real" not in per:
            per = per.assign(is_real=per["of.growth_basis"].eq("real").to_numpy())
        per = per[["article", "of", "base", "base_key", "v_lo", "v_hi", "is_real", "metric_kind", "of.nonnegative", "of.value", "of.unit", *_SHOWN,
                   *((f"b.{c}" for c in _SHOWN) if before else ()), *(("b.minus",) if before else ())]]
        # a part's growth printed twice against one base (a summary and the body) counts once in the sum;
        # a restatement that disagrees is UC301's / UC318's
        parts = per.drop_duplicates(["article", "of", "base_key"])
        j = L.parts[L.parts["mode"].isin(["complete", "disjoint"])].merge(parts, left_on=["article", "part_id"], right_on=["article", "of"])
        if not len(j):
            return [], 0
        # the whole's growth may be printed twice too: each is judged, the first that disagrees reported
        j = j.merge(per.add_suffix("@w").rename(columns={"article@w": "article"}), left_on=["article", "whole_id", "base_key"],
                    right_on=["article", "of@w", "base_key@w"])
        if not len(j):
            return [], 0
        j = j.assign(nonneg=j["of.nonnegative"].eq(True).to_numpy() & j["of.nonnegative@w"].eq(True).to_numpy(),
                     spread=_growth_spread(j))
        g = j.groupby(["article", "whole_id", "split", "base_key", "id@w"], sort=False).agg(
            lo=("v_lo", "sum"), hi=("v_hi", "sum"), n=("part_id", "size"), n_parts=("n_parts", "first"), mode=("mode", "first"),
            w_lo=("v_lo@w", "first"), w_hi=("v_hi@w", "first"), real=("is_real", "any"), real_w=("is_real@w", "first"),
            nonneg=("nonneg", "all"), spread=("spread", "sum"))
        g = g.assign(real=g["real"].to_numpy(bool) | g["real_w"].to_numpy(bool))
        # every part of a complete breakdown: the sum is the whole's; parts that do not overlap (disjoint, or
        # some parts of a complete breakdown) of quantities that cannot be negative: at most the whole's
        full = (g["mode"].eq("complete") & g["n"].eq(g["n_parts"])).to_numpy()
        g = g[full | g["nonneg"].to_numpy(bool)]
        full = (g["mode"].eq("complete") & g["n"].eq(g["n_parts"])).to_numpy()
        total = IntervalArray.from_columns(np.nextafter(g["lo"].to_numpy(float), -np.inf), np.nextafter(g["hi"].to_numpy(float), np.inf))
        # at comparable prices the deflated parts miss the deflated whole by Σ wᵢ (gᵢ − G)(dᵢ − D): the
        # parts' growths' spread times their prices' — within DEFLATOR_SPREAD of the whole's, a note only beyond
        slack = np.where(g["real"].to_numpy(bool), DEFLATOR_SPREAD * g["spread"].to_numpy(float) * g["w_hi"].to_numpy(float), 0.0)
        whole = IntervalArray.from_columns(g["w_lo"].to_numpy(float) - slack, g["w_hi"].to_numpy(float) + slack)
        bad = np.where(full, total.compare("==", whole) == VIOLATED, total.lo > whole.hi)
        out, seen = [], set()
        group = _members(j, ["article", "whole_id", "split", "base_key", "id@w"])
        for key, rec in zip(g.index[bad], records(g[bad])):
            if key[:4] in seen:
                continue
            seen.add(key[:4])
            members = group(key)
            rows = records(members)
            whole_row = {c: rows[0][f"{c}@w"] for c in _SHOWN} | {"article": key[0]}
            unit = "" if _nan(rows[0]["of.unit"]) else rows[0]["of.unit"]
            parts_said, whole_said = approx_apart((rec["lo"], rec["hi"]), (rec["w_lo"], rec["w_hi"]), unit)
            over = not (rec["mode"] == "complete" and rec["n"] == rec["n_parts"])
            said = (SAY.base_sum_before_over if over else SAY.base_sum_before) if before else (SAY.base_sum_over if over else SAY.base_sum)
            words = said(
                lang, parts=" + ".join(_based(r, before) for r in rows), computed=parts_said,
                whole=_based(rows[0], before, "@w"), whole_computed=whole_said,
                split=SAY.breakdown(lang, split=key[2]) if key[2] else SAY.parts_of(lang, whole=key[1]),
                # the base as the whole's change prints it (比上年), not its key (同期, which 比上年 and 同比 share for a year)
                base=_said_base(rows[0].get("base@w")) or (key[3][1:] if before else key[3]) or SAY.no_base(lang))
            if part_text is None:  # each term as it is computed: from a growth, from an increment, or both
                kinds = {r["metric_kind"] == "growth" for r in rows}
                ps = " or ".join(t for t, k in (("part ÷ (1 + g)", True), ("(part − d)", False)) if k in kinds)
                ws = "whole ÷ (1 + G)" if rows[0]["metric_kind@w"] == "growth" else "whole − D"
            exact = SAY.base_sum_exact(lang, parts=part_text or f"Σ {ps}", computed=format_interval(rec["lo"], rec["hi"]),
                                       whole=whole_text or ws, whole_computed=format_interval(rec["w_lo"], rec["w_hi"]))
            figs = [whole_row, *rows]
            if before:  # and the growths of the period before (or the changes in points they are less)
                figs += [{c: r[f"b.{c}{at}"] for c in _SHOWN} | {"article": key[0]} for r, at in ((rows[0], "@w"), *((r, "") for r in rows))]
            out.append((figs, words, exact, bool(rec["real"]), f"base-sum:{key[1]}:{key[2]}:{key[3]}"))
        return out, len(g.index.droplevel(4).unique())

    def _disagreeing(self, t, computed: IntervalArray, printed: IntervalArray, expr, prefixes, words, lang, real=None):
        """Findings for the rows of ``t`` where the computed interval and the printed one have no value
        in common; each shows the figures of ``prefixes`` ("" the row's own, "of." a target, "@x" a join)
        and says the arithmetic in words: ``words(row, computed low, computed high)``."""
        import pandas as pd

        verdict = computed.compare("==", printed)
        # a figure joined several ways (two restatements of the whole's growth) is reported once, and
        # only when no combination agrees
        key = pd.MultiIndex.from_frame(t[["article", "id"]])
        bad = pd.Series(verdict == VIOLATED).groupby(key.codes[0] * (len(key.levels[1]) + 1) + key.codes[1]).transform("all").to_numpy()
        first = ~key.duplicated()
        hits = np.flatnonzero(bad & first)
        expr = np.broadcast_to(np.asarray(expr, dtype=object), (len(t),))
        real = np.zeros(len(t), bool) if real is None else np.asarray(real, bool)
        out = []
        for i, rec in zip(hits, records(t.iloc[hits])):
            rows = [_figure(rec, p) for p in prefixes]
            exact = SAY.exact(lang, expr=expr[i], computed=format_interval(computed.lo[i], computed.hi[i]),
                              printed=format_interval(printed.lo[i], printed.hi[i], printed.lo_open[i], printed.hi_open[i]))
            out.append(([r for r in rows if r.get("id") is not None], words(rec, computed.lo[i], computed.hi[i]), exact, bool(real[i]),
                        f"{self.rule.options['check']}:{rec['id']}"))
        return out

    def _finding(self, ctx, rows, words, exact, real, key):
        words = _NEGATED.sub(r"\1 − ", words)  # 1 + −6.6% (a fall, or a growth printed -6.6%) reads 1 − 6.6%
        terms = ctx.say(SAY.sep).join(_shown(r, ctx.lang) for r in rows)
        msg = ctx.say(SAY.detail, head=ctx.headline(self.rule), words=words, terms=terms, exact=exact) + (ctx.say(SAY.real) if real else "")
        f = ctx.finding(self.rule, rows, msg, key=key)
        if real:
            f.severity = "info"
        return f


# a sum with a negative term as the arithmetic in words writes it: (1 + −6.6%), (100 + -1.2)
_NEGATED = re.compile(r"(\d) \+ [−-](?=\d)")


# -- intervals of frame columns ------------------------------------------------------------------------

def _members(j, cols: list[str]):
    """The rows of ``j`` of one group of ``cols`` (a key tuple → a frame), indexed once: a finding
    gathers its group's members without a scan of ``j``. Missing keys group as ""."""
    index: dict = {}

    def members(key):
        if not index:  # built on the first finding: a check without findings pays nothing
            index.update(j[cols].fillna("").groupby(cols, sort=False).indices)
        return j.iloc[index[tuple("" if k is None or _nan(k) else k for k in key)]]

    return members


def _growth_spread(j) -> np.ndarray:
    """Per part row of a breakdown joined with its whole (``@w``): its weight (base value ÷ the
    whole's) times how far its growth is from the whole's, |gᵢ − G| as a fraction; summed over a
    breakdown, Σ wᵢ |gᵢ − G|. An increment stands for the growth it implies, d ÷ (value − d)."""
    mid = lambda a, b: (j[a].to_numpy(float) + j[b].to_numpy(float)) / 2  # noqa: E731

    def growth(at: str) -> np.ndarray:  # in %, the growth printed or the one an increment implies
        printed, base = mid(f"s_low{at}", f"s_high{at}"), mid(f"v_lo{at}", f"v_hi{at}")
        return np.where((j[f"metric_kind{at}"] == "growth").to_numpy(), printed, 100 * printed / base)

    with np.errstate(invalid="ignore", divide="ignore"):
        weight = mid("v_lo", "v_hi") / mid("v_lo@w", "v_hi@w")
        out = np.abs(weight) * np.abs(growth("") - growth("@w")) / 100
    return np.where(np.isfinite(out), out, 0.0)


def _iv(t, prefix: str = "", signed: bool = False, suffix: str = "") -> IntervalArray:
    names = ("s_low", "s_high", "s_value", "s_low_open", "s_high_open") if signed else ("q_low", "q_high", "q_value", "q_low_open", "q_high_open")
    col = lambda c: t[f"{prefix}{c}{suffix}"].to_numpy()  # noqa: E731
    return IntervalArray(col(names[0]).astype(float), col(names[1]).astype(float), col(names[2]).astype(float),
                         col(names[3]).astype(bool), col(names[4]).astype(bool))


def _const(value: float, t) -> IntervalArray:
    return IntervalArray.constant(value, len(t))


def _where(mask, a: IntervalArray, b: IntervalArray) -> IntervalArray:
    return IntervalArray(np.where(mask, a.lo, b.lo), np.where(mask, a.hi, b.hi), np.where(mask, a.point, b.point),
                         np.where(mask, a.lo_open, b.lo_open), np.where(mask, a.hi_open, b.hi_open))


def _growth_share(g: IntervalArray) -> IntervalArray:
    """g ÷ (100 + g) of a growth in %, exactly: it increases with g (its derivative 100 ÷ (100 + g)² > 0),
    so its range is its values at the ends; below a fall of 100 % it is unbounded."""
    with np.errstate(divide="ignore", invalid="ignore"):
        lo = np.where(g.lo > -100, g.lo / (100 + g.lo), -np.inf)
        hi = np.where(g.hi > -100, g.hi / (100 + g.hi), -np.inf)
        point = np.where(g.point > -100, g.point / (100 + g.point), np.nan)
    return IntervalArray(np.nextafter(lo, -np.inf), np.nextafter(hi, np.inf), point, np.zeros(len(lo), bool), np.zeros(len(lo), bool))


def _period_before(L):
    """Each level's value a period before the base of its growth, where the growth of that period is
    printed (同期为下降9.8%) or follows from a change in points (增速比同期提高 p 个百分点: g − p):
    level ÷ ((1 + g) × (1 + g₀)), keyed Δ + the base (as the growth hull keys that period). With g₀ =
    g − p, g occurs twice; the quotient is decreasing in g and increasing in p (both factors stay
    positive), so it is evaluated at its ends and stays exact. Growth at comparable prices is left
    out: volumes of two periods back do not add up. A row per (level, growth, base), the narrowest
    first; None when there is none. Columns as the growths', with v_lo, v_hi, the other figure's
    with prefix ``b.`` and b.minus (it is a change in points to take from g)."""
    import pandas as pd

    g = L.growths[L.growths["of.nonnegative"].eq(True) & ~L.growths["growth_basis"].eq("real") & ~L.growths["of.growth_basis"].eq("real")]
    if not len(g):
        return None
    keep = ["article", "of", "base_key", *_SHOWN]
    e = L.earlier[(L.earlier["metric_kind"] == "growth")]
    c = L.changes[(L.changes["metric_kind"] == "rate_change") & (L.changes["of.metric_kind"] == "growth") & L.changes["base.id"].isna()]
    if not len(e) and not len(c):  # no growth of the period before
        return None
    printed = g.merge(e[["article", "of", "period_key", *_SHOWN]].add_prefix("b."), left_on=["article", "of", "base_key"],
                      right_on=["b.article", "b.of", "b.period_key"]).assign(**{"b.minus": False})
    less = g.merge(c[["article", "of", "base_key", *_SHOWN]].add_prefix("b."), left_on=["article", "id", "base_key"],
                   right_on=["b.article", "b.of", "b.base_key"]).assign(**{"b.minus": True})
    t = pd.concat([printed, less], ignore_index=True)
    t = t[t["base_key"].fillna("").ne("").to_numpy()]
    if not len(t):
        return None
    v_lo, v_hi = two_periods_back(t["of.q_low"].to_numpy(float), t["of.q_high"].to_numpy(float), t["s_low"].to_numpy(float),
                                  t["s_high"].to_numpy(float), t["b.s_low"].to_numpy(float), t["b.s_high"].to_numpy(float),
                                  t["b.minus"].to_numpy(bool))
    ok = np.isfinite(v_lo) & np.isfinite(v_hi)  # else the base is impossible: UC319's
    t = t.assign(v_lo=v_lo, v_hi=v_hi, base_key="Δ" + t["base_key"].astype(str))[ok]
    t = t.iloc[np.argsort((t["v_hi"] - t["v_lo"]).to_numpy(float), kind="stable")]
    return t[[*keep, "id", "base", "v_lo", "v_hi", "metric_kind", "of.nonnegative", "of.growth_basis", "of.value", "of.unit",
              *(f"b.{x}" for x in _SHOWN), "b.minus"]].loc[
        :, lambda d: ~d.columns.duplicated()].drop_duplicates(["article", "id", "base_key"]).reset_index(drop=True)


def two_periods_back(x_lo, x_hi, g_lo, g_hi, b_lo, b_hi, minus):
    """The range of x ÷ ((1 + g) × (1 + g₀)) over x ∈ [x_lo, x_hi] ≥ 0 and g ∈ [g_lo, g_hi] (in %),
    where g₀ is the growth of the period before: b ∈ [b_lo, b_hi] itself, or where ``minus`` g − b
    (g less a change in points b). Increasing in x and b's printed growth, decreasing in g and, with
    ``minus``, increasing in the change b: each end is exact though g occurs twice. NaN where a
    factor can reach zero or below (a fall of 100 % or more: no base value)."""
    g_lo, g_hi, b_lo, b_hi = (np.asarray(v, float) / 100 for v in (g_lo, g_hi, b_lo, b_hi))
    # the growth of the period before at each end of g: printed, or g less the change (b high at g's low end)
    before_lo, before_hi = np.where(minus, g_lo - b_hi, b_lo), np.where(minus, g_hi - b_lo, b_hi)
    ok = (1 + g_lo > 0) & (1 + before_lo > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        lo = np.asarray(x_lo, float) / ((1 + g_hi) * (1 + before_hi))
        hi = np.asarray(x_hi, float) / ((1 + g_lo) * (1 + before_lo))
    return np.where(ok, lo, np.nan), np.where(ok, hi, np.nan)


def _based(r: dict, before: bool, suffix: str = "") -> str:
    """A part's (with ``suffix`` "@w" the whole's) base-period value in words: 843.2亿元 ÷ (1 + 3.4%),
    4.02万公顷 − (−1.13万公顷) from an increment, or a period further back
    87.9亿元 ÷ ((1 + 42.1%) × (1 + 42.1% − (102.3个百分点)))."""
    x, now = r[f"of.value{suffix}"], _lit(r, suffix=suffix)
    if r[f"metric_kind{suffix}"] != "growth":
        return f"{x} − ({now})" if now.startswith("−") else f"{x} − {now}"
    if not before:
        return f"{x} ÷ (1 + {now})"
    b = _lit(r, "b.", suffix)
    then = f"{now} − ({b})" if r[f"b.minus{suffix}"] else b
    return f"{x} ÷ ((1 + {now}) × (1 + {then}))"


def _said_base(base) -> str:
    """A curated base as words (比上年, 同期), or "" where it is none."""
    return "" if base is None or _nan(base) else str(base).strip()


def _real(t) -> np.ndarray:
    """Rows that relate a growth at comparable prices to current-price values."""
    return (t["of.growth_basis"] == "real").to_numpy()


def _figure(rec: dict, prefix: str) -> dict:
    """The columns a finding shows of one figure of a joined row ("", "of.", "@x")."""
    if prefix.startswith("@"):
        return {c: rec.get(f"{c}{prefix}") for c in _SHOWN} | {"article": rec["article"]}
    return {c: rec.get(f"{prefix}{c}") for c in _SHOWN} | {"article": rec["article"]}


def _shown(r: dict, lang: str = "en") -> str:
    if _down(r):
        interval = format_interval(r["s_low"], r["s_high"], bool(r["s_low_open"]), bool(r["s_high_open"]))
        return SAY.shown_fall(lang, id=r["id"], value=r["value"], interval=interval)
    return f"{r['id']} = {r['value']} {format_interval(r['q_low'], r['q_high'], bool(r['q_low_open']), bool(r['q_high_open']))}"


def _down(r: dict, prefix: str = "", suffix: str = "") -> bool:
    """Whether a figure (its columns with ``prefix`` / ``suffix``) is a change printed as a fall."""
    g = lambda c: r.get(f"{prefix}{c}{suffix}")  # noqa: E731
    return g("s_low") is not None and not _nan(g("s_low")) and (g("s_low") != g("q_low") or g("s_high") != g("q_high"))


def _lit(r: dict, prefix: str = "", suffix: str = "") -> str:
    """A figure in arithmetic: its literal as printed, with − where it is a fall (下降10.8%: −10.8%),
    and its measure word where it is printed elsewhere (a table's -9.7 under 增长%: -9.7%)."""
    value = str(r[f"{prefix}value{suffix}"])
    unit = _unit(r, prefix, suffix)
    if unit and not value.endswith(unit) and value[-1:].isdigit():
        value += unit
    return f"−{value}" if _down(r, prefix, suffix) else value


def _printed(r: dict, lang: str, prefix: str = "", suffix: str = "") -> str:
    """A figure as the text gives it, beside the arithmetic: 3.8%, or −10.8% (a fall); a literal
    whose measure word is printed elsewhere (分别拉动1.6、3.1、2.1个百分点) with it in brackets: 2.1 [个百分点]."""
    value = str(r[f"{prefix}value{suffix}"])
    unit = _unit(r, prefix, suffix)
    if unit and not value.endswith(unit):
        value = f"{value} [{unit}]"
    return SAY.printed_fall(lang, value=value) if _down(r, prefix, suffix) else value


def _unit(r: dict, prefix: str = "", suffix: str = "") -> str:
    """A figure's measure word (%, 家, 个百分点; "" where it has none): the unit of what it is compared with."""
    unit = r.get(f"{prefix}unit{suffix}")
    return "" if unit is None or _nan(unit) else str(unit)


def _nan(v) -> bool:
    return isinstance(v, float) and v != v


# -- resolution ----------------------------------------------------------------------------------------

class Links:
    """What the links kind resolved: ``changes`` (every figure with ``of``, ``within`` or ``base``, the
    named figures' columns prefixed ``of.``, ``within.``, ``base.``), ``growths`` (the growths of a
    figure against a base period, not a base figure), ``shares`` (rates with ``of`` and ``within``) and
    ``parts`` (every part whose whole gives its breakdown a mode, with the number of parts of it;
    ``growth_parts`` apart, those of growths part_of a growth, and ``own`` their growths; ``head_parts``
    and ``heads`` likewise for amounts per head);
    ``falls``: every growth printed as a fall (下降15.3%, or 增长-15.3%), linked or not; ``crates``: the contribution rates (贡献率)
    with ``of`` and ``within``."""

    def __init__(self, changes, shares, parts, falls, crates, *, growth_parts=None, own=None, structures=None, head_parts=None, heads=None, ratios=None,
                 earlier=None, unprinted_pulls=None, unprinted_increments=None):
        self.changes, self.shares, self.parts, self.falls, self.crates = changes, shares, parts, falls, crates
        # increments against a base of the parts of a breakdown whose amounts are not printed
        # (6个税种合计增收2.5亿元, 7个税种合计减收5.5亿元), with their breakdown's mode
        self.unprinted_increments = changes.iloc[:0].assign(mode=None) if unprinted_increments is None else unprinted_increments
        # pulls of the parts of a breakdown whose amounts are not printed (最终消费支出拉动经济增长2.2个百分点):
        # no of, within the whole and a breakdown of it the whole declares, with its mode
        self.unprinted_pulls = changes.iloc[:0].assign(mode=None) if unprinted_pulls is None else unprinted_pulls
        # growths, shares and ratios printed for an earlier period named as a base (同期为下降9.8%,
        # 由上年同期的2.05:1), with its key as period_key: the growth hull reads the growths beside the g − p
        # of a change in points against that base, the share check the quotients of that period's amounts
        self.earlier = changes.iloc[:0] if earlier is None else earlier
        growths = changes[(changes["metric_kind"] == "growth") & changes["of.id"].notna() & changes["base.id"].isna()]
        # the most precise print of a growth first (52.8 % before a heading's 50%以上): the checks that take
        # one growth of a figure against a base keep the first, so a heading's rounding hides nothing
        width = (growths["s_high"] - growths["s_low"]).to_numpy(float)
        self.growths = growths.iloc[np.argsort(np.where(np.isnan(width), np.inf, width), kind="stable")]
        # a breakdown of growths without amounts: its part_of rows, and its growths (the wholes' and the parts')
        self.growth_parts = parts.iloc[:0] if growth_parts is None else growth_parts
        self.own = changes.iloc[:0] if own is None else own
        # the shares printed as terms of a ratio (三次产业结构为8.5:37.0:54.5), with the ratio and its sum
        self.structures = changes.iloc[:0].assign(ratio=None, lo=None, hi=None) if structures is None else structures
        # a breakdown of amounts per head (城镇, 农村 of 全体居民): its part_of rows, and its figures
        self.head_parts = parts.iloc[:0] if head_parts is None else head_parts
        self.heads = changes.iloc[:0] if heads is None else heads
        self.ratios = shares.iloc[:0] if ratios is None else ratios  # ratios of two like figures, of and within


def resolve(figures, vocab, lang: str = "en", seeds: dict | None = None):
    """Join each linking figure to the figures it names, sign every change, and the problems of the
    links: a name that is no figure of the article, a figure linked to itself, a cycle, a link whose
    meaning does not fit the figures' kinds (UC002 at the link's line, in ``lang``).

    ``within`` may also be the whole as printed, where the text prints no amount of it (采矿业增加值占比
    达96.05% of 规模以上工业增加值): a name that is no figure's id but occurs in the article's seed
    (``seeds``: key → Seed). It joins no figure; shares with one ``within`` are of one whole."""
    import pandas as pd

    from ucheck.load.seeds import normalise_text

    f = figures.assign(breakdown_key=figures["breakdown"].fillna(""),
                       growth_basis=figures["metric"].map({k: m.get("growth_basis") for k, m in vocab.metrics.items()}),
                       level_signed=figures["metric"].map({k: m.get("level_can_be_negative", False) for k, m in vocab.metrics.items()})
                       .eq(True))
    f = _signed(f, vocab.directions)
    problems: list = []
    known = pd.MultiIndex.from_frame(f[["article", "id"]])
    linking = f[f["of"].notna() | f["within"].notna() | f["base"].notna() | f["same_as"].notna()]
    bad = np.zeros(len(linking), bool)
    for key in ("of", "within", "same_as"):
        named = linking[key].notna().to_numpy()
        found = pd.MultiIndex.from_arrays([linking["article"], linking[key]]).isin(known)
        selfref = (linking[key] == linking["id"]).to_numpy()
        wrong = named & (~found | selfref)
        printed = np.zeros(len(linking), bool)  # a name its seed prints: a whole or a level as printed
        if wrong.any() and seeds:
            at = np.flatnonzero(wrong & ~selfref)
            pairs = zip(linking["seed"].to_numpy(object)[at].tolist(), linking[key].to_numpy(object)[at].tolist())
            printed[at] = [isinstance(sd, str) and sd in seeds and len(nm := normalise_text(str(w))) >= 2 and nm in seeds[sd].norm
                           for sd, w in pairs]
        if key == "within":  # the whole as printed, found in the seed
            wrong &= ~printed
        for r, as_printed in zip(records(linking[wrong]), printed[wrong]):
            said = SAY.itself if r[key] == r["id"] else SAY.not_a_whole if key == "within" else \
                SAY.not_a_level if key == "of" and as_printed else SAY.not_a_figure
            problems.append(problem("UC002", r["file"], field_line(r, key),
                                    said(lang, id=r["id"], key=key, name=r[key], article=r["article"]), r["article"], key=f"{key}:{r['id']}"))
        bad |= wrong
    for key in ("of", "within", "part_of"):
        cyc = _cycles(f, key)
        for r in records(cyc):
            problems.append(problem("UC002", r["file"], field_line(r, key), SAY.cycle(lang, id=r["id"], key=key),
                                    r["article"], key=f"cycle:{key}:{r['id']}"))
        bad |= pd.MultiIndex.from_frame(linking[["article", "id"]]).isin(pd.MultiIndex.from_frame(cyc[["article", "id"]]))
    t = linking[~bad]
    target = f[[c for c in _TARGET if c in f]].drop_duplicates(["article", "id"])
    for key in ("of", "within", "base", "same_as"):  # base: a figure id, else a period as printed (base.id stays empty)
        t = t.merge(target.rename(columns={c: f"{key}.{c}" for c in target.columns if c != "article"}), how="left",
                    left_on=["article", key], right_on=["article", f"{key}.id"])
    misfit = _misfits(t)
    for r, why in zip(records(t[misfit != ""]), misfit[misfit != ""]):
        key = _MISFIT_KEY.get(why, "of")
        kind = kind_word(r["metric_kind"] if why == "within_kind" else r["of.metric_kind"], lang)
        text = SAY.misfit(lang, id=r["id"], why=MISFIT.entries[why](lang, **({"kind": kind} if "kind" in MISFIT.entries[why].fields("en") else {})))
        problems.append(problem("UC002", r["file"], field_line(r, key), text, r["article"], key=f"link:{r['id']}"))
    t = t[(misfit == "") & _unit_fits(t)]  # a figure whose unit does not fit its metric is UC005's, not read as another unit
    # parsed figures only; a deep copy holds the columns of the joins in a few blocks (each join added
    # its own: past a hundred, every later assign warns and slows)
    t = t[t["q_low"].notna() & (t["of.id"].isna() | t["of.q_low"].notna())].reset_index(drop=True).copy()
    before, period_key = _earlier(t, f, vocab.bases)
    earlier = t[before].assign(period_key=period_key[before]).reset_index(drop=True)
    t = t[~before].reset_index(drop=True)
    shares = t[(t["metric_kind"] == "rate") & t["of.id"].notna() & t["within.id"].notna() & t["within.q_low"].notna()].reset_index(drop=True)
    crates = t[(t["metric_kind"] == "contribution_rate") & t["of.id"].notna() & t["within.id"].notna()].reset_index(drop=True)
    ratios = t[(t["metric_kind"] == "ratio") & t["of.id"].notna() & t["within.id"].notna() & t["within.q_low"].notna()].reset_index(drop=True)
    # a fall printed as one (下降15.3%) or with a minus sign (增长-15.3%)
    falls = f[(f["metric_kind"] == "growth") & (f["direction_down"] | (f["s_low"] < 0)) & f["q_low"].notna()].reset_index(drop=True)
    parts, growth_parts, head_parts = _split_parts(_parts(f), f)
    own = _members_of(f, growth_parts)  # the growths of a breakdown printed without its amounts, each the node of its own level
    return Links(t, shares, parts, falls, crates, growth_parts=growth_parts, own=own, structures=_structures(f),
                 head_parts=head_parts, heads=_members_of(f, head_parts), ratios=ratios, earlier=earlier,
                 unprinted_pulls=_unprinted_pulls(t, f), unprinted_increments=_unprinted_increments(t, f)), problems


def _unprinted_pulls(t, f):
    """The pulls with no ``of`` (their part's amount not printed: 最终消费支出拉动经济增长2.2个百分点) within a
    whole and in a breakdown of it that the whole declares (``parts: {by-demand: complete}``), with
    that breakdown's mode."""
    return _with_mode(t[(t["metric_kind"] == "contribution") & t["of.id"].isna() & t["within.id"].notna() & (t["breakdown_key"] != "")], f)


def _unprinted_increments(t, f):
    """The increments of parts not printed (ucheck.kinds.frame.unprinted_increment) whose within is a
    figure, with the mode the whole declares for their breakdown."""
    from ucheck.kinds.frame import unprinted_increment

    return _with_mode(t[unprinted_increment(t) & t["within.id"].notna()], f)


def _with_mode(c, f):
    """Rows ``c`` that stand for a part of their ``within`` in its ``breakdown``, with the mode the
    whole declares for that breakdown (complete, disjoint, or None)."""
    from ucheck.kinds.frame import breakdown_modes

    if not len(c):
        return c.assign(mode=None)
    wholes = f[["article", "id", "parts"]].drop_duplicates(["article", "id"]).rename(columns={"id": "within", "parts": "whole_parts"})
    c = c.merge(wholes, on=["article", "within"], how="left")
    return c.assign(mode=breakdown_modes(c["whole_parts"], c["breakdown"])).drop(columns=["whole_parts"])


def _earlier(t, f, bases: dict[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """Which rows of ``t`` are growths of their level, or shares and ratios of their ``of`` within
    their ``within``, printed for a period before the level's own, that period named as a base
    (中直投资同比下降11.7%（同期为下降9.8%、一季度为增长3.5%）; 城乡居民收入比由上年同期的2.05:1下降为2.02:1):
    its period's words are one of the vocabulary's bases and its period is not the ``of`` figure's
    (period_norm, else period as printed). A growth is the growth of the level's quantity in that
    period — the g − p a change in points against that base leaves — and no growth of the level
    itself; a share or ratio is the quotient of the two quantities in that period, not of the
    figures printed.
    With the mask, each row's key of that base as a change of the level's period would have it
    (ucheck.kinds.frame.same_for_a_year: 上年 of a whole year is 同期), "" for the other rows."""
    import pandas as pd

    from ucheck.kinds.frame import base_keys, same_for_a_year

    keys = np.full(len(t), "", dtype=object)
    quotient = t["metric_kind"].isin(["rate", "ratio"]) & t["within.id"].notna()
    g = (((t["metric_kind"] == "growth") | quotient) & t["of.id"].notna() & t["base.id"].isna()).to_numpy()
    words = t["period"].fillna("").astype(str).str.replace(r"\s+", "", regex=True)
    named = g & words.isin(list(bases)).to_numpy()
    if not named.any():
        return named, keys
    level = f[["article", "id", "period", "period_norm"]].drop_duplicates(["article", "id"]).rename(
        columns={"id": "of", "period": "lv_period", "period_norm": "lv_norm"})
    lv = t[["article", "of"]].merge(level, on=["article", "of"], how="left")
    norm, lv_norm = t["period_norm"].fillna("").astype(str).to_numpy(object), lv["lv_norm"].fillna("").astype(str).to_numpy(object)
    printed, lv_printed = t["period"].fillna("").astype(str).to_numpy(object), lv["lv_period"].fillna("").astype(str).to_numpy(object)
    both = (norm != "") & (lv_norm != "")
    mask = named & np.where(both, norm != lv_norm, printed != lv_printed).astype(bool)
    if mask.any():
        at = np.flatnonzero(mask)
        as_level = pd.DataFrame({"period": lv["lv_period"].to_numpy(object)[at], "period_norm": lv["lv_norm"].to_numpy(object)[at]})
        keys[at] = same_for_a_year(base_keys(pd.Series(words.to_numpy(object)[at]), bases), as_level).to_numpy(object)
    return mask, keys


def _all_covered(st, covered: np.ndarray) -> np.ndarray:
    """Per row of ``st``, whether every row of its (article, ratio) is ``covered``."""
    import pandas as pd

    return pd.Series(covered, index=st.index).groupby([st["article"], st["ratio"]], sort=False).transform("all").to_numpy(bool)


def _concat(frames):
    """Frames of one kind one after another (an empty one adds nothing, and no warning)."""
    import pandas as pd

    kept = [x for x in frames if len(x)]
    return pd.concat(kept, ignore_index=True) if len(kept) > 1 else (kept[0] if kept else frames[0])


def _members_of(f, p):
    """The figures (parsed) that are a part or the whole of one of the rows of ``p``."""
    import pandas as pd

    keys = pd.MultiIndex.from_arrays([np.r_[p["article"].to_numpy(object), p["article"].to_numpy(object)],
                                      np.r_[p["part_id"].to_numpy(object), p["whole_id"].to_numpy(object)]])
    return f[pd.MultiIndex.from_frame(f[["article", "id"]]).isin(keys) & f["q_low"].notna()].drop_duplicates(["article", "id"]).reset_index(drop=True)


_RATIO = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:\s*[:：]\s*\d+(?:\.\d+)?)+(?![\d.])")
_TERM_SEP = re.compile(r"\s*[:：]\s*")


def _ratio_terms(quote: str) -> list[tuple[str, list[str]]]:
    """The ratios printed in a quote (8.5:37.0:54.5), each with its terms; a clock time (08:35) is none."""
    found = []
    for m in _RATIO.finditer(quote):
        terms = _TERM_SEP.split(m.group())
        if not any(len(t) > 1 and t[0] == "0" and t[1] != "." for t in terms):
            found.append((m.group(), terms))
    return found


def _structures(f):
    """The shares printed as the bare terms of a ratio in their quote (value 7.2, unit %, of
    7.2:39.5:53.3), one row per (share, ratio): the ratio as printed and the interval of the sum of
    its terms, each term within half a unit of its last digit. Judged once per distinct (quote,
    literal)."""
    import pandas as pd

    cols = ["article", "ratio", "lo", "hi"]
    share = f[(f["metric_kind"] == "rate") & f["q_low"].notna() & f["quote"].str.contains(r"\d\s*[:：]\s*\d", regex=True, na=False)]
    if not len(share):
        return f.iloc[:0].assign(**{c: pd.Series(dtype=object) for c in cols})
    literal = share["value"].fillna("")  # printed bare (7.2, unit %): a term; 2.3% beside 2.3:1 is not
    pairs = pd.Series(list(zip(share["quote"].tolist(), literal.tolist())), index=share.index, dtype=object)
    codes, uniq = pd.factorize(pairs.to_numpy(dtype=object))
    rows, ratios, los, his = [], [], [], []
    for code, (quote, lit) in enumerate(uniq.tolist()):
        for ratio, terms in _ratio_terms(quote):
            if lit not in terms:
                continue
            half = [0.5 * 10.0 ** -(len(t.split(".")[1]) if "." in t else 0) for t in terms]
            total = sum(float(t) for t in terms)
            rows.append(code), ratios.append(ratio), los.append(total - sum(half)), his.append(total + sum(half))
    if not rows:
        return f.iloc[:0].assign(**{c: pd.Series(dtype=object) for c in cols})
    per = pd.DataFrame({"code": rows, "ratio": ratios, "lo": los, "hi": his})
    at = pd.DataFrame({"code": codes, "row": np.arange(len(share))}).merge(per, on="code")
    return share.iloc[at["row"].to_numpy()].reset_index(drop=True).assign(
        ratio=at["ratio"].to_numpy(object), lo=at["lo"].to_numpy(float), hi=at["hi"].to_numpy(float))


def _split_parts(p, f):
    """The parts of levels (amounts, counts, shares), and apart those of growths (a growth part_of a
    growth is the growth of a part of the whole's level, where the text prints no amounts) and those
    of amounts per head (of a part of the whole's population)."""
    import pandas as pd

    one = f.drop_duplicates(["article", "id"]).set_index(["article", "id"])
    cls = pd.Series(np.where(one["metric_kind"].eq("growth"), "growth",
                             np.where(one["metric_kind"].eq("money") & ~one["additive"].eq(True), "per_head", "level")), index=one.index)
    part_cls, whole_cls = (cls.reindex(pd.MultiIndex.from_arrays([p["article"], p[c]])).to_numpy(object) for c in ("part_id", "whole_id"))
    # a growth part_of a level, or a level part_of a growth, is UC002's (parts kind) and joins nothing
    return (p[(part_cls != "growth") & (whole_cls != "growth") & (part_cls != "per_head")], p[(part_cls == "growth") & (whole_cls == "growth")],
            p[(part_cls == "per_head") & (whole_cls == "per_head")])


def _misfits(t) -> np.ndarray:
    """Why each link does not fit the kinds of the figures it joins: the name of its phrase in
    :data:`MISFIT` ("" where it fits)."""
    from ucheck.kinds.frame import unit_class, unprinted_increment

    kind, of_kind, within_kind = (t[c].fillna("").to_numpy(object) for c in ("metric_kind", "of.metric_kind", "within.metric_kind"))
    has_of, has_within = t["of.id"].notna().to_numpy(), t["within.id"].notna().to_numpy()
    names_whole = t["within"].notna().to_numpy()  # a figure, or the whole as printed
    has_base = t["base.id"].notna().to_numpy()
    level = lambda k: np.isin(k, LEVEL_KINDS)  # noqa: E731
    same_unit = unit_class(t["of.unit"]) == unit_class(t["within.unit"])
    why = np.full(len(t), "", dtype=object)
    rules = [
        (names_whole & ~np.isin(kind, ["rate", "contribution", "contribution_rate", "ratio"]) & ~unprinted_increment(t).to_numpy(bool),
         "within_kind"),
        (np.isin(kind, ["rate", "contribution_rate", "ratio"]) & has_within & has_of & ~(level(of_kind) & level(within_kind) & same_unit), "share_like"),
        ((kind == "contribution") & has_of & ~level(of_kind), "contribution_of"),
        ((kind == "growth") & has_of & ~(level(of_kind) | (of_kind == "rate")), "growth_of"),
        ((kind == "rate_change") & has_of & ~np.isin(of_kind, ["rate", "growth", "contribution"]), "points_of"),
        (np.isin(kind, INCREMENT_KINDS) & has_of & (of_kind != kind), "increment_of"),
        (has_base & has_of & (t["base.metric_kind"].fillna("").to_numpy(object) != of_kind), "base_kind"),
        (t["same_as.id"].notna().to_numpy() & (t["same_as.metric"].fillna("").to_numpy(object) != t["metric"].fillna("").to_numpy(object)),
         "same_metric"),
        (t["same_as.id"].notna().to_numpy() & (unit_class(t["same_as.unit"]) != unit_class(t["unit"])), "same_unit"),
    ]
    for mask, text in rules:
        why = np.where((why == "") & mask, text, why)
    return why


def _unit_fits(t) -> np.ndarray:
    """Whether each figure's unit is one its metric allows (0.4% is no pull in points); once per
    distinct pair."""
    import pandas as pd

    pairs = pd.Series(list(zip(t["unit"].fillna("").tolist(), t["metric_units"].tolist())), dtype=object, index=t.index)
    codes, uniq = pd.factorize(pairs)
    ok = [unit == "" or (isinstance(units, tuple) and unit in units) for unit, units in uniq.tolist()]  # no unit printed: nothing to misread
    return np.asarray(ok + [False])[codes] if len(t) else np.zeros(0, bool)


def _cycles(f, key: str):
    """The figures on a cycle of ``key`` links (each figure names at most one): pointer doubling, as
    column operations; after n steps every walk that never ends sits on its cycle."""
    import pandas as pd

    f = f.drop_duplicates(["article", "id"])  # a duplicate id is UC003; the first one stands
    pos = pd.MultiIndex.from_frame(f[["article", "id"]])
    nxt = pos.get_indexer(pd.MultiIndex.from_arrays([f["article"], f[key]]))  # -1: no link, or none found
    if not (nxt >= 0).any():
        return f.iloc[:0]
    step = nxt.copy()
    for _ in range(int(np.ceil(np.log2(len(f) + 1))) + 1):  # step = nxt applied 2^k times
        alive = step >= 0
        step = np.where(alive, step[np.where(alive, step, 0)], -1)
    on_cycle = np.zeros(len(f), bool)
    on_cycle[np.unique(step[step >= 0])] = True
    return f[on_cycle]


def _parts(f):
    """One row per part whose whole gives the part's breakdown a mode: the mode and how many parts
    the breakdown has."""
    from ucheck.kinds.frame import breakdown_modes

    p = f[f["part_of"].notna()][["article", "id", "part_of", "breakdown_key", "breakdown"]]
    p = p.rename(columns={"id": "part_id", "part_of": "whole_id", "breakdown_key": "split"}).drop_duplicates(["article", "part_id"])
    wholes = f[["article", "id", "parts"]].rename(columns={"id": "whole_id", "parts": "whole_parts"})
    p = p.merge(wholes.drop_duplicates(["article", "whole_id"]), on=["article", "whole_id"], how="left")
    p = p.assign(mode=breakdown_modes(p["whole_parts"], p["breakdown"]))
    p = p[p["mode"].notna()][["article", "part_id", "whole_id", "split", "mode"]]
    return p.assign(n_parts=p.groupby(["article", "whole_id", "split"])["part_id"].transform("size"))


def _signed(f, directions: dict[str, list[str]]):
    """Signed interval columns (s_low …): a change printed with a fall (下降1.2%, or direction: down) is
    negative; every other figure keeps its interval."""
    import pandas as pd

    from ucheck.kinds.frame import unprinted_increment

    change = f["metric_kind"].isin(SIGNED_KINDS) | (f["metric_kind"].isin(INCREMENT_KINDS) & (f["of"].notna() | unprinted_increment(f)))
    given = f["direction"]
    pairs = pd.Series(list(zip(f["quote"].fillna("").tolist(), f["value"].fillna("").tolist())), index=f.index)
    inferred = pd.Series(False, index=f.index)
    if change.any():
        codes, uniq = pd.factorize(pairs[change])
        down = np.asarray([infer_down(q, v, directions) for q, v in uniq.tolist()] + [False])
        inferred[change] = down[codes]
    down = change & ((given == "down") | (given.isna() & inferred))
    lo, hi = f["q_low"].to_numpy(float), f["q_high"].to_numpy(float)
    lo_open, hi_open = f["q_low_open"].to_numpy(bool), f["q_high_open"].to_numpy(bool)
    d = down.to_numpy(bool)
    return f.assign(direction_down=d, s_low=np.where(d, -hi, lo), s_high=np.where(d, -lo, hi),
                    s_low_open=np.where(d, hi_open, lo_open), s_high_open=np.where(d, lo_open, hi_open),
                    s_value=np.where(d, -f["q_value"].to_numpy(float), f["q_value"].to_numpy(float)))


def infer_down(quote: str, literal: str, directions: dict[str, list[str]]) -> bool:
    """Whether the quote says the change printed as ``literal`` was a fall: the direction word nearest
    before the literal in its clause (the longest where two end together: 降幅收窄 over 收窄)."""
    at = quote.find(literal)
    if at < 0:
        return False
    clause = _CLAUSE_END.split(quote[:at])[-1]
    best = (-1, 0, False, "")  # (end, length, down, word)
    for way in ("down", "up"):
        for w in directions.get(way, ()):
            end = clause.rfind(w)
            if end >= 0:
                cand = (end + len(w), len(w), way == "down", w)
                if cand[:2] > best[:2]:
                    best = cand
    # 降幅…收窄: a fall that shrank is a rise of the signed rate (and 降幅…扩大 a fall of it)
    if best[3] in directions.get("of_magnitude", ()) and any(d in clause[: best[0]] for d in directions.get("declines", ())):
        return not best[2]
    return best[2]
