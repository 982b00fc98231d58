""""Did you mean …?" for a misspelt name: a metric, a key, a rule option, a rule code or name.

One helper, so every message that names an unknown word offers the closest known ones the same way
(``difflib``'s ratio, the standard library's; no import of anything heavy).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest", "did_you_mean", "did_you_mean_after"]


# characters typed for digits in codes (UC1O1, UC4l1): compared as the digits
_CONFUSABLE = str.maketrans({"o": "0", "i": "1", "l": "1"})


def _fold(text: str) -> str:
    return text.casefold().translate(_CONFUSABLE)


def closest(word: object, known: Iterable[object], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The known names closest to ``word``, best first (none when nothing is close): by difflib's
    similarity ratio, then by the characters in the same places (UC1O1 is UC101 before UC411). Case
    is ignored in the comparison, and O, I, l are read as 0, 1, 1 (a letter typed for a digit of a
    code); not in what is returned."""
    w = _fold(str(word))
    scored = []
    for k in {str(k) for k in known}:
        f = _fold(k)
        m = difflib.SequenceMatcher(None, w, f)
        if m.real_quick_ratio() < cutoff or m.quick_ratio() < cutoff:
            continue
        ratio = m.ratio()
        if ratio >= cutoff:
            scored.append((-ratio, -sum(a == b for a, b in zip(w, f)), k))
    return [k for _r, _s, k in sorted(scored)[:n]]


def did_you_mean(word: object, known: Iterable[object], n: int = 1) -> str:
    """`` (did you mean 'x'?)`` -- or `` (did you mean 'x' or 'y'?)`` -- to append after the unknown
    word; '' when no known name is close."""
    close = closest(word, known, n)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""


def did_you_mean_after(word: object, known: Iterable[object], n: int = 1) -> str:
    """``; did you mean 'x'?`` -- to end a message that lists the known names already ("unknown key
    'perod' in figures entry (known: …); did you mean 'period'?"); '' when no known name is close."""
    close = closest(word, known, n)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
