"""Loading curated/*.yaml and seeds/ into frames, keeping every record's file and line.

The corpus is four frames — articles, figures, ignored mentions, waivers — plus the seed texts.
Problems met while loading (bad YAML, a missing seed, an unknown key) become findings; the other
files are still loaded. Literals are parsed once per distinct text, then joined back as columns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ucheck import yamlsafe
from ucheck.finding import Finding

ARTICLE_KEYS = {"id", "seed", "title", "subtitle", "region", "organisation", "authors", "source", "date", "period", "note"}
FIGURE_KEYS = {"id", "subject", "region", "organisation", "metric", "period", "period_norm", "value", "quote", "unit", "note"}
IGNORED_KEYS = {"value", "quote", "reason"}
WAIVER_KEYS = {"rule", "figures", "text", "reason"}
TOP_KEYS = {"article", "figures", "ignored", "waivers"}

FIGURE_COLUMNS = [
    "article", "file", "line", "column", "seed", "id", "subject", "region", "organisation", "metric", "period",
    "period_norm", "value", "quote", "unit_override", "note", "field_lines",
]

_WS = re.compile(r"\s+")


def normalise_text(s: str) -> str:
    """What provenance compares: NFKC (full-width → half-width) with all white space removed."""
    return _WS.sub("", unicodedata.normalize("NFKC", s))


@dataclass
class Seed:
    """A seed text and the map from its normalised form back to its lines."""

    path: str
    text: str
    norm: str
    norm_line: np.ndarray  # line (1-based) of each character of `norm`
    norm_index: np.ndarray  # offset in `text` of each character of `norm`

    @classmethod
    def from_text(cls, path: str, text: str) -> "Seed":
        chars: list[str] = []
        lines: list[int] = []
        index: list[int] = []
        line = 1
        # NFKC per character keeps the offset map exact (the seeds' compatibility forms are
        # single characters: full-width digits and punctuation).
        for i, ch in enumerate(text):
            if ch == "\n":
                line += 1
                continue
            if ch.isspace():
                continue
            n = unicodedata.normalize("NFKC", ch)
            n = _WS.sub("", n)
            chars.append(n)
            lines.extend([line] * len(n))
            index.extend([i] * len(n))
        return cls(path, text, "".join(chars), np.asarray(lines, dtype=np.int32), np.asarray(index, dtype=np.int64))

    def line_at(self, norm_offset: int) -> int | None:
        if norm_offset < 0 or norm_offset >= len(self.norm_line):
            return None
        return int(self.norm_line[norm_offset])


@dataclass
class Corpus:
    root: Path
    articles: pd.DataFrame
    figures: pd.DataFrame
    ignored: pd.DataFrame
    waivers: pd.DataFrame
    seeds: dict[str, Seed] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_corpus(paths: list[Path], root: Path, seeds_dir: Path | None = None) -> Corpus:
    """Load the curated files (files or directories of *.yaml / *.yml) under ``root``."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml"))))
        else:
            files.append(p)
    art_rows, fig_rows, ign_rows, waiver_rows = [], [], [], []
    problems: list[Finding] = []
    seeds: dict[str, Seed] = {}
    seen_articles: dict[str, str] = {}
    for f in files:
        rel = _rel(f, root)
        try:
            doc = yamlsafe.load(yamlsafe.decode(f.read_bytes()))
        except yamlsafe.YamlProblem as exc:
            problems.append(_problem("UC001", rel, exc.line, str(exc), column=exc.column))
            continue
        except OSError as exc:
            problems.append(_problem("UC001", rel, 1, f"cannot read file: {exc.strerror}"))
            continue
        _read_article(doc, rel, root, seeds_dir, art_rows, fig_rows, ign_rows, waiver_rows, problems, seeds, seen_articles)

    articles = pd.DataFrame(art_rows, columns=["article", "file", "line", "seed", "title", "region", "organisation", "date", "period"])
    figures = pd.DataFrame(fig_rows, columns=FIGURE_COLUMNS)
    ignored = pd.DataFrame(ign_rows, columns=["article", "file", "line", "seed", "value", "quote", "reason"])
    waivers = pd.DataFrame(waiver_rows, columns=["article", "file", "line", "rule", "figures", "text", "reason"])
    figures = attach_quantities(figures)
    return Corpus(root, articles, figures, ignored, waivers, seeds, problems)


def _problem(code: str, file: str, line: int, message: str, article: str | None = None, column: int = 1, key: str = "") -> Finding:
    from ucheck.rules.builtin import BUILTIN

    meta = BUILTIN[code]
    return Finding(code, meta.name, meta.severity, article, file, line, message, column=column, key=key or message)


def _text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, (dict, list)):
        return None
    return str(v)


def _read_article(doc, rel, root, seeds_dir, art_rows, fig_rows, ign_rows, waiver_rows, problems, seeds, seen_articles):
    if not isinstance(doc, dict):
        problems.append(_problem("UC002", rel, getattr(doc, "line", 1), "a curated file is a mapping with keys article, figures, ignored, waivers"))
        return
    for k in doc:
        if k not in TOP_KEYS:
            problems.append(_problem("UC007", rel, doc.line_of(k), f"unknown key {k!r} at top level (known: {', '.join(sorted(TOP_KEYS))})"))
    art = doc.get("article")
    if not isinstance(art, dict):
        problems.append(_problem("UC002", rel, doc.line_of("article") if "article" in doc else 1, "missing 'article' mapping"))
        return
    for k in art:
        if k not in ARTICLE_KEYS:
            problems.append(_problem("UC007", rel, art.line_of(k), f"unknown key {k!r} in article (known: {', '.join(sorted(ARTICLE_KEYS))})"))
    aid = _text(art.get("id"))
    if not aid:
        problems.append(_problem("UC002", rel, art.line, "article.id is required"))
        return
    if aid in seen_articles:
        problems.append(_problem("UC003", rel, art.line_of("id"), f"article id {aid!r} is already used by {seen_articles[aid]}", aid))
        return
    seen_articles[aid] = rel
    seed_rel = _text(art.get("seed"))
    seed_key = None
    if not seed_rel:
        problems.append(_problem("UC002", rel, art.line, "article.seed is required: the seed file this article was curated from", aid))
    else:
        seed_key = _load_seed(seed_rel, rel, art.line_of("seed"), root, seeds_dir, seeds, problems, aid)
    art_rows.append(
        {
            "article": aid, "file": rel, "line": art.line, "seed": seed_key,
            "title": _text(art.get("title")), "region": _text(art.get("region")),
            "organisation": _text(art.get("organisation")), "date": _text(art.get("date")), "period": _text(art.get("period")),
        }
    )
    for section, keys, rows in (("figures", FIGURE_KEYS, fig_rows), ("ignored", IGNORED_KEYS, ign_rows)):
        items = doc.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(_problem("UC002", rel, doc.line_of(section), f"'{section}' must be a list", aid))
            continue
        for item in items:
            if not isinstance(item, dict):
                problems.append(_problem("UC002", rel, getattr(items, "line", 1), f"each entry of '{section}' must be a mapping", aid))
                continue
            for k in item:
                if k not in keys:
                    problems.append(_problem("UC007", rel, item.line_of(k), f"unknown key {k!r} in {section} entry (known: {', '.join(sorted(keys))})", aid, key=f"{section}:{k}"))
            if section == "figures":
                rows.append(
                    {
                        "article": aid, "file": rel, "line": item.line, "column": item.column, "seed": seed_key,
                        "id": _text(item.get("id")), "subject": _text(item.get("subject")), "region": _text(item.get("region")),
                        "organisation": _text(item.get("organisation")), "metric": _text(item.get("metric")),
                        "period": _text(item.get("period")), "period_norm": _text(item.get("period_norm")),
                        "value": _text(item.get("value")), "quote": _text(item.get("quote")),
                        "unit_override": _text(item.get("unit")), "note": _text(item.get("note")),
                        "field_lines": {k: item.line_of(k) for k in item},
                    }
                )
            else:
                rows.append({"article": aid, "file": rel, "line": item.line, "seed": seed_key, "value": _text(item.get("value")), "quote": _text(item.get("quote")), "reason": _text(item.get("reason"))})
    waivers = doc.get("waivers")
    if waivers is not None:
        if not isinstance(waivers, list):
            problems.append(_problem("UC002", rel, doc.line_of("waivers"), "'waivers' must be a list", aid))
        else:
            for w in waivers:
                if not isinstance(w, dict):
                    problems.append(_problem("UC002", rel, waivers.line, "each waiver must be a mapping with rule, figures and reason", aid))
                    continue
                for k in w:
                    if k not in WAIVER_KEYS:
                        problems.append(_problem("UC007", rel, w.line_of(k), f"unknown key {k!r} in waiver (known: {', '.join(sorted(WAIVER_KEYS))})", aid))
                figs = w.get("figures")
                figs = [str(x) for x in figs] if isinstance(figs, list) else ([str(figs)] if figs else [])
                reason = _text(w.get("reason"))
                if not reason or not reason.strip():
                    problems.append(_problem("UC009", rel, w.line, "a waiver needs a reason: why the finding is acknowledged rather than fixed", aid, key=f"waiver:{w.get('rule')}:{figs}"))
                    continue
                if not _text(w.get("rule")):
                    problems.append(_problem("UC009", rel, w.line, "a waiver must name the rule code it acknowledges", aid, key=f"waiver:{figs}"))
                    continue
                text = _text(w.get("text"))
                if not figs and not text:
                    problems.append(_problem("UC009", rel, w.line, "a waiver must name the figures (figures: [...]) or, for a finding on the seed text, the text (text: ...)", aid, key=f"waiver:{w.get('rule')}"))
                    continue
                waiver_rows.append({"article": aid, "file": rel, "line": w.line, "rule": _text(w.get("rule")), "figures": tuple(sorted(figs)), "text": text, "reason": reason.strip()})


def _load_seed(seed_rel, rel, line, root, seeds_dir, seeds, problems, aid) -> str | None:
    base = root.resolve()
    candidate = (root / seed_rel).resolve()
    if seeds_dir is not None and not candidate.exists():
        alt = (seeds_dir / Path(seed_rel).name).resolve()
        if alt.exists():
            candidate = alt
    if candidate != base and base not in candidate.parents:
        problems.append(_problem("UC008", rel, line, f"seed {seed_rel!r} lies outside the repository: refused", aid))
        return None
    key = candidate.relative_to(base).as_posix()
    if key in seeds:
        return key
    try:
        text = yamlsafe.decode(candidate.read_bytes())
    except FileNotFoundError:
        problems.append(_problem("UC008", rel, line, f"seed file {seed_rel!r} does not exist", aid))
        return None
    except yamlsafe.YamlProblem as exc:
        problems.append(_problem("UC008", rel, line, f"seed file {seed_rel!r} is {exc} (its line {exc.line})", aid))
        return None
    except OSError as exc:
        problems.append(_problem("UC008", rel, line, f"seed file {seed_rel!r} cannot be read: {exc.strerror}", aid))
        return None
    seeds[key] = Seed.from_text(key, text)
    return key


QUANTITY_COLUMNS = ["q_value", "q_low", "q_high", "q_low_open", "q_high_open", "q_unit", "q_qualifier", "q_scale", "q_step", "q_kind", "q_numeral", "q_error"]


def attach_quantities(figures: pd.DataFrame) -> pd.DataFrame:
    """Parse each distinct literal once and join the interval columns onto the figures."""
    from ucheck.quantity import QuantityError, parse

    literals = pd.unique(figures["value"].dropna())
    recs = []
    for lit in literals:
        try:
            q = parse(lit)
            recs.append((lit, q.value, q.low, q.high, q.low_open, q.high_open, q.unit, q.qualifier, q.scale, q.step, q.kind, q.numeral, None))
        except QuantityError as exc:
            recs.append((lit, np.nan, np.nan, np.nan, False, False, None, None, np.nan, np.nan, None, None, str(exc)))
        except (OverflowError, ValueError) as exc:
            recs.append((lit, np.nan, np.nan, np.nan, False, False, None, None, np.nan, np.nan, None, None, f"cannot parse quantity {lit!r}: {exc}"))
    table = pd.DataFrame(recs, columns=["value", *QUANTITY_COLUMNS])
    out = figures.merge(table, on="value", how="left")
    # A unit printed elsewhere in the quote (分别…10.8和12.9个百分点) is given by the curator.
    out["unit"] = out["unit_override"].where(out["unit_override"].notna(), out["q_unit"])
    out["period_key"] = out["period_norm"].where(out["period_norm"].notna() & (out["period_norm"] != ""), out["period"]).fillna("")
    return out
