"""The keys of a curated figure: the core every figure has, and the keys a rule kind declares.

The curated reader accepts exactly the core keys plus the keys the rule kinds declare
(``RuleKind.figure_keys``), and gives each its own column. A kind that reads a new key from curated
files declares it beside its checks — its meaning, how to read it, the values it allows — and the
reader, the example harness and the README's vocabulary pick it up; nothing in this layer names it.

No pandas here: rule files (examples) are validated against these keys without it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Callable

# What every figure says: what was counted, about whom, over what period, as printed, where from;
# ``base`` is what a change is against (a period as printed, or a figure id), matched on like the period.
CORE_FIGURE_KEYS = ("id", "subject", "region", "organisation", "metric", "period", "period_norm", "value", "quote", "unit",
                    "note", "base")

# What each core key means (the JSON Schema of curated files shows it in an editor).
CORE_FIGURE_DOCS = {
    "id": "the figure's id, unique in its article (letters, digits, _ . -)",
    "subject": "who or what was counted about (全市工会, 规模以上工业)",
    "region": "the region the figure is about, as named in the gazetteer (河南省, 大庆市)",
    "organisation": "the organisation that reports or is counted, where the text names one",
    "metric": "what was counted: a metric of the vocabulary (rules/*.yaml metrics)",
    "period": "the period as printed (2016年上半年, 五年来); empty when the text gives none",
    "period_norm": "the period normalised for matching: 2016, 2013/2018, 2016-11, or months of a year (上半年 2016-01/2016-06)",
    "value": "the literal exactly as printed, with its qualifier and measure word (290多万元, 近20万人)",
    "quote": "the sentence the literal was copied from, as printed in the seed",
    "unit": "the measure word, where the literal prints none (1.2万 of 人); a table's unit column with its scale (万头: 94.28 is 94.28万头)",
    "note": "a curator's remark",
    "base": "what a change is against: a period as printed (同比, 比上年) or the id of the curated base-period figure",
}


@dataclass(frozen=True)
class FigureKey:
    """A key a rule kind reads from curated figures.

    ``read``: ``text`` (kept as written), ``name`` (a short recurring text, stored once), ``choice``
    (one of ``choices``; anything else is UC002 at its line and read as absent), or a function
    ``parse(value, report) -> stored`` for a structured value, where ``report(line, message)``
    records UC002 — ``value`` is the loaded node (a ``str``, or a mapping with ``line_of``);
    ``message`` is a text, or a :class:`ucheck.i18n.Phrase` with its values as keywords
    (``report(line, SAY.bad_mode, value=…)``), said in the language of the run.

    ``doc`` says what the key means (in English; ``doc_zh`` in Chinese): the README and the JSON
    Schema of curated files show it, and a bad choice's message quotes it (:meth:`describe`).
    """

    name: str
    doc: str
    read: str = "text"
    choices: tuple[str, ...] = ()
    parse: Callable[[Any, Callable[..., None]], Any] | None = None
    example: str = ""
    doc_zh: str = ""

    def describe(self, lang: str = "en") -> str:
        """What the key means, in ``lang`` (the English text when there is no Chinese one)."""
        return (self.doc_zh or self.doc) if lang == "zh" else self.doc

    def __post_init__(self):
        if self.read not in ("text", "name", "choice", "parse"):
            raise ValueError(f"figure key {self.name}: read must be text, name, choice or parse, not {self.read!r}")
        if (self.read == "parse") != (self.parse is not None):
            raise ValueError(f"figure key {self.name}: a parse function goes with read='parse'")


def text(v) -> str | None:
    """A scalar as text; a mapping or list (a malformed value) as absent."""
    if type(v) is str:  # nearly always
        return v
    if v is None or isinstance(v, (dict, list)):
        return None
    return str(v)


def interned(v) -> str | None:
    """A recurring text stored once (regions, metrics, periods: a few values over many figures)."""
    if type(v) is str:
        return sys.intern(v)
    t = text(v)
    return sys.intern(t) if t is not None else None


_LAYOUTS: dict[tuple, dict] = {}
MAX_LAYOUTS = 1 << 16  # beyond it (a file of figures each written its own way) a layout is not held for later


def layout(lines: dict, line: int) -> dict:
    """A mapping's keys → their lines, relative to the mapping's ``line`` (0: the same line): held
    once per distinct layout (the figures of a file are written alike), not once per figure — a
    third of the memory a figure took. Shared: never modified."""
    shape = tuple((k, ln - line) for k, ln in lines.items())
    got = _LAYOUTS.get(shape)
    if got is None:
        got = dict(shape)
        if len(_LAYOUTS) < MAX_LAYOUTS:
            _LAYOUTS[shape] = got
    return got


def shared_layout(offsets: dict) -> dict:
    """The shared copy of a layout read back from the load cache."""
    if type(offsets) is not dict:  # not a layout (a damaged entry): as it is, for the schema to refuse
        return offsets
    shape = tuple(offsets.items())
    got = _LAYOUTS.get(shape)
    if got is None:
        got = offsets
        if len(_LAYOUTS) < MAX_LAYOUTS:
            _LAYOUTS[shape] = got
    return got


def field_line(row, key: str) -> int:
    """The line of a figure's ``key`` (its ``field_offsets`` from its ``line``); the figure's line
    for a key it does not have, or a figure read thin (no offsets)."""
    return int(row["line"]) + row["field_offsets"].get(key, 0)


def merge(declared: dict[str, tuple[FigureKey, ...]]) -> tuple[FigureKey, ...]:
    """One tuple of the keys declared by several kinds (kind → keys), in a stable order; a key two
    kinds declare must be declared alike, and no kind may redeclare a core key."""
    out: dict[str, tuple[str, FigureKey]] = {}
    for kind in sorted(declared):
        for k in declared[kind]:
            if k.name in CORE_FIGURE_KEYS:
                raise ValueError(f"rule kind {kind} declares the core figure key {k.name!r}")
            seen = out.get(k.name)
            if seen is not None and seen[1] != k:
                raise ValueError(f"rule kinds {seen[0]} and {kind} declare the figure key {k.name!r} differently")
            out.setdefault(k.name, (kind, k))
    return tuple(k for _, k in out.values())
