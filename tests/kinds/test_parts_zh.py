"""The messages of the parts kind (UC308) and of the part_of problems its ``prepare`` reports
(UC002), in English and in Chinese (issue 12 item 2): a part larger than its whole, parts that add
up to more (or, complete, to less) than their whole, in words with the figures as printed and units,
the exact intervals in brackets after them."""

from __future__ import annotations

from conftest import REPO

from ucheck.check.context import build
from ucheck.ruleset import load_rules
from ucheck.testing import corpus_from_example

VOCAB = load_rules([REPO / "rules"], REPO)
UC308 = next(r for r in VOCAB.rules if r.code == "UC308")


def run(example: dict, lang: str) -> tuple[list[str], list[str]]:
    ctx, problems = build(corpus_from_example(example), VOCAB, lang)
    return [f.message for f in UC308.impl.check(ctx)], [p.message for p in problems]


def whole_and_parts(whole: str, *parts, mode=None, metric: str = "people_trained"):
    w = {"id": "whole", "metric": metric, "value": whole, **({"parts": mode} if mode else {})}
    figs = [w]
    for i, p in enumerate(parts, 1):
        value, extra = (p, {}) if isinstance(p, str) else p
        figs.append({"id": f"p{i}", "metric": metric, "value": value, "part_of": "whole", **extra})
    return {"figures": figs}


def test_a_part_larger_than_its_whole():
    ex = whole_and_parts("3万多名", "1.9万人", "4.2万人")
    [en], _ = run(ex, "en")
    [zh], _ = run(ex, "zh")
    assert en == (f"{UC308.headline('en')} — the part 4.2万人 exceeds its whole 3万多名 "
                  "(p2 = 4.2万人 [4.15万, 4.25万); whole = 3万多名 (3万, 4万))")
    assert zh == (f"{UC308.headline('zh')}——部分 4.2万人 大于整体 3万多名"
                  "（p2 = 4.2万人 [4.15万, 4.25万)；whole = 3万多名 (3万, 4万)）")


def test_disjoint_parts_above_their_whole_together():
    ex = whole_and_parts("3万多名", "2.6万人", "1.5万人", mode="disjoint")
    [en], _ = run(ex, "en")
    [zh], _ = run(ex, "zh")
    terms = "p1 = 2.6万人 [2.55万, 2.65万) + p2 = 1.5万人 [1.45万, 1.55万) = [4万, 4.2万){sep}whole = 3万多名 (3万, 4万)"
    assert en == (f"{UC308.headline('en')} — the parts 2.6万人 + 1.5万人 ≈ 40,000–42,000 人 exceed their whole 3万多名 together "
                  f"(parts: disjoint) ({terms.format(sep='; ')})")
    assert zh == (f"{UC308.headline('zh')}——各部分合计 2.6万人 + 1.5万人 ≈ 40,000–42,000 人，大于整体 3万多名（parts: disjoint）"
                  f"（{terms.format(sep='；')}）")


def test_complete_parts_that_do_not_reach_their_whole_of_a_named_breakdown():
    ex = whole_and_parts("1026项", ("306项", {"breakdown": "by-level"}), ("420项", {"breakdown": "by-level"}),
                         mode={"by-level": "complete"}, metric="innovation_results")
    [en], _ = run(ex, "en")
    [zh], _ = run(ex, "zh")
    assert ("— the parts by-level 306项 + 420项 ≈ 720–732 项 do not make up their whole 1026项, which the text says they do "
            "(parts: complete) (p1 = 306项") in en
    assert "——各部分（分组 by-level）合计 306项 + 420项 ≈ 720–732 项，不足整体 1026项，而原文说它们构成整体（parts: complete）（p1 = 306项" in zh


def test_a_part_counted_otherwise_is_a_problem_in_the_language_of_the_run():
    ex = whole_and_parts("3万多名", "2.1万人次")
    assert ("figure p1: a part must be counted like its whole — 2.1万人次 (count, 人次) is part_of whole = 3万多名 (count, 名)"
            in run(ex, "en")[1])
    assert "数字 p1：部分须与整体同样计数——2.1万人次（计数，人次）却是 whole = 3万多名（计数，名）的部分" in run(ex, "zh")[1]
    ex = {"figures": [{"id": "p", "metric": "people_trained", "value": "1万人", "part_of": "nobody"}]}
    assert "figure p: part_of 'nobody' is not the id of another figure of article example" in run(ex, "en")[1]
    assert "数字 p：part_of 'nobody' 不是文章 example 中另一个数字的 id" in run(ex, "zh")[1]
