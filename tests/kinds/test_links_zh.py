"""The messages of the links kind (UC310–UC318) and of the link problems its ``prepare`` reports
(UC002), in English and in Chinese (issue 12 item 2): the arithmetic in words with the figures as
printed and units, the exact intervals in brackets after it."""

from __future__ import annotations

import pytest
from conftest import REPO
from test_links import gdp_by_industry, investment_by_level  # the same figures as the English tests

from ucheck.check.context import build
from ucheck.ruleset import load_rules
from ucheck.testing import corpus_from_example

VOCAB = load_rules([REPO / "rules"], REPO)
BY_CODE = {r.code: r for r in VOCAB.rules}


def run(code: str, example: dict, lang: str) -> tuple[list[str], list[str]]:
    """(the messages of rule ``code``, the messages of the problems prepare reports) in ``lang``."""
    ctx, problems = build(corpus_from_example(example), VOCAB, lang)
    return [f.message for f in BY_CODE[code].impl.check(ctx)], [p.message for p in problems]


def head(code: str, lang: str) -> str:
    return BY_CODE[code].headline(lang)


TERMS_310 = "s1 = 3.8% [3.75, 3.85){sep}p1 = 47.5亿元 [47.45亿, 47.55亿){sep}gdp = 1228亿元 [1227.5亿, 1228.5亿){sep}"


def test_a_share_reads_part_over_whole_with_its_unit():
    ex = gdp_by_industry(("3.8%", "59.5%", "36.6%"))
    [en], _ = run("UC310", ex, "en")
    [zh], _ = run("UC310", ex, "zh")
    assert en == (f"{head('UC310', 'en')} — 47.5亿元 ÷ 1228亿元 × 100 ≈ 3.86–3.88 %, but the share is printed as 3.8% ("
                  + TERMS_310.format(sep="; ") + "of ÷ within × 100 = [3.86243, 3.87373], printed [3.75, 3.85))")
    assert zh == (f"{head('UC310', 'zh')}——47.5亿元 ÷ 1228亿元 × 100 ≈ 3.86–3.88 %，但原文占比为 3.8%（"
                  + TERMS_310.format(sep="；") + "of ÷ within × 100 = [3.86243, 3.87373]，原文 [3.75, 3.85)）")


def test_shares_that_sum_past_100_say_so():
    shares = ("13.9%", "59.5%", "36.6%")
    ex = gdp_by_industry(shares, values=tuple(f"{float(s[:-1]) * 12.28:.1f}亿元" for s in shares), mode="disjoint")
    [en], _ = run("UC311", ex, "en")
    [zh], _ = run("UC311", ex, "zh")
    assert "— the shares 13.9% + 59.5% + 36.6% add up to ≈ 109–111 %, more than 100 % (" in en
    assert en.endswith("; Σ shares = [109.85, 110.15] %)")
    assert "——各占比 13.9% + 59.5% + 36.6% 合计 ≈ 109–111 %，超过 100 %（s1 = 13.9% [13.85, 13.95)；" in zh
    assert zh.endswith("；占比合计 = [109.85, 110.15] %）")


def test_a_shortfall_of_a_complete_breakdown_is_said_in_both_languages():
    shares = ("3.9%", "49.5%", "36.6%")
    ex = gdp_by_industry(shares, values=tuple(f"{float(s[:-1]) * 12.28:.1f}亿元" for s in shares))
    [en], _ = run("UC311", ex, "en")
    [zh], _ = run("UC311", ex, "zh")
    assert "add up to ≈ 89.8–90.2 %, less than 100 %, though the shares are of every part of a complete breakdown (" in en
    assert "合计 ≈ 89.8–90.2 %，不足 100 %，而这些占比覆盖了完整分组的全部部分（" in zh


def test_a_growth_against_its_base_figure_with_a_fall():
    ex = {"figures": [
        {"id": "now", "metric": "grassroots_unions", "value": "21.5万家"},
        {"id": "before", "metric": "grassroots_unions", "value": "19.4万家"},
        {"id": "g", "metric": "grassroots_unions_growth", "value": "10.8%", "quote": "比上年下降10.8%", "of": "now", "base": "before"},
    ]}
    [en], _ = run("UC312", ex, "en")
    [zh], _ = run("UC312", ex, "zh")
    assert en == (f"{head('UC312', 'en')} — (21.5万家 ÷ 19.4万家 − 1) × 100 ≈ 10.2–11.4 %, but the growth is printed as −10.8% (a fall) "
                  "(g = 10.8% (a fall: (-10.85, -10.75]); now = 21.5万家 [21.45万, 21.55万); before = 19.4万家 [19.35万, 19.45万); "
                  "(of ÷ base − 1) × 100 = [10.2828, 11.3695], printed (-10.85, -10.75])")
    assert zh == (f"{head('UC312', 'zh')}——(21.5万家 ÷ 19.4万家 − 1) × 100 ≈ 10.2–11.4 %，但原文增速为 −10.8%（下降）"
                  "（g = 10.8%（下降：(-10.85, -10.75]）；now = 21.5万家 [21.45万, 21.55万)；before = 19.4万家 [19.35万, 19.45万)；"
                  "(of ÷ base − 1) × 100 = [10.2828, 11.3695]，原文 (-10.85, -10.75]）")


def test_an_increment_against_its_base_figure():
    ex = {"figures": [
        {"id": "now", "metric": "grassroots_unions", "value": "21.5万家"},
        {"id": "before", "metric": "grassroots_unions", "value": "19.4万家"},
        {"id": "added", "metric": "grassroots_unions", "value": "3.1万家", "quote": "比上年增加3.1万家", "of": "now", "base": "before"},
    ]}
    [en], _ = run("UC312", ex, "en")
    [zh], _ = run("UC312", ex, "zh")
    assert "— 21.5万家 − 19.4万家 ≈ 20,000–22,000 家, but the increment is printed as 3.1万家 (" in en
    assert "——21.5万家 − 19.4万家 ≈ 20,000–22,000 家，但原文增量为 3.1万家（" in zh


def test_a_growth_and_an_increment_of_one_figure():
    ex = {"figures": [
        {"id": "now", "metric": "grassroots_unions", "value": "2.15万家"},
        {"id": "added", "metric": "grassroots_unions", "value": "2.1万家", "of": "now", "base": "比上年", "quote": "比上年增加2.1万家"},
        {"id": "g", "metric": "grassroots_unions_growth", "value": "10.8%", "of": "now", "base": "上年", "quote": "比上年增长10.8%"},
    ]}
    [en], _ = run("UC313", ex, "en")
    [zh], _ = run("UC313", ex, "zh")
    assert "— 2.15万家 × 10.8% ÷ (1 + 10.8%) ≈ 2,080–2,110 家, but the increment is printed as 2.1万家 (" in en
    assert en.endswith("; of × g ÷ (100 + g) = [2082.05, 2109.31], printed [2.05万, 2.15万))")
    assert "——2.15万家 × 10.8% ÷ (1 + 10.8%) ≈ 2,080–2,110 家，但原文增量为 2.1万家（" in zh


def test_base_period_values_of_the_parts_against_the_whole():
    ex = investment_by_level("9%")
    [en], _ = run("UC314", ex, "en")
    [zh], _ = run("UC314", ex, "zh")
    assert ("— the parts' base-period values 186.6亿元 ÷ (1 + 2%) + 60.8亿元 ÷ (1 + 4%) ≈ 240亿–243亿 元, which cannot equal "
            "the whole's 247.4亿元 ÷ (1 + 9%) ≈ 225亿–229亿 元 (the parts of fai, base 同比) (") in en
    assert en.endswith("Σ part ÷ (1 + g) = [240.134亿, 242.684亿], whole ÷ (1 + G) = [225.89亿, 228.065亿])")
    assert ("——各部分基期值 186.6亿元 ÷ (1 + 2%) + 60.8亿元 ÷ (1 + 4%) ≈ 240亿–243亿 元，与整体基期值 "
            "247.4亿元 ÷ (1 + 9%) ≈ 225亿–229亿 元 不符（fai 的各部分，基期 同比）（") in zh
    assert zh.endswith("Σ part ÷ (1 + g) = [240.134亿, 242.684亿]，whole ÷ (1 + G) = [225.89亿, 228.065亿]）")


def test_a_contribution_in_points_and_the_note_on_comparable_prices():
    ex = {"figures": [
        {"id": "gdp", "metric": "gdp", "value": "1228亿元"},
        {"id": "G", "metric": "gdp_growth", "value": "1.5%", "of": "gdp", "base": "同比"},
        {"id": "p", "metric": "value_added", "value": "450亿元", "part_of": "gdp"},
        {"id": "g", "metric": "value_added_growth", "value": "4.5%", "of": "p", "base": "同比"},
        {"id": "c", "metric": "growth_contribution", "value": "1.3个百分点", "of": "p", "within": "gdp"},
    ]}
    [en], _ = run("UC315", ex, "en")
    [zh], _ = run("UC315", ex, "zh")
    assert ("— 450亿元 × 4.5% ÷ (1 + 4.5%) × (1 + 1.5%) ÷ 1228亿元 ≈ 1.56–1.64 个百分点, "
            "but the contribution is printed as 1.3个百分点 (c = 1.3个百分点 [1.25, 1.35); ") in en
    assert en.endswith(" (growth at comparable prices against current-price values: a note, not a contradiction)")
    assert "——450亿元 × 4.5% ÷ (1 + 4.5%) × (1 + 1.5%) ÷ 1228亿元 ≈ 1.56–1.64 个百分点，但原文拉动为 1.3个百分点（c = 1.3个百分点 [1.25, 1.35)；" in zh
    assert zh.endswith("（可比价增速对照现价数值：仅作提示，不算矛盾）")


def test_contributions_that_do_not_sum_to_the_growth():
    ex = {"figures": [
        {"id": "gdp", "metric": "gdp", "value": "1228亿元", "parts": "complete"},
        {"id": "G", "metric": "gdp_growth", "value": "1.5%", "of": "gdp", "base": "同比"},
        {"id": "p1", "metric": "value_added", "value": "47.5亿元", "part_of": "gdp"},
        {"id": "p2", "metric": "value_added", "value": "1180.5亿元", "part_of": "gdp"},
        {"id": "c1", "metric": "growth_contribution", "value": "0.1个百分点", "of": "p1", "within": "gdp"},
        {"id": "c2", "metric": "growth_contribution", "value": "2.4个百分点", "of": "p2", "within": "gdp"},
    ]}
    [en], _ = run("UC316", ex, "en")
    [zh], _ = run("UC316", ex, "zh")
    assert "— the contributions 0.1个百分点 + 2.4个百分点 add up to ≈ 2.4–2.6 个百分点, not the whole's growth 1.5% (G = 1.5% [1.45, 1.55); " in en
    assert en.endswith("; Σ contributions = [2.4, 2.6] points)")
    assert "——各部分拉动 0.1个百分点 + 2.4个百分点 合计 ≈ 2.4–2.6 个百分点，与整体增速 1.5% 不符（G = 1.5% [1.45, 1.55)；" in zh
    assert zh.endswith("；拉动合计 = [2.4, 2.6] 个百分点）")


def test_an_index_against_the_change_it_restates():
    ex = {"figures": [{"id": "chg", "metric": "cpi_change", "value": "0.7%", "quote": "居民消费价格同比下降0.7%"},
                      {"id": "idx", "metric": "cpi", "value": "100.7", "of": "chg"}]}
    [en], _ = run("UC317", ex, "en")
    [zh], _ = run("UC317", ex, "zh")
    assert "— 100.7 − 100 ≈ 0.65–0.75 %, but the change it restates is printed as −0.7% (a fall) (idx = 100.7" in en
    assert "——100.7 − 100 ≈ 0.65–0.75 %，但它所表述的变动原文为 −0.7%（下降）（idx = 100.7" in zh


def test_a_restatement_that_cannot_be_the_same_quantity():
    ex = {"figures": [{"id": "daily", "metric": "aid_funds", "value": "20元"},
                      {"id": "again", "metric": "aid_funds", "value": "200元", "same_as": "daily"}]}
    [en], _ = run("UC318", ex, "en")
    [zh], _ = run("UC318", ex, "zh")
    assert en.startswith(f"{head('UC318', 'en')} — 200元 cannot be the same quantity as 20元, which it restates (again = 200元 ")
    assert zh.startswith(f"{head('UC318', 'zh')}——200元 与它所复述的 20元 不可能是同一数量（again = 200元 ")
    assert en.endswith("; the same quantity = [15, 25], printed [150, 250))")
    assert zh.endswith("；同一数量 = [15, 25]，原文 [150, 250)）")


# -- the problems of the links, reported by prepare (UC002) ----------------------------------------

MEMBERS = {"id": "members", "metric": "union_members", "value": "1826万人"}


@pytest.mark.parametrize("extra, en, zh", [
    ({"of": "g"}, "figure g: of 'g' is the figure itself", "数字 g：of 'g' 指向的是它自身"),
    ({"of": "nobody"}, "figure g: of 'nobody' is not the id of another figure of article example",
     "数字 g：of 'nobody' 不是文章 example 中另一个数字的 id"),
])
def test_a_link_to_no_other_figure(extra, en, zh):
    ex = {"figures": [MEMBERS, {"id": "g", "metric": "union_members_growth", "value": "12.9%", **extra}]}
    assert en in run("UC310", ex, "en")[1]
    assert zh in run("UC310", ex, "zh")[1]


def test_a_cycle_of_links():
    ex = {"figures": [{**MEMBERS, "part_of": "y"}, {"id": "y", "metric": "union_members", "value": "209万人", "part_of": "members"}]}
    assert "figure y: following part_of from it leads back to it (a cycle)" in run("UC310", ex, "en")[1]
    assert "数字 y：沿 part_of 追溯又回到了它自身（循环引用）" in run("UC310", ex, "zh")[1]


def test_a_link_that_does_not_fit_the_kinds_names_them_in_the_language_of_the_run():
    ex = {"figures": [MEMBERS, {"id": "g", "metric": "union_members_growth", "value": "12.9%", "of": "members"},
                      {"id": "g2", "metric": "union_members_growth", "value": "1%", "of": "g"}]}
    assert "figure g2: a growth is of a count, an amount or a rate, not of a growth" in run("UC310", ex, "en")[1]
    assert "数字 g2：增长率只能是计数、金额或比率的增长率，不能是增长率的" in run("UC310", ex, "zh")[1]
    share = {"figures": [MEMBERS, {"id": "g", "metric": "union_members_growth", "value": "12.9%", "of": "members"},
                         {"id": "s", "metric": "coverage_rate", "value": "15%", "of": "g", "within": "members"}]}
    assert any(m.startswith("figure s: a share or a ratio is a quotient of like counts or amounts") for m in run("UC310", share, "en")[1])
    assert "数字 s：占比或比值是同类计数或金额之商：of 与 within 都须是这类数字，且单位相同" in run("UC310", share, "zh")[1]
