"""What rules see: the corpus's figures enriched with their metric's facts and seed positions.

Enrichment is done once per run: the metric vocabulary is merged in as a column join, the quote and
literal are located in the seed (``str.find`` on its normalised text) and each figure gets the seed
line of its literal — linear in the number of figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ucheck.finding import Finding
from ucheck.kinds import discover
from ucheck.kinds.frame import Context
from ucheck.load.corpus import Corpus
from ucheck.load.seeds import locate, normalised_column
from ucheck.ruleset import Vocabulary


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
    from ucheck.kinds import figure_keys

    for k in figure_keys():  # a corpus read without a kind's keys has none of them
        if k.name not in f.columns:
            f[k.name] = None
    regions = vocab.regions
    f["region_level"] = f["region"].map({k: v.get("level") for k, v in regions.items()})
    f["region_parent"] = f["region"].map({k: v.get("parent") for k, v in regions.items()})
    pop = {k: v["population"] for k, v in regions.items() if "population" in v}
    f["region_population"] = f["region"].map({k: p["value"] for k, p in pop.items()}).astype(float)
    f["region_population_text"] = f["region"].map({k: f"{p['literal']} ({p['year']}, {p['source']})" for k, p in pop.items()})
    f["base_key"] = _base_keys(f["base"], vocab.bases)
    # Counts and money cannot be negative: an upper-bound figure (不到1200人) is [0, 1200).
    nonneg = f["nonnegative"].eq(True).to_numpy()  # a metric not in the vocabulary (NaN) is not known to be nonnegative
    f["q_low"] = np.where(nonneg & (f["q_low"] < 0), 0.0, f["q_low"])
    quotes = normalised_column(f["quote"])
    values = normalised_column(f["value"])
    f["quote_norm"] = quotes
    f["value_norm"] = values
    quote_pos, literal_pos, seed_line = locate(corpus.seeds, f["seed"].tolist(), quotes, values)
    f["quote_pos"] = np.asarray(quote_pos, dtype=np.int64)
    f["literal_pos"] = np.asarray(literal_pos, dtype=np.int64)
    f["seed_line"] = pd.array(seed_line, dtype="Int64")
    return f


def _base_keys(base: pd.Series, bases: dict[str, str]) -> pd.Series:
    """The base of each change as its key (the vocabulary's ``bases``: 同比 → 同期), else as printed
    without white space and without a leading 比; "" where none is given. Once per distinct base."""
    codes, uniq = pd.factorize(base.astype(object))
    keys = []
    for b in uniq.tolist():
        text = "".join(str(b).split())
        if text not in bases and text.startswith("比") and len(text) > 1:
            text = text[1:]  # 比5年前 is against 5年前: the comparative 比 is not part of the base
        keys.append(bases.get(text, text))
    return pd.Series(np.asarray(keys + [""], dtype=object)[codes], index=base.index)


def build(corpus: Corpus, vocab: Vocabulary, lang: str = "en") -> tuple[Context, list[Finding]]:
    """What the rules of one run see, and the problems of the references between curated records
    (each kind resolves its own: see ``RuleKind.prepare``); messages in ``lang``."""
    ctx = Context(corpus, vocab, enrich(corpus, vocab), lang=lang)
    problems: list[Finding] = []
    for _name, kind in sorted(discover().items()):
        problems += kind.prepare(ctx)
    return ctx, problems
