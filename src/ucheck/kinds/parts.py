"""``parts`` rules: parts of a whole, as the text states them: ``part_of: <figure id>`` on a curated figure.

"培训职工3万多名, 其中1.9万人实现技能晋级" makes the 1.9万 a part of the 3万多; "获得国家级成果8项、
省级成果60项" beside "共取得创新成果1000余项" makes both parts of the 1000余项. The curator says so with
``part_of`` on each part, and says on the whole how its parts relate: by default they may overlap
(其中 561项 applied, 22项 patented: a result can be both), ``parts: disjoint`` when they cannot (国家级,
省级, 市级), ``parts: complete`` when they also make the whole up (分别为…, 包括…共). The ``parts`` rule kind (UC308) then checks, on intervals, that no part
exceeds its whole, that disjoint parts together do not, and that complete parts reach it.

A part is counted like its whole: the same kind of metric and a compatible measure word (人, 名 and
位 are all persons; 家, 个, 所 and 座 all organisations), of a kind that sums over members — a count,
an amount, a duration. A rate of a subgroup can be above the whole group's, so it is no part; but
shares of one whole are their parts scaled by one factor, so a share is part_of
another share within the same whole (其中制造业占GDP的13.6% of 工业's 26.2%) and is summed like
the amounts it stands for. A growth may be part_of a growth where the text prints the growths of a
breakdown without its amounts (分三大门类看：采矿业增长67.9%，制造业增长2.8%…): it says that what the
one is the growth of is a part of what the other is the growth of. An amount per head may be part_of
an amount per head (城镇常住居民人均可支配收入 of 全体居民's): it is of a part of the population the other
is of. Such parts are not summed here (a part may grow faster, or earn more, than its whole); the
links kind bounds the whole's by its parts' (UC321, UC327).
A part that names no figure of its article, or one counted otherwise, is a finding at its
``part_of`` line, and is not summed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ucheck.builtin import problem
from ucheck.i18n import phrases
from ucheck.kinds.base import RuleKind, register
from ucheck.kinds.columns import LOCATION, REF, records
from ucheck.kinds.arithmetic import approx, kind_word
from ucheck.load.keys import FigureKey, field_line
from ucheck.numbers.intervals import format_interval, row_interval, tolerance

if TYPE_CHECKING:  # pandas is imported where rules run, not where rule files are read
    import pandas as pd

_COLUMNS = [*LOCATION, *REF]

# A finding reads "{head} — {words} ({terms}; {whole})": the parts and their whole as printed, a sum
# in words with its unit (ucheck.kinds.arithmetic), then every figure with its interval.
SAY = phrases(
    __name__,
    detail=("{head} — {words} ({terms}; {whole})", "{head}——{words}（{terms}；{whole}）"),
    over=("the part {part} exceeds its whole {whole}", "部分 {part} 大于整体 {whole}"),
    sum_over=("the parts{split} {sum} {total} exceed their whole {whole} together (parts: {mode})",
              "各部分{split}合计 {sum} {total}，大于整体 {whole}（parts: {mode}）"),
    sum_under=("the parts{split} {sum} {total} do not make up their whole {whole}, which the text says they do (parts: complete)",
               "各部分{split}合计 {sum} {total}，不足整体 {whole}，而原文说它们构成整体（parts: complete）"),
    split=(" {split}", "（分组 {split}）"),
    # the problems of part_of (UC002), at its line
    missing=("figure {id}: part_of {part_of!r} is not the id of another figure of article {article}",
             "数字 {id}：part_of {part_of!r} 不是文章 {article} 中另一个数字的 id"),
    unlike=("figure {id}: a part must be counted like its whole — {value} ({kind}, {unit}) is part_of {whole} = {whole_value} ({whole_kind}, {whole_unit})",
            "数字 {id}：部分须与整体同样计数——{value}（{kind}，{unit}）却是 {whole} = {whole_value}（{whole_kind}，{whole_unit}）的部分"),
    no_unit=("no unit", "无单位"),
    # a figure that is not a sum over members: a subgroup's can be above the whole group's
    not_summed=("figure {id}: part_of {whole} — {metric} ({kind}) is not a sum over members, so a subgroup's figure can be "
                "above the whole group's (one group's 入会率 above all workers'): part_of is for counts and amounts, for shares of one "
                "whole, and for the growths and the amounts per head of a breakdown's parts; give the subgroup in subject instead",
                "数字 {id}：part_of {whole}——{metric}（{kind}）不是各成员的合计，部分人群的数值可以高于整体（某一群体的入会率高于全体职工）："
                "part_of 只用于计数和金额、同一整体中的比重，以及分组各部分的增速和人均金额；请把分组写在 subject 中"),
    other_whole=("figure {id}: a share is part_of another share only when both are shares of one whole (the same within) — "
                 "{id} is within {within}, {whole} within {whole_within}",
                 "数字 {id}：比重只有在同属一个整体（within 相同）时才能是另一比重的部分——{id} 的 within 是 {within}，{whole} 的是 {whole_within}"),
    # a breakdown named on one side only: its parts would go unchecked in silence
    unknown_split=("figure {id}: breakdown {split!r} is not one that its whole {whole} declares in parts (declared: {declared})",
                   "数字 {id}：分组 {split!r} 不是其整体 {whole} 在 parts 中声明的分组（已声明：{declared}）"),
    no_split=("figure {id}: its whole {whole} declares its parts per breakdown ({declared}): say which with breakdown",
              "数字 {id}：其整体 {whole} 按分组声明了各部分（{declared}）：请用 breakdown 注明属于哪个分组"),
    empty_split=("figure {id}: parts declares breakdown {split!r}, but no figure is part_of {id} (or a pull or an increment within it) with breakdown: {split}",
                 "数字 {id}：parts 声明了分组 {split!r}，但没有任何数字以 breakdown: {split} 作为 {id} 的部分（或其中的拉动、增减额）"),
)
PARTS_MODES = ("disjoint", "complete")  # a whole's `parts:`; absent, its parts may overlap
_EXPLAIN = "disjoint: its parts do not overlap; complete: they also make it up"


def parse_parts(value, report):
    """A whole's ``parts:`` — one mode for all its parts (``complete``), or a mode per named breakdown
    (``{by-industry: complete, by-ownership: disjoint}``) — as a string or a tuple of (breakdown,
    mode) pairs; a bad value is reported at its line and read as absent."""
    import sys

    if isinstance(value, dict):
        bad = [k for k, v in value.items() if v not in PARTS_MODES]
        if not value or bad:
            report(value.line_of(bad[0]) if bad else None,
                   f"each breakdown of parts must be {' or '.join(PARTS_MODES)} ({_EXPLAIN}), not {value.get(bad[0]) if bad else value!r}")
            return None
        return tuple(sorted((str(k), str(v)) for k, v in value.items()))
    if value not in PARTS_MODES:
        report(None, f"parts must be {' or '.join(PARTS_MODES)} ({_EXPLAIN}), or a mode per breakdown ({{by-industry: complete}}), not {value!r}")
        return None
    return sys.intern(value)


def resolve(figures: pd.DataFrame, lang: str = "en") -> tuple[pd.DataFrame, list]:
    """One row per part, joined to its whole (the whole's columns prefixed ``whole.``), and the
    problems of the references (a whole that does not exist, a part counted otherwise), in ``lang``."""
    import pandas as pd

    from ucheck.kinds.frame import unit_class

    parts = figures[figures["part_of"].notna()]
    if not len(parts):
        empty = pd.DataFrame(columns=[*_COLUMNS, "part_of", "breakdown", *(f"whole.{c}" for c in [*_COLUMNS, "parts"])])
        return empty, _breakdown_problems(figures, empty, lang)
    wholes = figures[figures["article"].isin(pd.unique(parts["article"]))].drop_duplicates(["article", "id"])
    wcols = [*_COLUMNS, "parts", "metric_kind", "unit", "within", "additive"]
    cols = [*_COLUMNS, "part_of", "breakdown", "field_offsets", "metric", "metric_kind", "unit", "additive", "within"]
    j = parts[cols].merge(wholes[wcols].rename(columns={c: f"whole.{c}" for c in wcols if c != "article"}),
                          how="left", left_on=["article", "part_of"], right_on=["article", "whole.id"])
    problems = []
    missing = j["whole.id"].isna().to_numpy() | (j["part_of"] == j["id"]).to_numpy()
    kind = j["metric_kind"].fillna("").to_numpy(object)
    same_kind = kind == j["whole.metric_kind"].fillna("").to_numpy(object)
    pc, wc = unit_class(j["unit"]), unit_class(j["whole.unit"])
    same_unit = (pc == wc) | (pc == "") | (wc == "")
    unlike = ~missing & ~(same_kind & same_unit)
    # alike, but not a sum over members (a metric not in the vocabulary is UC004's, and is left alone)
    share = (kind == "rate") & j["within"].notna().to_numpy()  # a rate of a group (入会率) has no within
    summed = np.isin(kind, SUMMED_KINDS) | ((kind == "money") & j["additive"].eq(True).to_numpy()) | share | (kind == "")
    growth = same_kind & (kind == "growth")  # the growth of a part of what the whole's growth is of: UC321's, not summed
    # an amount per head of a part of the population the whole's is per head of: UC327's mean, not summed
    per_head = same_kind & (kind == "money") & ~j["additive"].eq(True).to_numpy() & ~j["whole.additive"].eq(True).to_numpy()
    bounded = growth | per_head  # between its parts', not above their sum
    not_summed = ~missing & ~unlike & ~summed & ~bounded
    other_whole = ~missing & ~unlike & share & (j["within"].to_numpy(object) != j["whole.within"].to_numpy(object))
    for r, why in zip(records(j[missing | unlike | not_summed | other_whole]),
                      np.select([missing, unlike, not_summed], ["missing", "unlike", "not_summed"], "other_whole")[missing | unlike | not_summed | other_whole]):
        line = field_line(r, "part_of")
        if why == "missing":
            msg = SAY.missing(lang, id=r["id"], part_of=r["part_of"], article=r["article"])
        elif why == "unlike":
            msg = SAY.unlike(lang, id=r["id"], value=r["value"], kind=kind_word(r["metric_kind"], lang), unit=r["unit"] or SAY.no_unit(lang),
                             whole=r["part_of"], whole_value=r["whole.value"], whole_kind=kind_word(r["whole.metric_kind"], lang),
                             whole_unit=r["whole.unit"] or SAY.no_unit(lang))
        elif why == "not_summed":
            msg = SAY.not_summed(lang, id=r["id"], whole=r["part_of"], metric=r["metric"], kind=kind_word(r["metric_kind"], lang))
        else:
            msg = SAY.other_whole(lang, id=r["id"], whole=r["part_of"], within=_none(r["within"]), whole_within=_none(r["whole.within"]))
        problems.append(problem("UC002", r["file"], line, msg, r["article"], key=f"part_of:{r['id']}"))
    problems += _breakdown_problems(figures, j[~missing], lang)
    keep = ~(missing | unlike | not_summed | other_whole | bounded)
    return j[keep].drop(columns=["field_offsets", "metric", "additive", "within", "whole.within", "whole.additive"]).reset_index(drop=True), problems


SUMMED_KINDS = ("count", "duration")  # and money that is additive (not per head), and shares of one whole


def _none(v) -> str:
    return "—" if v is None or (isinstance(v, float) and v != v) else str(v)


def _breakdown_problems(figures, j, lang: str) -> list:
    """A breakdown named on one side only (UC002 at its line): a part naming a breakdown its whole does
    not declare, a part without one under a whole that declares its parts per breakdown, a declared
    breakdown that no part names. Each would leave its parts unchecked in silence."""
    import pandas as pd

    per_split = _per_breakdown(j["whole.parts"]) if len(j) else np.zeros(0, bool)
    out = []
    if per_split.any():
        t = j[per_split]
        # the declared names and each part's membership, once per distinct (parts, breakdown) pair
        pairs = pd.Series(list(zip(t["whole.parts"].tolist(), t["breakdown"].tolist())), index=t.index, dtype=object)
        codes, uniq = pd.factorize(pairs.to_numpy(dtype=object))
        declared = np.asarray([tuple(k for k, _ in v) for v, _ in uniq.tolist()] + [()], dtype=object)[codes]
        known = np.asarray([b in {k for k, _ in v} for v, b in uniq.tolist()] + [False])[codes]
        named = t["breakdown"].notna().to_numpy()
        for r, d in zip(records(t[named & ~known]), declared[named & ~known]):
            out.append(problem("UC002", r["file"], field_line(r, "breakdown"),
                               SAY.unknown_split(lang, id=r["id"], split=r["breakdown"], whole=r["part_of"], declared=", ".join(d)),
                               r["article"], key=f"breakdown:{r['id']}"))
        for r, d in zip(records(t[~named]), declared[~named]):
            out.append(problem("UC002", r["file"], field_line(r, "part_of"),
                               SAY.no_split(lang, id=r["id"], whole=r["part_of"], declared=", ".join(d)), r["article"], key=f"breakdown:{r['id']}"))
    # a pull of a part whose amount is not printed names its breakdown beside its within (最终消费支出拉动…)
    pulls = _unprinted_pulls(figures)
    if len(pulls):
        wholes_of = figures[["article", "id", "parts"]].drop_duplicates(["article", "id"]).rename(columns={"id": "within", "parts": "w.parts"})
        t = pulls.merge(wholes_of, on=["article", "within"], how="left")
        for r in records(t):
            declared = [k for k, _ in r["w.parts"]] if isinstance(r["w.parts"], tuple) else []
            if r["breakdown"] not in declared:
                out.append(problem("UC002", r["file"], field_line(r, "breakdown"),
                                   SAY.unknown_split(lang, id=r["id"], split=r["breakdown"], whole=r["within"], declared=", ".join(declared) or "—"),
                                   r["article"], key=f"breakdown:{r['id']}"))
    wholes = figures[_per_breakdown(figures["parts"])] if "parts" in figures else figures.iloc[:0]
    if len(wholes):
        used = set(zip(j["article"].tolist(), j["part_of"].tolist(), j["breakdown"].tolist())) if len(j) else set()
        used |= set(zip(pulls["article"].tolist(), pulls["within"].tolist(), pulls["breakdown"].tolist()))
        for r in records(wholes.drop_duplicates(["article", "id"])):
            for split, _ in r["parts"]:
                if (r["article"], r["id"], split) not in used:
                    out.append(problem("UC002", r["file"], field_line(r, "parts"),
                                       SAY.empty_split(lang, id=r["id"], split=split), r["article"], key=f"parts:{r['id']}:{split}"))
    return out


def _unprinted_pulls(figures):
    """The contributions (pulls) within a whole that name a breakdown but no part_of: the pulls of
    parts whose amounts are not printed (ucheck.kinds.links sums them to the whole's growth); and
    likewise the increments against a base of such parts (6个税种合计增收2.5亿元, summed to the
    whole's increment)."""
    if not {"breakdown", "within", "metric_kind", "base", "of"} <= set(figures.columns):
        return figures.iloc[:0]
    from ucheck.kinds.frame import unprinted_increment

    pull = figures["metric_kind"] == "contribution"
    return figures[((pull & figures["breakdown"].notna() & figures["within"].notna()) | unprinted_increment(figures)) & figures["part_of"].isna()]


def _per_breakdown(parts) -> np.ndarray:
    """Whether each ``parts:`` value gives a mode per named breakdown (a tuple of pairs), judged once
    per distinct value."""
    import pandas as pd

    codes, uniq = pd.factorize(parts.to_numpy(dtype=object))  # an array: tuples stay elements, not a MultiIndex
    return np.asarray([isinstance(v, tuple) for v in uniq] + [False])[codes]


@register
class PartsRule(RuleKind):
    kind = "parts"
    doc = "Checks curated part_of on intervals: no part above its whole; disjoint parts together not above it; complete parts reaching it."
    options = {}
    figure_keys = (
        FigureKey("part_of", "the id of the whole this figure is a part of (其中, 分别为, 包括)", example="part_of: members"),
        FigureKey("parts", "on a whole, how its parts relate: disjoint (they do not overlap) or complete (they also make it up), "
                  "or a mode per named breakdown", read="parse", parse=parse_parts,
                  example="parts: {by-industry: complete, by-ownership: complete}"),
        FigureKey("breakdown", "on a part, the named breakdown of its whole it belongs to (by-industry, by-ownership …)",
                  read="name", example="breakdown: by-industry"),
    )

    def scope(self, figures, selected):
        return selected  # article-local: part_of names a figure of the same article

    @classmethod
    def prepare(cls, ctx):
        ctx.resolved[cls.kind], problems = resolve(ctx.figures, ctx.lang)
        return problems

    def check(self, ctx):
        """Every part above its whole is one finding; every breakdown of a whole whose parts, summed,
        are above it (disjoint, complete) or cannot reach it (complete) is one more."""
        import pandas as pd

        from ucheck.kinds.frame import breakdown_modes

        j = ctx.resolved.get(self.kind)
        self.checked = 0
        if j is None or not len(j):
            return []
        j = j[j["q_low"].notna() & j["whole.q_low"].notna()]
        self.checked = len(j)
        if not len(j):
            return []
        one_over = _above(j["q_low"].to_numpy(float), j["q_low_open"].to_numpy(bool),
                          j["whole.q_high"].to_numpy(float), j["whole.q_high_open"].to_numpy(bool))
        j = j.assign(one_over=one_over, mode=breakdown_modes(j["whole.parts"], j["breakdown"]), split=j["breakdown"].fillna(""))
        out = [self._finding(ctx, [r], ctx.say(SAY.over, part=r["value"], whole=r["whole.value"]), key_extra=f":{r['id']}")
               for r in records(j[one_over])]
        summed = j[j["mode"].isin(["disjoint", "complete"])]
        if not len(summed):
            return out
        keys = ["article", "part_of", "split"]
        g = summed.groupby(keys, sort=False).agg(
            lo=("q_low", "sum"), hi=("q_high", "sum"), lo_open=("q_low_open", "any"), hi_open=("q_high_open", "any"),
            w_lo=("whole.q_low", "first"), w_hi=("whole.q_high", "first"),
            w_lo_open=("whole.q_low_open", "first"), w_hi_open=("whole.q_high_open", "first"),
            mode=("mode", "first"), one_over=("one_over", "any"),
        )
        mode = g["mode"].to_numpy(object)
        # a part alone above the whole is reported above; its sum would only repeat it
        sum_over = ~g["one_over"].to_numpy(bool) & _above(g["lo"].to_numpy(float), g["lo_open"].to_numpy(bool), g["w_hi"].to_numpy(float), g["w_hi_open"].to_numpy(bool))
        # complete: the most the parts can be is below the least of the whole (w_lo > hi)
        under = (mode == "complete") & _above(g["w_lo"].to_numpy(float), g["w_lo_open"].to_numpy(bool), g["hi"].to_numpy(float), g["hi_open"].to_numpy(bool))
        bad = g[sum_over | under]
        if not len(bad):
            return out
        picked = summed[pd.MultiIndex.from_frame(summed[keys]).isin(bad.index)]
        by: dict = {}
        for r in records(picked):  # one conversion for every finding
            by.setdefault((r["article"], r["part_of"], r["split"]), []).append(r)
        for key, exceeds, s in zip(bad.index, sum_over[sum_over | under], records(bad)):
            total = format_interval(s["lo"], s["hi"], s["lo_open"], s["hi_open"])
            parts = by[key]
            words = ctx.say(SAY.sum_over if exceeds else SAY.sum_under, split=ctx.say(SAY.split, split=key[2]) if key[2] else "",
                            sum=" + ".join(str(p["value"]) for p in parts), total=approx(s["lo"], s["hi"], _unit(parts)),
                            whole=parts[0]["whole.value"], mode=s["mode"])
            out.append(self._finding(ctx, parts, words, total=total, key_extra=f":{key[2]}" if key[2] else ""))
        return out

    def _finding(self, ctx, parts: list[dict], words: str, total: str | None = None, key_extra: str = ""):
        w = parts[0]
        whole = f"{w['whole.id']} = {w['whole.value']} {row_interval(w, prefix='whole.')}"
        if total is None:  # one part above its whole
            terms = f"{w['id']} = {w['value']} {row_interval(w)}"
        else:
            terms = " + ".join(f"{p['id']} = {p['value']} {row_interval(p)}" for p in parts) + f" = {total}"
        msg = ctx.say(SAY.detail, head=ctx.headline(self.rule), words=words, terms=terms, whole=whole)
        whole_row = {"article": w["article"], **{c: w[f"whole.{c}"] for c in _COLUMNS if c != "article"}}
        return ctx.finding(self.rule, [whole_row, *parts], msg, key=f"parts:{w['whole.id']}{key_extra}")


def _unit(parts: list[dict]) -> str:
    """The unit of a sum of parts: theirs where they share one, else their whole's (人 and 名 are both persons)."""
    units = {p["unit"] for p in parts if isinstance(p.get("unit"), str) and p["unit"]}
    if len(units) == 1:
        return units.pop()
    whole = parts[0].get("whole.unit")
    return whole if isinstance(whole, str) else ""


def _above(a, a_open, b, b_open) -> np.ndarray:
    """a > b for every value of the intervals' ends: a clearly above b, or equal to it where either
    end is open (a part of (1万, 2万) against a whole of [0.5万, 1万]). Within :data:`~ucheck.numbers.intervals.REL_TOL`."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    with np.errstate(invalid="ignore"):
        tol = tolerance(b)
        return (a > b + tol) | ((np.abs(a - b) <= tol) & (np.asarray(a_open, bool) | np.asarray(b_open, bool)))
