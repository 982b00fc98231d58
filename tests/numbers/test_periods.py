"""The forms of a period (ucheck.numbers.periods), shared by the schema, the check's base keys, the
draft and UC424."""

from __future__ import annotations

import re

import pytest

from ucheck.numbers.periods import PERIOD_NORM_PATTERN, YEAR_SPAN, whole_year


@pytest.mark.parametrize("form, ok", [
    ("2016", True), ("2013/2018", True), ("2016-11", True), ("2016-11-30", True), ("2016-01/2016-06", True), ("", True),
    ("2025Q1", False), ("2016H1", False), ("2016年", False), ("2016-13", False), ("2016-1", False), ("16", False),
])
def test_period_norm_forms(form, ok):
    assert bool(re.match(PERIOD_NORM_PATTERN, form)) == ok


@pytest.mark.parametrize("period, norm, whole", [
    ("全年", None, True), ("2021年", None, True), ("2021年全年", None, True), ("上半年", None, False), ("", None, False),
    ("全年", "2021", True), ("上半年", "2021-01/2021-06", False),
    ("全年", "2021-01/2021-12", False),  # the period_norm decides where there is one
])
def test_whole_year(period, norm, whole):
    assert whole_year(period, norm) == whole


@pytest.mark.parametrize("text, year, months", [
    ("2016", "2016", None), ("2016年", "2016", None), ("2016-01/2016-06", None, ("01", "06")), ("2016/2020", None, None),
])
def test_year_span(text, year, months):
    m = re.match(YEAR_SPAN, text)
    if year is None and months is None:
        assert m is None
    elif year is not None:
        assert m.group("y") == year
    else:
        assert (m.group("m1"), m.group("m2")) == months
