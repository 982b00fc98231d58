"""Parse one printed quantity ("290多万元", "近20万人", "19.9%", "两千五百万元") into an interval.

A curated figure is a literal copied from a Chinese report. ``parse`` reads it and returns a
:class:`Quantity`: the printed point value in canonical measure, the interval of true values the
printing allows, the measure word, the qualifier and a few facts about how the numeral was written.

Canonical measure
-----------------
* scale words are expanded: 1.1万 -> 11000.0, 1.38亿 -> 138000000.0, 万亿 -> 1e12, 兆 -> 1e12, 京 -> 1e16;
* % and 个百分点 keep the printed number (19.9% -> 19.9); 百分之二十 -> 20 with unit %;
* 成 is turned into percent: 三成 -> 30.0 (unit stays 成);
* money with 角/分 is added up in the main currency: 一百二十三元1角1分 -> 123.11 元.

Intervals (the project's documented choice)
-------------------------------------------
N is the printed point value and ``step`` the place of the last significant written digit, both in
canonical measure; NEAR_TOLERANCE and ABOUT_TOLERANCE are module constants (0.10).

===================================  ==========================================  ==================================
form                                 interval                                    examples
===================================  ==========================================  ==================================
exact number (Arabic or Chinese)     [N - step/2, N + step/2), high open         2563 -> [2562.5, 2563.5)
  integer: trailing zeros are not    step = place of the last non-zero digit     90万 -> [85万, 95万); 2000 -> [1500, 2500)
  significant
  decimal: every written decimal     step = 10**-decimals x scale                1.1万 -> [1.05万, 1.15万); 1.50: step 0.01
  is significant
  % / 个百分点 / ‰ / 成               the units digit is always significant       100% -> [99.5, 100.5); 三成 -> [25, 35)
  zero                               [0, 0] for an integer zero; 0.0% -> [-0.05, 0.05) like any decimal
  持平 (a change printed as a word)   [-0.05, 0.05), as 0.0: the one decimal of    增速与一季度持平; 价格与同期持平
                                     the rates beside it; no measure word
  N<measure>半 / N<measure><digit>    N + 0.5 (step 0.5) / N + digit/10 (0.1)     一吨半 -> 1.5; 三成半 -> 35; 三米九 -> 3.9
N多 / N余 (before scale and unit)     (N, N + step), both open; step = place of   290多万 -> (290万, 300万); 15多 -> (15, 16)
                                     the last non-zero digit x scale             2500多 -> (2500, 2600); 1.5多万 -> (1.5万, 1.6万)
                                                                                 1000多万 -> (1000万, 2000万); 30余万 -> (30万, 40万)
N万多 / N万余 (after the scale)       (N x scale, (N + 1) x scale)                3万多 -> (3万, 4万); 10万多 -> (10万, 11万)
  with a decimal N: one unit of the  (N x scale, N x scale + step)               1.2万余 -> (1.2万, 1.3万)
  last written digit
N成多 / N个多 (after the measure)     (N, N + one measure)                        三成多 -> (30, 40); 一个多月 -> (1, 2)
十几 / 二十几 / 十几万 / 三万几        (N, N + 10 x the place of 几), open         十几 -> (10, 20); 十几万 -> (10万, 20万)
几十 / 几百 / 几万 / 数十 / 数百万     [2 x place, 10 x place)                     几十 -> [20, 100); 几十万 -> [20万, 100万)
几 alone                             [2, 9]
近 N (将近, 接近)                     [N x (1 - NEAR_TOLERANCE), N)               近30万 -> [27万, 30万)
约 N, 大约, 大概, 近似; N左右, N上下   closed [min(base low, 0.9N), max(base high, 1.1N)] 约30% -> [27, 33]; 约3万 -> [2.5万, 3.5万]
  (base = rounding or 多/几 interval; on a range the ends are widened)
N以上; 不少于, 至少, 不低于           [N, +inf)
超过, 超, 逾, 多于, 高于, 大于, 突破, 过 (N, +inf)
N以下, N以内, N内; 不超过, 至多, 最多  (-inf, N]
不到, 不足, 少于, 低于, 小于, 未满      (-inf, N)
上万 / 上千 / 上百 (qualifier 上)      [N, +inf), N = 1 x the scale word           上万人 -> [1万, +inf)
range 8-10个, 8~10, 8—10, 8至10, 8到10 [low, high], closed, from the two point      3万-5万, 3-5万 -> [3万, 5万]
  三四个, 一两个, 三五名, 七八十,       values; a scale printed only on the right   七八十 -> [70, 80]
  三四十万                           applies to both sides when low <= high      三四十万 -> [30万, 40万]
adjacent numbers, any measure word   [low, high], closed, from the two numbers;  七八所 -> [7, 8]; 二三十场 -> [20, 30]
  (GB/T 15835-2011, 4.2.2): 七八所,  十五六 keeps the tens on both sides (the    十五六岁 -> [15, 16]; 三五个 -> [3, 5]
  二三十场, 三五个, 十五六岁         two ages of the standard's 四十五六岁)      五六万套 -> [5万, 6万]
  printed with 、 (UC106, UC110):    the same, when the two are adjacent at the  5、6支 -> [5, 6]; 3、4万元 -> [3万, 4万]
  5、6支, 3、4万元, 七、八所,        place of their last digit (5 6, 10 11,      二、三十场 -> [20, 30]; 十五、六岁 -> [15, 16]
  二、三十场, 十五、六岁             20 30, 1.5 1.6) or are 3 5; a scale or      5、8个, 1、2、3个 -> QuantityError (a list)
                                     十/百/千 on the right applies to both
                                     sides; a lone digit on the right repeats
                                     the left's last place
===================================  ==========================================  ==================================

``value`` of a range or a 几 form is its low end (十几 -> 10, 几十 -> 20, 8-10 -> 8). A bound
qualifier on a range refers to its low (以上, 超过) or high end (以下, 不到).

Stacked qualifiers (约…左右, 近…多, 约…余, 不到…以上) parse: every qualifier's interval is
computed on the same base figure (the interval of 多/余/几/range counts as one of them) and the
result is the *hull* of those intervals -- the widest reasonable reading, never empty (不到…以上 is
(-inf, +inf)). The ``qualifier`` field joins the names with '+' in order of appearance
('约+左右'); ``is_stacked`` tells the pairs that repeat or contradict each other (UC104). The
qualifier words and what each is read as are listed once, in ``ucheck.numbers.words``; 之多 after
the measure word (10万人之多, "as many as") is read and changes nothing.

A negative sign (负, -, −) belongs to the number (N多 then lies below N: 负300多 -> (-400, -300)).
``kind`` is 'exact', 'approx' (约, 左右, 上下, 近, 多, 余, 几), 'lower' (以上, 超过, 逾, 上),
'upper' (以下, 不到, 不足) or 'range'; a form with both a lower and an upper bound is 'approx'.

Numerals
--------
Arabic with thousands separators (, and ，), decimals and exponents (2e5); full-width digits
(１２３４５, ．); Chinese 零〇一二两三四五六七八九十百千万亿 with 点 decimals (五点一零二),
abbreviated forms (一万三 = 13000, 两千五 = 2500, 二百五 = 250, 萬九 = 19000), leading 十/百/千
(十二, 百二 = 120, 千三 = 1300), compound scales (万万 = 1e8, 万亿 = 1e12), digit-by-digit
sequences (二〇一七 = 2017), Arabic mixed with Chinese scales (1.1万, 250万零1千, 4千, 3百万);
traditional (萬 億 兩 點 負 個 餘 幾 約 過 圓) and financial characters (壹贰叁肆伍陆柒捌玖拾佰仟, 貳 參 陸);
廿 卅 卌 (20/30/40); 两个亿 (= 两亿); 半 (半个 = 0.5, 一半 = 0.5, 半百 = 50).

Readings fixed by choice (see tests/data/PEER_CASES.md for how other parsers differ):
* 兆 is 1e12 and 京 1e16 (the ten-thousand system of 萬/億); 兆瓦, 兆字节 … are units;
* a lone last digit after 百/千/万/亿 is abbreviated (一千一百一 = 1110, 一千五万 = 1500万);
* a unit word that begins with a numeral character wins over the numeral reading: 一千克 is
  1 千克 (not 1000 克), 三千米 is 3 千米, 五十兆字节 is 50 兆字节; a final 两 after a complete
  numeral is the weight unit (二两, 两万两 = 20000 两);
* a scale word printed without a digit before it is the literary 一万/一亿 (万面, 万人, 上万, 近万,
  过万, 萬九 = 一万九); but 多/余 right after such a bare 万/亿 (万多元) is rejected as a figure
  that lost its digits (QuantityError), as are 多/余 with no number at all (多万).

Measure words are kept as printed after the scale is taken off, normalised to simplified
characters (個 -> 个, 百分點 -> 个百分点, 圆/圓 -> 元, 元整 -> 元, ％ -> %). A currency or unit
word before the number (人民币, 港币, 新台币, 美元, ¥, $, 摄氏 …) is accepted; the unit then
starts with it (人民币50元 -> unit '人民币元').
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from ucheck.numbers import words
from ucheck.numbers.numerals import (
    DIGITS,
    NUMERAL_LED_UNITS,
    SMALL_UNITS,
    TRADITIONAL,
    Reject,
    Tok,
    digit,
    evaluate,
    lpd,
    normalise,
    product,
    substitute,
    tokenize,
)

__all__ = [
    "ABOUT_TOLERANCE",
    "MAX_LITERAL_CHARS",
    "NEAR_TOLERANCE",
    "LiteralTooLong",
    "Quantity",
    "QuantityError",
    "parse",
    "parse_cached",
]

NEAR_TOLERANCE = 0.10
"""近 N covers [N x (1 - NEAR_TOLERANCE), N)."""

ABOUT_TOLERANCE = 0.10
"""约 N / N左右 widens the rounding interval to at least N x (1 -/+ ABOUT_TOLERANCE)."""


class QuantityError(ValueError):
    """The text is not a quantity this parser can read. The message quotes the text."""

    def __init__(self, text: object, why: str) -> None:
        super().__init__(f"cannot parse quantity {text!r}: {why}")
        self.text = text
        self.why = why


# The longest printed figure of the corpora is some 20 characters (一千二百三十四万五千六百七十八点九元 is
# 18); a "literal" of thousands is a paste error or a run of 万 in a seed, and the parser's time grows
# with the text. Every caller (curated values, stated-rule quotas, region populations, the draft's
# mentions) is bounded here.
MAX_LITERAL_CHARS = 100


class LiteralTooLong(QuantityError):
    """A text longer than :data:`MAX_LITERAL_CHARS`: refused before it is read."""

    def __init__(self, text: str) -> None:
        ValueError.__init__(self, f"cannot parse quantity {text[:20]!r}… ({len(text):,} characters): longer than any figure "
                                  f"as printed (at most {MAX_LITERAL_CHARS})")
        self.text = text
        self.why = "too long"




# --------------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------------

_FULLWIDTH = frozenset("０１２３４５６７８９．％")
_ARABIC_DIGITS = frozenset("0123456789０１２３４５６７８９")
# Chinese digits that may not stand beside Arabic ones (GB/T 15835-2011, 5.3): all but the scale
# words 万/亿 and 零 between their sections (10亿零817万5288人), the point 点 and 几 (UC106's)
_CHINESE_DIGITS = frozenset("一二两兩俩倆三四五六七八九壹贰貳叁參叄肆伍陆陸柒捌玖十拾百佰千仟廿卅卌")
_FINANCIAL_CHARS = frozenset("壹贰貳叁參叄肆伍陆陸柒捌玖拾佰仟")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One printed quantity read as an interval of possible true values (see the module docstring)."""

    raw: str
    value: float
    low: float
    high: float
    low_open: bool
    high_open: bool
    unit: str | None
    qualifier: str | None
    scale: float
    numeral: str
    step: float
    kind: str
    scale_word: str = ""  # the scale word(s) as printed ('万', '千万', '萬'); '' when none

    # -- predicates for literal rules (columns q_fullwidth, q_mixed_digits, q_stacked of a figure) --

    @property
    def has_fullwidth_digits(self) -> bool:
        """The text uses full-width digits or signs (１２３, ．, ％): UC108."""
        return any(c in _FULLWIDTH for c in self.raw)

    @property
    def mixes_chinese_digits(self) -> bool:
        """Arabic digits mixed with Chinese numeral characters other than 万/亿 and 零 in the numeral
        or its scale ("4千", "3百万", "250万零1千", "100万三千"; not "10亿零817万5288", "1.1万"): UC107."""
        text = self.numeral + self.scale_word
        return any(c in _ARABIC_DIGITS for c in text) and any(c in _CHINESE_DIGITS for c in text)

    @property
    def is_stacked(self) -> bool:
        """Two qualifiers on one figure that repeat or contradict each other (约…左右, 近…多, 不到…以上:
        ucheck.numbers.words.STACKED): UC104."""
        names = self.qualifiers
        return any(b in words.STACKED.get(a, ()) for i, a in enumerate(names) for b in names[i + 1:])

    @property
    def qualifiers(self) -> tuple[str, ...]:
        """The qualifier names in order of appearance (('约', '左右') for 约30%左右)."""
        return tuple(self.qualifier.split("+")) if self.qualifier else ()

    # -- other facts (no rule uses them; tests/test_quantity.py::test_predicates pins them) ------

    @property
    def is_decimal(self) -> bool:
        """The numeral has a decimal point (. ． 点 點)."""
        return any(c in ".．点點" for c in self.numeral)

    @property
    def uses_financial_digits(self) -> bool:
        """The text uses the financial (大写) numerals 壹贰叁…拾佰仟."""
        return any(c in _FINANCIAL_CHARS for c in self.raw)

    @property
    def uses_traditional(self) -> bool:
        """The text uses traditional characters (萬 億 兩 點 個 餘 …)."""
        return any(c in TRADITIONAL for c in self.raw)

    @property
    def is_exact(self) -> bool:
        return self.kind == "exact"

    @property
    def is_bounded(self) -> bool:
        return math.isfinite(self.low) and math.isfinite(self.high)

    def contains(self, x: float) -> bool:
        """Whether x lies in the interval."""
        if x < self.low or (x == self.low and self.low_open):
            return False
        if x > self.high or (x == self.high and self.high_open):
            return False
        return True



# The qualifier words (约, 近, 超过, 不到 …; 左右, 以上 …) and what each is read as: ucheck.numbers.words.
_PREFIX_QUALIFIERS = {w: q.means for w, q in words.PREFIX.items()}
_SUFFIX_QUALIFIERS = {w: q.means for w, q in words.SUFFIX.items()}  # means '' (之多): dropped
# before a bare scale word (上万); 数 (数百) is read by the tokenizer like 几
_BEFORE_SCALE = {w: q.means for w, q in words.BEFORE_SCALE.items() if q.means != "几"}

_PREFIX_QUALIFIER_WORDS = sorted(_PREFIX_QUALIFIERS, key=len, reverse=True)
_SUFFIX_QUALIFIER_WORDS = sorted(_SUFFIX_QUALIFIERS, key=len, reverse=True)

_LOWER = {"以上", "上", "超过", "逾"}
_UPPER = {"以下", "不到", "不足"}
_APPROX = {"约", "左右", "上下", "近", "多", "余", "几"}

_PREFIX_UNITS = sorted(
    [
        "人民币", "新台币", "台币", "港币", "港元", "美元", "欧元", "日元", "英镑", "澳元", "韩元", "卢布",
        "摄氏温度", "华氏温度", "摄氏", "华氏", "US$", "HK$", "NT$", "RMB", "¥", "$", "€", "£",
    ],
    key=len,
    reverse=True,
)
_PERCENT_PREFIXES = ["壹百分之", "一百分之", "百分之", "佰分之", "百分", "佰分"]

_RANGE_SEPARATORS = ["——", "—", "–", "--", "-", "~", "至", "到"]
_SEPARATOR_FIRST = frozenset(w[0] for w in _RANGE_SEPARATORS)
_PERCENT_UNITS = {"%", "个百分点", "‰"}

# Money written with its subunits: 一百二十三元1角1分, 五元三毛, 两美元又三美分, 10日元5日本銭.
_D = "0-9零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_MONEY_TAIL = re.compile(
    rf"(?P<cur>美元|日元|元|圆|块)?又?(?:(?P<jiao>[{_D}])[角毛])?(?:(?P<fen>[{_D}])(?:美分|日本钱|分|钱))?钱?$"
)

# A measure word followed by one digit is an abbreviated tenth: 三米九, 七成六, 两块五.
_MEASURE_TENTH = re.compile(rf"^(成|米|块|斤|尺|丈)([{_D}])$")


# characters a measure word may not contain (they signal a second or a broken number)
_NOT_IN_UNIT = set("0123456789") | set(DIGITS) | set(SMALL_UNITS) | set("万亿几多余半+-~—–,.，。、;；:：")



# --------------------------------------------------------------------------------------------
# One side of a figure: numeral + measure word (+ suffix qualifiers)
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Side:
    value: Decimal
    step: Decimal
    lo: Decimal
    hi: Decimal
    lo_open: bool
    hi_open: bool
    form: str  # exact | more | few | pair
    scale: Decimal
    unit: str  # '' when none
    numeral: tuple[int, int]  # normalised span of the numeral (without qualifier / scale / unit)
    scale_span: tuple[int, int]  # normalised span of the scale words
    lead_mult: Decimal  # 三仟 -> 1000, 九百亿 -> 1e10: units (from 百 up) after a single leading number, else 1
    quals: list[str]  # 多 / 余 / 几 / range, in order
    suffix_quals: list[str]
    has_scale: bool


def _normalise_unit(u: str) -> str:
    """百分点 -> 个百分点, 圆 / 元整 / 圆正 -> 元."""
    if u in ("百分点", "个百分点"):
        return "个百分点"
    if u and u[0] in "元圆" and u[1:] in ("整", "正"):
        return "元"
    if u in ("圆",):
        return "元"
    return u


def _check_unit(unit: str) -> None:
    """Reject a measure word that hides a second or broken number (分之一, 5-, 三实)."""
    rest = unit
    for w in NUMERAL_LED_UNITS:
        rest = rest.replace(w, "")
    if rest == "两":
        return
    bad = [c for c in rest if c in _NOT_IN_UNIT]
    if bad:
        raise Reject(f"unexpected {bad[0]!r} in the measure word {unit!r}")


@dataclass(slots=True)
class _Tail:
    """What follows the numeral: the measure word and what is attached to it."""

    unit: str
    suffix_quals: list[str]  # 左右, 以上 … (normalised)
    more: str | None  # 多/余 after the measure word (三成多, 一个多月)
    half: bool  # 一吨半, 一个半小时
    tenth: Decimal | None  # 三米九 -> 0.9


def _split_tail(tail: str, allow_suffix: bool) -> _Tail:
    suffix: list[str] = []
    while allow_suffix:
        for w in _SUFFIX_QUALIFIER_WORDS:
            if tail.endswith(w):
                if _SUFFIX_QUALIFIERS[w]:
                    suffix.insert(0, _SUFFIX_QUALIFIERS[w])
                tail = tail[: -len(w)]
                break
        else:
            break
    mark: str | None = None
    if tail[:2] in ("个多", "个余", "个半"):  # 一个多月, 一个半小时
        mark, tail = tail[1], "个" + tail[2:]
    elif tail[-1:] in ("多", "余", "半") and len(tail) >= 2:  # 三成多, 一年半
        mark, tail = tail[-1], tail[:-1]
    tenth: Decimal | None = None
    m = _MEASURE_TENTH.match(tail)
    if m:  # 三米九 = 3.9米, 七成六 = 7.6成
        tenth, tail = Decimal(digit(m.group(2))) / 10, m.group(1)
    unit = _normalise_unit(tail)
    if unit:
        _check_unit(unit)
    return _Tail(unit, suffix, mark if mark in ("多", "余") else None, mark == "半", tenth)


def _scale_tokens(core: list[Tok], implied_one: bool) -> list[Tok]:
    """The scale words of a numeral: all units after an Arabic number (1.1万, 4千, 3百万), the 万/亿
    after a Chinese numeral without other 万/亿 (两千五百万 -> 万; not 一亿五千万)."""
    digits = [n for n, t in enumerate(core) if t.kind in ("num", "frac", "few", "pair")]
    last = digits[-1] if digits else -1
    trailing = core[last + 1:]
    if not trailing or any(t.kind not in ("small", "big") for t in trailing):
        return []
    if last >= 0 and core[last].arabic and not any(t.kind in ("small", "big") for t in core[:last]):
        return trailing
    run: list[Tok] = []
    for t in reversed(trailing):
        if t.kind != "big":
            break
        run.append(t)
    run.reverse()
    head = core[: len(core) - len(run)]
    if run and not any(t.kind == "big" for t in head) and any(t.kind != "zero" for t in head):
        return run
    if run and not head and implied_one:
        return run  # 上万
    return []


def _read_few_or_pair(core: list[Tok], sp: Tok, implied_one: bool):
    """几 (十几, 几十, 几万) and digit pairs (三四, 七八十): (form, value, lo, hi, lo_open, hi_open, step, qual)."""
    def at(digit: int) -> Decimal:
        return evaluate(substitute(core, digit), implied_one)[0]

    place = at(2) - at(1)
    if place <= 0:
        raise Reject("几 or a digit pair in an impossible place")
    if sp.kind == "pair":
        lo, hi = at(sp.alt[0]), at(sp.alt[1])
        return "pair", lo, lo, hi, False, False, place, "range"
    n = core.index(sp)
    before = core[n - 1] if n > 0 else None
    after = core[n + 1] if n + 1 < len(core) else None
    if after is not None and after.kind == "small":
        lo, hi, lo_open, hi_open = at(2), at(10), False, True  # 几十 -> [20, 100)
    elif before is not None and before.kind in ("small", "big"):
        lo, hi, lo_open, hi_open = at(0), at(10), True, True  # 十几 -> (10, 20)
    elif len(core) == 1:
        lo, hi, lo_open, hi_open = Decimal(2), Decimal(9), False, False  # 几 -> [2, 9]
    else:
        lo, hi, lo_open, hi_open = at(2), at(10), False, True  # 几万 -> [2万, 10万)
    return "few", lo, lo, hi, lo_open, hi_open, place, "几"


def _read_side(s: str, i: int, end: int, implied_one: bool, allow_suffix: bool) -> _Side:
    """One number with its scale, measure word and suffix qualifiers (a range has two sides)."""
    toks, j = tokenize(s, i, end)
    if not toks:
        raise Reject("no number")
    tail = _split_tail(s[j:end], allow_suffix)

    more = [t for t in toks if t.kind == "more"]
    special = [t for t in toks if t.kind in ("few", "pair")]
    core = [t for t in toks if t.kind != "more"]
    if not any(t.kind in ("num", "small", "frac", "few", "pair") for t in core):
        if not core:
            raise Reject("no number")
        if not implied_one and (more or tail.more):
            raise Reject("多/余 after a scale word without a numeral")  # 万多元: a figure lost its digits
        implied_one = True  # 万面, 万人: the literary 一万
    if len(more) + len(special) + (tail.more is not None) > 1:
        raise Reject("more than one of 多/余/几 or a digit pair in one number")
    if special and any(t.kind == "frac" for t in core):
        raise Reject("几 or a digit pair with a decimal part")
    if more and any(t.kind not in ("small", "big") for t in toks[toks.index(more[0]) + 1:]):
        raise Reject("digits after 多/余")
    if core and core[0].kind == "zero":
        raise Reject("zero separator without a number")

    scale_toks = _scale_tokens(core, implied_one)
    scale = product(scale_toks)
    numeral_toks = [t for t in core[: len(core) - len(scale_toks)] if t.kind != "zero" or t is not core[-1]]
    span = (numeral_toks[0].start, numeral_toks[-1].end) if numeral_toks else (i, i)

    quals: list[str] = []
    if special:
        form, value, lo, hi, lo_open, hi_open, step, qual = _read_few_or_pair(core, special[0], implied_one)
        quals.append(qual)
    else:
        value, step = evaluate(core, implied_one)
        form, lo, hi, lo_open, hi_open = "exact", value, value, False, False
        if more or tail.more:
            if tail.more:
                inc = scale  # 三成多, 一个多月
            elif toks[-1] is more[0] and scale_toks:
                # 3万多 -> (3万, 4万); a decimal counts its last written digit: 1.2万余 -> (1.2万, 1.3万)
                decimal = any(t.kind == "frac" or t.decimals is not None and t.decimals > 0 for t in core)
                inc = step if decimal else scale
            else:
                mult = product(toks[toks.index(more[0]) + 1:])
                inc = lpd(value / mult) * mult  # 290多万 -> 10 x 1万; 2500多 -> 100
            quals.append(tail.more or more[0].text)
            form, step = "more", inc
            lo, hi, lo_open, hi_open = value, value + inc, True, True

    if tail.half or tail.tenth is not None:
        if form != "exact" or scale != 1:
            raise Reject("半 or a tenth digit after an approximate or scaled number")
        value += Decimal("0.5") if tail.half else tail.tenth
        step = Decimal("0.5") if tail.half else Decimal("0.1")
        lo = hi = value
    scale_span = (scale_toks[0].start, scale_toks[-1].end) if scale_toks else (i, i)
    simple = len(core) > 1 and core[0].kind == "num" and all(t.kind in ("small", "big") for t in core[1:])
    lead_mult = product(core[1:]) if simple and core[1].value >= 100 else Decimal(1)
    return _Side(value, step, lo, hi, lo_open, hi_open, form, scale, tail.unit, span, scale_span, lead_mult, quals,
                 tail.suffix_quals, bool(scale_toks))


# --------------------------------------------------------------------------------------------
# Putting a figure together
# --------------------------------------------------------------------------------------------


# The characters a prefix can start with (qualifier, unit, sign, 上 of 上万, 百分之).
_PREFIX_FIRST = frozenset(w[0] for w in (*_PREFIX_QUALIFIER_WORDS, *_PREFIX_UNITS, *_PERCENT_PREFIXES, *_BEFORE_SCALE)) | frozenset("负-+")


def _strip_prefixes(s: str, i: int, end: int) -> tuple[int, list[str], str, int, bool, bool]:
    """Read what may precede the number, in any order: qualifiers (约, 近, 超过 …, 上 of 上万), a
    currency or unit word (人民币, $, 摄氏), a sign (负, -, +) and 百分之. Returns the position of the
    number, the qualifiers, the prefix unit, the sign, whether 百分之 was seen and whether a bare
    scale word follows a qualifier (近万: an implied 一)."""
    quals: list[str] = []
    prefix_unit = ""
    sign = 1
    percent = False
    implied_one = False
    while i < end:
        if s[i] not in _PREFIX_FIRST:  # nearly every literal starts with its number: one set lookup
            break
        for w in _PREFIX_QUALIFIER_WORDS:
            if s.startswith(w, i):
                quals.append(_PREFIX_QUALIFIERS[w])
                i += len(w)
                break
        else:
            if s[i] in _BEFORE_SCALE and i + 1 < end and s[i + 1] in "百千万亿":
                quals.append(_BEFORE_SCALE[s[i]])
                i += 1
                continue
            for w in _PREFIX_UNITS:
                if s.startswith(w, i) and not prefix_unit:
                    prefix_unit = w
                    i += len(w)
                    break
            else:
                if s[i] in "负-+" and sign == 1 and (s[i] != "+" or i + 1 < end):
                    sign = -1 if s[i] != "+" else 1
                    i += 1
                    continue
                for w in _PERCENT_PREFIXES:
                    if s.startswith(w, i) and not percent:
                        percent = True
                        i += len(w)
                        break
                else:
                    break
    if quals and i < end and (s[i] in "百千万亿"):
        implied_one = True  # 近万, 上万, 过万
    return i, quals, prefix_unit, sign, percent, implied_one


def _find_range_separator(s: str, i: int, end: int) -> tuple[int, int] | None:
    """The first range separator (-, ~, —, 至, 到 …) after the start of the number, if any."""
    k = i + 1
    while k < end:
        if s[k] not in _SEPARATOR_FIRST:
            k += 1
            continue
        for sep in _RANGE_SEPARATORS:
            if s.startswith(sep, k):
                if sep == "-" and s[k - 1] in "eE" and k >= 2 and s[k - 2].isdigit():
                    break  # exponent sign
                return k, k + len(sep)
        k += 1
    return None


def _signed(side: _Side, sign: int) -> None:
    """Negate a side read without its sign; N多 then lies below N (负300多 -> (-400, -300))."""
    if sign > 0:
        return
    side.value = -side.value
    if side.form == "more":
        side.lo, side.hi = side.value - side.step, side.value
    else:
        side.lo, side.hi, side.lo_open, side.hi_open = -side.hi, -side.lo, side.hi_open, side.lo_open


def _canonical(side: _Side) -> None:
    """Turn 成 into percent and make the units digit significant for percent-like units."""
    if side.unit in _PERCENT_UNITS or side.unit == "成":
        if side.form == "exact":
            side.step = min(side.step, Decimal(1))
    if side.unit == "成":
        ten = Decimal(10)
        side.value *= ten
        side.step *= ten
        side.lo *= ten
        side.hi *= ten


def _base_interval(side: _Side) -> tuple[Decimal, Decimal, bool, bool]:
    """The interval before outer qualifiers: rounding for an exact number, else the 多/几/pair one."""
    if side.form == "exact":
        # An integer zero is exactly zero; a zero printed with decimals (0.0%) is the rounding of
        # its last digit like any decimal: its step is then finer than its scale.
        if side.value == 0 and side.step >= side.scale:
            return Decimal(0), Decimal(0), False, False
        return side.value - side.step / 2, side.value + side.step / 2, False, True
    return side.lo, side.hi, side.lo_open, side.hi_open


_INF = Decimal("Infinity")


def _apply(q: str, base, a: Decimal, b: Decimal):
    """Interval of one qualifier on the base interval; a / b are the low / high anchors."""
    lo, hi, lo_open, hi_open = base
    if q in ("约", "左右", "上下"):
        tol = Decimal(str(ABOUT_TOLERANCE))
        return min(lo, a - tol * abs(a)), max(hi, b + tol * abs(b)), False, False
    if q == "近":
        tol = Decimal(str(NEAR_TOLERANCE))
        return b - tol * abs(b), b, False, True
    if q in ("以上", "上"):
        return a, _INF, False, True
    if q in ("超过", "逾"):
        return a, _INF, True, True
    if q == "以下":
        return -_INF, b, True, False
    if q in ("不到", "不足"):
        return -_INF, b, True, True
    return base


def _hull(intervals):
    """The smallest interval containing all of them (an end is open only if every interval reaching
    it is open there)."""
    lo = min(iv[0] for iv in intervals)
    hi = max(iv[1] for iv in intervals)
    lo_open = all(iv[2] for iv in intervals if iv[0] == lo)
    hi_open = all(iv[3] for iv in intervals if iv[1] == hi)
    return lo, hi, lo_open, hi_open


def _raw_span(text: str, where: list[int], span: tuple[int, int]) -> str:
    """The raw text behind a normalised span, without whitespace."""
    a, b = span
    if b <= a:
        return ""
    return "".join(text[where[a]: where[b - 1] + 1].split())


def _money_tail(s: str, i: int, end: int) -> tuple[int, Decimal, Decimal | None, str]:
    """Split 一百二十三元1角1分 into the amount (end of it), the subunits, their step and the currency."""
    m = _MONEY_TAIL.search(s, i, end)
    if not m or not (m.group("jiao") or m.group("fen")) or m.start() <= i:
        return end, Decimal(0), None, ""
    before = s[m.start() - 1]
    if not m.group("cur") and not (m.group("jiao") and (before in DIGITS or before in SMALL_UNITS or before.isdigit())):
        return end, Decimal(0), None, ""
    jiao, fen = m.group("jiao"), m.group("fen")
    sub = (Decimal(digit(jiao)) / 10 if jiao else Decimal(0)) + (Decimal(digit(fen)) / 100 if fen else Decimal(0))
    return m.start(), sub, Decimal("0.01") if fen else Decimal("0.1"), _normalise_unit(m.group("cur") or "元")


@dataclass(slots=True)
class _Figure:
    """The base reading of a figure before the outer qualifiers (约, 近, 以上 …) are applied."""

    value: Decimal
    step: Decimal
    interval: tuple[Decimal, Decimal, bool, bool]
    anchors: tuple[Decimal, Decimal]  # the points a bound qualifier refers to (low, high)
    side: _Side  # the right-hand (or only) side: scale, unit, suffix qualifiers
    quals: list[str]  # 多 / 余 / 几 / range
    numeral: str
    is_range: bool


def _right_side(s: str, start: int, end: int, percent: bool) -> _Side:
    """The right number of a range or of two adjacent numbers, after a repeated 百分之 of a percentage."""
    if percent:
        start += next((len(w) for w in _PERCENT_PREFIXES if s.startswith(w, start)), 0)
    return _read_side(s, start, end, False, allow_suffix=True)


def _share_unit(left: _Side, right: _Side, approximate: str, two_units: str) -> None:
    """Both sides exact and of one measure word, which the left takes from the right when it prints none."""
    if left.form != "exact" or right.form != "exact":
        raise Reject(approximate)
    if left.unit and right.unit and left.unit != right.unit:
        raise Reject(f"{two_units} {left.unit!r} and {right.unit!r}")
    left.unit = left.unit or right.unit


def _read_range(text, where, s, i, sep, end, sign, implied_one, percent) -> _Figure | None:
    """8-10个, 3万-5万, 3-5万, 8至10; None when the text before the separator is not a number."""
    try:
        left = _read_side(s, i, sep[0], implied_one, allow_suffix=False)
    except Reject:
        return None
    r_start, r_sign = sep[1], 1
    if r_start < end and s[r_start] in "负-":
        r_sign, r_start = -1, r_start + 1
    right = _right_side(s, r_start, end, percent)  # 百分之三十一到百分之百
    _share_unit(left, right, "a range with an approximate end", "a range with two measure words")
    if not left.has_scale:
        # a multiplier printed only on the right applies to both sides when that keeps low <= high:
        # 3-5万 = [3万, 5万], 两到三仟 = [2000, 3000], 八到九百亿 = [800亿, 900亿]; but 8000-1万, 十八至三十万
        for mult in sorted({right.lead_mult, right.scale}, reverse=True):
            if mult > 1 and left.value * mult <= right.value:
                left.value *= mult
                left.step *= mult
                left.lo = left.hi = left.value
                break
    _signed(left, sign)
    _signed(right, r_sign)
    _canonical(left)
    _canonical(right)
    if left.value > right.value:
        raise Reject("range from a larger to a smaller number")
    sep_text = "".join(text[where[sep[0]]: where[sep[1] - 1] + 1].split())
    numeral = _raw_span(text, where, left.numeral) + sep_text + _raw_span(text, where, right.numeral)
    lo, hi = left.value, right.value
    return _Figure(lo, min(left.step, right.step), (lo, hi, False, False), (lo, hi), right, ["range"], numeral, True)


def _read_adjacent(text, where, s, i, mark, end, sign, implied_one, percent) -> _Figure:
    """Two adjacent numbers joined by 、: 5、6支, 3、4万元, 七、八所, 二、三十场, 十五、六岁 -- the same
    approximation as 五六支, 七八所 (GB/T 15835-2011 writes it so: UC106, UC110), read as the closed
    range of the two numbers. A scale or 十/百/千 printed only on the right applies to both sides
    (3、4万 -> [3万, 4万]; 二、三十 -> [20, 30]), a lone digit on the right repeats the left's last
    place (十五、六 -> [15, 16]). Anything else -- numbers that are not adjacent (5、8个), three of
    them (1、2、3个) -- is a list of figures, not one."""
    if s.find("、", mark + 1, end) >= 0:
        raise Reject("more than two numbers separated by 、: a list, not one figure")
    if sign < 0:
        raise Reject("a negative number before 、")
    left = _read_side(s, i, mark, implied_one, allow_suffix=False)
    right = _right_side(s, mark + 1, end, percent)  # 百分之五、百分之六
    _share_unit(left, right, "an approximate number (多, 余, 几 or a pair) beside 、", "numbers beside 、 with two measure words")
    if not left.has_scale:
        lo, hi = left.value, right.value / right.scale  # the digits of each side, before the right's scale
        if hi == hi.to_integral_value() and 1 <= hi <= 9 and hi < lo and lo >= 10 * lpd(lo):
            place = lpd(lo)  # 十五、六 -> 16: the right repeats only the left's last digit
            hi = lo + (hi - lo / place % 10) * place
        elif not _adjacent(lo, hi) and lpd(hi) > lpd(lo):
            lo *= lpd(hi) / lpd(lo)  # 二、三十 -> 20; 两、三百 -> 200
        left.value, right.value = lo * right.scale, hi * right.scale
        left.step = lpd(left.value)
    _canonical(left)
    _canonical(right)
    lo, hi = left.value, right.value
    place = _adjacent(lo, hi)
    if not place:
        raise Reject(f"numbers beside 、 that are not adjacent ({_plain(lo)} and {_plain(hi)}): a list of figures, "
                     "not an approximation")
    numeral = _raw_span(text, where, left.numeral) + "、" + _raw_span(text, where, right.numeral)
    return _Figure(lo, place, (lo, hi, False, False), (lo, hi), right, ["range"], numeral, True)


def _adjacent(lo: Decimal, hi: Decimal) -> Decimal | None:
    """The place at which lo and hi are adjacent numbers (5 6, 10 11, 20 30, 1.5 1.6; and 3 5, the
    idiom 三五), or None."""
    place = min(lpd(lo), lpd(hi))
    return place if hi - lo == place or (lo == 3 * place and hi == 5 * place) else None


def _plain(d: Decimal) -> str:
    """A Decimal as a plain number (3E+4 -> 30000)."""
    return f"{d.normalize():f}"


def _read_single(text, where, s, i, end, sign, implied_one, percent, money) -> _Figure:
    side = _read_side(s, i, end, implied_one, allow_suffix=True)
    sub, sub_step = money
    if sub_step is not None:
        if side.unit or side.form != "exact":
            raise Reject("money subunits after a measure word or an approximate amount")
        side.value += sub
        side.step = sub_step
        side.lo = side.hi = side.value
    _signed(side, sign)
    if percent:
        if side.unit:
            raise Reject(f"百分之 with a measure word {side.unit!r}")
        side.unit = "%"
    _canonical(side)
    interval = _base_interval(side)
    anchors = (interval[0], interval[1]) if side.form == "pair" else (side.value, side.value)
    return _Figure(side.value, side.step, interval, anchors, side, side.quals, _raw_span(text, where, side.numeral),
                   side.form == "pair")


def _qualify(fig: _Figure, outer: list[str]) -> tuple[Decimal, Decimal, bool, bool]:
    """Apply the prefix / suffix qualifiers; stacked ones give the hull (see the module docstring)."""
    if not outer:
        return fig.interval
    a, b = fig.anchors
    intervals = [_apply(q, fig.interval, a, b) for q in outer]
    approximate_base = fig.side.form != "exact" or fig.is_range
    if approximate_base and (len(outer) > 1 or any(q not in ("约", "左右", "上下") for q in outer)):
        intervals.append(fig.interval)  # 近300多万: the 多 reading is one of the stacked intervals
    return _hull(intervals)


def _kind(names: list[str], is_range: bool) -> str:
    lower = any(q in _LOWER for q in names)
    upper = any(q in _UPPER for q in names)
    if lower != upper:
        return "lower" if lower else "upper"
    if lower and upper:
        return "approx"
    if is_range:
        return "range"
    return "approx" if any(q in _APPROX for q in names) else "exact"


def _parse(text: str) -> Quantity:
    s, where = normalise(text)
    if not s:
        raise QuantityError(text, "empty")
    i, prefix_quals, prefix_unit, sign, percent, implied_one = _strip_prefixes(s, 0, len(s))
    if i >= len(s):
        raise QuantityError(text, "no number")
    end, sub, sub_step, money_unit = _money_tail(s, i, len(s))
    try:
        sep = _find_range_separator(s, i, end)
        mark = s.find("、", i, end)
        if mark >= 0:  # 5、6支, 七、八所: two adjacent numbers
            if sep:
                raise Reject("a range and numbers beside 、 in one figure")
            if mark == i:
                raise Reject("no number before 、")
            fig = _read_adjacent(text, where, s, i, mark, end, sign, implied_one, percent)
        else:
            fig = _read_range(text, where, s, i, sep, end, sign, implied_one, percent) if sep else None
        if fig is None:
            fig = _read_single(text, where, s, i, end, sign, implied_one, percent, (sub, sub_step))
    except Reject as exc:
        raise QuantityError(text, str(exc)) from None

    side = fig.side
    unit = prefix_unit + (side.unit or money_unit)
    if percent:
        unit = "%"
    outer = prefix_quals + side.suffix_quals
    names = prefix_quals + fig.quals + side.suffix_quals
    lo, hi, lo_open, hi_open = _qualify(fig, outer)

    value, low, high, step = float(fig.value), float(lo), float(hi), float(fig.step)
    if not (math.isfinite(value) and math.isfinite(step)) or math.isnan(low) or math.isnan(high) \
            or (not math.isfinite(low) and lo.is_finite()) or (not math.isfinite(high) and hi.is_finite()):
        raise QuantityError(text, "number out of range")
    if lo < hi and not low < high:  # beyond 2**53 two close bounds round to one float: widen, never empty
        low, high = math.nextafter(low, -math.inf), math.nextafter(high, math.inf)
    return Quantity(
        raw=text,
        value=value,
        low=low,
        high=high,
        low_open=bool(lo_open),
        high_open=bool(hi_open),
        unit=unit or None,
        qualifier="+".join(names) if names else None,
        scale=float(side.scale),
        numeral=fig.numeral,
        step=step,
        kind=_kind(names, fig.is_range),
        scale_word=_raw_span(text, where, side.scale_span),
    )


# The commonest printed figure by far — Arabic digits, a decimal part, 万 or 亿, a plain measure word
# (2238平方米, 84.26万家, 63.0%) — read directly: the same Quantity as the grammar below gives (a test
# compares the two over every such unit and thousands of numbers), at a tenth of the cost. Anything
# else (a qualifier, a range, Chinese numerals, zero, a unit not listed here) takes the grammar.
_FAST = re.compile(r"([1-9][0-9]{0,11}|0)(?:\.([0-9]{1,4}))?([万亿]?)(.*)")
FAST_UNITS = frozenset((
    "", "%", "人", "名", "位", "家", "个", "项", "元", "场", "次", "人次", "场次", "户", "份", "件", "张", "册", "所", "座",
    "平方米", "亩", "吨", "条", "部", "篇", "期", "支", "批", "套", "台", "辆", "天", "间", "处", "艘", "株", "棵", "公顷",
))
_SCALE = {"": Decimal(1), "万": Decimal(10000), "亿": Decimal(100000000)}


def _fast(text: str) -> Quantity | None:
    m = _FAST.fullmatch(text)
    if m is None or m.group(4) not in FAST_UNITS:
        return None
    whole, frac, scale_word, unit = m.groups()
    scale = _SCALE[scale_word]
    if frac is None:
        n = Decimal(whole)
        if not n:
            return None  # zero is exact, not a rounding: the grammar says so
        value, step = n * scale, lpd(n) * scale  # trailing zeros of an integer are not significant
    else:
        n = Decimal(f"{whole}.{frac}")
        if not n:
            return None
        value, step = n * scale, Decimal(1).scaleb(-len(frac)) * scale
    if unit == "%":
        step = min(step, Decimal(1))
    half = step / 2
    low, high = float(value - half), float(value + half)
    if not low < high:  # beyond 2**53 the two bounds round to one float: widened, as the grammar does
        low, high = math.nextafter(low, -math.inf), math.nextafter(high, math.inf)
    numeral = f"{whole}.{frac}" if frac is not None else whole
    return Quantity(raw=text, value=float(value), low=low, high=high, low_open=False, high_open=True,
                    unit=unit or None, qualifier=None, scale=float(scale), numeral=numeral, step=float(step), kind="exact",
                    scale_word=scale_word)


def parse(text: str) -> Quantity:
    """Read one printed quantity; raise QuantityError (quoting the text) when it is not one."""
    if not isinstance(text, str):
        raise QuantityError(text, f"expected a string, got {type(text).__name__}")
    if len(text) > MAX_LITERAL_CHARS:
        raise LiteralTooLong(text)
    if text.strip() in FLAT_WORDS:
        return _flat(text)
    if any(w in text for w in FLAT_WORDS) and not any(c.isdigit() for c in text):
        raise QuantityError(text, "a change said in words with a qualifier (基本持平: roughly flat) is no number; "
                                  "list it under ignored with its reason")
    return _fast(text) or _grammar(text)


FLAT_WORDS = ("持平",)
"""Words that print a change of zero (增速与一季度持平, 价格与同期持平): read as 0.0 at the one decimal of the
rates a release prints beside them, [-0.05, 0.05); no measure word (the curated ``unit:`` gives it).
基本持平 (roughly flat) is no number."""


def _flat(text: str) -> Quantity:
    return Quantity(raw=text, value=0.0, low=-0.05, high=0.05, low_open=False, high_open=True, unit=None, qualifier=None,
                    scale=1.0, numeral=text.strip(), step=0.1, kind="exact")


def _grammar(text: str) -> Quantity:
    with localcontext() as ctx:
        ctx.prec = 80
        ctx.Emax = 10**6
        ctx.Emin = -(10**6)
        try:
            return _parse(text)
        except ArithmeticError as exc:  # decimal overflow on absurd numerals (万万万…)
            raise QuantityError(text, f"number out of range ({type(exc).__name__})") from None


parse_cached = functools.lru_cache(maxsize=8192)(parse)
"""``parse`` with a cache: the same literal recurs across curated files."""
