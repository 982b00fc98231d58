"""``ucheck coverage``: how many numeric mentions of each seed are curated or ignored with a reason.

A mention (see ``ucheck.numbers.mentions``) is covered when the literal of a curated figure, of a quota of a
stated rule or of an ``ignored`` entry, located inside its quote inside the seed, overlaps it. A quote that occurs twice
(a duplicated paragraph) covers both places. Dates, times and ordinals are recognised by the
extractor and count as ignored with its reason.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

import numpy as np

from ucheck.load.corpus import Corpus
from ucheck.load.seeds import normalise_text


@dataclass
class SeedCoverage:
    seed: str
    articles: list[str]
    mentions: int = 0
    curated: int = 0
    ignored: int = 0
    auto_ignored: int = 0
    uncovered: list[dict] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 if self.mentions == 0 else 100.0 * (self.mentions - len(self.uncovered)) / self.mentions

    def to_dict(self) -> dict:
        return {"seed": self.seed, "articles": self.articles, "mentions": self.mentions, "curated": self.curated,
                "ignored": self.ignored, "auto_ignored": self.auto_ignored, "coverage_percent": round(self.percent, 2),
                "uncovered": self.uncovered}


def _spans(seed, values, quotes) -> np.ndarray:
    """Original-text spans [start, end) of each literal inside every occurrence of its quote."""
    spans = []
    for value, quote in zip(values, quotes):
        if not isinstance(value, str) or not isinstance(quote, str):
            continue
        q, v = normalise_text(quote), normalise_text(value)
        off = q.find(v)
        if not q or off < 0:
            continue
        pos = seed.norm.find(q)
        while pos >= 0:
            a = pos + off
            b = a + len(v) - 1
            spans.append((int(seed.norm_index[a]), int(seed.norm_index[b]) + 1))
            pos = seed.norm.find(q, pos + 1)
    return np.asarray(spans, dtype=np.int64).reshape(-1, 2)


def _overlapping(starts: np.ndarray, ends: np.ndarray, spans: np.ndarray) -> np.ndarray:
    """Whether each [start, end) overlaps some span (spans merged, then binary search)."""
    if not len(spans) or not len(starts):
        return np.zeros(len(starts), bool)
    order = np.argsort(spans[:, 0])
    s, e = spans[order, 0], np.maximum.accumulate(spans[order, 1])
    i = np.searchsorted(s, ends, side="left") - 1  # last span starting before the mention ends
    ok = i >= 0
    return ok & (e[np.clip(i, 0, None)] > starts)


def compute(corpus: Corpus) -> list[SeedCoverage]:
    from ucheck.numbers.mentions import find_mentions

    out = []
    for seed_key, seed in sorted(corpus.seeds.items()):
        arts = corpus.articles[corpus.articles["seed"] == seed_key]["article"].tolist()
        figs = corpus.figures[corpus.figures["seed"] == seed_key]
        ign = corpus.ignored[corpus.ignored["seed"] == seed_key] if len(corpus.ignored) else corpus.ignored
        mentions = find_mentions(seed.text)
        figure_mentions = [m for m in mentions if m.kind == "figure"]
        cov = SeedCoverage(seed_key, arts, auto_ignored=len(mentions) - len(figure_mentions))
        cov.mentions = len(figure_mentions)
        starts = np.asarray([m.start for m in figure_mentions], dtype=np.int64)
        ends = np.asarray([m.end for m in figure_mentions], dtype=np.int64)
        st = corpus.stated[corpus.stated["seed"] == seed_key]  # a stated rule's quota is curated too
        spans = np.concatenate([_spans(seed, figs["value"], figs["quote"]), _spans(seed, st["quota"], st["quote"])])
        by_fig = _overlapping(starts, ends, spans)
        by_ign = _overlapping(starts, ends, _spans(seed, ign["value"], ign["quote"])) if len(ign) else np.zeros(len(starts), bool)
        cov.curated = int(by_fig.sum())
        cov.ignored = int((by_ign & ~by_fig).sum())
        for m, ok in zip(figure_mentions, by_fig | by_ign):
            if not ok:
                context = seed.text[max(0, m.start - 12): m.end + 12].replace("\n", " ")
                cov.uncovered.append({"line": m.line, "column": m.column, "literal": m.literal, "context": context})
        out.append(cov)
    return out


def coverage_report(corpus: Corpus, threshold: float | None, fmt: str, list_all: bool, stream=None) -> int:
    stream = stream or sys.stdout
    results = compute(corpus)
    for p in corpus.problems:
        print(f"{p.file}:{p.line}: {p.code} {p.message}", file=sys.stderr)
    if fmt == "json":
        stream.write(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2) + "\n")
    else:
        stream.write(f"{'seed':40s} {'mentions':>8s} {'curated':>8s} {'ignored':>8s} {'skipped':>7s} {'coverage':>9s}  articles\n")
        for r in results:
            stream.write(f"{r.seed:40s} {r.mentions:8d} {r.curated:8d} {r.ignored:8d} {r.auto_ignored:7d} {r.percent:8.1f}%  {', '.join(r.articles)}\n")
            shown = r.uncovered if list_all else r.uncovered[:10]
            for u in shown:
                stream.write(f"    {r.seed}:{u['line']}:{u['column']}: not curated or ignored: '{u['literal']}'  …{u['context']}…\n")
            if len(r.uncovered) > len(shown):
                stream.write(f"    … {len(r.uncovered) - len(shown)} more (use --list)\n")
        # what the columns count, so that an `ignored:` entry of a name (二十大) found under skipped is no surprise
        stream.write("mentions: numbers that may be figures; curated / ignored: those a figure's or an ignored entry's quote "
                     "holds; skipped: numbers that are no figures (dates, ordinals, names such as 二十大), not counted\n")
    if threshold is not None:
        low = [r for r in results if r.percent < threshold]
        if low:
            print(f"coverage below {threshold:g}% for: {', '.join(f'{r.seed} ({r.percent:.1f}%)' for r in low)}", file=sys.stderr)
            return 1
    return 0
