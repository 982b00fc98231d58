"""What rules see: the corpus's figures enriched with their metric's facts and seed positions.

Enrichment is done once per run, as column operations: the metric vocabulary is merged in, the
quote and literal are located in the seed with vectorised string search, and each figure gets the
seed line of its literal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ucheck.corpus import Corpus, normalise_text
from ucheck.finding import FigureRef, Finding
from ucheck.intervals import IntervalArray, format_interval
from ucheck.rules.spec import Rule, Vocabulary


@dataclass
class Context:
    corpus: Corpus
    vocab: Vocabulary
    figures: pd.DataFrame

    def finding(self, rule: Rule, rows: pd.DataFrame | None, message: str, *, article=None, file=None, line=None, column=1, key="") -> Finding:
        """A finding of ``rule`` located at the first of ``rows`` (the figures involved)."""
        refs: list[FigureRef] = []
        if rows is not None and len(rows):
            first = rows.iloc[0]
            article = article if article is not None else first["article"]
            file = file or first["file"]
            line = line or int(first["line"])
            column = int(first["column"]) if "column" in rows and pd.notna(first["column"]) else column
            refs = figure_refs(rows)
        return Finding(rule.code, rule.name, rule.severity, article, file, int(line or 1), message, column=column, figures=refs, key=key)


def figure_refs(rows: pd.DataFrame) -> list[FigureRef]:
    out = []
    for r in rows.itertuples(index=False):
        interval = None
        if not pd.isna(r.q_low):
            interval = format_interval(r.q_low, r.q_high, bool(r.q_low_open), bool(r.q_high_open))
        seed_line = None if pd.isna(r.seed_line) else int(r.seed_line)
        out.append(FigureRef(str(r.id), str(r.value), str(r.quote), seed_line, interval))
    return out


def enrich(corpus: Corpus, vocab: Vocabulary) -> pd.DataFrame:
    f = corpus.figures.copy()
    metrics = pd.DataFrame(
        [(name, m["kind"], tuple(m["units"]), m["additive"], m["nonnegative"]) for name, m in vocab.metrics.items()],
        columns=["metric", "metric_kind", "metric_units", "additive", "nonnegative"],
    )
    f = f.merge(metrics, on="metric", how="left")
    regions = vocab.regions
    f["region_level"] = f["region"].map(lambda r: regions.get(r, {}).get("level") if isinstance(r, str) else None)
    f["region_parent"] = f["region"].map(lambda r: regions.get(r, {}).get("parent") if isinstance(r, str) else None)
    # Counts and money cannot be negative: an upper-bound figure (不到1200人) is [0, 1200).
    nonneg = f["nonnegative"].fillna(False).astype(bool)
    f["q_low"] = np.where(nonneg & (f["q_low"] < 0), 0.0, f["q_low"])
    f["quote_norm"] = f["quote"].fillna("").map(normalise_text)
    f["value_norm"] = f["value"].fillna("").map(normalise_text)
    f["quote_pos"] = -1
    for seed_key, idx in f.groupby("seed", dropna=True).groups.items():
        seed = corpus.seeds.get(seed_key)
        if seed is None:
            continue
        quotes = f.loc[idx, "quote_norm"].to_numpy(dtype=str)
        f.loc[idx, "quote_pos"] = np.strings.find(seed.norm, quotes) if len(quotes) else []
    f["literal_pos"] = np.strings.find(f["quote_norm"].to_numpy(dtype=str), f["value_norm"].to_numpy(dtype=str)) if len(f) else []
    f["seed_line"] = pd.array([pd.NA] * len(f), dtype="Int64")
    for seed_key, idx in f.groupby("seed", dropna=True).groups.items():
        seed = corpus.seeds.get(seed_key)
        if seed is None or not len(seed.norm_line):
            continue
        pos = (f.loc[idx, "quote_pos"].to_numpy() + np.maximum(f.loc[idx, "literal_pos"].to_numpy(), 0)).astype(int)
        ok = f.loc[idx, "quote_pos"].to_numpy() >= 0
        lines = seed.norm_line[np.clip(pos, 0, len(seed.norm_line) - 1)]
        f.loc[idx, "seed_line"] = pd.array(np.where(ok, lines, -1), dtype="Int64")
        f.loc[f.index.isin(idx) & (f["seed_line"] == -1), "seed_line"] = pd.NA
    return f


def intervals_of(frame: pd.DataFrame, prefix: str = "") -> IntervalArray:
    g = lambda c: frame[prefix + c].to_numpy()
    return IntervalArray(
        g("q_low").astype(float), g("q_high").astype(float), g("q_value").astype(float),
        g("q_low_open").astype(bool), g("q_high_open").astype(bool),
    )
