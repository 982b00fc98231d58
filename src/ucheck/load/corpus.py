"""Loading curated/*.yaml and seeds/ into frames, keeping every record's file and line.

The corpus is four frames — articles, figures, ignored mentions, waivers — plus the seed texts.
Problems met while loading (bad YAML, a missing seed, an unknown key) become findings; the other
files are still loaded. Literals are parsed once per distinct text, then joined back as columns.

Bad input is a finding, never a crash: a file that is not valid UTF-8 YAML data (see yamlsafe for
the bounds on size, nesting and aliases) is UC001 at its line; an empty file is UC002 "empty file"
at line 1; a seed that is missing, unreadable, too large, not a regular file or outside the
repository (``../../etc/passwd``, an absolute path, a symbolic link out) is UC008 at the article's
``seed:`` line. Files are only ever read.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ucheck.load import yamlsafe
from ucheck.builtin import problem
from ucheck.finding import Finding
from ucheck.load.keys import CORE_FIGURE_KEYS, FigureKey
from ucheck.load.keys import interned as _interned
from ucheck.load.keys import text as _text
from ucheck.load.seeds import Seed, load_seed, relative_to_root

ARTICLE_KEYS = {"id", "seed", "title", "subtitle", "region", "organisation", "authors", "source", "date", "period", "note"}
IGNORED_KEYS = {"value", "quote", "reason"}
WAIVER_KEYS = {"rule", "figures", "text", "reason"}
TOP_KEYS = {"article", "figures", "ignored", "waivers", "stated_rules"}
STATED_KEYS = {"id", "per", "units", "quote", "yields", "note"}
YIELD_KEYS = {"quota", "total", "note"}
# One row per yield of a stated rule (see ucheck.kinds.quota): the rule's fields repeat on each.
STATED_COLUMNS = [
    "article", "file", "line", "column", "seed", "rule", "rule_line", "rule_column", "per", "units", "units_line",
    "quote", "quote_line", "quota", "quota_line", "total", "total_line",
]

# The columns of every figure row: where it is, its core keys (``unit`` as ``unit_override``: the
# measure word read from the literal is ``unit``), and field → line; the keys rule kinds declare
# (ucheck.load.keys) follow, one column each, in the order given to load_corpus.
FIGURE_COLUMNS = [
    "article", "file", "line", "column", "seed", "id", "subject", "region", "organisation", "metric", "period",
    "period_norm", "value", "quote", "unit_override", "note", "base", "field_lines",
]

@dataclass
class Corpus:
    root: Path
    articles: pd.DataFrame
    figures: pd.DataFrame
    ignored: pd.DataFrame
    waivers: pd.DataFrame
    seeds: dict[str, Seed] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    stated: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=STATED_COLUMNS))


def load_corpus(paths: list[Path], root: Path, seeds_dir: Path | None = None, keys: tuple[FigureKey, ...] = ()) -> Corpus:
    """Load the curated files (files or directories of *.yaml / *.yml) under ``root``; a figure may
    have the core keys and ``keys`` (those the rule kinds declare: ``ucheck.kinds.figure_keys()``)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml"))))
        else:
            files.append(p)
    reader = _Reader(root, seeds_dir, keys)
    # The loop allocates millions of small objects and frees almost all of them by reference
    # counting; the cyclic collector would walk the growing set of rows again and again (half of
    # the YAML time on a large archive). Nothing here makes cycles: it is paused, then restored.
    paused = gc.isenabled()
    gc.disable()
    try:
        for f in files:
            reader.read_file(f)
    finally:
        if paused:
            gc.enable()

    articles = pd.DataFrame(reader.articles, columns=["article", "file", "line", "seed", "title", "region", "organisation", "date", "period"])
    figures = pd.DataFrame.from_records(reader.figures, columns=[*FIGURE_COLUMNS, *(k.name for k in keys)])
    ignored = pd.DataFrame(reader.ignored, columns=["article", "file", "line", "seed", "value", "quote", "reason"])
    waivers = pd.DataFrame(reader.waivers, columns=["article", "file", "line", "rule", "figures", "text", "reason"])
    figures = attach_quantities(figures)
    stated = pd.DataFrame(reader.stated, columns=STATED_COLUMNS)
    return Corpus(root, articles, figures, ignored, waivers, reader.seeds, reader.problems, stated)


class _Reader:
    """Reads curated files one after another into rows (one list per frame), the problems met, the
    seeds loaded and the article ids seen (id → file): one method per section of a file. A file's
    sections are read in order — article, figures, ignored, stated rules, waivers — and so are
    its problems reported."""

    def __init__(self, root: Path, seeds_dir: Path | None, keys: tuple[FigureKey, ...] = ()):
        self.root = root
        self.seeds_dir = seeds_dir
        self.keys = keys
        self.figure_keys = frozenset(CORE_FIGURE_KEYS).union(k.name for k in keys)
        self.articles: list[dict] = []
        self.figures: list[tuple] = []  # tuples in FIGURE_COLUMNS order
        self.ignored: list[dict] = []
        self.waivers: list[dict] = []
        self.stated: list[tuple] = []  # tuples in STATED_COLUMNS order
        self.problems: list[Finding] = []
        self.seeds: dict[str, Seed] = {}
        self.seen: dict[str, str] = {}
        # the file being read: its path relative to the root, its article id and seed key
        self.rel = ""
        self.aid: str | None = None
        self.seed_key: str | None = None

    def problem(self, code: str, line: int, message: str, **kw) -> None:
        self.problems.append(problem(code, self.rel, line, message, self.aid, **kw))

    def read_file(self, f: Path) -> None:
        self.rel, self.aid, self.seed_key = relative_to_root(f, self.root), None, None
        try:
            doc = yamlsafe.load(yamlsafe.decode(yamlsafe.read_bytes(f)))
        except yamlsafe.YamlProblem as exc:
            self.problem("UC001", exc.line, str(exc), column=exc.column)
            return
        except OSError as exc:
            self.problem("UC001", 1, f"cannot read file: {exc.strerror}")
            return
        self.read(doc)

    def read(self, doc) -> None:
        """One curated file's data (``doc``: the composed YAML, a mapping with lines)."""
        if doc is None:
            self.problem("UC002", 1, "empty file (no YAML content, or only comments): a curated file is a mapping with keys article, figures, ignored, waivers")
            return
        if not isinstance(doc, dict):
            self.problem("UC002", getattr(doc, "line", 1), "a curated file is a mapping with keys article, figures, ignored, waivers")
            return
        for k in doc:
            if k not in TOP_KEYS:
                self.problem("UC007", doc.line_of(k), f"unknown key {k!r} at top level (known: {', '.join(sorted(TOP_KEYS))})")
        if not self.article(doc):
            return
        self.read_figures(doc)
        self.read_ignored(doc)
        if doc.get("stated_rules") is not None:
            read_stated_rules(doc["stated_rules"], doc.line_of("stated_rules"), self.aid, self.rel, self.seed_key, self.stated, self.problems)
        self.read_waivers(doc)

    def article(self, doc) -> bool:
        """The ``article:`` mapping; False when the rest of the file cannot be read without it."""
        art = doc.get("article")
        if not isinstance(art, dict):
            self.problem("UC002", doc.line_of("article") if "article" in doc else 1, "missing 'article' mapping")
            return False
        for k in art:
            if k not in ARTICLE_KEYS:
                self.problem("UC007", art.line_of(k), f"unknown key {k!r} in article (known: {', '.join(sorted(ARTICLE_KEYS))})")
        aid = _text(art.get("id"))
        if not aid:
            self.problem("UC002", art.line, "article.id is required")
            return False
        if aid in self.seen:
            self.problems.append(problem("UC003", self.rel, art.line_of("id"), f"article id {aid!r} is already used by {self.seen[aid]}", aid))
            return False
        self.seen[aid] = self.rel
        self.aid = aid
        seed_rel = _text(art.get("seed"))
        if not seed_rel:
            self.problem("UC002", art.line, "article.seed is required: the seed file this article was curated from")
        else:
            self.seed_key = load_seed(seed_rel, self.rel, art.line_of("seed"), self.root, self.seeds_dir, self.seeds, self.problems, aid)
        self.articles.append({
            "article": aid, "file": self.rel, "line": art.line, "seed": self.seed_key,
            "title": _text(art.get("title")), "region": _text(art.get("region")),
            "organisation": _text(art.get("organisation")), "date": _text(art.get("date")), "period": _text(art.get("period")),
        })
        return True

    def entries(self, doc, section: str, keys: set[str]):
        """The mappings of a list section (figures, ignored), after reporting a section that is not a
        list, an entry that is not a mapping and unknown keys."""
        items = doc.get(section)
        if items is None:
            return
        if not isinstance(items, list):
            self.problem("UC002", doc.line_of(section), f"'{section}' must be a list")
            return
        for item in items:
            if not isinstance(item, dict):
                self.problem("UC002", getattr(items, "line", 1), f"each entry of '{section}' must be a mapping")
                continue
            if not keys.issuperset(item):
                for k in item:
                    if k not in keys:
                        self.problem("UC007", item.line_of(k), f"unknown key {k!r} in {section} entry (known: {', '.join(sorted(keys))})", key=f"{section}:{k}")
            yield item

    def read_figures(self, doc) -> None:
        aid, rel, seed_key = self.aid, self.rel, self.seed_key
        for item in self.entries(doc, "figures", self.figure_keys):
            get = item.get
            # A tuple in FIGURE_COLUMNS order (a third of a dict's memory on an archive of
            # 500,000 figures); the few recurring texts are interned, stored once.
            row = (
                aid, rel, item.line, item.column, seed_key,
                _text(get("id")), _text(get("subject")), _interned(get("region")),
                _interned(get("organisation")), _interned(get("metric")),
                _interned(get("period")), _interned(get("period_norm")),
                _text(get("value")), _text(get("quote")),
                _interned(get("unit")), _text(get("note")), _interned(get("base")),
                item.key_lines,  # field -> line: the mapping's own table, no copy
            )
            if self.keys:
                row += tuple(self.declared(item, k) for k in self.keys)
            self.figures.append(row)

    def declared(self, item, key: FigureKey):
        """The value of a key a rule kind declares, read as it says; a bad value is UC002 at its line."""
        if key.name not in item:
            return None
        value = item[key.name]
        if key.read == "text":
            return _text(value)
        if key.read == "name":
            return _interned(value)
        fid = _text(item.get("id"))
        if key.read == "choice":
            if value in key.choices:
                return sys.intern(value)
            self.problem("UC002", item.line_of(key.name), f"figure {fid}: {key.name} must be {' or '.join(key.choices)} ({key.doc}), not {value!r}",
                         key=f"{key.name}:{fid}")
            return None
        return key.parse(value, lambda line, message: self.problem("UC002", line or item.line_of(key.name), f"figure {fid}: {message}",
                                                                   key=f"{key.name}:{fid}"))

    def read_ignored(self, doc) -> None:
        for item in self.entries(doc, "ignored", IGNORED_KEYS):
            self.ignored.append({"article": self.aid, "file": self.rel, "line": item.line, "seed": self.seed_key,
                                 "value": _text(item.get("value")), "quote": _text(item.get("quote")), "reason": _text(item.get("reason"))})

    def read_waivers(self, doc) -> None:
        waivers = doc.get("waivers")
        if waivers is None:
            return
        if not isinstance(waivers, list):
            self.problem("UC002", doc.line_of("waivers"), "'waivers' must be a list")
            return
        for w in waivers:
            if not isinstance(w, dict):
                self.problem("UC002", waivers.line, "each waiver must be a mapping with rule, figures and reason")
                continue
            for k in w:
                if k not in WAIVER_KEYS:
                    self.problem("UC007", w.line_of(k), f"unknown key {k!r} in waiver (known: {', '.join(sorted(WAIVER_KEYS))})")
            row = self._waiver(w)
            if row is not None:
                self.waivers.append(row)

    def _waiver(self, w) -> dict | None:
        """A waiver's row, or None (a UC009 problem) when it lacks a reason, a rule, or figures or text."""
        figs = w.get("figures")
        figs = [str(x) for x in figs] if isinstance(figs, list) else ([str(figs)] if figs else [])
        reason = _text(w.get("reason"))
        if not reason or not reason.strip():
            self.problem("UC009", w.line, "a waiver needs a reason: why the finding is acknowledged rather than fixed", key=f"waiver:{w.get('rule')}:{figs}")
            return None
        if not _text(w.get("rule")):
            self.problem("UC009", w.line, "a waiver must name the rule code it acknowledges", key=f"waiver:{figs}")
            return None
        text = _text(w.get("text"))
        if not figs and not text:
            self.problem("UC009", w.line, "a waiver must name the figures (figures: [...]) or, for a finding on the seed text, the text (text: ...)", key=f"waiver:{w.get('rule')}")
            return None
        return {"article": self.aid, "file": self.rel, "line": w.line, "rule": _text(w.get("rule")), "figures": tuple(sorted(figs)), "text": text, "reason": reason.strip()}


def read_stated_rules(items, line: int, aid: str, rel: str, seed_key, rows: list, problems: list) -> None:
    """The ``stated_rules:`` section: one row per yield (quota → total) of each rule; a malformed
    entry is UC002 / UC007 at its line and left out, the rest of the file is still read."""
    if not isinstance(items, list):
        problems.append(problem("UC002", rel, line, "'stated_rules' must be a list", aid))
        return
    for item in items:
        if not isinstance(item, dict):
            problems.append(problem("UC002", rel, getattr(items, "line", line), "each entry of 'stated_rules' must be a mapping", aid))
            continue
        for k in item:
            if k not in STATED_KEYS:
                problems.append(problem("UC007", rel, item.line_of(k), f"unknown key {k!r} in stated rule (known: {', '.join(sorted(STATED_KEYS))})", aid, key=f"stated_rules:{k}"))
        rid, per, quote = (_text(item.get(k)) for k in ("id", "per", "quote"))
        missing = [k for k, v in (("id", rid), ("per", per), ("quote", quote)) if not v or not v.strip()]
        yields = item.get("yields")
        if not isinstance(yields, list) or not yields:
            missing.append("yields")
        units = item.get("units")
        units = [units] if isinstance(units, str) else units
        if units is not None and (not isinstance(units, list) or not all(isinstance(u, str) and u for u in units)):
            problems.append(problem("UC002", rel, item.line_of("units"), f"stated rule {rid}: 'units' must list the ids of the figures that count the units", aid, key=f"stated:{rid}:units"))
            continue
        if missing:
            what = "a list of {quota, total}" if missing == ["yields"] else "id, per (the unit), quote and yields ({quota, total} …)"
            problems.append(problem("UC002", rel, item.line_of(missing[0]) if missing[0] in item else item.line,
                                     f"stated rule {rid or '?'}: missing or empty {', '.join(missing)}: a stated rule needs {what}", aid, key=f"stated:{rid}:{missing}"))
            continue
        for y in yields:
            if not isinstance(y, dict):
                problems.append(problem("UC002", rel, getattr(yields, "line", item.line), f"stated rule {rid}: each yield is a mapping {{quota, total}}", aid, key=f"stated:{rid}:yield"))
                continue
            for k in y:
                if k not in YIELD_KEYS:
                    problems.append(problem("UC007", rel, y.line_of(k), f"unknown key {k!r} in a yield of stated rule {rid} (known: {', '.join(sorted(YIELD_KEYS))})", aid, key=f"yields:{k}"))
            quota, total = _text(y.get("quota")), _text(y.get("total"))
            if not quota or not total:
                problems.append(problem("UC002", rel, y.line, f"stated rule {rid}: a yield needs quota (as printed: 前10名, 状元, 9个) and total (the id of the figure it produced)", aid, key=f"stated:{rid}:{quota}:{total}"))
                continue
            rows.append((
                aid, rel, y.line, y.column, seed_key, rid, item.line, item.column, per, tuple(units or ()),
                item.line_of("units") if units else item.line, quote, item.line_of("quote"), quota, y.line_of("quota"),
                total, y.line_of("total"),
            ))


# The longest printed figure of the corpora is some 20 characters (一千二百三十四万五千六百七十八点九元 is
# 18); a "literal" of thousands is a paste error, and the parser's time grows with its length.
MAX_LITERAL_CHARS = 100

QUANTITY_COLUMNS = ["q_value", "q_low", "q_high", "q_low_open", "q_high_open", "q_unit", "q_qualifier", "q_scale", "q_step", "q_kind", "q_numeral", "q_error"]
# what literal rules test of the printed form (Quantity's predicates): column → predicate; the
# columns come last in the frame
PREDICATE_COLUMNS = {"q_fullwidth": "has_fullwidth_digits", "q_mixed_digits": "mixes_chinese_digits", "q_stacked": "is_stacked"}


def attach_quantities(figures: pd.DataFrame) -> pd.DataFrame:
    """Parse each distinct literal once and join the interval columns onto the figures (by position:
    one array lookup per column, no merge)."""
    from ucheck.numbers.quantity import QuantityError, parse

    codes, literals = pd.factorize(figures["value"])  # a missing literal has code -1
    n = len(literals)
    cols = {c: np.full(n + 1, np.nan) for c in ("q_value", "q_low", "q_high", "q_scale", "q_step")}
    flags = {c: np.zeros(n + 1, dtype=bool) for c in ("q_low_open", "q_high_open", *PREDICATE_COLUMNS)}
    texts = {c: np.full(n + 1, None, dtype=object) for c in ("q_unit", "q_qualifier", "q_kind", "q_numeral", "q_error")}
    for i, lit in enumerate(literals.tolist()):  # slot n (code -1) stays empty
        if len(lit) > MAX_LITERAL_CHARS:  # the parser's work grows with the text: bound it
            texts["q_error"][i] = (f"cannot parse quantity {lit[:20]!r}… ({len(lit):,} characters): longer than any figure as printed "
                                   f"(at most {MAX_LITERAL_CHARS})")
            continue
        try:
            q = parse(lit)
        except QuantityError as exc:
            texts["q_error"][i] = str(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - a parser bug is a finding at the literal, not a crash of the run
            texts["q_error"][i] = f"cannot parse quantity {lit!r}: {type(exc).__name__}: {exc}"
            continue
        cols["q_value"][i], cols["q_low"][i], cols["q_high"][i], cols["q_scale"][i], cols["q_step"][i] = q.value, q.low, q.high, q.scale, q.step
        flags["q_low_open"][i], flags["q_high_open"][i] = q.low_open, q.high_open
        for c, predicate in PREDICATE_COLUMNS.items():  # False for a literal that does not parse
            flags[c][i] = getattr(q, predicate)
        texts["q_unit"][i], texts["q_qualifier"][i], texts["q_kind"][i], texts["q_numeral"][i] = q.unit, q.qualifier, q.kind, q.numeral
    table = {**cols, **flags, **texts}
    out = figures.assign(**{c: table[c][codes] for c in QUANTITY_COLUMNS})
    # A unit printed elsewhere in the quote (分别…10.8和12.9个百分点) is given by the curator.
    out["unit"] = out["unit_override"].where(out["unit_override"].notna(), out["q_unit"])
    out["period_key"] = out["period_norm"].where(out["period_norm"].notna() & (out["period_norm"] != ""), out["period"]).fillna("")
    for c in PREDICATE_COLUMNS:
        out[c] = table[c][codes]
    return out
