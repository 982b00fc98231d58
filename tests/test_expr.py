"""The rule expression grammar: what it accepts, and everything it refuses."""

import pandas as pd
import pytest

from ucheck.expr import ExpressionError, parse_filter, parse_relation
from ucheck.numbers.intervals import VIOLATED, IntervalArray


def test_relation_parses_and_evaluates():
    rel = parse_relation("benefit / patents >= 1000", {"benefit", "patents"})
    env = {"benefit": IntervalArray.from_columns([2.9e6], [3e6], [2.9e6]), "patents": IntervalArray.from_columns([10500], [11500], [11000])}
    verdict, left, right = rel.evaluate(env)
    assert verdict[0] == VIOLATED
    assert 250 < left.lo[0] < left.hi[0] < 290


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("__import__('os').system('x') > 1", "function call"),
        ("a.__class__ > 1", "attribute access"),
        ("a[0] > 1", "subscripting"),
        ("(lambda: 1)() > 1", "function call"),
        ("a > 1 > 0", "one comparison"),
        ("a + 1", "one comparison"),
        ("b > 1", "unknown name 'b'"),
        ("a >", "syntax error"),
        ("a > 'x'", "Constant"),
        ("[x for x in a] > 1", "comprehension"),
        ("a ** 2 > 1", "BinOp"),
    ],
)
def test_relation_refuses(text, fragment):
    with pytest.raises(ExpressionError) as exc:
        parse_relation(text, {"a"})
    assert fragment in str(exc.value)


def test_filter_on_frame():
    f = pd.DataFrame({"unit": ["个百分点", "%", None], "metric_kind": ["growth", "growth", "rate"], "point": [1.0, 2.0, 3.0]})
    flt = parse_filter("unit in ['个百分点', '百分点'] and metric_kind == 'growth'", {"unit", "metric_kind", "point"})
    assert flt.evaluate(f).tolist() == [True, False, False]
    assert parse_filter("not point >= 2", {"point"}).evaluate(f).tolist() == [True, False, False]
    assert parse_filter("point * 2 > 3 or unit == '%'", {"point", "unit"}).evaluate(f).tolist() == [False, True, True]


@pytest.mark.parametrize("text", ["unit.upper() == 'X'", "open('x')", "unit in some_list", "__import__('os')", "unit[0] == 'a'"])
def test_filter_refuses(text):
    with pytest.raises(ExpressionError):
        parse_filter(text, {"unit"})
