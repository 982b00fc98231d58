"""Unit and property tests of ucheck.numbers.quantity (the interval semantics are in its module docstring)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ucheck.numbers import quantity
from ucheck.numbers.quantity import ABOUT_TOLERANCE, NEAR_TOLERANCE, Quantity, QuantityError, parse, parse_cached

INF = math.inf

# text: (value, low, high, low_open, high_open, unit, qualifier, step, kind)
EXAMPLES = {
    # the brief's examples
    "290多万元": (2_900_000, 2_900_000, 3_000_000, True, True, "元", "多", 100_000, "approx"),
    "1.1万项": (11_000, 10_500, 11_500, False, True, "项", None, 1_000, "exact"),
    "近20万人": (200_000, 180_000, 200_000, False, True, "人", "近", 100_000, "approx"),
    "3万多家": (30_000, 30_000, 40_000, True, True, "家", "多", 10_000, "approx"),
    "7000余名": (7_000, 7_000, 8_000, True, True, "名", "余", 1_000, "approx"),
    "19.9%": (19.9, 19.85, 19.95, False, True, "%", None, 0.1, "exact"),
    "1.5个百分点": (1.5, 1.45, 1.55, False, True, "个百分点", None, 0.1, "exact"),
    "1.5百分点": (1.5, 1.45, 1.55, False, True, "个百分点", None, 0.1, "exact"),
    "两千五百万元": (25_000_000, 24_500_000, 25_500_000, False, True, "元", None, 1_000_000, "exact"),
    "三万五": (35_000, 34_500, 35_500, False, True, None, None, 1_000, "exact"),
    "１２３４５人": (12_345, 12_344.5, 12_345.5, False, True, "人", None, 1, "exact"),
    "1,234.5万": (12_345_000, 12_344_500, 12_345_500, False, True, None, None, 1_000, "exact"),
    "8-10个": (8, 8, 10, False, False, "个", "range", 1, "range"),
    "8~10": (8, 8, 10, False, False, None, "range", 1, "range"),
    "8—10": (8, 8, 10, False, False, None, "range", 1, "range"),
    "8至10": (8, 8, 10, False, False, None, "range", 1, "range"),
    "8到10": (8, 8, 10, False, False, None, "range", 1, "range"),
    "3万-5万": (30_000, 30_000, 50_000, False, False, None, "range", 10_000, "range"),
    "3-5万": (30_000, 30_000, 50_000, False, False, None, "range", 10_000, "range"),
    "三四个": (3, 3, 4, False, False, "个", "range", 1, "range"),
    "一两个": (1, 1, 2, False, False, "个", "range", 1, "range"),
    "七八十": (70, 70, 80, False, False, None, "range", 10, "range"),
    "三四十万": (300_000, 300_000, 400_000, False, False, None, "range", 100_000, "range"),
    "十几个": (10, 10, 20, True, True, "个", "几", 1, "approx"),
    "十几万": (100_000, 100_000, 200_000, True, True, None, "几", 10_000, "approx"),
    "几十": (20, 20, 100, False, True, None, "几", 10, "approx"),
    "几百": (200, 200, 1_000, False, True, None, "几", 100, "approx"),
    "几十万": (200_000, 200_000, 1_000_000, False, True, None, "几", 100_000, "approx"),
    "几": (2, 2, 9, False, False, None, "几", 1, "approx"),
    "超过1000名": (1_000, 1_000, INF, True, True, "名", "超过", 1_000, "lower"),
    "不到1200人": (1_200, -INF, 1_200, True, True, "人", "不到", 100, "upper"),
    "约30%": (30, 27, 33, False, False, "%", "约", 1, "approx"),
    "5%左右": (5, 4.5, 5.5, False, False, "%", "左右", 1, "approx"),
    "三成": (30, 25, 35, False, True, "成", None, 10, "exact"),
    "三成多": (30, 30, 40, True, True, "成", "多", 10, "approx"),
    "9成": (90, 85, 95, False, True, "成", None, 10, "exact"),
    "15多家": (15, 15, 16, True, True, "家", "多", 1, "approx"),
    "48.7余万": (487_000, 487_000, 488_000, True, True, None, "余", 1_000, "approx"),
    "百分之二十": (20, 19.5, 20.5, False, True, "%", None, 1, "exact"),
    "100%": (100, 99.5, 100.5, False, True, "%", None, 1, "exact"),
    "20%": (20, 19.5, 20.5, False, True, "%", None, 1, "exact"),
    # the interval rules of the docstring
    "90万": (900_000, 850_000, 950_000, False, True, None, None, 100_000, "exact"),
    "2000": (2_000, 1_500, 2_500, False, True, None, None, 1_000, "exact"),
    "2563": (2_563, 2_562.5, 2_563.5, False, True, None, None, 1, "exact"),
    "1.50": (1.5, 1.495, 1.505, False, True, None, None, 0.01, "exact"),
    "0": (0, 0, 0, False, False, None, None, 1, "exact"),
    "15多": (15, 15, 16, True, True, None, "多", 1, "approx"),
    "1.5多万": (15_000, 15_000, 16_000, True, True, None, "多", 1_000, "approx"),
    "2500多": (2_500, 2_500, 2_600, True, True, None, "多", 100, "approx"),
    "1000多万": (10_000_000, 10_000_000, 20_000_000, True, True, None, "多", 10_000_000, "approx"),
    "2260余": (2_260, 2_260, 2_270, True, True, None, "余", 10, "approx"),
    "30余万": (300_000, 300_000, 400_000, True, True, None, "余", 100_000, "approx"),
    "19万余": (190_000, 190_000, 200_000, True, True, None, "余", 10_000, "approx"),
    "10万多": (100_000, 100_000, 110_000, True, True, None, "多", 10_000, "approx"),
    "近30万": (300_000, 270_000, 300_000, False, True, None, "近", 100_000, "approx"),
    "大约30%": (30, 27, 33, False, False, "%", "约", 1, "approx"),
    "1000人以上": (1_000, 1_000, INF, False, True, "人", "以上", 1_000, "lower"),
    "不少于1000人": (1_000, 1_000, INF, False, True, "人", "以上", 1_000, "lower"),
    "逾1000人": (1_000, 1_000, INF, True, True, "人", "逾", 1_000, "lower"),
    "100人以下": (100, -INF, 100, True, False, "人", "以下", 100, "upper"),
    "3年内": (3, -INF, 3, True, False, "年", "以下", 1, "upper"),
    "万面": (10_000, 5_000, 15_000, False, True, "面", None, 10_000, "exact"),
    "不足100人": (100, -INF, 100, True, True, "人", "不足", 100, "upper"),
    "上万人": (10_000, 10_000, INF, False, True, "人", "上", 10_000, "lower"),
    "上千": (1_000, 1_000, INF, False, True, None, "上", 1_000, "lower"),
    "近万人": (10_000, 9_000, 10_000, False, True, "人", "近", 10_000, "approx"),
    "三五名": (3, 3, 5, False, False, "名", "range", 1, "range"),
    "2个至3个": (2, 2, 3, False, False, "个", "range", 1, "range"),
    "一年多": (1, 1, 2, True, True, "年", "多", 1, "approx"),
    "一吨半": (1.5, 1.25, 1.75, False, True, "吨", None, 0.5, "exact"),
    "三成半": (35, 32.5, 37.5, False, True, "成", None, 5, "exact"),
    "负3.5%": (-3.5, -3.55, -3.45, False, True, "%", None, 0.1, "exact"),
    "-1,200": (-1_200, -1_250, -1_150, False, True, None, None, 100, "exact"),
    "一百二十三元1角1分": (123.11, 123.105, 123.115, False, True, "元", None, 0.01, "exact"),
    "1.2万余家": (12_000, 12_000, 13_000, True, True, "家", "余", 1_000, "approx"),
    "15.3万多人次": (153_000, 153_000, 154_000, True, True, "人次", "多", 1_000, "approx"),
    "负300多": (-300, -400, -300, True, True, None, "多", 100, "approx"),
    "三万几": (30_000, 30_000, 40_000, True, True, None, "几", 1_000, "approx"),
    "数百个": (200, 200, 1_000, False, True, "个", "几", 100, "approx"),
    "一个半小时": (1.5, 1.25, 1.75, False, True, "个小时", None, 0.5, "exact"),
    "一个多月": (1, 1, 2, True, True, "个月", "多", 1, "approx"),
    "三米九": (3.9, 3.85, 3.95, False, True, "米", None, 0.1, "exact"),
    "七成六": (76, 75.5, 76.5, False, True, "成", None, 1, "exact"),
    "两到三仟元": (2_000, 2_000, 3_000, False, False, "元", "range", 1_000, "range"),
    "八到九百亿": (8e10, 8e10, 9e10, False, False, None, "range", 1e10, "range"),
    "十八至三十万": (180_000, 180_000, 300_000, False, False, None, "range", 10_000, "range"),
    "8000-1万": (8_000, 8_000, 10_000, False, False, None, "range", 1_000, "range"),
    "1万元--5万元": (10_000, 10_000, 50_000, False, False, "元", "range", 10_000, "range"),
    "十五六": (15, 15, 16, False, False, None, "range", 1, "range"),
    "一万六七": (16_000, 16_000, 17_000, False, False, None, "range", 1_000, "range"),
    "百分之三十一到百分之百": (31, 31, 100, False, False, "%", "range", 1, "range"),
    "约8-10个": (8, 7.2, 11, False, False, "个", "约+range", 1, "range"),
    "3-5万以上": (30_000, 30_000, INF, False, True, None, "range+以上", 10_000, "lower"),
    "三级及以上": (3, 3, INF, False, True, "级", "以上", 1, "lower"),
    "最少四毫升": (4, 4, INF, False, True, "毫升", "以上", 1, "lower"),
    "大于等于50": (50, 50, INF, False, True, None, "以上", 10, "lower"),
    "小于等于50": (50, -INF, 50, True, False, None, "以下", 10, "upper"),
    "过万人": (10_000, 10_000, INF, True, True, "人", "超过", 10_000, "lower"),
    # stacked qualifiers: the hull of each qualifier's interval
    "约30%左右": (30, 27, 33, False, False, "%", "约+左右", 1, "approx"),
    "约20余万": (200_000, 180_000, 300_000, False, False, None, "约+余", 100_000, "approx"),
    "近300多万": (3_000_000, 2_700_000, 4_000_000, False, True, None, "近+多", 1_000_000, "approx"),
    "不到10万以上": (100_000, -INF, INF, True, True, None, "不到+以上", 100_000, "approx"),
    # traditional characters
    "290多萬元": (2_900_000, 2_900_000, 3_000_000, True, True, "元", "多", 100_000, "approx"),
    "1.38億元": (138_000_000, 137_500_000, 138_500_000, False, True, "元", None, 1_000_000, "exact"),
    "兩千人": (2_000, 1_500, 2_500, False, True, "人", None, 1_000, "exact"),
    "約3萬元": (30_000, 25_000, 35_000, False, False, "元", "约", 10_000, "approx"),
    "超過1000名": (1_000, 1_000, INF, True, True, "名", "超过", 1_000, "lower"),
    "3萬餘人": (30_000, 30_000, 40_000, True, True, "人", "余", 10_000, "approx"),
    "十幾個": (10, 10, 20, True, True, "个", "几", 1, "approx"),
    "負五點五": (-5.5, -5.55, -5.45, False, True, None, None, 0.1, "exact"),
    "六個百分點": (6, 5.5, 6.5, False, True, "个百分点", None, 1, "exact"),
    "壹拾壹圓整": (11, 10.5, 11.5, False, True, "元", None, 1, "exact"),
}


@pytest.mark.parametrize("text", list(EXAMPLES))
def test_examples(text):
    value, low, high, low_open, high_open, unit, qualifier, step, kind = EXAMPLES[text]
    q = parse(text)
    assert q.raw == text
    assert q.value == pytest.approx(value, rel=1e-12)
    assert q.low == pytest.approx(low, rel=1e-12)
    assert q.high == pytest.approx(high, rel=1e-12)
    assert (q.low_open, q.high_open) == (low_open, high_open)
    assert q.unit == unit
    assert q.qualifier == qualifier
    assert q.step == pytest.approx(step, rel=1e-12)
    assert q.kind == kind


@pytest.mark.parametrize(
    "text, scale, numeral",
    [
        ("290多万元", 1e4, "290"),
        ("1.1万项", 1e4, "1.1"),
        ("两千五百万元", 1e4, "两千五百"),
        ("１２３４５人", 1, "１２３４５"),
        ("1,234.5万", 1e4, "1,234.5"),
        ("3千万", 1e7, "3"),
        ("4千", 1e3, "4"),
        ("3.78万亿元", 1e12, "3.78"),
        ("三百万", 1e4, "三百"),
        ("一亿五千万", 1, "一亿五千万"),
        ("三万五", 1, "三万五"),
        ("250万零1千", 1, "250万零1千"),
        ("19.9%", 1, "19.9"),
        ("百分之二十", 1, "二十"),
        ("一百 五 十 二", 1, "一百五十二"),
        ("8-10个", 1, "8-10"),
        ("3-5万", 1e4, "3-5"),
    ],
)
def test_scale_and_numeral(text, scale, numeral):
    q = parse(text)
    assert q.scale == scale
    assert q.numeral == numeral


@pytest.mark.parametrize(
    "text, value",
    [
        ("一万三", 13_000), ("三万五", 35_000), ("两千五", 2_500), ("二百五", 250), ("十二", 12), ("十", 10),
        ("万万", 100_000_000), ("万", 10_000), ("万面", 10_000), ("四万万", 400_000_000), ("二〇一七", 2_017), ("一七二零点一", 1_720.1),
        ("五点一零二", 5.102), ("1.1万", 11_000), ("250万零1千", 2_501_000), ("4千", 4_000), ("3百万", 3_000_000),
        ("3萬5", 35_000), ("8千3", 8_300), ("百二", 120), ("千三", 1_300), ("萬九", 19_000),
        ("五亿零六", 500_000_006), ("5亿1万4千6百", 500_014_600), ("一千零十二", 1_012), ("一万零百一十一", 10_111),
        ("二十万亿", 2e13), ("一十亿零一十一亿", 100_000_001_100_000_000), ("一万亿亿", 1e20),
        ("两千八百三十九万四千九百一十九点二三一二亿", 2_839_491_923_120_000),
        ("肆佰叁拾萬圆整", 4_300_000), ("壹万二千三百四十五元", 12_345), ("貳佰零參", 203), ("參萬肆仟伍佰陸拾柒", 34_567),
        ("廿二", 22), ("五百卅四", 534), ("一萬零卌", 10_040), ("两个亿", 200_000_000), ("一半", 0.5), ("半百", 50),
        ("半个", 0.5), ("零點77", 0.77), (".77", 0.77), ("01.10", 1.1), ("2e5", 200_000), ("-12e-1", -1.2),
        ("２．２亿", 220_000_000), ("１１.92亿", 1_192_000_000), ("82，225.00元", 82_225), ("233,333，333,434.344元", 233_333_333_434.344),
        ("新台币 177.1 亿元", 17_710_000_000), ("人民幣3.14", 3.14), ("$20", 20), ("￥300", 300),
        ("六十四万零一百四十三元一角七分", 640_143.17), ("玖仟陆佰陆拾伍圆壹角捌分", 9_665.18), ("两美元又三美分", 2.03),
        ("二两", 2), ("两万两", 20_000), ("1234两", 1_234), ("兩", 2), ("一千克", 1), ("五十兆字节", 50), ("3000万千瓦", 30_000_000),
        ("一兆", 1e12), ("九京九千兆零九百億零九十萬零九", 99_000_090_000_900_009),
        ("百分之百", 100), ("百分三十", 30), ("百 分 之 一 百二 十點 五", 120.5), ("六   个 百 分点", 6),
        ("两千万点五五四四", 20_000_000.5544), ("一百点123", 100.123), ("零零零三四二", 342), ("三零万二零千", 320_000),
        ("倆千两百贰拾二", 2_222), ("五兆六十二亿四万五千二", 5_006_200_045_200), ("7 万5 千4 百", 75_400),
        ("一万零", 10_000), ("零十", 10), ("摄氏37度", 37), ("45°", 45), ("+45°", 45), ("-.5", -0.5),
    ],
)
def test_numerals(text, value):
    if value is None:
        with pytest.raises(QuantityError):
            parse(text)
    else:
        assert parse(text).value == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    "text, unit",
    [
        ("人民币50元", "人民币元"), ("8亿元人民币", "元人民币"), ("$20", "$"), ("美元5", "美元"), ("5個", "个"),
        ("3.5個百分點", "个百分点"), ("22％", "%"), ("肆佰叁拾萬圆", "元"), ("壹拾壹元正", "元"), ("20个比特币", "个比特币"),
        ("一千克", "千克"), ("二两", "两"), ("407场(次)", "场(次)"), ("3000元/吨", "元/吨"),
    ],
)
def test_units(text, unit):
    assert parse(text).unit == unit


@pytest.mark.parametrize("text", ["", "   ", "abc", "多万", "万多元", "万余人", "亿多", "之一", "1/2", "二分之一", "三严三实", "十二五",
                                  "2017-02-15 08:35:44", "1+1群", "百分之五十的人", "3万多5", "8-", "10-8", "一千一千",
                                  "1,2345", "三百九十九三盒", "1半"])
def test_errors_quote_the_text(text):
    with pytest.raises(QuantityError) as info:
        parse(text)
    assert repr(text) in str(info.value)
    assert str(info.value).startswith(f"cannot parse quantity {text!r}: ")


def test_error_is_value_error_and_non_string():
    assert issubclass(QuantityError, ValueError)
    with pytest.raises(QuantityError):
        parse(None)  # type: ignore[arg-type]


def test_predicates():
    assert parse("1.1万").is_decimal and not parse("11万").is_decimal
    assert parse("五点五").is_decimal
    assert parse("１２３４５人").has_fullwidth_digits and not parse("12345人").has_fullwidth_digits
    assert parse("4千").mixes_chinese_digits
    assert parse("250万零1千").mixes_chinese_digits
    assert not parse("1.1万").mixes_chinese_digits
    assert not parse("3万4000").mixes_chinese_digits
    assert not parse("两千").mixes_chinese_digits
    assert parse("壹佰元").uses_financial_digits and not parse("一百元").uses_financial_digits
    assert parse("3萬").uses_traditional and not parse("3万").uses_traditional
    assert parse("约30%左右").is_stacked and parse("约30%左右").qualifiers == ("约", "左右")
    assert parse("30%").is_exact and parse("30%").is_bounded and not parse("30%以上").is_bounded
    q = parse("近30万")
    assert q.contains(270_000) and not q.contains(300_000)


def test_quantity_is_frozen_and_cached():
    q = parse("1.1万项")
    assert isinstance(q, Quantity)
    with pytest.raises(AttributeError):
        q.value = 1.0  # type: ignore[misc]
    assert parse_cached("1.1万项") is parse_cached("1.1万项")
    assert parse_cached("1.1万项") == q


def test_tolerances_are_module_constants(monkeypatch):
    assert NEAR_TOLERANCE == 0.10 and ABOUT_TOLERANCE == 0.10
    monkeypatch.setattr(quantity, "NEAR_TOLERANCE", 0.2)
    assert parse("近10万").low == pytest.approx(80_000)


def test_about_never_narrower_than_rounding():
    # 约3万: rounding [2.5万, 3.5万) is wider than 0.9N..1.1N, so it is kept (closed)
    q = parse("约3万")
    assert (q.low, q.high, q.low_open, q.high_open) == (25_000, 35_000, False, False)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

NUMERAL_CHARS = "0123456789.,%-~万亿萬億零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟廿点點几多余半个成约近超过不到以上左右元角分"


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.one_of(st.sampled_from(NUMERAL_CHARS), st.characters()), max_size=14))
def test_parse_raises_only_quantity_error(text):
    try:
        q = parse(text)
    except QuantityError as exc:
        assert repr(text) in str(exc)
        return
    assert q.low <= q.high
    assert not math.isnan(q.value)
    assert q.kind in ("exact", "approx", "lower", "upper", "range")


_CN = "零一二三四五六七八九"


def _section(n: int) -> str:
    """0 < n < 10000 in Chinese, with 零 for the gaps (一千零一十)."""
    out, zero = "", False
    for unit, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d:
            if zero and out:
                out += "零"
            out += _CN[d] + word
            zero = False
        else:
            zero = True
    return out


def to_chinese(n: int) -> str:
    """A small formatter of non-negative integers as standard Chinese numerals."""
    if n == 0:
        return "零"
    parts, k = [], 0
    words = ["", "万", "亿", "万亿"]
    while n:
        parts.append((n % 10000, k))
        n //= 10000
        k += 1
    out, pending_zero = "", False
    for sec, k in reversed(parts):
        if sec == 0:
            pending_zero = True
            continue
        if out and (pending_zero or sec < 1000):
            out += "零"
        out += _section(sec) + words[k]
        pending_zero = False
    if out.startswith("一十"):
        out = out[1:]  # 十二, 十万
    return out


@pytest.mark.parametrize("n, text", [(10, "十"), (12, "十二"), (105, "一百零五"), (1010, "一千零一十"), (100000, "十万"),
                                     (1000001, "一百万零一"), (100010000, "一亿零一万"), (35000, "三万五千")])
def test_formatter(n, text):
    assert to_chinese(n) == text


def _check(text: str, true: Decimal):
    q = parse(text)
    assert q.value == float(true), text
    assert q.low <= float(true) <= q.high, text
    assert q.contains(float(true)), text
    assert q.kind == "exact"


@given(st.integers(min_value=0, max_value=10**15))
def test_arabic_integers(n):
    _check(str(n), Decimal(n))
    _check(f"{n:,}", Decimal(n))
    _check(f"负{n}" if n else "0", Decimal(-n))


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=6))
def test_arabic_decimals(k, d):
    true = Decimal(k).scaleb(-d)
    text = f"{true:.{d}f}"
    _check(text, true)
    _check(text + "%", true)


@given(st.integers(min_value=1, max_value=10**7), st.integers(min_value=0, max_value=3), st.sampled_from([("万", 4), ("亿", 8), ("萬", 4), ("億", 8)]))
def test_arabic_with_scale(k, d, scale):
    word, power = scale
    mant = Decimal(k).scaleb(-d)
    true = mant.scaleb(power)
    assume(true <= 10**15)
    _check(f"{mant:.{d}f}{word}人", true)


@given(st.integers(min_value=0, max_value=10**15))
def test_chinese_integers(n):
    text = to_chinese(n)
    _check(text, Decimal(n))
    _check("负" + text if n else text, Decimal(-n))


@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=1, max_value=5), st.integers(min_value=0, max_value=99999))
def test_chinese_decimals(n, d, frac):
    digits = f"{frac % 10**d:0{d}d}"
    text = to_chinese(n) + "点" + "".join(_CN[int(c)] for c in digits)
    _check(text, Decimal(f"{n}.{digits}"))


@given(st.integers(min_value=1, max_value=9999), st.sampled_from([("万", 10**4), ("亿", 10**8)]))
def test_chinese_with_scale(n, scale):
    word, mult = scale
    _check(to_chinese(n) + word + "元", Decimal(n * mult))


@given(st.integers(min_value=1, max_value=10**9))
def test_about_and_near_contain_the_figure(n):
    about = parse(f"约{n}人")
    assert about.low <= n * (1 - ABOUT_TOLERANCE) * (1 + 1e-12)
    assert about.high >= n * (1 + ABOUT_TOLERANCE) * (1 - 1e-12)
    assert not about.low_open and not about.high_open
    near = parse(f"近{n}人")
    assert near.high == n and near.high_open and near.low == pytest.approx(n * (1 - NEAR_TOLERANCE))


@given(st.integers(min_value=1, max_value=10**9))
def test_more_is_above_the_figure(n):
    q = parse(f"{n}多人")
    assert q.low == n and q.low_open and q.high > n and q.high_open


def test_huge_values_keep_a_nonempty_interval():
    """Issue 11, item 21 (found by 120,000 random literals): beyond 2**53 the rounding interval of
    7206万亿成 (±5) rounded to a single float with an open end — an empty interval."""
    from ucheck.numbers.quantity import parse

    for text in ("7２０６万亿成", "7206万亿%", "9999万亿亿人"):
        q = parse(text)
        assert q.low < q.high and q.low <= q.value <= q.high, (text, q.low, q.high)


def test_a_change_printed_as_a_word_is_zero_at_one_decimal():
    """持平 (增速与一季度持平, 价格与同期持平) reads as 0.0 would: [-0.05, 0.05), no measure word; 基本持平
    (roughly flat) is no number."""
    q = parse("持平")
    assert (q.value, q.low, q.high, q.low_open, q.high_open, q.unit, q.step, q.kind) == (0.0, -0.05, 0.05, False, True, None, 0.1, "exact")
    assert q.numeral == "持平" and not q.has_fullwidth_digits and not q.mixes_chinese_digits and not q.is_stacked
    assert (q.low, q.high) == (parse("0.0").low, parse("0.0").high)
    for text in ("基本持平", "持平持平", "约持平"):
        with pytest.raises(QuantityError):
            parse(text)


def test_a_qualified_flat_says_why_it_is_no_number():
    """基本持平 is read by a curator as 持平: the message says why it is no figure and where it goes."""
    with pytest.raises(QuantityError, match="roughly flat.*ignored"):
        parse("基本持平")

