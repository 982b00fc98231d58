"""What rules see: the corpus's figures enriched with their metric's facts and seed positions.

Enrichment is done once per run: the metric vocabulary is merged in as a column join, the quote and
literal are located in the seed (``str.find`` on its normalised text) and each figure gets the seed
line of its literal — linear in the number of figures.

A run that reports the findings of some files only (``ucheck check FILE``: a :class:`Scope`) is
*focused* (:func:`focus`): each rule is checked on the figures its kind says it needs to find every
finding about the selected articles (``RuleKind.scope``) — the selected articles' own figures for a
kind whose joins include the article, the figures sharing a selected one's group keys for one that
joins across articles. Only the selected figures are located in their seeds; another figure that a
reported finding shows is located when it is reported. The findings located in the scope are those
of a full check restricted to it.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ucheck.finding import Finding
from ucheck.kinds import discover
from ucheck.kinds.base import KEY_COLUMNS, KeyFrame, _codes
from ucheck.kinds.frame import Context, base_keys, same_for_a_year
from ucheck.load.corpus import Corpus
from ucheck.load.seeds import locate, normalised_column
from ucheck.numbers.intervals import format_number
from ucheck.numbers.periods import YEAR_SPAN
from ucheck.ruleset import Vocabulary


LATEST_GAP = 2  # UC424: years after the last national figure of the table that are judged against it


def _national(f: pd.DataFrame, vocab: Vocabulary) -> None:
    """Columns for UC424, for figures of a metric with ``national`` figures and of one year or months
    of it: ``national_low`` and ``national_high`` (the national figure of the year, times the months
    ÷ 12 of the figure's span, times the metric's range), ``national_text`` (the national figure with
    its year and source), ``national_span_text`` (the part of it for fewer than 12 months),
    ``national_range_text`` and ``national_ratio_text`` (the figure ÷ the national one); NaN or
    empty for the others."""
    declared = {k: m["national"] for k, m in vocab.metrics.items() if m.get("national")}
    n = len(f)
    low, high = np.full(n, np.nan), np.full(n, np.nan)
    text, span_text, range_text, ratio_text = (np.full(n, None, dtype=object) for _ in range(4))
    rows = np.flatnonzero(f["metric"].isin(list(declared)).to_numpy()) if declared and n else np.array([], dtype=np.int64)
    if len(rows):
        some = f.iloc[rows]
        period = some["period_norm"].where(some["period_norm"].notna() & (some["period_norm"] != ""), some["period"]).fillna("")
        parts = period.astype(str).str.strip().str.extract(YEAR_SPAN)  # a year, or months of one year: 6 of 2016-01/2016-06
        one_year = parts["y"].notna()
        months_span = parts["y1"].notna() & (parts["y1"] == parts["y2"])
        year = pd.to_numeric(parts["y"].where(one_year, parts["y1"].where(months_span)), errors="coerce")
        m1, m2 = pd.to_numeric(parts["m1"], errors="coerce"), pd.to_numeric(parts["m2"], errors="coerce")
        months = np.where(one_year, 12.0, np.where(months_span & (m1 >= 1) & (m2 <= 12) & (m2 >= m1), m2 - m1 + 1, np.nan))
        subject = some["subject"].fillna("").astype(str)
        for metric, nat in declared.items():  # one pass per declared table of a metric, not per figure
            of_metric = (some["metric"] == metric).to_numpy() & ~np.isnan(months) & year.notna().to_numpy()
            rest = of_metric.copy()
            mo = months if nat.get("accrues", True) else np.where(np.isnan(months), np.nan, 12.0)  # a level at a date: the year's
            for table in nat.get("groups", ()):  # residents with national figures of their own: urban, rural
                words = "|".join(re.escape(w) for w in table["subjects"])
                mine = rest & subject.str.contains(words, regex=True).to_numpy()
                rest &= ~mine
                _national_rows(f, vocab, metric, table, rows[mine], year[mine], mo[mine], (low, high, text, span_text, range_text, ratio_text))
            _national_rows(f, vocab, metric, nat, rows[rest], year[rest], mo[rest], (low, high, text, span_text, range_text, ratio_text))
    f["national_low"], f["national_high"] = low, high
    f["national_text"], f["national_span_text"], f["national_range_text"], f["national_ratio_text"] = text, span_text, range_text, ratio_text


def _national_rows(f: pd.DataFrame, vocab: Vocabulary, metric: str, nat: dict, idx: np.ndarray, year: pd.Series,
                   months: np.ndarray, out: tuple) -> None:
    """UC424's columns for the figures ``idx`` of ``metric``, judged against one table of national
    figures (the metric's, or a group's of residents)."""
    low, high, text, span_text, range_text, ratio_text = out
    if not len(idx):
        return
    # a year's national figure is published in the January after: a year after the table's last (up
    # to LATEST_GAP years) takes the last one (a few per cent a year of growth beside a range of
    # several times)
    last = max(nat["values"])
    basis = year.where(~((year > last) & (year <= last + LATEST_GAP)), last)
    yearly = basis.map(nat["values"]).to_numpy(dtype=float)
    ok = ~np.isnan(yearly)
    idx, mo, yearly, yrs = idx[ok], months[ok], yearly[ok], basis[ok].astype(int).to_numpy()
    of_year = year[ok].astype(int).to_numpy()
    national = yearly * mo / 12
    lo_f, hi_f = nat["range"]
    low[idx], high[idx] = national * lo_f, national * hi_f
    point = f["q_value"].to_numpy(dtype=float)[idx]
    unit = (vocab.metrics[metric]["units"] or [""])[0]
    who = f"{nat['name']} " if nat.get("name") else ""  # a group's: national 城镇居民 33616元
    text[idx] = [f"{who}{v:.10g}{unit} ({y}{'' if y == fy else f', the latest published before {fy}'}, {nat['source']})"
                 for v, y, fy in zip(yearly, yrs, of_year)]
    span_text[idx] = ["" if m == 12 else f" × {int(m)}/12 = {round(v)}{unit}" for m, v in zip(mo, national)]
    range_text[idx] = f"{format_number(lo_f)}–{format_number(hi_f)}"
    ratio_text[idx] = [format_number(float(f"{p / v:.2g}")) if v > 0 and p == p else "?" for p, v in zip(point, national)]


def enrich(corpus: Corpus, vocab: Vocabulary, located: np.ndarray | None = None) -> pd.DataFrame:
    """The figures with their metric's facts, region level, and the positions of quote and literal.

    One pass of plain Python string search per figure (``str.find`` on the seed's normalised text)
    and one ``bisect`` for the line: linear in the number of figures, whatever their seeds. With
    ``located`` (a boolean array over the figures), only those are normalised and located; the
    others have no position (-1) and no seed line.
    """
    metrics = pd.DataFrame(
        [(name, m["kind"], tuple(m["units"]), m["additive"], m["nonnegative"]) for name, m in vocab.metrics.items()],
        columns=["metric", "metric_kind", "metric_units", "additive", "nonnegative"],
    )
    # the metric's facts as a left join would add them, without copying the corpus's columns (a
    # merge builds a new frame of every column: half the memory of the figures again, for a moment)
    f = corpus.figures.reset_index(drop=True)  # numbered 0 … n-1 as the join numbered them; no column copied
    at = pd.Index(metrics["metric"]).get_indexer(f["metric"])
    for c in ("metric_kind", "metric_units", "additive", "nonnegative"):
        f[c] = metrics[c].reindex(at).set_axis(f.index)
    from ucheck.kinds import figure_keys

    for k in figure_keys():  # a corpus read without a kind's keys has none of them
        if k.name not in f.columns:
            f[k.name] = None
    regions = vocab.regions_by_name()
    by_region, by_metric = _mapper(f["region"]), _mapper(f["metric"])
    f["region_level"] = by_region({k: v.get("level") for k, v in regions.items()})
    f["region_parent"] = by_region({k: v.get("parent") for k, v in regions.items()})
    pop = {k: v["population"] for k, v in regions.items() if "population" in v}
    f["region_population"] = by_region({k: p["value"] for k, p in pop.items()}).astype(float)
    ceiling = {k: m["per_resident_max"] for k, m in vocab.metrics.items() if m.get("per_resident_max") is not None}
    f["per_resident_max"] = by_metric(ceiling).astype(float)
    f["per_resident_max_text"] = by_metric({k: format_number(v) for k, v in ceiling.items()})
    floor = {k: m["per_resident_min"] for k, m in vocab.metrics.items() if m.get("per_resident_min") is not None}
    f["per_resident_min"] = by_metric(floor).astype(float)
    f["growth_max"] = by_metric({k: m["growth_max"] for k, m in vocab.metrics.items() if m.get("growth_max") is not None}).astype(float)
    f["region_population_text"] = by_region({k: f"{p['literal']} ({p['year']}, {p['source']})" for k, p in pop.items()})
    _national(f, vocab)
    f["base_key"] = same_for_a_year(base_keys(f["base"], vocab.bases), f)
    # Counts and money cannot be negative: an upper-bound figure (不到1200人) is [0, 1200).
    nonneg = f["nonnegative"].eq(True).to_numpy()  # a metric not in the vocabulary (NaN) is not known to be nonnegative
    f["q_low"] = np.where(nonneg & (f["q_low"] < 0), 0.0, f["q_low"])
    if located is None:
        quotes = normalised_column(f["quote"])
        values = normalised_column(f["value"])
        quote_pos, literal_pos, seed_line = locate(corpus.seeds, f["seed"].tolist(), quotes, values)
    else:
        at = np.flatnonzero(located)
        some = f.iloc[at]
        q, v = normalised_column(some["quote"]), normalised_column(some["value"])
        qp, lp, sl = locate(corpus.seeds, some["seed"].tolist(), q, v)
        quote_pos, literal_pos, seed_line = _spread(at, qp, len(f), -1), _spread(at, lp, len(f), -1), _spread(at, sl, len(f), None)
    f["quote_pos"] = np.asarray(quote_pos, dtype=np.int64)
    f["literal_pos"] = np.asarray(literal_pos, dtype=np.int64)
    f["seed_line"] = pd.array(seed_line, dtype="Int64")
    return f


def _mapper(column: pd.Series):
    """``column.map(mapping)`` for several mappings, each looked up once per distinct value (the
    regions and metrics of 500,000 figures are a few hundred)."""
    codes, uniq = pd.factorize(column.to_numpy(dtype=object))
    uniq = pd.Series(uniq, dtype=object)

    def mapped(mapping: dict) -> pd.Series:
        return pd.Series(uniq.map(mapping).array.take(codes, allow_fill=True), index=column.index)

    return mapped


def _spread(at: np.ndarray, values: list, n: int, fill) -> list:
    out = np.full(n, fill, dtype=object)
    out[at] = np.asarray(values, dtype=object) if len(values) else out[at]
    return out.tolist()


def build(corpus: Corpus, vocab: Vocabulary, lang: str = "en") -> tuple[Context, list[Finding]]:
    """What the rules of one run see, and the problems of the references between curated records
    (each kind resolves its own: see ``RuleKind.prepare``); messages in ``lang``."""
    ctx = Context(corpus, vocab, enrich(corpus, vocab), lang=lang)
    problems: list[Finding] = []
    for _name, kind in sorted(discover().items()):
        problems += kind.prepare(ctx)
    return ctx, problems


# -- a focused run: the findings of some files only ------------------------------------------------

class CorpusView:
    """What one context of a focused run sees of the corpus: what its figures need — their seeds,
    the articles of those seeds (a finding on a seed names them), the waivers of the articles
    concerned, their stated rules, the load problems located in the scope."""

    def __init__(self, corpus, figures: pd.DataFrame, articles: set, seeds: dict, waivers: pd.DataFrame, problems: list,
                 article_rows: pd.DataFrame | None = None):
        self.root, self.figures, self.seeds = corpus.root, figures, seeds
        self.articles = corpus.articles if article_rows is None else article_rows
        self.waivers, self.problems = waivers, problems
        self._corpus, self._of = corpus, articles
        self._stated = self._ignored = None

    @property
    def stated(self) -> pd.DataFrame:
        if self._stated is None:
            self._stated = _of_articles(self._corpus.stated, self._of)
        return self._stated

    @property
    def ignored(self) -> pd.DataFrame:
        if self._ignored is None:
            self._ignored = _of_articles(self._corpus.ignored, self._of)
        return self._ignored


class _Resolved(dict):
    """``Context.resolved`` of a rule checked apart from the selected figures: each kind's
    ``prepare`` runs on that context when the kind's resolution is first asked for (its problems
    are those of the selected figures' context, reported once)."""

    def __init__(self):
        super().__init__()
        self.ctx = None
        self._asked: set = set()

    def _fill(self, kind) -> None:
        if kind not in self._asked and not dict.__contains__(self, kind):
            self._asked.add(kind)
            cls = discover().get(kind)
            if cls is not None:
                cls.prepare(self.ctx)

    def __missing__(self, kind):
        self._fill(kind)
        if dict.__contains__(self, kind):
            return dict.__getitem__(self, kind)
        raise KeyError(kind)

    def get(self, kind, default=None):
        self._fill(kind)
        return dict.get(self, kind, default)

    def __contains__(self, kind) -> bool:
        self._fill(kind)
        return dict.__contains__(self, kind)


def key_frame(corpus, vocab: Vocabulary) -> KeyFrame:
    """Every figure of the corpus with the columns ``RuleKind.scope`` reads (KEY_COLUMNS and
    base_key), each read when a kind first asks for it."""
    if hasattr(corpus, "key_column"):  # read from the load cache: codes without decoding the values
        n, column, codes = corpus.n_figures, corpus.key_column, corpus.key_codes
    else:
        f = corpus.figures
        n, column, codes = len(f), (lambda name: f[name].reset_index(drop=True)), None

    def with_base_key(name):
        if name == "base_key":
            return base_keys(keys["base"].astype(object), vocab.bases).reset_index(drop=True)
        return column(name)

    def codes_of(name):
        if name == "base_key" and codes is not None and hasattr(corpus, "key_values"):
            # per distinct base: its key, without a column of every figure's base
            base = codes("base")
            distinct = np.unique(base)
            known = distinct[distinct >= 0]
            values = corpus.key_values("base", known.tolist())
            if values is not None:
                text = base_keys(pd.Series(values, dtype=object), vocab.bases).tolist()
                key_codes, _ = pd.factorize(pd.Series(text + [""], dtype=object))  # a missing base's key is ""
                table = np.full(int(distinct.max(initial=-1)) + 2, key_codes[-1], dtype=np.int64)
                table[known + 1] = key_codes[:-1]
                return table[base + 1]
        if name == "base_key" or codes is None:
            return _codes(keys[name])
        return codes(name)

    def numbers_of(name):
        if hasattr(corpus, "number_column"):
            return corpus.number_column(name)
        return corpus.figures[name].to_numpy(dtype=float)

    keys = KeyFrame(n, with_base_key, codes_of, numbers_of)
    return keys


def _either(masks, n: int) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    for m in masks:
        out |= m
    return out


def _of_articles(frame: pd.DataFrame, articles: set) -> pd.DataFrame:
    return frame[frame["article"].isin(list(articles))] if len(frame) else frame


class Focus:
    """A run that reports the findings located in a scope (engine.Scope): ``base``, the context of
    the selected articles' figures — the built-in checks, every kind's ``prepare``, the waivers
    and each rule whose scope they are — and ``contexts``, rule code → the context of a rule whose
    kind needs other figures too (see :func:`focus`)."""

    def __init__(self, corpus, base: Context, contexts: dict, problems: list, rows: pd.DataFrame, at: np.ndarray):
        self.corpus, self.base, self.contexts, self.problems = corpus, base, contexts, problems
        self._rows, self._at = rows, at

    def seed_lines(self, findings: list[Finding]) -> None:
        """Replace the placeholder seed line of each figure of another article shown by a reported
        finding with its line, its seed loaded (and checked, from the load cache) now."""
        from ucheck.load.seeds import normalise_text

        for fd in findings:
            for ref in fd.figures:
                if ref.seed_line is None or ref.seed_line >= -1:
                    continue
                i = -2 - ref.seed_line
                row = self._rows.iloc[i]
                if hasattr(self.corpus, "load_seeds"):
                    self.corpus.load_seeds({row["article"]})
                    row = self.corpus.figure_rows(self._at[i:i + 1]).iloc[0]  # its seed may have changed
                seed = row["seed"] if isinstance(row["seed"], str) else None
                quote = normalise_text(row["quote"]) if isinstance(row["quote"], str) else ""
                value = normalise_text(row["value"]) if isinstance(row["value"], str) else ""
                _, _, lines = locate(self.corpus.seeds, [seed], [quote], [value])
                ref.seed_line = None if lines[0] is None else int(lines[0])


def focus(corpus, vocab: Vocabulary, scope, rules: list, lang: str = "en") -> Focus:
    """Prepare a run that reports the findings located in ``scope`` (an engine.Scope), checking
    each rule of ``rules`` on the figures its kind's ``scope`` names for the selected ones.

    Only the selected articles' figures are located in their seeds (the others' seeds are not
    loaded): another figure has quote_pos and literal_pos -1 and a placeholder seed line, -2 - its
    row, which :meth:`Focus.seed_lines` replaces in the findings that are reported."""
    keys = key_frame(corpus, vocab)
    n = len(keys)
    arts = corpus.articles
    chosen = set(arts["article"][scope.mask(arts["file"])].tolist()) if len(arts) else set()
    if hasattr(corpus, "figures_in"):
        selected = corpus.figures_in(scope)
    else:
        file = keys["file"]
        selected = file.isin([f for f in pd.unique(file.to_numpy(dtype=object)) if isinstance(f, str) and scope.contains(f)]).to_numpy()
    masks: dict[str, np.ndarray] = {}
    union, shown = selected.copy(), selected.copy()
    narrow: dict[tuple, np.ndarray] = {}  # the scopes of the rules that read only some key columns of a thin figure
    wide = np.zeros(n, dtype=bool)  # and of those that read all of them
    digests: dict[str, object] = {}  # rule code → what it computed over the figures it only counts (RuleKind.digest)
    for rule in rules:
        rows = rule.impl.scope(keys, selected)
        rows = np.ones(n, dtype=bool) if rows is None else np.asarray(rows, dtype=bool)
        cited = np.asarray(rule.impl.cited(keys, selected, rows), dtype=bool) & rows
        digest = rule.impl.digest(keys, selected, rows)
        if digest is not None:  # the others are in the digest: the rule sees only what it may cite
            digests[rule.code], rows = digest, cited
        masks[rule.code] = rows
        union |= rows
        shown |= cited
        thin_keys = tuple(rule.impl.thin_keys())
        if set(KEY_COLUMNS) - set(thin_keys):
            narrow[thin_keys] = narrow[thin_keys] | rows if thin_keys in narrow else rows.copy()
        else:
            wide |= rows
    if hasattr(corpus, "load_seeds"):  # a corpus read from the load cache loads the seeds it is asked for
        corpus.load_seeds(chosen)
        arts = corpus.articles
    # the articles of the selected articles' seeds: any of them may acknowledge a finding on the seed
    seeds_of = set(arts["seed"][arts["article"].isin(list(chosen))].dropna()) if len(arts) else set()
    family = chosen | (set(arts["article"][arts["seed"].isin(list(seeds_of))]) if len(arts) else set())
    at = np.flatnonzero(union)
    # the figures no finding about the selected articles shows are read thin (RuleKind.cited), each
    # with the key columns some rule reads of it (RuleKind.thin_keys)
    keep = {c: (shown | wide | _either([m for k, m in narrow.items() if c in k], n))[at] for c in KEY_COLUMNS} if narrow else KEY_COLUMNS
    rows_u = corpus.figure_rows(at, thin=~shown[at], keep=keep) if hasattr(corpus, "figure_rows") else corpus.figures.iloc[at]
    sel_u = selected[at]
    whole = CorpusView(corpus, rows_u, set(), corpus.seeds, corpus.waivers, [])
    enriched = enrich(whole, vocab, located=sel_u)
    others = np.flatnonzero(~sel_u)
    if len(others):
        enriched.loc[others, "seed_line"] = -2 - others
    problems = corpus.problems_in(scope) if hasattr(corpus, "problems_in") else [p for p in corpus.problems if scope.contains(p.file)]
    waivers = _of_articles(corpus.waivers, family)
    view = CorpusView(corpus, rows_u[sel_u], chosen, {k: v for k, v in corpus.seeds.items() if k in seeds_of}, waivers, problems,
                      _of_articles(arts, family))
    base = Context(view, vocab, enriched[sel_u].reset_index(drop=True), lang=lang)
    prepared: list[Finding] = []
    for _name, kind in sorted(discover().items()):
        prepared += kind.prepare(base)
    contexts: dict[str, Context] = {}
    for rule in rules:
        m = masks[rule.code][at]
        digest = digests.get(rule.code)
        if digest is None and np.array_equal(m, sel_u):
            contexts[rule.code] = base
            continue
        of = set(pd.unique(rows_u["article"].to_numpy(dtype=object)[m]).tolist())
        resolved = _Resolved()
        ctx = Context(CorpusView(corpus, rows_u[m], of, corpus.seeds, waivers, []), vocab, enriched[m].reset_index(drop=True),
                      resolved=resolved, lang=lang, reported=frozenset(chosen), digest=digest)
        resolved.ctx = ctx
        contexts[rule.code] = ctx
    return Focus(corpus, base, contexts, prepared, rows_u, at)
