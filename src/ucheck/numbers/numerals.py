"""Chinese and Arabic numerals: the character tables, one normalising pass that keeps where each
character came from, the tokenizer (digits, 十/百/千, 万/亿, 零, 点, 几, digit pairs, 多/余) and the
evaluation of a token run to its value and the place of its last significant digit.

:mod:`ucheck.numbers.quantity` builds on this to read a whole printed quantity (qualifiers, measure
words, ranges) into an interval; the readings it documents are made here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal


class Reject(Exception):
    """Internal: the text is malformed; _parse turns it into a QuantityError quoting the text."""


# --------------------------------------------------------------------------------------------
# Character tables
# --------------------------------------------------------------------------------------------

DIGITS = {
    "零": 0, "〇": 0,
    "一": 1, "壹": 1,
    "二": 2, "贰": 2, "两": 2, "俩": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
SCALE_WORDS = {"万": 10**4, "亿": 10**8, "兆": 10**12, "京": 10**16}
TENS_SHORTHAND = {"廿": "二十", "卅": "三十", "卌": "四十"}

# Traditional -> simplified, one character to one character, for numerals, qualifiers and units.
TRADITIONAL = dict(zip(
    "萬億兩倆點負貳參叄陸個餘幾約過圓幣臺華攝對雙項場處輛條張間筆噸裏畝頃歲週歐鎊韓盧銭錢層戶門種隻數將達頭單價國"
    "時鐘釐侖於與內來總額溫員學區縣鎮鄉車機頁冊貨碼離級節輪屆樓術資產職盤滿圍夠僅並",
    "万亿两俩点负贰叁叁陆个余几约过圆币台华摄对双项场处辆条张间笔吨里亩顷岁周欧镑韩卢钱钱层户门种只数将达头单价国"
    "时钟厘仑于与内来总额温员学区县镇乡车机页册货码离级节轮届楼术资产职盘满围够仅并",
))

SPECIAL_CHARS = {
    "\u2212": "-",  # minus sign
    "\ufe63": "-",  # small hyphen-minus
    "\ufe6a": "%",  # small percent
    "\u301c": "~",  # wave dash
    "\u25cb": "〇",  # white circle used as zero
    "\uffe5": "¥",  # fullwidth yen
}

# Units that begin with a numeral character: read as the unit, not as part of the numeral.
NUMERAL_LED_UNITS = sorted(
    [
        "千瓦时", "千瓦", "千克", "千米", "千公顷", "千卡", "千焦", "千帕", "千赫兹", "千赫", "千字节", "千比特", "千伏安", "千伏",
        "千兆字节", "千兆比特", "千兆赫", "兆瓦时", "兆瓦", "兆字节", "兆比特", "兆赫兹", "兆赫", "兆帕", "兆焦",
        "兆欧", "兆吨", "百分点", "百分比",
    ],
    key=len,
    reverse=True,
)

ARABIC = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?")


# --------------------------------------------------------------------------------------------
# Normalisation: one pass that keeps, for every normalised character, its index in the raw text
# --------------------------------------------------------------------------------------------


def normalise(text: str) -> tuple[str, list[int]]:
    """Drop whitespace, fold full-width ASCII, traditional characters and 廿卅卌 (-> 二十 …)."""
    out: list[str] = []
    where: list[int] = []
    for k, ch in enumerate(text):
        if ch.isspace():
            continue
        if "\uff01" <= ch <= "\uff5e":  # full-width ASCII block
            ch = unicodedata.normalize("NFKC", ch)
        ch = SPECIAL_CHARS.get(ch, ch)
        ch = TRADITIONAL.get(ch, ch)
        rep = TENS_SHORTHAND.get(ch, ch)
        for c in rep:
            out.append(c)
            where.append(k)
    return "".join(out), where


# --------------------------------------------------------------------------------------------
# The numeral tokenizer
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Tok:
    kind: str  # num | small | big | zero | frac | few | pair | more
    start: int
    end: int
    value: Decimal = Decimal(0)
    single: bool = False  # a one-digit number (may be an abbreviated last digit: 三万五)
    arabic: bool = False
    decimals: int | None = None  # written decimals (Arabic or 点), minus any exponent
    ling: bool = False  # the character 零 / 〇
    run: bool = False  # a digit-by-digit Chinese sequence (二〇一七)
    alt: tuple[int, int] = (0, 0)  # the two digits of a pair (三四)
    text: str = ""
    half: bool = False  # 半


def is_pair(run: str) -> bool:
    """Two adjacent Chinese digits read as a range: 三四, 一两, 七八; also the idiom 三五."""
    if len(run) != 2:
        return False
    a, b = DIGITS[run[0]], DIGITS[run[1]]
    return a >= 1 and (b == a + 1 or (a, b) == (3, 5))


def digit(c: str) -> int:
    return int(c) if c.isascii() else DIGITS[c]


def starts_numeral_led_unit(s: str, i: int) -> bool:
    return any(s.startswith(u, i) for u in NUMERAL_LED_UNITS)


def tokenize(s: str, i: int, end: int) -> tuple[list[Tok], int]:
    """Read the numeral (with 多/余/几 and scale words) that starts at s[i]; return tokens and end."""
    toks: list[Tok] = []
    while i < end:
        c = s[i]
        prev = toks[-1] if toks else None
        if c.isascii() and c.isdigit() or (c == "." and i + 1 < end and s[i + 1].isascii() and s[i + 1].isdigit()):
            m = ARABIC.match(s, i, end)
            assert m is not None
            text = m.group()
            mant, _, exp = text.replace(",", "").lower().partition("e")
            decimals = len(mant.partition(".")[2])
            value = Decimal(mant if not mant.startswith(".") else "0" + mant)
            if exp:
                if len(exp.lstrip("+-")) > 4:
                    raise Reject("exponent too large")
                value = value.scaleb(int(exp))
                decimals -= int(exp)
            has_point = "." in mant
            digits = mant.replace(".", "")
            toks.append(Tok("num", i, m.end(), value, single=len(digits) == 1 and not exp, arabic=True,
                             decimals=decimals if (has_point or exp) else None, text=text))
            i = m.end()
        elif c in DIGITS:
            j = i
            while j < end and s[j] in DIGITS:
                j += 1
            if prev is not None and prev.kind in ("small", "big") and c in "零〇":
                k = i
                while k < j and s[k] in "零〇":
                    k += 1
                toks.append(Tok("zero", i, k))
                i = k
                continue
            run = s[i:j]
            if run[-1] == "两" and j == end and (toks or len(run) > 1):
                # a final 两 after a numeral is the weight unit: 二两, 两万两, 1234两
                run = run[:-1]
                j -= 1
                if not run:
                    break
            if len(run) == 1:
                toks.append(Tok("num", i, j, Decimal(DIGITS[run]), single=True, ling=run in "零〇", text=run))
            elif is_pair(run):
                toks.append(Tok("pair", i, j, alt=(DIGITS[run[0]], DIGITS[run[1]]), single=True, text=run))
            else:
                digits = "".join(str(DIGITS[ch]) for ch in run)
                toks.append(Tok("num", i, j, Decimal(digits), run=True, text=run))
            i = j
        elif c in SMALL_UNITS:
            if starts_numeral_led_unit(s, i) or s.startswith("百分之", i) or s.startswith("佰分之", i):
                break
            toks.append(Tok("small", i, i + 1, Decimal(SMALL_UNITS[c]), text=c))
            i += 1
        elif c in SCALE_WORDS:
            if starts_numeral_led_unit(s, i):
                break
            toks.append(Tok("big", i, i + 1, Decimal(SCALE_WORDS[c]), text=c))
            i += 1
        elif c == "点" and i + 1 < end and (s[i + 1] in DIGITS or s[i + 1].isascii() and s[i + 1].isdigit()):
            j = i + 1
            while j < end and (s[j] in DIGITS and s[j] not in "两俩" or s[j].isascii() and s[j].isdigit()):
                j += 1
            if j == i + 1:
                break
            digits = "".join(ch if ch.isascii() else str(DIGITS[ch]) for ch in s[i + 1:j])
            toks.append(Tok("frac", i, j, Decimal("0." + digits), decimals=len(digits), text=s[i:j]))
            i = j
        elif c == "几" or (c == "数" and i + 1 < end and (s[i + 1] in SMALL_UNITS or s[i + 1] in SCALE_WORDS)):
            toks.append(Tok("few", i, i + 1, single=True, text=c))
            i += 1
        elif c in "多余" and prev is not None and prev.kind != "more":
            toks.append(Tok("more", i, i + 1, text=c))
            i += 1
        elif c == "个" and prev is not None and prev.kind in ("num", "pair", "small", "few") and i + 1 < end and s[i + 1] in "万亿":
            i += 1  # 两个亿 = 两亿
        elif c == "半" and (not toks or (len(toks) == 1 and prev.kind == "num" and prev.text == "一")):
            # 半个 = 0.5, 半百 = 50, 一半 = 0.5
            start = prev.start if toks else i
            toks = [Tok("num", start, i + 1, Decimal("0.5"), half=True, text="半")]
            i += 1
        else:
            break
    return toks, i


# --------------------------------------------------------------------------------------------
# Evaluating a token list
# --------------------------------------------------------------------------------------------


def lpd(v: Decimal) -> Decimal:
    """Place value of the last non-zero digit of v (1 for zero)."""
    if v == 0:
        return Decimal(1)
    t = v.normalize()
    return Decimal(1).scaleb(t.as_tuple().exponent)


def eval_int(toks: list[Tok], implied_one: bool) -> Decimal:
    """Integer part of a Chinese / mixed numeral: sections of 十百千 under 万/亿/兆/京."""
    total = Decimal(0)
    section = Decimal(0)
    pending: Decimal | None = None
    abbrev_unit: Decimal | None = None  # unit just before a lone last digit (三万五 -> 5 x 1000)
    abbrev_after_small = False
    max_big = Decimal(0)
    last_small: Decimal | None = None
    prev: Tok | None = None
    for pos, t in enumerate(toks):
        if t.kind == "num":
            if pending is not None:
                raise Reject("two numbers written side by side")
            if t.run and prev is not None and prev.kind in ("small", "zero"):
                raise Reject("digit sequence inside a positional numeral")
            pending = t.value
            abbrev_unit = prev.value if (t.single and prev is not None and prev.kind in ("small", "big")) else None
            abbrev_after_small = prev is not None and prev.kind == "small"
            if t.arabic and t.decimals is not None and prev is not None and prev.kind == "small":
                raise Reject("decimal number after a unit")
        elif t.kind == "small":
            if last_small is not None and t.value >= last_small:
                raise Reject("units out of order")
            if pending is None or (pending == 0 and prev is not None and prev.ling):
                n = Decimal(1)
            else:
                n = pending
            section += n * t.value
            pending = None
            abbrev_unit = None
            last_small = t.value
        elif t.kind == "big":
            n = section
            if pending is not None:
                # 百二萬 = 一百二十万; but 5亿1万: a digit after a scale word is not abbreviated here
                short = abbrev_unit is not None and abbrev_unit >= 100 and abbrev_after_small
                n += pending * (abbrev_unit / 10 if short else 1)
            if prev is not None and prev.kind == "big" and n == 0:
                total *= t.value  # 万万, 万亿
                max_big *= t.value
            elif n == 0 and total == 0:
                rest = toks[pos + 1:]
                if not implied_one and not (len(rest) == 1 and rest[0].kind == "num" and rest[0].single):
                    raise Reject("scale word without a numeral")
                total = t.value  # 萬九 = 一万九, 上万, 万面
                max_big = t.value
            elif t.value >= max_big:
                total = (total + n) * t.value
                max_big = t.value
            else:
                total += n * t.value
            section = Decimal(0)
            pending = None
            abbrev_unit = None
            last_small = None
        elif t.kind == "zero":
            if pending is not None:
                raise Reject("zero after a digit")
        else:  # pragma: no cover - filtered by the caller
            raise Reject(f"unexpected {t.kind}")
        prev = t
    if pending is not None:
        if abbrev_unit is not None and abbrev_unit >= 100:
            pending = pending * abbrev_unit / 10  # 三万五 = 35000, 两千五 = 2500, 百二 = 120
        section += pending
    return total + section


def product(toks: list[Tok]) -> Decimal:
    """Product of the unit words (十百千万亿…) in toks."""
    out = Decimal(1)
    for t in toks:
        if t.kind in ("small", "big"):
            out *= t.value
    return out


def evaluate(toks: list[Tok], implied_one: bool) -> tuple[Decimal, Decimal]:
    """Value and step (place of the last significant written digit) of a numeral without 多/几."""
    k = next((n for n, t in enumerate(toks) if t.kind == "frac"), None)
    if k is not None:
        post = toks[k + 1:]
        if any(t.kind not in ("small", "big") for t in post):
            raise Reject("digits after the decimal part")
        mult = product(post)
        head = toks[:k]
        ip = eval_int(head, implied_one) if head else Decimal(0)
        frac = toks[k]
        return (ip + frac.value) * mult, Decimal(1).scaleb(-frac.decimals) * mult
    value = eval_int(toks, implied_one)
    nums = [n for n, t in enumerate(toks) if t.kind == "num"]
    if nums and toks[nums[-1]].half:
        mult = product(toks[nums[-1] + 1:])
        return value, Decimal("0.5") * mult  # 半个 -> step 0.5, like 一个半
    if nums and toks[nums[-1]].decimals is not None:
        last = nums[-1]
        mult = product(toks[last + 1:])
        return value, Decimal(1).scaleb(-toks[last].decimals) * mult
    return value, lpd(value)  # integers: trailing zeros are not significant


def substitute(toks: list[Tok], digit: int) -> list[Tok]:
    """The tokens with 几 or a digit pair replaced by one digit (to evaluate each end)."""
    out = []
    for t in toks:
        if t.kind in ("few", "pair"):
            t = Tok("num", t.start, t.end, Decimal(digit), single=True, text=t.text)
        out.append(t)
    return out
