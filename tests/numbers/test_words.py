"""ucheck.numbers.words: the qualifier words, defined once, are what the parser reads and what the
mention finder takes in running text; the literal rules' predicates and their filter columns."""

from __future__ import annotations

import pandas as pd
import pytest

from ucheck.numbers import words
from ucheck.numbers.mentions import find_mentions
from ucheck.numbers.quantity import parse


def literals(text: str) -> list[str]:
    return [m.literal for m in find_mentions(text) if m.kind == "figure"]


@pytest.mark.parametrize("word", sorted(words.PREFIX))
def test_every_prefix_word_is_read_and_found_or_says_why_not(word):
    q = words.PREFIX[word]
    assert parse(f"{word}30人").qualifier == q.means
    found = literals(f"全市会员{word}30人。")
    if q.not_in_text:
        assert found == ["30人"], found
    else:
        assert found == [f"{word}30人"], found
        for c in q.not_after:  # 最近30年, 节约30元, 买不到30元
            if f"{c}{word}" not in words.PREFIX:
                assert literals(f"全市会员{c}{word}30人。") == ["30人"], c


@pytest.mark.parametrize("word", sorted(words.SUFFIX))
def test_every_suffix_word_is_read_and_found_or_says_why_not(word):
    q = words.SUFFIX[word]
    parsed = parse(f"30人{word}")
    assert parsed.unit == "人" and parsed.qualifier == (q.means or None)
    found = literals(f"全市会员30人{word}。")
    if q.not_in_text or q.time_only:
        assert found == ["30人"], found
    else:
        assert found == [f"30人{word}"], found
    if q.time_only:
        assert literals(f"全市会员3年{word}。") == [f"3年{word}"]


def test_before_a_bare_scale_word():
    assert parse("上万人").qualifier == "上" and parse("数百个").qualifier == "几"
    assert literals("全市上万名职工参加。") == ["上万名"]
    assert literals("全市数百个企业参加。") == ["数百个"]
    assert literals("以上万名职工") == ["万名"]


def test_as_many_as_changes_nothing():
    q = parse("12万人之多")
    assert (q.unit, q.qualifier, q.kind, q.low, q.high) == ("人", None, "exact", 115000, 125000)


# -- the predicates of the literal rules ----------------------------------------------------------

@pytest.mark.parametrize("text, stacked", [
    ("约30%左右", True), ("近20多万人", True), ("不到5000人以上", True), ("大约100余家", True),
    ("超过5万人以下", True), ("逾5万人左右", True),
    ("约5人以内", True), ("约5天之内", True),  # 以内 / 之内 read as 以下, like 约…以下
    ("小于5000人以上", True), ("大于5万人左右", True),  # synonyms of 不到 / 超过
    ("人民币约30万元左右", True),  # a currency word before the qualifier
    ("约30%", False), ("30%左右", False), ("20多万人", False), ("近20万人", False),
    ("不到30人之多", False),  # 之多 is no approximator
    ("约8-10个", False), ("约十几个", False), ("300多人左右", False), ("至少5人以上", False),  # not among the pairs
])
def test_is_stacked(text, stacked):
    assert parse(text).is_stacked is stacked


@pytest.mark.parametrize("text, mixed", [
    ("4千人", True), ("3百万元", True), ("1千2百", True), ("250万零1千", True), ("100万三千", True),
    ("4000人", False), ("四千人", False), ("300万元", False), ("1.2万", False), ("3万4000", False),
    ("10亿零817万5288人", False),  # 万/亿 and 零 between their sections may be Chinese (GB/T 15835, 5.3)
    ("1.5千克", False), ("12千米", False), ("1.5百分点", False),  # unit words, not digits
])
def test_mixes_chinese_digits(text, mixed):
    assert parse(text).mixes_chinese_digits is mixed


@pytest.mark.parametrize("text, full", [("１２３４５人", True), ("５０％", True), ("22％", True), ("1．5万", True),
                                        ("12345人", False), ("50%", False)])
def test_has_fullwidth_digits(text, full):
    assert parse(text).has_fullwidth_digits is full


def test_the_predicates_are_filter_columns():
    from ucheck.kinds.columns import FILTER_COLUMNS
    from ucheck.load.corpus import FIGURE_COLUMNS, attach_quantities

    values = ["约30%左右", "4千人", "５０％", "30人", "万多元", None]
    frame = pd.DataFrame([{c: None for c in FIGURE_COLUMNS} | {"value": v} for v in values], columns=FIGURE_COLUMNS)
    out = attach_quantities(frame)
    got = out[[FILTER_COLUMNS[n] for n in ("stacked", "mixed_digits", "fullwidth")]].values.tolist()
    assert got == [[True, False, False], [False, True, False], [False, False, True], [False, False, False],
                   [False, False, False], [False, False, False]]  # a literal that does not parse: False
