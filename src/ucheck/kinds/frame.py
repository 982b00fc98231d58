"""The common ground of rule kinds: the :class:`Context` a rule checks, and frame helpers.

A Context holds the corpus's figures enriched once per run (``ucheck.check.context.build``) and
what each kind resolved from the curated references (``resolved``, see ``RuleKind.prepare``).
The helpers turn rows into findings, join figures without cartesian blow-up, and read a frame's
interval columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ucheck.finding import FigureRef, Finding
from ucheck.i18n import Phrase, join, phrases
from ucheck.kinds.columns import REF as _REF_COLUMNS
from ucheck.kinds.columns import INCREMENT_KINDS, UNIT_CLASSES, records
from ucheck.load.seeds import locate, normalised_column
from ucheck.numbers.intervals import IntervalArray, format_interval
from ucheck.numbers.periods import WHOLE_YEAR_NORM, WHOLE_YEAR_PRINTED


@dataclass
class Context:
    corpus: Any  # ucheck.load.corpus.Corpus
    vocab: Any  # ucheck.ruleset.Vocabulary
    figures: pd.DataFrame
    resolved: dict[str, Any] = field(default_factory=dict)  # kind → what its prepare() resolved
    lang: str = "en"  # the language of the messages (ucheck.i18n)
    # The articles whose findings this run reports (``ucheck check FILE``), when the figures include
    # others only to compute over the corpus; None: every article's. A kind that builds findings about
    # many figures at once may skip the others' (the engine would drop them).
    reported: frozenset | None = None
    # What the rule computed over the figures it only counts, in place of their rows (RuleKind.digest).
    digest: Any = None
    _distinct: dict = field(default_factory=dict, repr=False)

    def say(self, phrase, /, **values) -> str:
        """A phrase of ucheck.i18n in the language of the run."""
        return phrase(self.lang, **values)

    def label(self, metric: str) -> str:
        """A metric by its label in the language of the run (its id only when it has no label)."""
        from ucheck.i18n import metric_label

        return metric_label(self.vocab.metrics, metric, self.lang)

    def headline(self, rule) -> str:
        """What a finding of ``rule`` says first, in the language of the run."""
        return rule.headline(self.lang)

    def locate(self, seeds: list, quotes: pd.Series, literals: pd.Series) -> tuple[list, list, list]:
        """(quote position, literal position, seed line) of records that quote the seeds, as for figures."""
        return locate(self.corpus.seeds, seeds, normalised_column(quotes), normalised_column(literals))

    def distinct(self, column: str) -> tuple[np.ndarray, list]:
        """(codes, values) of a column of the figures: ``values[codes[i]]`` is row i's value and a
        missing one has code -1. Computed once per run, so a rule that tests each literal (a regular
        expression) tests each *distinct* literal once — a third of them on an archive."""
        got = self._distinct.get(column)
        if got is None:
            codes, uniq = pd.factorize(self.figures[column].astype(object))
            got = self._distinct[column] = (codes, uniq.tolist())
        return got

    def mask_of(self, column: str, test) -> pd.Series:
        """A boolean Series over the figures: ``test(value)`` of each distinct non-missing value."""
        codes, values = self.distinct(column)
        hit = np.fromiter((bool(test(v)) for v in values), dtype=bool, count=len(values))
        return pd.Series(np.append(hit, False)[codes], index=self.figures.index)

    def finding(self, rule, rows: pd.DataFrame | list[dict] | None, message: str, *, article=None, file=None, line=None, column=1, key="") -> Finding:
        """A finding of ``rule`` located at the first of ``rows`` (the figures involved): a frame,
        or a list of records (``records(frame)``: the cheapest per finding)."""
        refs: list[FigureRef] = []
        if rows is not None and len(rows):
            cols = _columns(rows, ("article", "file", "line", "column"))
            article = article if article is not None else cols["article"][0]
            file = file or cols["file"][0]
            line = line or int(cols["line"][0])
            if cols.get("column") is not None and not _isna(cols["column"][0]):
                column = int(cols["column"][0])
            refs = figure_refs(rows)
        return Finding(rule.code, rule.name, rule.severity, article, file, int(line or 1), message, column=column, figures=refs, key=key)




def _columns(rows: pd.DataFrame, names) -> dict:
    """Plain lists of some columns of a (small) frame: far cheaper than rows.iloc / itertuples
    (a finding costs microseconds, not a millisecond: an archive has tens of thousands)."""
    if isinstance(rows, list):  # records
        return {c: ([r.get(c) for r in rows] if any(c in r for r in rows) else None) for c in names}
    out = {}
    cols = rows.columns
    for c in names:
        if c not in cols:
            out[c] = None
            continue
        loc = cols.get_loc(c)
        try:
            arr = rows._get_column_array(loc) if isinstance(loc, int) else rows[c].to_numpy()
        except AttributeError:  # pragma: no cover - a pandas without the accessor
            arr = rows[c].to_numpy()
        out[c] = arr.tolist()
    return out


def _isna(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def figure_refs(rows: pd.DataFrame) -> list[FigureRef]:
    c = _columns(rows, _REF_COLUMNS)
    out = []
    for i in range(len(rows)):
        lo = c["q_low"][i]
        interval = None
        if not _isna(lo):
            interval = format_interval(lo, c["q_high"][i], bool(c["q_low_open"][i]), bool(c["q_high_open"][i]))
        sl = c["seed_line"][i] if c["seed_line"] is not None else None
        seed_line = None if _isna(sl) else int(sl)
        out.append(FigureRef(_shown(c["id"][i]), _shown(c["value"][i]), _shown(c["quote"][i]), seed_line, interval))
    return out


def _shown(v) -> str:
    """A text of a figure as a finding shows it: "" where the curator gave none (not 'nan')."""
    return "" if _isna(v) else str(v)


def figure_columns(f: pd.DataFrame):
    """``column(name)``: a column of ``f`` as an array, read once — to gather the columns of joined
    rows by their positions in ``f`` (joins run on narrow frames of keys and positions)."""
    got: dict = {}

    def column(name: str) -> np.ndarray:
        if name not in got:
            got[name] = f[name].to_numpy()
        return got[name]

    return column


MAX_COMBINATIONS = 10_000


def bounded_merge(left: pd.DataFrame, right: pd.DataFrame, cap: int = MAX_COMBINATIONS, **merge) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``left.merge(right, how="inner", **merge)`` without the *crowded* groups — rows sharing the
    join keys whose combinations (left rows × right rows) exceed ``cap``.

    A join on shared keys is a cartesian product within each group: 3,000 patents figures and 3,000
    benefit figures of one subject and period would make nine million tuples (and as many
    findings). Counting each side's groups first keeps the work linear: every group of at most
    ``cap`` combinations is joined as before; the others come back apart, one row per group (its
    first left row, with ``n_left`` and ``n_right``), for the rule to report as not checked.
    """
    lk = list(merge.get("left_on") or merge["on"])
    rk = list(merge.get("right_on") or merge["on"])
    if not len(left) or not len(right):
        return left.merge(right, **merge), left.iloc[:0].assign(n_left=0, n_right=0)
    lg, rg = _group_ids(left, right, lk, rk)
    groups = int(max(lg.max(initial=-1), rg.max(initial=-1))) + 1
    n_left = np.bincount(lg, minlength=groups)
    n_right = np.bincount(rg, minlength=groups)
    crowded = n_left.astype(np.int64) * n_right > cap
    if not crowded.any():
        return left.merge(right, **merge), left.iloc[:0].assign(n_left=0, n_right=0)
    lflag, rflag = crowded[lg], crowded[rg]
    first = np.flatnonzero(lflag)
    first = np.sort(first[np.unique(lg[first], return_index=True)[1]])  # the first left row of each crowded group
    report = left.iloc[first].assign(n_left=n_left[lg[first]], n_right=n_right[lg[first]])
    return left[~lflag].merge(right[~rflag], **merge), report


def _group_ids(left: pd.DataFrame, right: pd.DataFrame, lk: list, rk: list) -> tuple[np.ndarray, np.ndarray]:
    """One integer per row of each side: equal exactly when the join keys are (missing = missing,
    as in a merge)."""
    n = len(left)
    gid = np.zeros(n + len(right), dtype=np.int64)
    for a, b in zip(lk, rk):
        col = pd.concat([left[a], right[b]], ignore_index=True)
        codes, uniq = pd.factorize(col, use_na_sentinel=False)
        gid, _ = pd.factorize(gid * (len(uniq) + 1) + codes)
    return gid[:n], gid[n:]


CROWDED = phrases(
    __name__,
    crowded=("{head} — not checked: {n} × {m} figures ({what}) share {shared}: {combinations} combinations, more than {cap}; "
             "give the figures distinct subjects or periods",
             "{head}——未检查：{n} × {m} 个数字（{what}）的{shared}相同，共 {combinations} 种组合，超过 {cap}；请为这些数字区分对象或时期"),
    shared=("{key}={value}", "{key}={value}"),
)
# the join keys a crowded group shares, as a reader knows them (English: the column, as before)
KEY_NAMES = phrases(
    __name__ + ".keys",
    metric=("metric", "指标"), unit=("unit", "单位"), article=("article", "文章"), region=("region", "地区"),
    subject=("subject", "对象"), period_key=("period_key", "时期"), organisation=("organisation", "组织"),
    base_key=("base_key", "基期"), ancestor=("ancestor", "上级地区"),
)


def crowded_findings(ctx: "Context", rule, report: pd.DataFrame, keys: list[str], what, prefix: str = "") -> list[Finding]:
    """One finding per group that :func:`bounded_merge` left out, at the group's first figure
    (whose columns are ``prefix`` + name in ``report``). ``what`` the figures are: a phrase, or the
    metric ids of the join ("a, b" or a list: named by their labels), or a text."""
    out = []
    cols = ("article", "file", "line", "column", *_REF_COLUMNS)
    if isinstance(what, Phrase):
        what = ctx.say(what)
    else:
        ids = what.split(", ") if isinstance(what, str) else list(what)
        what = join(ctx.lang, map(ctx.label, ids)) if all(i in ctx.vocab.metrics for i in ids) else ", ".join(ids)
    head = rule.text("summary", ctx.lang)
    if ctx.lang == "zh":
        head = head.rstrip("。")  # as Context.headline: the —— that follows would double it
    for rec in records(report):
        values = {k: "" if _isna(rec.get(k)) else rec.get(k) for k in keys}
        shared = ", ".join(f"{k}={v}" for k, v in values.items())  # the key: the same in every language
        named = join(ctx.lang, (ctx.say(CROWDED.shared, key=ctx.say(getattr(KEY_NAMES, k)) if k in KEY_NAMES.entries else k,
                                        value=ctx.label(v) if k == "metric" and v != "" else v) for k, v in values.items()))
        n, m = int(rec["n_left"]), int(rec["n_right"])
        msg = ctx.say(CROWDED.crowded, head=head, n=n, m=m, what=what, shared=named, combinations=f"{n * m:,}", cap=f"{MAX_COMBINATIONS:,}")
        row = pd.DataFrame([{c: rec.get(prefix + c) for c in cols}])
        out.append(ctx.finding(rule, row, msg, key=f"crowded:{shared}"))
    return out


def intervals_of(frame: pd.DataFrame, prefix: str = "") -> IntervalArray:
    g = lambda c: frame[prefix + c].to_numpy()
    return IntervalArray(
        g("q_low").astype(float), g("q_high").astype(float), g("q_value").astype(float),
        g("q_low_open").astype(bool), g("q_high_open").astype(bool),
    )


def unprinted_increment(f: pd.DataFrame) -> pd.Series:
    """Whether each figure is the increment against a base of a part of a whole whose amount is not
    printed (6个税种实现增长，合计增收2.5亿元): a count or amount with ``within``, ``breakdown`` and
    ``base`` and no ``of`` (the links kind sums them, the parts kind counts them in their breakdown)."""
    return (f["metric_kind"].isin(INCREMENT_KINDS) & f["of"].isna() & f["within"].notna() & f["base"].notna()
            & f["breakdown"].notna())


def breakdown_modes(whole_parts, breakdowns) -> np.ndarray:
    """How each part's siblings relate: the whole's one mode, or its mode for the part's breakdown
    (None: the parts may overlap, or the breakdown has no mode). Looked up once per distinct pair."""
    import pandas as pd

    pairs = pd.Series(list(zip(whole_parts.tolist(), breakdowns.tolist())), dtype=object)
    codes, uniq = pd.factorize(pairs)
    table = []
    for mode, split in uniq.tolist():
        if isinstance(mode, tuple):
            mode = dict(mode).get(split) if isinstance(split, str) else None
        table.append(mode if isinstance(mode, str) else None)
    return np.asarray(table + [None], dtype=object)[codes]


def unit_class(units: pd.Series) -> np.ndarray:
    """Each measure word's class (人, 名 and 位 are persons; 家, 个, 所 and 座 organisations), else itself;
    "" where none is printed."""
    u = units.fillna("").astype(object)
    return u.map(UNIT_CLASSES).fillna(u).to_numpy(object)


# -- bases of changes (the figures' base_key; ucheck.check.context.enrich) -----------------------

def base_keys(base: pd.Series, bases: dict[str, str]) -> pd.Series:
    """The base of each change as its key (the vocabulary's ``bases``: 同比 → 同期), else as printed
    without white space and without a leading comparative 比 or 较; "" where none is given. Once per
    distinct base."""
    codes, uniq = pd.factorize(base.astype(object))
    keys = []
    for b in uniq.tolist():
        text = "".join(str(b).split())
        if text not in bases and text[:1] in ("比", "较") and len(text) > 1:
            text = text[1:]  # 比5年前, 较上年 are against 5年前, 上年: the comparative is not part of the base
        keys.append(bases.get(text, text))
    return pd.Series(np.asarray(keys + [""], dtype=object)[codes], index=base.index)


def same_for_a_year(keys: pd.Series, f: pd.DataFrame) -> pd.Series:
    """For a figure of a whole year, 比上年 and 同比 are one base (the same months of last year are
    last year): key 上年 becomes 同期. For part of a year they differ (增速比上年回落: against last year's
    whole-year rate), and so do their keys."""
    last_year = (keys == "上年").to_numpy()
    if not last_year.any():
        return keys
    norm = f["period_norm"].fillna("").astype(str)
    printed = f["period"].fillna("").astype(str)
    whole = norm.str.match(WHOLE_YEAR_NORM) | ((norm == "") & printed.str.match(WHOLE_YEAR_PRINTED))  # as periods.whole_year
    return keys.where(~(last_year & whole.to_numpy()), "同期")
