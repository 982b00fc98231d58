"""Numeric mentions in a seed text: every place that prints a number, with its kind.

``find_mentions(text)`` returns one :class:`Mention` per maximal number-bearing span. The coverage
report asks that every mention of kind ``figure`` is curated (``figures``) or explained (``ignored``);
mentions of the other kinds (dates, clock times, ordinals, idioms) are recognised here and carry
the reason in ``Mention.reason``.

What counts as a mention
========================
A mention is the longest span, inside ONE line (a mention never spans a line break; a figure
that the seed breaks across lines, such as ``290\\n\\n多万元``, gives the mention ``290`` and
curators join the quote — ``ucheck.authoring.draft`` re-joins such wrapped lines before it drafts), of

    [prefix qualifier] numeral [多|余|几] [scale 万/亿/千/百] [多|余] [measure word [(alt)]]
    [range: -—~至到 second numeral [measure word]] [suffix qualifier]

(a 、 joins two numerals into one mention only where they are adjacent numbers before a measure
word, an approximation ``ucheck.numbers.quantity`` reads: 5、6支, 七、八所, 3、4万元 — not a list,
1、2、3个 or 5、8个, nor years, 2017、2018年, nor 十八大、十九大.)

* prefix qualifiers: the words of ``ucheck.numbers.words.PREFIX`` (大约 约 将近 近 超过 逾 不到 不足
  不少于 不超过 多于 少于 超 …) but those it marks ``not_in_text`` (至少, 最多 …: adverbs; 过), each
  unless a character of its ``not_after`` precedes it (最近, 节约, 买不到); 上 and 数 only before a
  scale character (上万, 数百); 共, 达, 至少, 连续, 这 are *not* qualifiers (not part of the literal).
* numerals: Arabic digits (ASCII or full-width, ``.``/``．`` decimals, ``,`` only as a thousands
  separator before exactly three digits) or Chinese numeral characters (零〇一二两三四五六七八九,
  十百千万亿, 几 and the traditional forms).
* measure words: the table ``MEASURES`` below (longest first, so 个百分点 beats 个, 人次 beats 人);
  a printed alternative in brackets is kept (``407场(次)``).
* suffix qualifiers: the words of ``ucheck.numbers.words.SUFFIX`` (左右 以上 及以上 以下 以内 之内
  之多 …) but 上下 (上下一心); after a time measure (年, 个月, 天, 小时, 周 …) also 多 余 半 内
  (``一年多``, ``1年内``).

Arabic numerals are always mentions. Chinese numerals are accepted conservatively (``_accept_cn``):

1. a digit AND a scale character: 两千五百万元, 三万五, 十九大, 十一五, 三百;
2. a 几 form with a scale: 十几个, 几十;
3. digits only (二–九, 两, or an approximate pair such as 三五, 两三) directly followed by a measure
   word of the *strict* table ``CN_MEASURES``: 两个年头, 四张牌, 六大行动, 三位一体, 三年, 三周,
   两家以上; NOT 两级, 三方, 两会, 五一, 一是 (级, 方, 会 … are not strict measure words);
4. scale characters only: two or more in increasing order (百万, 千万职工), or one with a strict
   measure word or a qualifier (万场, 千名, 百台, 万面, 上万名, 近万人, 数百个, 千余人次);
5. 零/〇 alone (零部件, 零距离) is never a mention; a bare scale right after 多/余 (the 万元 left of
   "290\\n\\n多万元") and a bare scale before 元 (万元户) are not mentions;
6. lone 一 (一线, 统一, 一大批, 一段段, 一项, 一个 …) is NOT a mention, except with a qualifier and a
   measure word (一年多, 不到一个月), before 倍 (增长一倍), or as a frequency — 一次/一回/一场/一期/
   一届/一轮 in a clause that names the period with 每 (每年召开一次).

A run of Chinese numerals is trimmed first: a trailing digit after a bare scale is dropped
(万一 → not a mention; 千万一线 → 千万), a leading 一 before 十 is dropped (统一十项 → 十项), and a
digit-only run that is not an approximate pair keeps its last digit (统一三项 → 三项).

Kinds (table-driven)
====================
``SPAN_RULES`` are alternatives of the single scanning regex, tried before the generic number at
the same position; ``POST_RULES`` reclassify a generic number by its literal and the characters
around it; ``IDIOM_PHRASES`` are dictionary idioms that contain numerals.

=========  =======================================================================================
kind       recognised as
=========  =======================================================================================
date       2017年11月10日, 2016年12月13日, 9月26日, 2016年, 2018 年, 1991年, 今年8月, 去年12月, 3月份,
           2017-02-15, 二〇一七年十一月, 2013—2017年 / 2006年至2008年 (year ranges), 90年代;
           periods: a time quantity followed by 来/以来/前/后/间 or preceded by 这/那/过去/最近
           (5年来, 近5年来, 5年前, 这5年 — the literal stays ``5年`` / ``近5年``; the reason says
           ``period: 5年前``)
time       08:35:44, 8时整, 8点30分
ordinal    第一, 第二部, 第6届, 第六届 (第 + numeral + measure word); ranks 前3名; labels 1号;
           list markers at the start of a line (1、 一、 1. ) and bracketed (1) （一）; footnote markers
           in square brackets (国内生产总值[2]1349084亿元)
idiom      N周年 (anniversary), 十N大 / 二十(N)大 (party / trade-union congress), 十N五 (five-year plan),
           三次 of 三次产业 (the three sectors),
           N+M (scheme name: 4+1, 1+X), N强 (ranking list: 500强), dictionary idioms (三位一体 …)
figure     everything else (also 百分之二十 and 三分之一, matched as one span each)
=========  =======================================================================================
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ucheck.numbers import words
from ucheck.numbers.numerals import NUMERAL_LED_UNITS

__all__ = ["Mention", "find_mentions", "MEASURES", "CN_MEASURES", "TIME_MEASURES", "measure_of"]


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # character offsets in `text`
    end: int
    line: int  # 1-based, of start
    column: int  # 1-based, of start
    literal: str  # text[start:end]
    kind: str  # 'figure' | 'date' | 'time' | 'ordinal' | 'idiom'
    reason: str | None  # why a non-figure was recognised as such ("date: 2017年11月10日")


# --------------------------------------------------------------------------------------------
# tables

#: measure words (and currencies, %, 个百分点 …) that may follow a numeral, as printed.
MEASURES: tuple[str, ...] = (
    # money
    "亿元", "万元", "千元", "百元", "元", "美元", "欧元", "港元",
    # shares, rates, multiples
    "%", "％", "‰", "个百分点", "百分点", "成", "倍",
    # 个 compounds (printed as one measure)
    "个月", "个多月", "个年头", "个工作日", "个小时", "个星期", "个季度", "个班次", "个档次", "个等级", "个",
    # people
    "人次", "人天", "人", "名", "位", "户次", "户",
    # events, batches
    "场次", "场", "次", "回", "期", "批次", "批", "届", "轮", "班次", "班", "篇次", "篇",
    # things
    "项", "家次", "家", "件", "台", "套", "张", "所", "处", "支", "大类", "类", "种", "条", "起", "份",
    "册", "座", "部门", "部", "本", "辆", "栋", "间", "层", "面", "组", "档次", "档", "门", "级", "头", "只",
    "大",  # enumeration: 六大行动, 三大载体, 十大专项
    # physical units
    "平方公里", "平方千米", "平方米", "公里", "千米", "米", "千公顷", "公顷", "亩", "吨", "千克", "公斤", "克",
    "立方米", "升", "千瓦时", "千瓦",
    # time
    "周年", "年", "天", "小时", "分钟", "秒", "周", "星期", "季度", "岁",
)

#: the strict subset that makes a bare Chinese numeral (digits only, or one scale character) a
#: mention: 四张牌, 三年, 万场. Left out on purpose: 级 方 门 头 层 间 起 号 点 (两级, 三方, 两头 …).
CN_MEASURES: frozenset[str] = frozenset(MEASURES) - {
    "级", "门", "头", "层", "间", "起", "档", "班", "米", "克", "升", "秒", "分钟", "回", "只",
}

#: time measures: may take 多/余/半/内 after them (一年多, 1年内) and make periods (5年来).
TIME_MEASURES: frozenset[str] = frozenset({
    "年", "个月", "个多月", "个年头", "天", "小时", "个小时", "周", "星期", "个星期", "季度", "个季度",
    "分钟", "秒", "个工作日",
})

#: lone 一 + one of these is a mention when the clause states a frequency with 每 (每年召开一次).
FREQUENCY_MEASURES = frozenset({"次", "回", "场", "期", "届", "轮"})

#: dictionary idioms containing numerals: a mention inside one is kind 'idiom'.
IDIOM_PHRASES: tuple[str, ...] = (
    "三位一体", "一成不变", "三五成群", "四面八方", "千家万户", "万家灯火", "三番五次", "三天两头",
    "三年五载", "百年大计", "十万火急", "一五一十", "十拿九稳", "九牛一毛", "八面玲珑", "两面三刀",
    "一举两得", "一石二鸟", "五颜六色", "三头六臂", "千真万确", "百发百中", "一日千里", "千篇一律",
    "三令五申", "七上八下", "五湖四海", "四通八达", "五花八门", "七嘴八舌", "千军万马", "千辛万苦",
)

_AD = "0-9０-９"
_D = f"[{_AD}]"
CN_DIGITS = "零〇一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖兩"
CN_SCALES = "十百千万亿拾佰仟萬億"
_SCALE_MAG = {"十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3, "万": 4, "萬": 4, "亿": 8, "億": 8}
_APPROX_PAIRS = frozenset({"一两", "一二", "两三", "二三", "三四", "四五", "五六", "六七", "七八", "八九", "三五"})

_H = r"[ \t\u3000\xa0]*"  # horizontal white space only: a mention never crosses a line break
_ANUM = rf"{_D}{{1,3}}(?:,{_D}{{3}})+(?!{_D})(?:[.．]{_D}+)?|{_D}+(?:[.．]{_D}+)?"
_CNRUN = f"[{CN_DIGITS}{CN_SCALES}几]+"
_MEAS = "|".join(re.escape(m) for m in sorted(MEASURES, key=len, reverse=True))


def _scales() -> str:
    """Scale words after the digits, but not the 千 of a unit that begins with one (406461万千瓦时:
    万, then 千瓦时): each scale character is refused only before the rest of a unit it begins, so 万
    before 公顷 is a scale (104.25万公顷), 千 before it is the unit 千公顷."""
    alts = []
    for c in "百千万亿萬億":
        tails = sorted({u[1:] for u in NUMERAL_LED_UNITS if u[0] == c and u in MEASURES}, key=len, reverse=True)
        alts.append(f"{c}(?!{'|'.join(re.escape(t) for t in tails)})" if tails else c)
    return f"(?:{'|'.join(alts)})+"


_SC = _scales()


def _words(table: dict[str, words.Qualifier], after: str = "", time_only: bool = False) -> str:
    """The alternation of the words of ``table`` that running text takes (see ucheck.numbers.words),
    the longest first, each behind its guard (近 not after 最: 最近)."""
    out = []
    for w in sorted(table, key=len, reverse=True):
        q = table[w]
        if q.not_in_text or q.time_only != time_only:
            continue
        guard = f"(?<![{re.escape(q.not_after)}])" if q.not_after else ""
        out.append(f"{guard}{re.escape(w)}{after}")
    return "|".join(out)


# qualifiers (ucheck.numbers.words): before the number, before a bare scale word (上万, 数百), after
# the number and its measure word, and after a time measure only (1年内)
_PREFIX = f"{_words(words.PREFIX)}|{_words(words.BEFORE_SCALE, f'(?=[{CN_SCALES}])')}"
_SUFFIX = _words(words.SUFFIX)
_TIME_ONLY = _words(words.SUFFIX, time_only=True)

_YEAR = rf"(?<![{_AD}.．])[12１２]{_D}{{3}}"
_MON = rf"{_D}{{1,2}}"
_REL = "今年|去年|明年|前年|当年|同年|次年|本年|上年"
_CN_YEAR = "[〇零一二三四五六七八九]{4}"
_CN_MON = "(?:十[一二]?|[一二三四五六七八九])"
_CN_DAY = "(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"

# (group name, kind, reason label, pattern) — alternatives of the scanning regex, in priority order
SPAN_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("iso", "date", "date", rf"{_YEAR}[-/.．]{_D}{{1,2}}[-/.．]{_D}{{1,2}}(?!{_D})"),
    # a clock time (08:35:44, 08:35:44.5), not the terms of a ratio: no decimal or term next to its
    # minutes (14:43.4:42.6), not after 比为 / 比例为 / 比重为 / 结构为 (人口性别比为105:100, 城乡比例为12:30)
    ("clock", "time", "time", rf"(?<![{_AD}.．:：])(?<!比为)(?<!例为)(?<!重为)(?<!构为)"
                              rf"{_D}{{1,2}}[:：]{_D}{{2}}(?:[:：]{_D}{{2}}(?:[.．]{_D}+)?)?(?!{_D}|[.．:：]{_D})"),
    ("hour", "time", "time", rf"(?<![{_AD}.．]){_D}{{1,2}}(?:时(?:{_D}{{1,2}}分)?整?|点(?:{_D}{{1,2}}分|整|半))"),
    ("yrange", "date", "date range", rf"{_YEAR}{_H}年?{_H}[-—–~～至到]{_H}{_YEAR}{_H}年"),
    ("mrange", "date", "month range", rf"(?:{_YEAR}{_H}年{_H})?(?<![{_AD}.．]){_MON}{_H}[-—–~～至到]{_H}{_MON}{_H}月份?"),
    ("decade", "date", "decade", rf"(?<![{_AD}.．]){_D}{{2,4}}年代"),
    ("ymd", "date", "date",
     rf"(?:{_REL})?(?:{_YEAR}{_H}年(?:{_H}{_MON}{_H}月份?(?:{_H}{_MON}{_H}[日号])?)?"
     rf"|(?<![{_AD}.．]){_MON}月份?(?:{_MON}[日号])?)"),
    ("cndate", "date", "date",
     rf"(?:{_REL})?(?:{_CN_YEAR}年(?:{_CN_MON}月(?:{_CN_DAY}[日号])?)?|{_CN_MON}月份?(?:{_CN_DAY}[日号])?)"),
    ("day", "date", "date", rf"(?<![{_AD}.．]){_D}{{1,2}}日"),
    ("ordinal", "ordinal", "ordinal", rf"第{_H}(?:{_ANUM}|[{CN_DIGITS}{CN_SCALES}几]+)(?:{_H}(?:{_MEAS}))?"),
    # a quarter by name (二季度, 前三季度, 一至三季度), not a number of quarters (三个季度)
    ("quarter", "date", "quarter", rf"(?<![{_AD}{CN_DIGITS}十])(?:前|[一二三][至到~～-])?[一二三四]季度"),
    ("scheme", "idiom", "scheme name", rf"(?:{_ANUM})(?:\+(?:{_ANUM}|[A-Za-zＡ-Ｚａ-ｚ]))+|[A-Za-z]\+(?:{_ANUM})"),
    ("marker", "ordinal", "list marker",
     rf"(?<![^\n \t\u3000])(?:{_D}{{1,2}}|[{CN_DIGITS}十]{{1,3}})[、．](?!{_D})"
     rf"|(?<![^\n \t\u3000]){_D}{{1,2}}\.(?!{_D})"
     rf"|[（(]{_H}(?:{_D}{{1,2}}|[{CN_DIGITS}十]{{1,3}}){_H}[)）]"),
    ("pct", "figure", "", rf"(?:{_PREFIX})?百分之(?:{_ANUM}|[{CN_DIGITS}{CN_SCALES}点]+)(?:{_SUFFIX})?"),
    ("frac", "figure", "", rf"(?:{_ANUM}|[{CN_DIGITS}{CN_SCALES}]+)分之(?:{_ANUM}|[{CN_DIGITS}{CN_SCALES}]+)"),
    # a change printed as a word (增速与一季度持平: 0.0, ucheck.numbers.quantity.FLAT_WORDS); 基本持平 is no number
    ("flat", "figure", "", r"(?<!基本)(?<!大体)(?<!大致)持平"),
)

# a minus printed before an Arabic number (增速为-9.4%): part of the literal — not the hyphen of a range
# or a date (10-20人, 17-02-15), which follows a digit or a letter
_SIGN = rf"(?<![{_AD}A-Za-zＡ-Ｚａ-ｚ.．])[-−－﹣](?={_D})"

# the generic number: prefix, numeral, inner 多/余/几, scale, 多/余 — the measure and suffix are
# matched afterwards (_TAIL) because a Chinese run may first be trimmed.
_NUM = (
    rf"(?P<pre>{_PREFIX})?(?P<num>{_SIGN}(?:{_ANUM})|{_ANUM}|{_CNRUN})"
    rf"(?P<ap1>[多余几])?(?P<sc>{_SC})?(?P<ap2>[多余](?![{_AD}]))?"
)
_GEN = re.compile(f"(?P<generic>{_NUM})")
_SCAN = re.compile(
    "|".join(f"(?P<{name}>{pat})" for name, _k, _l, pat in SPAN_RULES) + f"|(?P<generic>{_NUM})"
)
_SPAN_KIND = {name: (kind, label) for name, kind, label, _p in SPAN_RULES}

_AFTER_NUM = re.compile(rf"(?P<ap1>[多余几])?(?P<sc>{_SC})?(?P<ap2>[多余](?![{_AD}]))?")
_MEAS_ALT = rf"(?:{_H}(?:[（(](?:{_MEAS})[)）]))?"
_TAIL = re.compile(
    rf"(?:{_H}(?P<meas>{_MEAS}){_MEAS_ALT})?"
    rf"(?:{_H}(?P<rsep>[-—–~～至]|到(?=[{_AD}{CN_DIGITS}{CN_SCALES}])|、(?=[{_AD}{CN_DIGITS}十])){_H}"
    rf"(?P<rnum>(?:{_PREFIX})?(?:{_ANUM}|{_CNRUN})(?:[多余几])?(?:{_SC})?(?:[多余](?![{_AD}]))?)"
    rf"(?:{_H}(?P<meas2>{_MEAS}){_MEAS_ALT})?)?"
)
_PREFIX_RE = re.compile(f"^(?:{_PREFIX})")
_MEAS_ONLY = re.compile(rf"(?:{_H}(?P<meas>{_MEAS}){_MEAS_ALT})?")
_TIME_SUFFIX = re.compile(rf"(?:(?:[多余半]|{_TIME_ONLY})(?!{_D}))?(?:{_SUFFIX})?")
_PLAIN_SUFFIX = re.compile(rf"(?:{_SUFFIX})?")
_MEAS_RE = re.compile(_MEAS)
_MEAS_TAIL = re.compile(rf"(?:[（(].*[)）])?(?:[多余半]|{_TIME_ONLY})?(?:{_SUFFIX})?")
_DELIM = re.compile(r"[。；，！？,;!?\n]")
_NEWLINE = re.compile(r"\n")
_EVERY = re.compile(r"每[年月周天日季届期次]")
_IDIOMS = re.compile("|".join(map(re.escape, sorted(IDIOM_PHRASES, key=len, reverse=True))))

_NUMR = rf"(?:{_ANUM}|{_CNRUN})"
_TIME_MEAS_RE = "|".join(re.escape(m) for m in sorted(TIME_MEASURES, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class PostRule:
    """Reclassify a generic number: ``literal`` must match the whole literal, ``before`` must match
    at the end of the (up to 8) characters before it, ``after`` at its end."""

    kind: str
    label: str
    literal: re.Pattern
    before: re.Pattern | None = None
    after: re.Pattern | None = None


POST_RULES: tuple[PostRule, ...] = (
    PostRule("idiom", "anniversary", re.compile(r".*周年")),
    PostRule("idiom", "congress", re.compile(r"(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)大")),
    PostRule("idiom", "the three sectors", re.compile(r"三次"), after=re.compile(r"产业")),
    PostRule("idiom", "five-year plan", re.compile(r"十[一二三四五六七八九十]五")),
    PostRule("ordinal", "rank", re.compile(rf"{_D}+[名位]?"), before=re.compile(r"(?<![目此之提当以向空眼面跟门事生先日年月])前$")),
    PostRule("idiom", "ranking list", re.compile(rf"{_D}+"), after=re.compile(r"强")),
    PostRule("ordinal", "label number", re.compile(rf"{_D}+"), after=re.compile(r"号(?![召])")),
    # a footnote marker: 国内生产总值[2]1349084亿元 (a number alone in square brackets)
    PostRule("ordinal", "footnote marker", re.compile(rf"{_D}{{1,2}}"), before=re.compile(r"[\[［【]$"), after=re.compile(r"[\]］】]")),
    PostRule("date", "period", re.compile(rf"(?:近|将近)?{_NUMR}多?(?:{_TIME_MEAS_RE})多?"),
             after=re.compile(r"以来|来|以前|前|以后|后|间")),
    PostRule("date", "period", re.compile(rf"{_NUMR}多?(?:{_TIME_MEAS_RE})多?"),
             before=re.compile(r"(?:这|那|过去|最近)$")),
)


# --------------------------------------------------------------------------------------------
# Chinese numerals


def _trim_cn(run: str) -> tuple[int, int]:
    """(cut at the left, cut at the right) of a Chinese numeral run (see module doc)."""
    left = right = 0
    body = run
    if len(body) >= 2 and body[-1] in CN_DIGITS and body[-2] in CN_SCALES:
        i = len(body) - 2
        while i >= 0 and body[i] in CN_SCALES:
            i -= 1
        scales = body[i + 1:-1]
        if not (scales in ("十", "拾") or (len(scales) == 1 and i >= 0 and body[i] in CN_DIGITS)):
            right = 1
            body = body[:-1]
    if len(body) >= 2 and body[0] == "一" and body[1] in "十拾":
        left = 1
        body = body[1:]
    if body and not any(c in CN_SCALES or c == "几" for c in body) and len(body) >= 2 and body not in _APPROX_PAIRS:
        left += len(body) - 1
    return left, right


def _increasing_scales(run: str) -> bool:
    mags = [_SCALE_MAG[c] for c in run]
    return len(mags) >= 2 and all(a < b for a, b in zip(mags, mags[1:]))


def _accept_cn(run: str, qualified: bool, meas: str | None, frequency: bool, after_approx: bool = False) -> bool:
    if set(run) <= {"零", "〇"}:  # 零部件, 零距离, 零售
        return False
    has_digit = any(c in CN_DIGITS for c in run)
    has_scale = any(c in CN_SCALES for c in run)
    if "几" in run:
        return has_scale
    if has_digit and has_scale:
        return True
    if has_digit:  # digits only
        if set(run) == {"一"}:
            if meas is None:
                return False
            return (qualified and meas in CN_MEASURES) or meas == "倍" or (meas in FREQUENCY_MEASURES and frequency)
        return meas in CN_MEASURES if meas else False
    # scale characters only
    if _increasing_scales(run):
        return True
    if after_approx or (meas is not None and meas.endswith("元")):
        return False  # 290\n\n多万元: the remnant 万元 of a wrapped figure; 万元户 is a word
    return (meas is not None and meas in CN_MEASURES) or qualified


# --------------------------------------------------------------------------------------------


class _Index:
    """Line starts and clause delimiters of one text, found once."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.delims = [m.start() for m in _DELIM.finditer(text)]

    def line_col(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.line_starts, pos) - 1
        return i + 1, pos - self.line_starts[i] + 1

    def clause_start(self, pos: int) -> int:
        i = bisect.bisect_left(self.delims, pos) - 1
        return self.delims[i] + 1 if i >= 0 else 0


def _generic(text: str, m: re.Match, idx: _Index) -> tuple[int, int, str | None] | None:
    """Span and measure word of a generic number match, or None when it is not a mention."""
    start = m.start("generic")
    pre = m.group("pre")
    num_start, num_end = m.span("num")
    num = m.group("num")
    is_arabic = num.lstrip("-−－﹣")[:1] in tuple("0123456789０１２３４５６７８９")  # a minus before an Arabic number only
    ap1, ap2 = m.group("ap1"), m.group("ap2")
    head_end = m.end("generic")
    if not is_arabic:
        left, right = _trim_cn(num)
        if left or right:
            num_start += left
            num_end -= right
            num = text[num_start:num_end]
            if left:
                pre, start = None, num_start
            a = _AFTER_NUM.match(text, num_end)
            ap1, ap2 = a.group("ap1"), a.group("ap2")
            head_end = a.end()
            if not num:
                return None
    t = _TAIL.match(text, head_end)
    meas, meas2 = t.group("meas"), t.group("meas2")
    end = t.end()
    pair = False
    if t.group("rnum"):
        second = _PREFIX_RE.sub("", t.group("rnum"))
        second_arabic = second[:1] in "0123456789０１２３４５６７８９"
        if t.group("rsep") == "、":
            pair = _adjacent_pair(text, start, t, second)
        if second_arabic != is_arabic or (not is_arabic and set(second) <= {"一"}) or (t.group("rsep") == "、" and not pair):
            t = _MEAS_ONLY.match(text, head_end)  # not a range: keep the first measure word only
            meas, meas2, end = t.group("meas"), None, t.end()
    last_meas = meas2 or meas
    suf = (_TIME_SUFFIX if last_meas in TIME_MEASURES else _PLAIN_SUFFIX).match(text, end)
    has_suffix = suf.end() > end
    end = suf.end()
    if not is_arabic and not pair:
        qualified = bool(pre or ap1 or ap2 or has_suffix)
        frequency = False
        if meas in FREQUENCY_MEASURES and set(num) == {"一"}:
            frequency = bool(_EVERY.search(text, idx.clause_start(start), start))
        after_approx = num_start > 0 and text[num_start - 1] in "多余几" and not pre
        if not _accept_cn(num, qualified, meas, frequency, after_approx):
            return None
    return start, end, last_meas


_LIST_BEFORE = re.compile(rf"[{_AD}{CN_DIGITS}十]{_H}、{_H}$")
_LIST_AFTER = re.compile(rf"{_H}、{_H}[{_AD}{CN_DIGITS}十]")
_YEAR_ONLY = re.compile(rf"[12１２]{_D}{{3}}")


def _adjacent_pair(text: str, start: int, t: re.Match, second: str) -> bool:
    """Two adjacent numbers joined by 、 before a measure word are one approximate figure (5、6支,
    七、八所, 3、4万元: ``ucheck.numbers.quantity`` reads them); a list (1、2、3个, 5、8个), years
    (2017、2018年), numbers without a measure word after them (1、2号线, 一、二等奖) and numbers each
    with its own (十八大、十九大) are not."""
    if not t.group("meas2") or t.group("meas"):
        return False
    if _LIST_AFTER.match(text, t.end()) or _LIST_BEFORE.search(text, max(0, start - 4), start):
        return False
    if t.group("meas2") == "年" and _YEAR_ONLY.fullmatch(second):
        return False
    from ucheck.numbers.quantity import QuantityError, parse_cached

    try:
        return parse_cached(text[start:t.end()]).kind == "range"
    except QuantityError:
        return False


def measure_of(literal: str) -> str | None:
    """The (last) measure word of a literal (``12.9个百分点`` → 个百分点), or None."""
    found = None
    for m in _MEAS_RE.finditer(literal):
        found = m.group(0)
    if found is None:
        return None
    tail = literal[literal.rfind(found) + len(found):]
    return found if _MEAS_TAIL.fullmatch(tail) else None


def _post_kind(text: str, start: int, end: int, literal: str) -> tuple[str, str | None]:
    for rule in POST_RULES:
        if not rule.literal.fullmatch(literal):
            continue
        b = a = ""
        if rule.before is not None:
            mb = rule.before.search(text[max(0, start - 8):start])
            if not mb:
                continue
            b = mb.group(0)
        if rule.after is not None:
            ma = rule.after.match(text, end)
            if not ma:
                continue
            a = ma.group(0)
        return rule.kind, f"{rule.label}: {b}{literal}{a}"
    return "figure", None


def find_mentions(text: str) -> list[Mention]:
    """Every numeric mention of ``text`` in order (see the module documentation for the rules)."""
    idx = _Index(text)
    idiom_spans = [(m.start(), m.end(), m.group(0)) for m in _IDIOMS.finditer(text)]
    idiom_starts = [s for s, _e, _p in idiom_spans]
    out: list[Mention] = []
    last_end = 0
    for m in _SCAN.finditer(text):
        if m.start() < last_end:
            continue
        name = m.lastgroup
        if name == "marker" and m.group(0)[0] not in "(（":
            ls = idx.line_starts[idx.line_col(m.start())[0] - 1]
            if text[ls:m.start()].strip():  # not at the start of a line: an ordinary number
                m, name = _GEN.match(text, m.start()), "generic"
                if m is None:
                    continue
        if name == "generic":
            got = _generic(text, m, idx)
            if got is None:
                continue
            start, end, _meas = got
            literal = text[start:end]
            kind, reason = _post_kind(text, start, end, literal)
        else:
            start, end = m.span()
            literal = text[start:end]
            kind, label = _SPAN_KIND[name]
            reason = f"{label}: {literal}" if kind != "figure" else None
        if kind == "figure" and idiom_spans:
            i = bisect.bisect_right(idiom_starts, start) - 1
            if i >= 0 and idiom_spans[i][1] >= end:
                kind, reason = "idiom", f"idiom: {idiom_spans[i][2]}"
        line, col = idx.line_col(start)
        out.append(Mention(start, end, line, col, literal, kind, reason))
        last_end = end
    return out
