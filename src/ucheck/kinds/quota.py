"""``quota`` rules over stated rules: a quota the text states per unit, and the totals it produced.

Reports state rules and then totals: "各工种技术状元授予阜新市劳动模范 … 前10名破格晋升为工人技师"
(per trade: one 劳动模范, ten 工人技师), then "共评选出阜新市劳动模范32名, 工人技师480名". A curator
records the rule under ``stated_rules:`` of the article — its unit (``per``), the quote, and each
quota *as printed* with the figure it produced (``yields: [{quota: 前10名, total: <figure id>}]``),
optionally with the figures that count the units (``units: [<id>, …]``, multiplied: 8-10个 trades a
year × 几年). Every total ÷ its quota implies a number of units; they, and the printed count of
units, must admit one whole number (the ``quota`` rule kind, UC307).

A quota is read as exact where the words are a count of places, not a rounded measurement:
``前N名`` / ``前N位`` / ``前N强`` (the top N), ``N佳`` / ``N强`` (十佳: ten), ``第N名`` (one), and the rank
words of the vocabulary (``ranks:`` in rules/, 状元: 1). Any other quota is a printed quantity read by
:func:`ucheck.numbers.quantity.parse` with its interval (9个, 1-2次, 不超过10名).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from typing import TYPE_CHECKING

import numpy as np

from ucheck.builtin import problem
from ucheck.i18n import phrases
from ucheck.kinds.base import RuleKind, register
from ucheck.kinds.arithmetic import approx
from ucheck.kinds.columns import FIGURE, LOCATION, REF, records
from ucheck.numbers.intervals import format_interval, format_number, row_interval, tolerance
from ucheck.numbers.quantity import QuantityError, parse_cached

if TYPE_CHECKING:  # pandas is imported where rules run, not where rule files are read
    import pandas as pd

_TOP = re.compile(r"^前(?P<n>.+?)(?:名|位|强)$")
_BEST = re.compile(r"^(?P<n>[0-9一二两三四五六七八九十百千]+)(?:佳|强)$")
_PLACE = re.compile(r"^第(?P<n>.+?)(?:名|位)$")

# A finding reads "{head} — stated rule {rule}: {words} ({exact})": each total ÷ its quota and the
# counted units in words with units (ucheck.kinds.arithmetic), then each division on exact intervals.
SAY = phrases(
    __name__,
    detail=("{head} — stated rule {rule}: {words} ({exact})", "{head}——原文所述规则 {rule}：{words}（{exact}）"),
    sep=("; ", "；"),
    divided=("{total} ÷ {quota} {computed}", "{total} ÷ {quota} {computed}"),
    divided_place=("{total} ÷ {n} ({literal}) {computed}", "{total} ÷ {n}（{literal}）{computed}"),
    counted=("counted {factors} {n}", "计得 {factors} {n}"),
    none_fits=("{items}: no whole number of {per} fits them all", "{items}——没有一个整数的{per}数能同时符合"),
    division=("{quota}{reading} per {per} → {id} = {value} {interval} ÷ {q} = {n} {per}",
              "{quota}{reading}每{per} → {id} = {value} {interval} ÷ {q} = {n} {per}"),
    reading=(" ({reading})", "（{reading}）"),
    counted_exact=("counted: {factors} = {n} {per}", "计数：{factors} = {n} {per}"),
    # the problems of stated rules (UC002, UC003, UC006), at their line
    clash=("stated rule id {rule!r} is also the id of {what} of article {article}", "原文所述规则 id {rule!r} 也是文章 {article} 中{what}的 id"),
    a_figure=("a figure", "一个数字"),
    a_rule=("another stated rule", "另一条原文所述规则"),
    bad_quota=("stated rule {rule}: quota {quota!r} is not a count per unit ucheck can read ({why}); write it as printed: 前10名, 十佳, 状元, 9个",
               "原文所述规则 {rule}：名额 {quota!r} 不是 ucheck 能读出的每单位数量（{why}）；请照原文写，如 前10名、十佳、状元、9个"),
    no_total=("stated rule {rule}: total {total!r} is not the id of a figure of article {article}",
              "原文所述规则 {rule}：total {total!r} 不是文章 {article} 中任何数字的 id"),
    no_unit=("stated rule {rule}: unit count {unit!r} is not the id of a figure of article {article}",
             "原文所述规则 {rule}：单位数 {unit!r} 不是文章 {article} 中任何数字的 id"),
)
# how a quota of places was read (Quota.form), for messages
READING = phrases(
    __name__,
    rank=("a rank: {n}", "名次，计 {n}"),
    top=("the top {n}", "计 {n}"),
    best=("the best {n}", "计 {n}"),
    place=("one place: 1", "一个名次，计 1"),
)


@dataclass(frozen=True)
class Quota:
    low: float
    high: float
    low_open: bool
    high_open: bool
    reading: str  # how the literal was read, for messages: "the top 10", "a rank: 1", "8-10个"
    form: str = ""  # a count of places: rank, top, best or place (its reading in READING); "": a printed quantity


def _whole(text: str, literal: str) -> int:
    q = parse_cached(text)
    if q.kind != "exact" or q.value != int(q.value) or q.value < 1:
        raise QuantityError(literal, f"{text!r} is not a whole number of places")
    return int(q.value)


def parse_quota(literal: str, ranks: dict[str, int]) -> Quota:
    """How many one unit yields, as an interval; QuantityError when the literal is not a quota."""
    text = unicodedata.normalize("NFKC", literal).strip()
    if text in ranks:
        n = ranks[text]
        return Quota(n, n, False, False, READING.rank("en", n=n), "rank")
    for pattern, form in ((_TOP, "top"), (_BEST, "best"), (_PLACE, "place")):
        m = pattern.match(text)
        if m:
            n = _whole(m.group("n"), literal)
            n = 1 if pattern is _PLACE else n
            return Quota(n, n, False, False, READING.entries[form]("en", n=n), form)
    q = parse_cached(text)
    low, low_open = (0.0, False) if q.low < 0 else (q.low, q.low_open)  # a quota is not negative
    if q.high <= 0:
        raise QuantityError(literal, "a quota must be more than 0")
    return Quota(low, q.high, low_open, q.high_open, literal)


@dataclass
class Stated:
    """The resolved stated rules: ``yields`` (one row per quota → total, with the total figure's
    columns prefixed ``total.`` and the quota's interval as ``quota_low`` …) and ``units`` (one row per
    rule and unit figure, the figure's columns prefixed ``unit.``)."""

    yields: pd.DataFrame
    units: pd.DataFrame


_FIGURE_COLUMNS = ["line", *(c for c in FIGURE if c not in LOCATION)]


def resolve(stated: pd.DataFrame, figures: pd.DataFrame, ranks: dict[str, int], locate, lang: str = "en") -> tuple[Stated, list]:
    """Join the stated rules to the figures they name; parse each distinct quota once.

    ``figures`` are the enriched figures (nonnegative counts clamped at 0); ``locate(seed_keys,
    quotes, literals)`` gives (quote position, literal position, seed line) as for figures. A rule
    naming a figure the article does not have, a rule id used twice (or by a figure), or a quota
    that cannot be read is a finding at its line (in ``lang``); the rest are resolved."""
    import pandas as pd

    problems: list = []
    s = stated.reset_index(drop=True)
    empty_units = pd.DataFrame(columns=["article", "rule", *(f"unit.{c}" for c in _FIGURE_COLUMNS)])
    if not len(s):
        return Stated(s.assign(quota_low=[], quota_high=[], quota_low_open=[], quota_high_open=[], quota_reading=[], quota_form=[]),
                      empty_units), problems

    # only the articles that state rules (few of an archive): every join below is on those
    figures = figures[figures["article"].isin(pd.unique(s["article"]))]
    # ids: unique among the article's rules and figures (waivers and findings name them)
    rules = s.drop_duplicates(["article", "rule", "rule_line"])
    clash = pd.MultiIndex.from_frame(rules[["article", "rule"]]).isin(pd.MultiIndex.from_frame(figures[["article", "id"]]))
    bad = rules[rules.duplicated(["article", "rule"]).to_numpy() | clash]
    for r, is_figure in zip(records(bad), clash[rules.index.get_indexer(bad.index)]):
        what = (SAY.a_figure if is_figure else SAY.a_rule)(lang)
        problems.append(problem("UC003", r["file"], r["rule_line"], SAY.clash(lang, rule=r["rule"], what=what, article=r["article"]), r["article"],
                                key=f"stated:{r['rule']}"))
    s = s[~pd.MultiIndex.from_frame(s[["article", "rule", "rule_line"]]).isin(pd.MultiIndex.from_frame(bad[["article", "rule", "rule_line"]]))].reset_index(drop=True)

    # quotas: once per distinct literal
    codes, literals = pd.factorize(s["quota"])
    parsed: list[Quota | str] = []
    for lit in literals.tolist():
        try:
            parsed.append(parse_quota(lit, ranks))
        except QuantityError as exc:
            parsed.append(str(exc))
    table = {  # per distinct literal, then one lookup a row
        "quota_low": [p.low if isinstance(p, Quota) else np.nan for p in parsed],
        "quota_high": [p.high if isinstance(p, Quota) else np.nan for p in parsed],
        "quota_low_open": [isinstance(p, Quota) and p.low_open for p in parsed],
        "quota_high_open": [isinstance(p, Quota) and p.high_open for p in parsed],
        "quota_reading": [p.reading if isinstance(p, Quota) else None for p in parsed],
        "quota_form": [p.form if isinstance(p, Quota) else "" for p in parsed],
    }
    s = s.assign(**{c: np.asarray(v, dtype=object if c in ("quota_reading", "quota_form") else None)[codes] for c, v in table.items()})
    ok_quota = s["quota_reading"].notna().to_numpy()
    for r in records(s[~ok_quota]):
        why = parsed[literals.get_loc(r["quota"])]
        problems.append(problem("UC006", r["file"], r["quota_line"], SAY.bad_quota(lang, rule=r["rule"], quota=r["quota"], why=why), r["article"],
                                key=f"stated:{r['rule']}:{r['quota']}"))
    s = s[ok_quota].reset_index(drop=True)

    # where the rule's quote and each quota stand in the seed (provenance, seed lines)
    qpos, lpos, sline = locate(s["seed"].tolist(), s["quote"], s["quota"])
    s = s.assign(quote_pos=qpos, quota_pos=lpos, seed_line=pd.array(sline, dtype="Int64"))

    # totals and unit counts: figures of the same article, by id
    figs = figures[["article", *_FIGURE_COLUMNS]].drop_duplicates(["article", "id"])
    totals = figs.rename(columns={c: f"total.{c}" for c in _FIGURE_COLUMNS})
    y = s.merge(totals, how="left", left_on=["article", "total"], right_on=["article", "total.id"])
    missing = y["total.id"].isna().to_numpy()
    for r in records(y[missing]):
        problems.append(problem("UC002", r["file"], r["total_line"], SAY.no_total(lang, rule=r["rule"], total=r["total"], article=r["article"]),
                                r["article"], key=f"stated:{r['rule']}:total:{r['total']}"))
    y = y[~missing].reset_index(drop=True)

    per_rule = s.drop_duplicates(["article", "rule"])[["article", "rule", "file", "units", "units_line"]]
    per_rule = per_rule[per_rule["units"].map(len) > 0]
    exploded = per_rule.explode("units").rename(columns={"units": "unit_id"})
    units = exploded.merge(figs.rename(columns={c: f"unit.{c}" for c in _FIGURE_COLUMNS}), how="left",
                           left_on=["article", "unit_id"], right_on=["article", "unit.id"])
    lost = units["unit.id"].isna().to_numpy()
    for r in records(units[lost]):
        problems.append(problem("UC002", r["file"], r["units_line"], SAY.no_unit(lang, rule=r["rule"], unit=r["unit_id"], article=r["article"]),
                                r["article"], key=f"stated:{r['rule']}:units:{r['unit_id']}"))
    # a rule whose unit count cannot be resolved is not checked on a part of it
    broken = set(zip(units.loc[lost, "article"], units.loc[lost, "rule"]))
    units = units[~units.set_index(["article", "rule"]).index.isin(broken)].drop(columns=["file", "units_line", "unit_id"]).reset_index(drop=True)
    if broken:
        y = y[~y.set_index(["article", "rule"]).index.isin(broken)].reset_index(drop=True)
    return Stated(y, units), problems


def whole_bounds(lo, hi, lo_open, hi_open) -> tuple[np.ndarray, np.ndarray]:
    """The least and greatest whole numbers in each interval (lo > hi where there is none).

    Bounds are widened by REL_TOL first (so 480 ÷ 10 computed as 47.99999… still holds 48),
    and an open end at a whole number excludes it only when it is clearly one."""
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    tol_lo, tol_hi = tolerance(lo), tolerance(hi)
    with np.errstate(invalid="ignore"):
        lo_int = np.ceil(lo - tol_lo)
        hi_int = np.floor(hi + tol_hi)
        lo_whole = np.isfinite(lo) & (np.abs(lo - np.round(lo)) <= tol_lo)
        hi_whole = np.isfinite(hi) & (np.abs(hi - np.round(hi)) <= tol_hi)
    lo_int = np.where(np.asarray(lo_open, bool) & lo_whole, np.round(lo) + 1, lo_int)
    hi_int = np.where(np.asarray(hi_open, bool) & hi_whole, np.round(hi) - 1, hi_int)
    return lo_int, hi_int


def implied_units(y: pd.DataFrame) -> pd.DataFrame:
    """Per yield, the interval of units its total implies: total ÷ quota (both nonnegative)."""
    import pandas as pd

    t_lo, t_hi = y["total.q_low"].to_numpy(float), y["total.q_high"].to_numpy(float)
    q_lo, q_hi = y["quota_low"].to_numpy(float), y["quota_high"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        lo = np.maximum(t_lo, 0) / q_hi
        hi = np.where(q_lo > 0, t_hi / np.where(q_lo > 0, q_lo, 1), math.inf)
    return pd.DataFrame({
        "article": y["article"].to_numpy(), "rule": y["rule"].to_numpy(), "lo": lo, "hi": hi,
        "lo_open": y["total.q_low_open"].to_numpy(bool) | y["quota_high_open"].to_numpy(bool),
        "hi_open": y["total.q_high_open"].to_numpy(bool) | y["quota_low_open"].to_numpy(bool),
    })


def unit_factors(u: pd.DataFrame) -> pd.DataFrame:
    """Each unit figure's interval as whole numbers where it holds some (units are counted: 3年 is
    3 years, not [2.5, 3.5)); a figure whose interval holds no whole number keeps its interval."""
    import pandas as pd

    lo = np.maximum(u["unit.q_low"].to_numpy(float), 0)
    hi = u["unit.q_high"].to_numpy(float)
    lo_open, hi_open = u["unit.q_low_open"].to_numpy(bool), u["unit.q_high_open"].to_numpy(bool)
    lo_int, hi_int = whole_bounds(lo, hi, lo_open, hi_open)
    whole = lo_int <= hi_int
    return pd.DataFrame({
        "article": u["article"].to_numpy(), "rule": u["rule"].to_numpy(),
        "lo": np.where(whole, lo_int, lo), "hi": np.where(whole, hi_int, hi),
        "lo_open": lo_open & ~whole, "hi_open": hi_open & ~whole, "whole": whole,
    }, index=u.index)


def counted_units(u: pd.DataFrame) -> pd.DataFrame:
    """Per rule, the interval of units its unit-count figures give: the product of their whole
    counts (nonnegative)."""
    import pandas as pd

    if not len(u):
        return pd.DataFrame(columns=["article", "rule", "lo", "hi", "lo_open", "hi_open"])
    g = unit_factors(u).groupby(["article", "rule"], sort=False)
    return g.agg(lo=("lo", "prod"), hi=("hi", "prod"), lo_open=("lo_open", "any"), hi_open=("hi_open", "any")).reset_index()


@register
class QuotaRule(RuleKind):
    kind = "quota"
    doc = "Checks the curated stated_rules: every total ÷ its quota, and the unit figures' product, must share one whole number of units."
    options = {}

    def scope(self, figures, selected):
        return selected  # article-local: a stated rule's totals are figures of its article

    @classmethod
    def prepare(cls, ctx):
        ctx.resolved[cls.kind], problems = resolve(ctx.corpus.stated, ctx.figures, ctx.vocab.ranks, ctx.locate, ctx.lang)
        return problems

    def check(self, ctx):
        import pandas as pd

        st = ctx.resolved.get(self.kind)
        self.checked = 0 if st is None else len(st.yields)
        if st is None or not len(st.yields):
            return []
        y, u = st.yields, st.units
        implied = implied_units(y)
        counted = counted_units(u)
        cons = pd.concat([c for c in (implied, counted) if len(c)], ignore_index=True)  # an empty part would change the dtypes
        lo_int, hi_int = whole_bounds(cons["lo"], cons["hi"], cons["lo_open"], cons["hi_open"])
        cons = cons.assign(lo_int=lo_int, hi_int=hi_int)
        g = cons.groupby(["article", "rule"], sort=False).agg(lo_int=("lo_int", "max"), hi_int=("hi_int", "min"))
        bad = g[g["lo_int"] > g["hi_int"]]
        if not len(bad):
            return []
        # messages for the violated rules only: their rows as plain records (one conversion for
        # all of them: a frame's to_dict per finding costs milliseconds), grouped by rule
        keys = bad.index
        pick = lambda frame: frame[pd.MultiIndex.from_frame(frame[["article", "rule"]]).isin(keys)]  # noqa: E731
        yb = pick(y)
        yb = yb.assign(**{f"n_{c}": implied.loc[yb.index, c].to_numpy() for c in ("lo", "hi", "lo_open", "hi_open")})
        y_by: dict = {}
        for r in records(yb):
            y_by.setdefault((r["article"], r["rule"]), []).append(r)
        u_by: dict = {}
        if len(u):
            ub = pick(u)
            wf = unit_factors(ub)
            for r in records(ub.assign(w_lo=wf["lo"], w_hi=wf["hi"], w_whole=wf["whole"])):
                u_by.setdefault((r["article"], r["rule"]), []).append(r)
        c_by = counted.set_index(["article", "rule"]).to_dict("index") if len(counted) else {}
        return [self._finding(ctx, y_by[key], u_by.get(key), c_by.get(key)) for key in keys]

    def _finding(self, ctx, ys: list[dict], us: list[dict] | None, counted: dict | None):
        first = ys[0]
        per = first["per"]
        parts, words = [], []  # each division on exact intervals; and in words, with units
        for rec in ys:
            q = (format_number(rec["quota_low"]) if rec["quota_low"] == rec["quota_high"]
                 else format_interval(rec["quota_low"], rec["quota_high"], rec["quota_low_open"], rec["quota_high_open"]))
            form = rec.get("quota_form") or ""
            reading = ctx.say(SAY.reading, reading=ctx.say(READING.entries[form], n=q)) if form else ""
            n = format_interval(rec["n_lo"], rec["n_hi"], rec["n_lo_open"], rec["n_hi_open"])
            parts.append(ctx.say(SAY.division, quota=rec["quota"], reading=reading, per=per, id=rec["total"], value=rec["total.value"],
                                 interval=row_interval(rec, prefix="total."), q=q, n=n))
            computed = approx(rec["n_lo"], rec["n_hi"], per)
            words.append(ctx.say(SAY.divided_place, total=rec["total.value"], n=q, literal=rec["quota"], computed=computed) if form
                         else ctx.say(SAY.divided, total=rec["total.value"], quota=rec["quota"], computed=computed))
        if us:
            factors = " × ".join(
                f"{r['unit.id']} = {r['unit.value']} {row_interval(r, prefix='unit.')}"
                + (f" → {_whole_range(r['w_lo'], r['w_hi'])}" if r["w_whole"] and _tightened(r) else "")
                for r in us
            )
            total = (_whole_range(counted["lo"], counted["hi"]) if counted["lo"] == counted["hi"]
                     else format_interval(counted["lo"], counted["hi"], counted["lo_open"], counted["hi_open"]))
            parts.append(ctx.say(SAY.counted_exact, factors=factors, n=total, per=per))
            n = f"= {_whole_range(counted['lo'], counted['hi'])} {per}" if all(r["w_whole"] for r in us) else approx(counted["lo"], counted["hi"], per)
            words.append(ctx.say(SAY.counted, factors=" × ".join(str(r["unit.value"]) for r in us), n=n))
        sep = ctx.say(SAY.sep)
        msg = ctx.say(SAY.detail, head=ctx.headline(self.rule), rule=first["rule"], words=ctx.say(SAY.none_fits, items=sep.join(words), per=per),
                      exact=sep.join(parts))
        rows = [{
            "article": first["article"], "file": first["file"], "line": first["rule_line"], "column": first["rule_column"],
            "id": first["rule"], "value": "、".join(r["quota"] for r in ys), "quote": first["quote"], "seed_line": first["seed_line"],
            "q_low": np.nan, "q_high": np.nan, "q_low_open": False, "q_high_open": False,
        }]
        for prefix, group in (("total.", ys), ("unit.", us or [])):
            for r in group:
                rows.append({"article": first["article"], "file": first["file"], "line": r[f"{prefix}line"], "column": 1,
                             **{c: r[f"{prefix}{c}"] for c in REF}})
        return ctx.finding(self.rule, rows, msg, key=f"stated:{first['rule']}")


def _whole_range(lo: float, hi: float) -> str:
    return format_number(lo) if lo == hi else f"{format_number(lo)}–{format_number(hi)}"


def _tightened(r: dict) -> bool:
    """Whether reading a unit figure as whole numbers changed its interval (3年 [2.5, 3.5) → 3)."""
    return bool(r["unit.q_low_open"] or r["unit.q_high_open"] or r["unit.q_low"] != r["w_lo"] or r["unit.q_high"] != r["w_hi"])
