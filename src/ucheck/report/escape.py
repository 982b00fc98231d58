"""Text from the data made safe for a terminal or a line-oriented log.

A curated value, quote, waiver reason or file name can hold characters a reader never sees but a
terminal or viewer obeys: C0/C1 controls (``ESC [31m``, ``ESC ]0;title BEL``), line breaks that
forge a whole ``file:line: CODE …`` line, and the bidirectional overrides and isolates that reorder
what is shown (U+202E, "Trojan Source", CVE-2021-42574). Every text format passes what comes from
the data through :func:`visible`, which writes each such character as a visible escape
(``\\x1b``, ``\\u202e``); machine formats (JSON, SARIF, JUnit) carry the data as it is and rely on
their own encoding.
"""

from __future__ import annotations

import re

# C0 controls but TAB, DEL, the C1 controls; the Unicode bidi controls (embeddings, overrides,
# isolates, marks); line and paragraph separators, which some viewers break lines on.
_UNSEEN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


_UNSEEN_BUT_BREAKS = re.compile(_UNSEEN.pattern.replace("\x0a-\x1f", "\x0b\x0c\x0e-\x1f"))


def visible(s, *, keep_breaks: bool = False) -> str:
    """``s`` with every control, line-break and bidi character written as a visible escape; with
    ``keep_breaks``, CR and LF stay (for a format that encodes them itself)."""
    return (_UNSEEN_BUT_BREAKS if keep_breaks else _UNSEEN).sub(_escape, str(s))


def one_line(s) -> str:
    """Line breaks (of a multi-line waiver reason, say) folded into one space, the rest as :func:`visible`."""
    return visible(re.sub(r"\s*[\r\n]+\s*", " ", str(s)))
