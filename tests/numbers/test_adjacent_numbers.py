"""Approximations by two adjacent numbers, with any measure word (issue 11, item 11).

GB/T 15835-2011 writes them in Chinese numerals without a 顿号 (4.2.2: 三四个月, 一二十个, 四十五六岁,
五六万套; 5.2.1: 二三米, 三五天, not 三、五天). Texts also print them with Arabic digits and a 顿号
(5、6支, 3、4万元) or with a 顿号 between Chinese numerals (七、八所): the parser reads every form as the
closed range [low, high] of the two numbers; the literal rules UC106 and UC110 flag the forms the
standard does not write.
"""

from __future__ import annotations

import pytest

from ucheck.numbers.mentions import find_mentions
from ucheck.numbers.quantity import QuantityError, parse

# literal: (low, high, unit, step, numeral)
PAIRS = {
    # the standard's forms: adjacent Chinese numerals, any measure word
    "七八所": (7, 8, "所", 1, "七八"),
    "二三十场": (20, 30, "场", 10, "二三十"),
    "三五个": (3, 5, "个", 1, "三五"),
    "十五六岁": (15, 16, "岁", 1, "十五六"),  # 四十五六岁 of 4.2.2: the two ages, closed
    "四十五六岁": (45, 46, "岁", 1, "四十五六"),
    "五六万套": (50_000, 60_000, "套", 10_000, "五六"),
    "一二十个": (10, 20, "个", 10, "一二十"),
    "两三百人": (200, 300, "人", 100, "两三百"),
    # Arabic digits with a 顿号 (UC106)
    "5、6支": (5, 6, "支", 1, "5、6"),
    "3、4万元": (30_000, 40_000, "元", 10_000, "3、4"),
    "3万、4万元": (30_000, 40_000, "元", 10_000, "3、4"),
    "15、16岁": (15, 16, "岁", 1, "15、16"),
    "9、10个": (9, 10, "个", 1, "9、10"),
    "10、11个": (10, 11, "个", 1, "10、11"),
    "19、20岁": (19, 20, "岁", 1, "19、20"),
    "20、30场": (20, 30, "场", 10, "20、30"),
    "1.5、1.6万人": (15_000, 16_000, "人", 1_000, "1.5、1.6"),
    "3、5个": (3, 5, "个", 1, "3、5"),
    "5、6%": (5, 6, "%", 1, "5、6"),
    "5个、6个": (5, 6, "个", 1, "5、6"),
    # Chinese numerals with a 顿号 (UC110)
    "七、八所": (7, 8, "所", 1, "七、八"),
    "二、三十场": (20, 30, "场", 10, "二、三十"),
    "十五、六岁": (15, 16, "岁", 1, "十五、六"),
    "二十五、六万人": (250_000, 260_000, "人", 10_000, "二十五、六"),
    "两、三百人": (200, 300, "人", 100, "两、三百"),
    "三、四成": (30, 40, "成", 10, "三、四"),
}


@pytest.mark.parametrize("text", list(PAIRS))
def test_adjacent_numbers_are_a_closed_range(text):
    low, high, unit, step, numeral = PAIRS[text]
    q = parse(text)
    assert (q.low, q.high, q.low_open, q.high_open) == (pytest.approx(low), pytest.approx(high), False, False)
    assert q.value == pytest.approx(low)
    assert q.unit == unit
    assert q.step == pytest.approx(step)
    assert q.kind == "range" and q.qualifier == "range"
    assert q.numeral == numeral


@pytest.mark.parametrize("text, low, high", [
    ("约5、6个", 4.5, 6.6),
    ("5、6个左右", 4.5, 6.6),
])
def test_qualifiers_apply_to_the_pair(text, low, high):
    q = parse(text)
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("text, why", [
    ("5、8个", "not adjacent"),
    ("3、4、5个", "more than two numbers"),
    ("1、2、3", "more than two numbers"),
    ("6、5个", "not adjacent"),
    ("5多、6个", "approximate"),
    ("5、6多个", "approximate"),
    ("5个、6名", "two measure words"),
    ("5、6-7个", "a range and"),
    ("、5个", "no number"),
    ("5、个", "no number"),
    ("2.5、3个", "not adjacent"),
])
def test_what_is_not_an_adjacent_pair(text, why):
    with pytest.raises(QuantityError) as exc:
        parse(text)
    assert why in str(exc.value)
    assert "measure word '、" not in str(exc.value)  # the 顿号 is not blamed on the measure word


@pytest.mark.parametrize("sentence, literal", [
    ("每支队伍配备5、6支救援小组", "5、6支"),
    ("全市新建七、八所职工学校", "七、八所"),
    ("共发放3、4万元慰问金", "3、4万元"),
    ("持续了3、4个月", "3、4个月"),
    ("已有二三十场专题讲座", "二三十场"),
    ("年龄在十五六岁之间", "十五六岁"),
])
def test_a_pair_is_one_mention(sentence, literal):
    figures = [m.literal for m in find_mentions(sentence) if m.kind == "figure"]
    assert figures == [literal]


@pytest.mark.parametrize("sentence, literals", [
    ("获一、二等奖的成果", []),  # 等奖: an enumeration of prizes, not a measure word
    ("分别为1、2、3个", ["1", "2", "3个"]),  # a list: each number is its own mention
    ("分别为5、8个", ["5", "8个"]),  # not adjacent: a list
    ("党的十八大、十九大以来", []),  # two congresses, each with its measure word (idioms)
])
def test_lists_stay_apart(sentence, literals):
    assert [m.literal for m in find_mentions(sentence) if m.kind == "figure"] == literals


def test_years_are_not_joined():
    assert "2017、2018年" not in [m.literal for m in find_mentions("2017、2018年")]  # dates, not an approximation
