"""The outlier kind (UC410 ratios, UC411 siblings): linear in the corpus, and what its messages list.

Issue 14: for each finding the ratios mode dropped and re-sorted the table of every article, and the
siblings mode scanned the whole frame, so the kind grew with the square of the corpus (767 CPU-s of
2,059 s at 100,000 articles). The work a finding costs must not grow with the corpus.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from conftest import REPO
from ucheck.check.context import build
from ucheck.kinds.arithmetic import number
from ucheck.ruleset import load_rules
from ucheck.testing import corpus_from_example


@pytest.fixture(scope="module")
def vocab():
    return load_rules([REPO / "rules"], REPO)


def rule(vocab, code):
    return next(r for r in vocab.rules if r.code == code)


def ratio_corpus(articles: int) -> dict:
    """Benefit per patent in each article: 100 to 149 万元 for 100 patents; every tenth article an
    outlier (9000亿元 for 1 patent)."""
    figs = []
    for a in range(articles):
        outlier = a % 10 == 9
        figs += [{"article": f"a{a:04d}", "metric": "direct_economic_benefit", "value": "9000亿元" if outlier else f"{100 + a % 50}万元"},
                 {"article": f"a{a:04d}", "metric": "patents_granted", "value": "1项" if outlier else "100项"}]
    return {"figures": figs}


def sibling_corpus(articles: int) -> dict:
    """In each article three enterprise counts of some 18万 and one of 15 (a lost 万)."""
    figs = []
    for a in range(articles):
        for i, v in enumerate(("19.5万家", "18.2万家", "17.9万家", "15家")):
            figs.append({"article": f"a{a:04d}", "id": f"f{i}", "metric": "enterprises_covered", "value": v, "subject": f"s{i}"})
    return {"figures": figs}


class Work:
    """Counts the rows the pandas operations of a check touch: a Series dropped from or sorted,
    a frame filtered by a boolean mask."""

    def __init__(self, monkeypatch):
        self.rows = 0
        for cls, name in ((pd.Series, "sort_values"), (pd.Series, "drop"), (pd.DataFrame, "__getitem__"), (pd.Series, "__getitem__")):
            original = getattr(cls, name)

            def counted(obj, *a, _original=original, _name=name, **kw):
                key = a[0] if a else None
                if _name != "__getitem__" or (hasattr(key, "dtype") and key.dtype == bool):
                    self.rows += len(obj)
                return _original(obj, *a, **kw)

            monkeypatch.setattr(cls, name, counted)


def work_per_finding(monkeypatch, rule_, vocab, example) -> float:
    ctx, _ = build(corpus_from_example(example), vocab)
    with monkeypatch.context() as m:
        work = Work(m)
        found = rule_.impl.check(ctx)
    assert found
    return work.rows / len(found)


@pytest.mark.parametrize("code, corpus", [("UC410", ratio_corpus), ("UC411", sibling_corpus)])
def test_work_per_finding_does_not_grow_with_the_corpus(monkeypatch, vocab, code, corpus):
    """Four times the articles (and the findings): the rows touched per finding stay flat; they
    grew fourfold when each finding re-sorted or re-scanned the corpus."""
    small = work_per_finding(monkeypatch, rule(vocab, code), vocab, corpus(60))
    large = work_per_finding(monkeypatch, rule(vocab, code), vocab, corpus(240))
    assert large < 1.5 * small, (small, large)


def test_ratio_listing_skips_the_article_and_orders_ties_by_article(vocab):
    """The comparison list of a finding: the other articles, lowest and highest five, ascending,
    equal ratios in article order, the article itself never among them; each ratio readable
    (three significant digits, 万 and 亿: ucheck.kinds.arithmetic.number)."""
    values = {f"a{a:02d}": 100 + a for a in range(30)}
    values["a07"] = values["a03"] = 90  # the lowest, tied (listed a03, a07)
    values["a28"] = values["a11"] = 140  # the highest, tied (listed a11, a28)
    values["a15"] = 1_000_000  # the outlier
    figs = []
    for art, v in values.items():
        figs += [{"article": art, "metric": "direct_economic_benefit", "value": f"{v}万元"},
                 {"article": art, "metric": "patents_granted", "value": "100项"}]
    found = rule(vocab, "UC410").impl.check(build(corpus_from_example({"figures": figs}), vocab)[0])
    assert [f.article for f in found] == ["a15"]
    listing = re.search(r"of 29 other articles \((.*)\)$", found[0].message).group(1)
    others = sorted((v, a) for a, v in values.items() if a != "a15")
    expect = [f"{a}: {number(v * 100)}" for v, a in others[:5]] + ["… 19 more"] + [f"{a}: {number(v * 100)}" for v, a in others[-5:]]
    assert listing.split(", ") == expect


def test_each_sibling_finding_lists_its_own_group(vocab):
    """Two articles with a lost 万 each: every finding lists the three siblings of its article only."""
    found = rule(vocab, "UC411").impl.check(build(corpus_from_example(sibling_corpus(2)), vocab)[0])
    assert sorted(f.article for f in found) == ["a0000", "a0001"]
    for f in found:
        assert f.message.endswith(": '19.5万家', '18.2万家', '17.9万家')"), f.message


@pytest.mark.parametrize("n", [2, 3, 4, 5, 8, 51, 200])
def test_leave_one_out_median_and_mad_are_those_of_the_others(n):
    """Each article is compared with the median and MAD of the *other* articles' medians: read off
    sorted arrays in one pass, they must equal np.median over the n - 1 others exactly, with ties
    (values rounded to one decimal) as well."""
    from ucheck.kinds.outlier import _leave_one_out

    rng = np.random.default_rng(n)
    for x in (rng.normal(size=n), np.round(rng.normal(size=n), 1), np.zeros(n), np.r_[np.ones(n - 1), 50.0]):
        med, mad = _leave_one_out(x)
        for i in range(n):
            others = np.delete(x, i)
            assert med[i] == np.median(others)
            assert mad[i] == np.median(np.abs(others - np.median(others)))
