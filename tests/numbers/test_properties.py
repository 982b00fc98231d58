"""Properties (issue 6, part 2), beyond the ones of test_quantity.py and test_intervals.py:

1. the quantity parser never crashes on arbitrary text — token soup of everything a printed figure
   is made of, and long arbitrary strings — and neither does the corpus path that calls it: it
   parses or raises its own QuantityError, and a figure's literal is an interval or a UC006;
2. a true value printed in *any* supported way parses back to an interval that holds it: Arabic
   digits with or without thousands separators (, ，), full-width digits, 万/亿 and 萬/億, Chinese
   numerals (simplified, financial 壹贰叁, 两, 〇/零), percentages (%, ％, 百分之, 成), and the
   qualified forms 多/余/餘, 近, 约/左右/大约, ranges (8-10, 8～10万, 三四, 十几);
3. interval arithmetic is sound at the level rules use it — a relation (``parse_relation``) over a
   random arithmetic expression of several figures is never *violated* when it holds, exactly
   (fractions), at some choice of values inside the intervals, open or closed, with unbounded ends.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from ucheck.numbers.intervals import VIOLATED, IntervalArray
from ucheck.numbers.quantity import MAX_LITERAL_CHARS, QuantityError, parse

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# -- 1. the parser never crashes ---------------------------------------------------------------------

TOKENS = [
    "0", "1", "2", "5", "9", "12", "290", "1.1", "19.9", "0.5", "１２", "３．５", "1,234", "１２，３４５", "12,345.6", ".", ",", "，", "、",
    "万", "亿", "萬", "億", "千", "百", "十", "兆", "零", "〇", "一", "二", "两", "兩", "三", "四", "九", "廿", "壹", "贰", "貳", "叁", "參", "拾", "佰", "仟", "点", "點",
    "多", "余", "餘", "近", "将近", "约", "約", "大约", "左右", "上下", "以上", "以下", "超过", "逾", "不到", "不足", "几", "幾", "上", "半",
    "%", "％", "百分之", "个百分点", "百分點", "成", "倍", "-", "—", "~", "～", "至", "到", "负", "+",
    "人", "人次", "元", "万元", "亿元", "美元", "个", "個", "家", "项", "項", "名", "户", "场(次)", "平方米", "亩", "年", "个月",
    " ", "\u3000", "\n", "\t", "(", ")", "（", "）", "“", "”", "e5", "E", "inf", "nan", "NaN", "\x00", "\ufeff", "\u0301", "𠀀", "🙂",
]


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=14))
@example(["1", "e5"])
@example(["inf"])
@example(["9"] * 14 + ["亿"] * 14)
def test_parser_never_crashes_on_token_soup(tokens):
    _parses_or_refuses("".join(tokens))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parser_never_crashes_on_long_arbitrary_text(text):
    _parses_or_refuses(text)


def _parses_or_refuses(text: str):
    try:
        q = parse(text)
    except QuantityError as exc:
        # the message quotes the text; a text beyond the parser's bound, its first 20 characters
        assert repr(text) in str(exc) or (len(text) > MAX_LITERAL_CHARS and repr(text[:20]) in str(exc)), str(exc)
        return
    assert not math.isnan(q.low) and not math.isnan(q.high) and not math.isnan(q.value), text
    assert q.low <= q.high, text
    assert q.kind in ("exact", "approx", "lower", "upper", "range"), text
    assert parse(text) == q  # deterministic


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=20), st.lists(st.sampled_from(TOKENS), max_size=8).map("".join), st.none()), max_size=12))
def test_the_corpus_path_turns_any_literal_into_an_interval_or_a_finding(values):
    from ucheck.load.corpus import FIGURE_COLUMNS, attach_quantities

    frame = pd.DataFrame([{c: None for c in FIGURE_COLUMNS} | {"value": v, "id": f"f{i}"} for i, v in enumerate(values)],
                         columns=FIGURE_COLUMNS)
    out = attach_quantities(frame)
    assert len(out) == len(values)
    for v, lo, hi, err in zip(values, out["q_low"], out["q_high"], out["q_error"]):
        if v is None:
            assert pd.isna(lo) and pd.isna(err)
        elif pd.isna(err):
            assert lo <= hi
        else:
            assert pd.isna(lo) and isinstance(err, str) and err


# -- 2. any supported spelling parses back around the true value --------------------------------------

CN = "零一二三四五六七八九"
FIN = "零壹贰叁肆伍陆柒捌玖"
FIN_T = "零壹貳參肆伍陸柒捌玖"
UNITS = ["", "人", "元", "项", "家", "名", "个", "人次", "户", "項", "個"]
FULL = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def chinese(n: int, style: str = "cn") -> str:
    """A non-negative integer as a Chinese numeral: cn (一二三, 十/百/千/万/亿), fin (壹贰叁, 拾佰仟),
    fin_t (壹貳參, 拾佰仟, 萬/億), liang (两 before 百/千/万/亿) or ling (〇 for zero)."""
    digits = {"fin": FIN, "fin_t": FIN_T}.get(style, CN)
    small = ("拾", "佰", "仟") if style.startswith("fin") else ("十", "百", "千")
    big = ("萬", "億") if style == "fin_t" else ("万", "亿")
    zero = "〇" if style == "ling" else digits[0]
    if n == 0:
        return zero

    def section(m: int) -> str:
        out, gap = "", False
        for unit, word in ((1000, small[2]), (100, small[1]), (10, small[0]), (1, "")):
            d = m // unit % 10
            if d:
                if gap and out:
                    out += zero
                out += digits[d] + word
                gap = False
            else:
                gap = True
        return out

    parts, k = [], 0
    while n:
        parts.append((n % 10000, k))
        n //= 10000
        k += 1
    words = ["", big[0], big[1], big[0] + big[1]]
    out, pending = "", False
    for sec, k in reversed(parts):
        if sec == 0:
            pending = True
            continue
        if out and (pending or sec < 1000):
            out += zero
        out += section(sec) + words[k]
        pending = False
    if style == "cn" and out.startswith("一十"):
        out = out[1:]
    if style == "liang":
        for w in "百千万亿":
            out = out.replace("二" + w, "两" + w)
    return out


def plain(d: Decimal) -> str:
    """A decimal in positional notation, as precise as it was rounded (1.20 stays 1.20)."""
    return format(d, "f")


def group(s: str, sep: str) -> str:
    whole, _, frac = s.partition(".")
    g = f"{int(whole):,}".replace(",", sep)
    return g + ("." + frac if frac else "")


@st.composite
def exact_spellings(draw):
    """(true value, a spelling of it rounded at some digit)."""
    k = draw(st.integers(min_value=1, max_value=10**11))
    d = draw(st.integers(min_value=0, max_value=3))
    true = Decimal(k).scaleb(-d)
    digits = len(str(k))
    keep = draw(st.integers(min_value=1, max_value=digits))  # significant digits kept
    place = Decimal(1).scaleb(digits - keep - d)  # the unit of the last printed digit
    printed = true.quantize(place, rounding=ROUND_HALF_UP) if place < 1 else (true / place).quantize(Decimal(1), rounding=ROUND_HALF_UP) * place
    assume(printed > 0 and printed < Decimal(10) ** 13)
    unit = draw(st.sampled_from(UNITS))
    style = draw(st.sampled_from(["arabic", "comma", "fullcomma", "fullwidth", "wan", "yi", "wan_t", "yi_t",
                                  "cn", "fin", "fin_t", "liang", "ling", "cn_wan", "cn_point"]))
    s = plain(printed)
    if style == "comma":
        text = group(s, ",")
    elif style == "fullcomma":
        text = group(s, "，").translate(FULL)
    elif style == "fullwidth":
        text = s.translate(FULL)
    elif style in ("wan", "yi", "wan_t", "yi_t"):
        power, word = {"wan": (4, "万"), "yi": (8, "亿"), "wan_t": (4, "萬"), "yi_t": (8, "億")}[style]
        assume(printed >= Decimal(10) ** power)
        text = plain(printed.scaleb(-power)) + word
    elif style in ("cn", "fin", "fin_t", "liang", "ling"):
        assume(printed == printed.to_integral_value())
        text = chinese(int(printed), style)
    elif style == "cn_wan":  # 一千二百万: Chinese digits before the scale word
        assume(printed >= 10**4 and printed % 10**4 == 0 and printed < 10**12)
        text = chinese(int(printed) // 10**4) + "万" if int(printed) // 10**4 < 10**4 else chinese(int(printed))
    else:  # 三点一四
        whole, _, frac = s.partition(".")
        assume(frac != "")
        text = chinese(int(whole)) + "点" + "".join(CN[int(c)] for c in frac)
    return true, text + unit


def holds(q, value: Decimal, tol: float = 1e-9) -> bool:
    v = float(value)
    slack = tol * max(1.0, abs(v))
    return q.low - slack <= v <= q.high + slack


@SETTINGS
@given(exact_spellings())
@example((Decimal(11500), "1.2万人"))
@example((Decimal("19.85"), "19.9"))
@example((Decimal(899999), "90万"))
def test_an_exact_spelling_holds_the_true_value(case):
    true, text = case
    q = parse(text)
    assert holds(q, true), (text, str(true), q.low, q.high)


@st.composite
def approximate_spellings(draw):
    """(true value, a 多/余, 近, 约 or 左右 spelling whose meaning includes it)."""
    form = draw(st.sampled_from(["more", "more_cn", "more_scaled", "scale_more", "near", "near_cn", "near_scaled", "about"]))
    unit = draw(st.sampled_from(UNITS))
    u = Fraction(draw(st.integers(min_value=1, max_value=999)), 1000)  # a fraction strictly inside (0, 1)
    if form in ("more", "more_cn", "more_scaled"):
        n = draw(st.integers(min_value=1, max_value=9999)) * 10 ** draw(st.integers(min_value=0, max_value=3))
        if form == "more_cn":
            assume(n < 10**4)  # 十万多 is N万多: (10万, 11万), the scale_more form below
        tz = len(str(n)) - len(str(n).rstrip("0"))
        scale = 10**4 if form == "more_scaled" else 1
        true = (n + u * 10**tz) * scale  # strictly between N and the next step of its last non-zero digit
        word = draw(st.sampled_from(["多", "余", "餘"]))
        num = chinese(n, draw(st.sampled_from(["cn", "liang"]))) if form == "more_cn" else str(n)
        text = num + word + ("万" if form == "more_scaled" else "")
    elif form == "scale_more":  # 3万多, 3.5万多, 12.3亿多: the next step of the mantissa's last digit
        d = draw(st.integers(min_value=0, max_value=2))
        m = Fraction(draw(st.integers(min_value=1, max_value=9999)), 10**d)
        power, word = draw(st.sampled_from([(4, "万"), (8, "亿"), (4, "萬")]))
        true = (m + u * Fraction(1, 10**d)) * 10**power
        text = plain(Decimal(m.numerator) / Decimal(m.denominator)) + word + draw(st.sampled_from(["多", "余"]))
        assume("." not in text or not text.split(word)[0].endswith("0"))
    elif form in ("near", "near_cn", "near_scaled"):
        n = draw(st.integers(min_value=1, max_value=99)) * 10 ** draw(st.integers(min_value=0, max_value=5))
        true = Fraction(9, 10) * n + u * Fraction(1, 10) * n  # in [0.9 N, N)
        if form == "near_cn":
            text = draw(st.sampled_from(["近", "将近", "接近"])) + chinese(n, draw(st.sampled_from(["cn", "liang"])))
        elif form == "near_scaled" and n % 10**4 == 0:
            text = "近" + str(n // 10**4) + "万"
        else:
            text = "近" + str(n)
    else:  # about: a value that rounds to N, printed with 约 / 大约 / 左右 / 约…左右
        true_int = draw(st.integers(min_value=1, max_value=10**9))
        keep = draw(st.integers(min_value=1, max_value=3))
        place = 10 ** max(len(str(true_int)) - keep, 0)
        n = (true_int + place // 2) // place * place
        true = Fraction(true_int)
        quantum = Decimal(1).scaleb(min(len(str(place)) - 1 - 4, 0))  # 1.2万 when rounded at the thousands
        wan = plain(Decimal(n).scaleb(-4).quantize(quantum)) + "万"
        num = draw(st.sampled_from([str(n), group(str(n), ","), wan if n >= 10**4 else str(n)]))
        pre, post = draw(st.sampled_from([("约", ""), ("大约", ""), ("", "左右"), ("约", "左右"), ("", "上下")]))
        text = pre + num + post
    return Decimal(true.numerator) / Decimal(true.denominator), text + unit


@SETTINGS
@given(approximate_spellings())
@example((Decimal("2953000"), "290多万元"))
@example((Decimal("190000"), "近20万人"))
@example((Decimal("35500"), "3.5万多"))
def test_an_approximate_spelling_holds_the_true_value(case):
    true, text = case
    q = parse(text)
    assert holds(q, true, 0), (text, str(true), q.low, q.high)
    if q.low_open:
        assert float(true) > q.low or math.isclose(float(true), q.low), (text, str(true))


@st.composite
def percent_and_range_spellings(draw):
    form = draw(st.sampled_from(["percent", "percent_cn", "points", "tenths", "range", "range_scaled", "adjacent", "teens"]))
    if form in ("percent", "points"):
        k = draw(st.integers(min_value=0, max_value=10000))
        true = Decimal(k).scaleb(-2)
        printed = true.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        sign = draw(st.sampled_from(["%", "％"])) if form == "percent" else draw(st.sampled_from(["个百分点", "個百分點", "百分点"]))
        text = plain(printed) + sign
        if draw(st.booleans()):
            text = text.translate(FULL)
    elif form == "percent_cn":
        n = draw(st.integers(min_value=1, max_value=100))
        true = Decimal(n) + Decimal(draw(st.integers(min_value=-49, max_value=49))).scaleb(-2)  # rounds to n
        text = "百分之" + chinese(n)
    elif form == "tenths":  # 三成: 30 % ± 5
        n = draw(st.integers(min_value=1, max_value=9))
        true = Decimal(n * 10) + Decimal(draw(st.integers(min_value=-500, max_value=499))).scaleb(-2)
        text = chinese(n) + "成"
    elif form in ("range", "range_scaled"):
        a = draw(st.integers(min_value=1, max_value=10**6))
        b = a + draw(st.integers(min_value=1, max_value=10**6))
        true = Decimal(draw(st.integers(min_value=a, max_value=b)))
        sep = draw(st.sampled_from(["-", "~", "～", "至", "到", "—"]))
        if form == "range_scaled":
            text = f"{a}{sep}{b}万"
            true *= 10**4
        else:
            text = f"{a}{sep}{b}"
        text += draw(st.sampled_from(UNITS))
    elif form == "adjacent":  # 三四个, 二三十个: adjacent digits
        d = draw(st.integers(min_value=1, max_value=8))
        tens = draw(st.booleans())
        lo, hi = (d * 10, (d + 1) * 10) if tens else (d, d + 1)
        true = Decimal(draw(st.integers(min_value=lo * 100, max_value=hi * 100))).scaleb(-2)
        text = CN[d] + CN[d + 1] + ("十" if tens else "") + draw(st.sampled_from(["个", "人", "家"]))
    else:  # 十几个: (10, 20)
        true = Decimal(draw(st.integers(min_value=1001, max_value=1999))).scaleb(-2)
        text = "十几" + draw(st.sampled_from(["个", "人", "家", ""]))
    return true, text


@SETTINGS
@given(percent_and_range_spellings())
def test_percentages_ranges_and_adjacent_numbers_hold_the_true_value(case):
    true, text = case
    q = parse(text)
    assert holds(q, true), (text, str(true), q.low, q.high)


def test_a_printed_zero_is_rounded_too():
    # a growth of 0.03 % printed as 0.0% is not a contradiction; an integer 0 is exactly zero
    q = parse("0.0%")
    assert q.low <= 0.03 < q.high and q.low < 0
    assert (parse("0.00").low, parse("0.00").high) == (-0.005, 0.005)
    assert (parse("0人").low, parse("0人").high) == (0, 0)


# -- 3. relations on intervals are never wrongly violated ---------------------------------------------

@st.composite
def interval_with_witness(draw):
    """(lo, hi, lo_open, hi_open, witness): the witness an exact rational strictly inside where open."""
    a = Fraction(draw(st.integers(min_value=-10**6, max_value=10**6)), draw(st.sampled_from([1, 2, 4, 10, 100])))
    width = Fraction(draw(st.integers(min_value=0, max_value=10**6)), draw(st.sampled_from([1, 10, 1000])))
    lo, hi = a, a + width
    lo_open, hi_open = (draw(st.booleans()), draw(st.booleans())) if width > 0 else (False, False)
    t = Fraction(draw(st.integers(min_value=1, max_value=999)), 1000)
    witness = lo + (hi - lo) * t if width > 0 else lo
    unbounded = draw(st.sampled_from(["", "", "", "low", "high"]))
    flo = -math.inf if unbounded == "low" else float(lo)
    fhi = math.inf if unbounded == "high" else float(hi)
    return flo, fhi, lo_open, hi_open, witness


@st.composite
def expressions(draw, names, depth=0):
    """A random arithmetic expression over ``names`` and small constants: (source text, evaluator)."""
    if depth >= 3 or draw(st.integers(min_value=0, max_value=2)) == 0:
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            c = draw(st.sampled_from([1, 2, 100, 1000, 0.5]))
            return str(c), (lambda env, c=c: Fraction(c))
        name = draw(st.sampled_from(names))
        return name, (lambda env, name=name: env[name])
    op = draw(st.sampled_from(["+", "-", "*", "/"]))
    (ls, lf), (rs, rf) = draw(expressions(names, depth + 1)), draw(expressions(names, depth + 1))
    if draw(st.integers(min_value=0, max_value=5)) == 0:
        ls, lf = f"-{ls}", (lambda env, lf=lf: -lf(env))
    if draw(st.integers(min_value=0, max_value=5)) == 0:  # the distance from 0, of either sign
        rs, rf = f"abs({rs})", (lambda env, rf=rf: abs(rf(env)))
    fn = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}[op]
    return f"({ls} {op} {rs})", (lambda env, lf=lf, rf=rf, fn=fn: fn(lf(env), rf(env)))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_a_relation_that_holds_inside_the_intervals_is_never_violated(data):
    from ucheck.expr import parse_relation

    names = ["a", "b", "c"]
    ivs = {n: data.draw(interval_with_witness(), label=n) for n in names}
    text, fn = data.draw(expressions(names), label="expression")
    witness = {n: ivs[n][4] for n in names}
    try:
        value = fn(witness)  # exact, in fractions
    except ZeroDivisionError:
        assume(False)
    op = data.draw(st.sampled_from(["==", "<=", ">=", "<", ">", "!="]), label="op")
    # the other side: an interval holding a point where the relation holds at the witness
    gap = Fraction(data.draw(st.integers(min_value=0, max_value=10**6)), 100)
    if op in ("<", "!="):
        target = value + gap + 1
    elif op == ">":
        target = value - gap - 1
    elif op == "<=":
        target = value + gap
    elif op == ">=":
        target = value - gap
    else:
        target = value
    spread = Fraction(data.draw(st.integers(min_value=0, max_value=1000)), 10)
    rhs = (float(target - spread), float(target + spread))
    relation = parse_relation(f"{text} {op} r", set(names) | {"r"})
    rows = 3  # the same tuple in several rows: columns are evaluated together
    env = {n: IntervalArray.from_columns([lo] * rows, [hi] * rows, [float(witness[n])] * rows, [lo_o] * rows, [hi_o] * rows)
           for n, (lo, hi, lo_o, hi_o, _) in ivs.items()}
    env["r"] = IntervalArray.from_columns([rhs[0]] * rows, [rhs[1]] * rows, [float(target)] * rows)
    with np.errstate(all="ignore"):
        verdict, left, right = relation.evaluate(env)
    assert len(set(verdict)) == 1
    assert verdict[0] != VIOLATED, (relation.text, {n: (float(v[4]), v[:4]) for n, v in ivs.items()}, float(value), rhs,
                                   (left.lo[0], left.hi[0]))
    # and the left side's interval holds the exact value at the witness
    v = float(value)
    slack = 1e-9 * max(1.0, abs(v))
    assert left.lo[0] - slack <= v <= left.hi[0] + slack or math.isnan(left.lo[0]), (relation.text, v, left.lo[0], left.hi[0])
