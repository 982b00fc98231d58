""""Did you mean …?" for a misspelt name: a metric, a key, a rule option, a rule code or name.

One helper, so every message that names an unknown word offers the closest known ones the same way
(``difflib``'s ratio, the standard library's; no import of anything heavy).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ucheck.i18n import phrases

__all__ = ["closest", "comma_in_flow", "did_you_mean", "did_you_mean_after", "hint", "quote"]

SAY = phrases(
    __name__,
    did_you_mean=(" (did you mean {names}?)", "（是否应为{names}？）"),
    did_you_mean_after=("; did you mean {names}?", "；是否应为{names}？"),
    alternative=(" or ", "或"),
    comma_in_flow=("; it has no value: in a {{…}} mapping a comma ends the value before it, so quote a value that holds one "
                   "(quote: '增长6.4%,较去年同期加快35.3个百分点')",
                   "；它没有值：在 {{…}} 映射中，逗号会结束它前面的值，值中含有逗号时请加引号（quote: '增长6.4%,较去年同期加快35.3个百分点'）"),
)


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


def quote(text: object, lang: str = "en") -> str:
    """A name as a message quotes it: 'x' in English, “x” in Chinese."""
    return f"“{text}”" if lang == "zh" else repr(text)


def hint(close: list[str], lang: str = "en", after: bool = False) -> str:
    """The suggestion of names already found: `` (did you mean 'x' or 'y'?)`` (or, ``after``, ``; did
    you mean 'x'?``), in ``lang``; '' when there is none."""
    if not close:
        return ""
    names = SAY.alternative(lang).join(quote(c, lang) for c in close)
    return (SAY.did_you_mean_after if after else SAY.did_you_mean)(lang, names=names)


def did_you_mean(word: object, known: Iterable[object], n: int = 1, lang: str = "en") -> str:
    """`` (did you mean 'x'?)`` -- or `` (did you mean 'x' or 'y'?)``; in Chinese ``（是否应为“x”？）``
    -- to append after the unknown word; '' when no known name is close."""
    return hint(closest(word, known, n), lang)


def did_you_mean_after(word: object, known: Iterable[object], n: int = 1, lang: str = "en") -> str:
    """``; did you mean 'x'?`` -- to end a message that lists the known names already ("unknown key
    'perod' in figures entry (known: …); did you mean 'period'?"); '' when no known name is close."""
    return hint(closest(word, known, n), lang, after=True)


def comma_in_flow(lang: str = "en") -> str:
    """``; it has no value: …`` -- to end the message of an unknown key that has no value: in a flow
    mapping ({id: f1, quote: 增长6.4%,较去年…}) an unquoted comma ends the value before it and makes
    the rest a key."""
    return SAY.comma_in_flow(lang)
