"""What rules see: the corpus's figures enriched with their metric's facts and seed positions.

Enrichment is done once per run: the metric vocabulary is merged in as a column join, the quote and
literal are located in the seed (``str.find`` on its normalised text) and each figure gets the seed
line of its literal — linear in the number of figures.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ucheck.corpus import Corpus, normalise_text
from ucheck.finding import FigureRef, Finding
from ucheck.intervals import IntervalArray, format_interval
from ucheck.rules.spec import Rule, Vocabulary

if TYPE_CHECKING:
    from ucheck.quotas import Stated


@dataclass
class Context:
    corpus: Corpus
    vocab: Vocabulary
    figures: pd.DataFrame
    stated: "Stated | None" = None  # the curated stated rules, resolved (ucheck.quotas)
    parts: pd.DataFrame | None = None  # each part_of figure joined to its whole (ucheck.parts)
    _distinct: dict = field(default_factory=dict, repr=False)

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

    def finding(self, rule: Rule, rows: pd.DataFrame | list[dict] | None, message: str, *, article=None, file=None, line=None, column=1, key="") -> Finding:
        """A finding of ``rule`` located at the first of ``rows`` (the figures involved): a frame,
        or a list of records (``frame.to_dict("records")``: the cheapest per finding)."""
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


_REF_COLUMNS = ("id", "value", "quote", "seed_line", "q_low", "q_high", "q_low_open", "q_high_open")


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
        out.append(FigureRef(str(c["id"][i]), str(c["value"][i]), str(c["quote"][i]), seed_line, interval))
    return out


def enrich(corpus: Corpus, vocab: Vocabulary) -> pd.DataFrame:
    """The figures with their metric's facts, region level, and the positions of quote and literal.

    One pass of plain Python string search per figure (``str.find`` on the seed's normalised text)
    and one ``bisect`` for the line: linear in the number of figures, whatever their seeds.
    """
    metrics = pd.DataFrame(
        [(name, m["kind"], tuple(m["units"]), m["additive"], m["nonnegative"]) for name, m in vocab.metrics.items()],
        columns=["metric", "metric_kind", "metric_units", "additive", "nonnegative"],
    )
    f = corpus.figures.merge(metrics, on="metric", how="left")
    regions = vocab.regions
    f["region_level"] = f["region"].map({k: v.get("level") for k, v in regions.items()})
    f["region_parent"] = f["region"].map({k: v.get("parent") for k, v in regions.items()})
    # Counts and money cannot be negative: an upper-bound figure (不到1200人) is [0, 1200).
    nonneg = f["nonnegative"].fillna(False).astype(bool)
    f["q_low"] = np.where(nonneg & (f["q_low"] < 0), 0.0, f["q_low"])
    quotes = _normalised(f["quote"])
    values = _normalised(f["value"])
    f["quote_norm"] = quotes
    f["value_norm"] = values
    quote_pos, literal_pos, seed_line = _locate(corpus, f["seed"].tolist(), quotes, values)
    f["quote_pos"] = np.asarray(quote_pos, dtype=np.int64)
    f["literal_pos"] = np.asarray(literal_pos, dtype=np.int64)
    f["seed_line"] = pd.array(seed_line, dtype="Int64")
    return f


def _locate(corpus: Corpus, seeds: list, quotes: list[str], values: list[str]) -> tuple[list, list, list]:
    """(position of each normalised quote in its seed's normalised text, of the literal in the
    quote, seed line of the literal) — -1, -1, None where not found."""
    wanted = [k for k in dict.fromkeys(seeds) if k in corpus.seeds]  # the seeds asked about, once each
    norms = {k: corpus.seeds[k].norm for k in wanted}
    quote_pos = [norms[s].find(q) if s in norms else -1 for s, q in zip(seeds, quotes)]
    literal_pos = [q.find(v) for q, v in zip(quotes, values)]
    starts = {k: corpus.seeds[k].line_starts.tolist() for k in wanted if len(corpus.seeds[k].norm)}
    seed_line = [
        bisect.bisect_right(starts[s], qp + (lp if lp > 0 else 0)) if qp >= 0 and s in starts else None
        for s, qp, lp in zip(seeds, quote_pos, literal_pos)
    ]
    return quote_pos, literal_pos, seed_line


def build(corpus: Corpus, vocab: Vocabulary) -> tuple["Context", list[Finding]]:
    """What the rules of one run see, and the problems found while resolving the references between
    curated records: stated rules (a total that names no figure, a quota that cannot be read) and
    parts (a part_of that names no figure, a part counted unlike its whole)."""
    from ucheck.parts import resolve as resolve_parts
    from ucheck.quotas import resolve

    figures = enrich(corpus, vocab)
    locate = lambda seeds, quotes, literals: _locate(corpus, seeds, _normalised(quotes), _normalised(literals))
    stated, problems = resolve(corpus.stated, figures, vocab.ranks, locate)
    parts, part_problems = resolve_parts(figures)
    return Context(corpus, vocab, figures, stated=stated, parts=parts), problems + part_problems


def _normalised(col: pd.Series) -> list[str]:
    """normalise_text of each value ("" for a missing one), computed once per distinct value."""
    codes, uniq = pd.factorize(col.astype(object))
    norm = [normalise_text(str(u)) for u in uniq]
    return np.array(norm + [""], dtype=object)[codes].tolist()  # code -1 (missing): ""


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


def crowded_findings(ctx: "Context", rule: Rule, report: pd.DataFrame, keys: list[str], what: str, prefix: str = "") -> list[Finding]:
    """One finding per group that :func:`bounded_merge` left out, at the group's first figure
    (whose columns are ``prefix`` + name in ``report``)."""
    out = []
    cols = ("article", "file", "line", "column", *_REF_COLUMNS)
    for rec in report.to_dict("records"):
        shared = ", ".join(f"{k}={'' if _isna(rec.get(k)) else rec.get(k)}" for k in keys)
        n, m = int(rec["n_left"]), int(rec["n_right"])
        msg = (f"{rule.summary} — not checked: {n} × {m} figures ({what}) share {shared}: {n * m:,} combinations, "
               f"more than {MAX_COMBINATIONS:,}; give the figures distinct subjects or periods")
        row = pd.DataFrame([{c: rec.get(prefix + c) for c in cols}])
        out.append(ctx.finding(rule, row, msg, key=f"crowded:{shared}"))
    return out


def intervals_of(frame: pd.DataFrame, prefix: str = "") -> IntervalArray:
    g = lambda c: frame[prefix + c].to_numpy()
    return IntervalArray(
        g("q_low").astype(float), g("q_high").astype(float), g("q_value").astype(float),
        g("q_low_open").astype(bool), g("q_high_open").astype(bool),
    )
