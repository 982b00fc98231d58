"""``ucheck draft``, step 1: the seed as the draft reads it.

Wrapped lines are re-joined (``join_wrapped_lines``, see ``ucheck.authoring.draft``); the joined text
is then looked up by clause, sentence and paragraph (``Bounds``), its quotes are trimmed of unpaired
marks and made unique (``SeedView.unique_quote``), and every other step finds its words in it once
(``Hits``) and looks them up by bisection.
"""

from __future__ import annotations

import bisect
import re

from ucheck.load.seeds import normalise_text
from ucheck.numbers.mentions import CN_DIGITS, CN_SCALES, find_mentions
from ucheck.numbers.quantity import MAX_LITERAL_CHARS, LiteralTooLong, parse

__all__ = ["CLAUSE_DELIMS", "MAX_LITERAL_CHARS", "Bounds", "Hits", "LiteralTooLong", "SeedView", "alternation",
           "join_wrapped_lines", "parse_literal", "trim_quote"]

# The longest literal the draft parses is the parser's own bound (a seed may print a run of
# thousands of 万, one mention as long).
parse_literal = parse

_SENT_END = "。！？!?；;：:…"
CLAUSE_DELIMS = "。；，！？,;!?：:\n"
_SENT_DELIMS = "。！？!?\n"
_HEAD_MARKS = "#▲■●◆"
_NUMERIC_END = "0123456789０１２３４５６７８９多余几" + CN_DIGITS + CN_SCALES
_LINE_BREAK_RUN = re.compile(r"[ \t\u3000\xa0\r]*\n[\s]*")
# a colon between two numbers separates the terms of a ratio (三次产业比为3.9：59.5：36.6), not clauses
_CLAUSE_RE = re.compile(f"[{re.escape(CLAUSE_DELIMS.replace('：', '').replace(':', ''))}]|——|"
                         r"(?<![0-9０-９])[：:]|[：:](?![0-9０-９])")
_NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")
_SENT_RE = re.compile(f"[{re.escape(_SENT_DELIMS)}]")
_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』", "【": "】"}

# the colons a ratio is printed with: ASCII, full-width, and the ratio sign U+2236 (21.9∶38.7∶39.4)
RATIO_COLONS = (":", "：", "∶")


# --------------------------------------------------------------------------------------------
# wrapped lines


def _is_join(prev: str, nxt: str) -> bool:
    prev, nxt = prev.strip(), nxt.strip()
    if not prev or not nxt:
        return False
    if prev[-1] in _SENT_END or prev[0] in _HEAD_MARKS or nxt[0] in _HEAD_MARKS:
        return False
    if prev[-1] in ".．" and not prev[-2:-1].isdigit():  # a full stop typed in ASCII or full width (增长3.9%.)
        return False
    if _NUMBERED_HEADING.match(nxt):  # the next numbered item ((二)全县固定资产投资…) starts a paragraph
        return False
    if prev[-1] in _NUMERIC_END:
        probe = find_mentions(prev[-12:] + nxt[:12])
        cut = len(prev[-12:])
        if any(m.start < cut < m.end for m in probe):  # the break splits a number from its measure
            return True
    if re.search(r"\S[ \t\u3000]+\S", prev) and not any(c in prev for c in "，,；;"):
        return False  # a heading or byline (杨君 阎亚平, 南通市总工会主席 陆玉明)
    if _NUMBERED_HEADING.match(prev) and len(prev) <= 40:
        return False  # a numbered heading (一、地方经济…带动GDP实现正增长; 三、规上工业降幅收窄，地方工业保持正增长)
    return any(c in prev for c in "，、；,;") or len(prev) >= 25


def join_wrapped_lines(text: str) -> tuple[str, list[int]]:
    """The text with wrapped lines re-joined, and for each of its characters the offset in ``text``.

    A kept line break (with the blank lines around it) becomes one "\\n"; a joined one disappears.
    """
    out: list[str] = []
    index: list[int] = []
    pos = 0
    line_start = 0
    for m in _LINE_BREAK_RUN.finditer(text):
        a, b = m.span()
        out.append(text[pos:a])
        index.extend(range(pos, a))
        nl = text.find("\n", b)
        nxt = text[b: nl if nl >= 0 else len(text)]
        prev = text[line_start:a]
        if not _is_join(prev, nxt):
            out.append("\n")
            index.append(a)
            line_start = b
        pos = b
    out.append(text[pos:])
    index.extend(range(pos, len(text)))
    return "".join(out), index


# --------------------------------------------------------------------------------------------
# lookups


class Bounds:
    """Clause and sentence bounds looked up by bisection over delimiters found once."""

    def __init__(self, text: str, pattern: re.Pattern):
        self.text = text
        spans = [m.span() for m in pattern.finditer(text)]
        self.starts = [a for a, _b in spans]
        self.ends = [b for _a, b in spans]

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.ends, start) - 1
        a = self.ends[i] if i >= 0 else 0
        j = bisect.bisect_left(self.starts, end)
        b = self.starts[j] if j < len(self.starts) else len(self.text)
        return a, b


class Hits:
    """Words found once in the joined text, as (start, end, word or what it names), in order."""

    def __init__(self, hits: list[tuple[int, int, str]]):
        self.hits = hits
        self.starts = [h[0] for h in hits]

    @classmethod
    def of(cls, pattern: re.Pattern | None, text: str) -> Hits:
        return cls([(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)] if pattern else [])

    def before(self, lo: int, pos: int) -> list[tuple[int, int, str]]:
        """Hits that lie in [lo, pos], nearest first."""
        out = []
        i = bisect.bisect_right(self.starts, pos) - 1
        while i >= 0:
            h = self.hits[i]
            if h[0] < lo:
                break
            if h[1] <= pos:
                out.append(h)
            i -= 1
        return out


def alternation(words) -> re.Pattern | None:
    """One pattern for the words, the longest first at each position (None when there are none)."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


# --------------------------------------------------------------------------------------------
# quotes


def trim_quote(quote: str) -> str:
    """The clause without white space at its ends and without an opening mark at its start or a
    closing mark at its end that has no partner inside it (“这20元钱的住院补贴 → 这20元钱的住院补贴)."""
    q = quote.strip()
    changed = True
    while changed and q:
        changed = False
        if q[0] in _PAIRS and _PAIRS[q[0]] not in q[1:]:
            q, changed = q[1:].lstrip(), True
        elif q and q[-1] in _PAIRS.values():
            opener = next(k for k, v in _PAIRS.items() if v == q[-1])
            if opener not in q[:-1]:
                q, changed = q[:-1].rstrip(), True
    return q or quote.strip()


class SeedView:
    """One seed as the draft reads it: the text (line ends normalised), the joined text with the
    offset of each of its characters in the text, and its clause, sentence and paragraph bounds."""

    def __init__(self, seed_text: str):
        self.text = seed_text.replace("\r\n", "\n").replace("\r", "\n")
        self.joined, self._index = join_wrapped_lines(self.text)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.clauses = Bounds(self.joined, _CLAUSE_RE)
        self.sentences = Bounds(self.joined, _SENT_RE)
        self.paragraphs = Bounds(self.joined, re.compile("\n"))
        self._normalised = normalise_text(self.joined)

    def orig_pos(self, j: int) -> int:
        """The offset in the text of the joined text's offset ``j``."""
        return self._index[j] if j < len(self._index) else len(self.text)

    def line_col(self, pos: int) -> tuple[int, int]:
        """1-based line and column of an offset in the text."""
        i = bisect.bisect_right(self._line_starts, pos) - 1
        return i + 1, pos - self._line_starts[i] + 1

    def previous_sentence(self, s_lo: int) -> tuple[int, int] | None:
        """The sentence before the one starting at ``s_lo``, in the same paragraph."""
        if s_lo <= 0 or self.joined[s_lo - 1] == "\n":
            return None
        return self.sentences.around(s_lo - 1, s_lo - 1)

    def quote(self, c_lo: int, c_hi: int) -> str:
        return trim_quote(self.joined[c_lo:c_hi])

    def _occurrences(self, q: str) -> int:
        """How often ``q`` occurs in the normalised joined text, counting to 2."""
        n, at = 0, self._normalised.find(q)
        while at >= 0 and n < 2:
            n, at = n + 1, self._normalised.find(q, at + 1)
        return n

    def unique_quote(self, c_lo: int, c_hi: int, s_lo: int) -> str:
        """The clause; when the same clause is printed elsewhere (同比下降0.9% after two different
        figures), the clause with the clauses before it in its sentence, as few as make it unique."""
        quote = self.quote(c_lo, c_hi)
        if self._occurrences(normalise_text(quote)) < 2:
            return quote
        lo = c_lo
        while lo > s_lo:
            lo = self.clauses.around(lo - 1, lo - 1)[0]
            longer = trim_quote(self.joined[max(lo, s_lo):c_hi])
            if self._occurrences(normalise_text(longer)) < 2:
                return longer
        return quote
