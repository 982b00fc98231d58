"""Links between figures (issue 10): of, within, base, direction, breakdowns — the links kind
(UC310–UC317), the breakdown-aware parts rule (UC308), and the validation of links at their line.

Own cases for each principle, with a near miss that rounding explains beside each firing case; the
bundled statistics release (seed 005) has every kind of link checked at least once.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, write_repo
from ucheck.kinds.links import infer_down, two_periods_back
from ucheck.ruleset import load_rules
from ucheck.testing import run_example


@pytest.fixture(scope="module")
def vocab():
    return load_rules([REPO / "rules"], REPO)


def rule(vocab, code):
    return next(r for r in vocab.rules if r.code == code)


def gdp_by_industry(shares=("3.9%", "59.5%", "36.6%"), values=("47.5亿元", "730.6亿元", "450亿元"), mode="complete"):
    figs = [{"id": "gdp", "metric": "gdp", "value": "1228亿元", "parts": mode}]
    for i, (v, s) in enumerate(zip(values, shares), 1):
        figs.append({"id": f"p{i}", "metric": "value_added", "value": v, "part_of": "gdp"})
        figs.append({"id": f"s{i}", "metric": "share", "value": s, "of": f"p{i}", "within": "gdp"})
    return {"figures": figs}


def investment_by_level(growth: str) -> dict:
    """Fixed-asset investment, its local and central parts (complete), each with a growth 同比: the
    whole's is ``growth``, the parts' 2 % and 4 %."""
    return {"figures": [
        {"id": "fai", "metric": "fixed_asset_investment", "value": "247.4亿元", "parts": "complete"},
        {"id": "local", "metric": "fixed_asset_investment", "value": "186.6亿元", "part_of": "fai"},
        {"id": "central", "metric": "fixed_asset_investment", "value": "60.8亿元", "part_of": "fai"},
        {"id": "g", "metric": "fixed_asset_investment_growth", "value": growth, "of": "fai", "base": "同比"},
        {"id": "g-local", "metric": "fixed_asset_investment_growth", "value": "2%", "of": "local", "base": "同比"},
        {"id": "g-central", "metric": "fixed_asset_investment_growth", "value": "4%", "of": "central", "base": "同比"},
    ]}


# -- shares --------------------------------------------------------------------------------------

@pytest.mark.parametrize("share, fires", [
    ("3.9%", False),  # 47.5 / 1228 = 3.868 %: within the rounding of 3.9
    ("3.86%", False),  # a finer print of the same
    ("3.8%", True),  # [3.75, 3.85) misses [3.863, 3.873]
    ("39%", True),  # a lost decimal point
])
def test_share_is_part_over_whole(vocab, share, fires):
    ex = gdp_by_industry(shares=(share, "59.5%", "36.6%"))
    found = run_example(rule(vocab, "UC310"), vocab, ex)
    assert bool(found) == fires, [f.message for f in found]
    if fires:
        assert {r.id for r in found[0].figures} == {"s1", "p1", "gdp"}
        assert "of ÷ within × 100 = [3.86" in found[0].message


@pytest.mark.parametrize("shares, mode, fires", [
    (("3.9%", "59.5%", "36.6%"), "complete", False),
    (("3.9%", "59.4%", "36.6%"), "complete", False),  # 99.9: forced sums and rounding allow it
    (("3.9%", "49.5%", "36.6%"), "complete", True),  # 90: a complete breakdown must reach 100
    (("3.9%", "49.5%", "36.6%"), "disjoint", False),  # disjoint: at most 100
    (("13.9%", "59.5%", "36.6%"), "disjoint", True),  # 110: more than the whole
])
def test_shares_of_a_breakdown_sum_to_100(vocab, shares, mode, fires):
    # the values are chosen so that each share agrees with its own part (UC310 stays out of it)
    values = tuple(f"{float(s[:-1]) * 12.28:.1f}亿元" for s in shares)
    found = run_example(rule(vocab, "UC311"), vocab, gdp_by_industry(shares=shares, values=values, mode=mode))
    assert bool(found) == fires, [f.message for f in found]


@pytest.mark.parametrize("restated, fires", [
    (("8.5%", "37.0%", "54.5%"), False),  # the structure printed again, each share same_as the first: summed once
    (("8.5%", "37.0%", "64.5%"), True),  # a restatement that disagrees is UC318's, not a second sum
])
def test_a_share_printed_again_is_summed_once(vocab, restated, fires):
    shares = ("8.5%", "37.0%", "54.5%")
    ex = gdp_by_industry(shares=shares, values=tuple(f"{float(v[:-1]) * 12.28:.1f}亿元" for v in shares))
    for i, v in enumerate(restated, 1):
        ex["figures"].append({"id": f"s{i}-again", "metric": "share", "value": v, "of": f"p{i}", "within": "gdp", "same_as": f"s{i}"})
    assert run_example(rule(vocab, "UC311"), vocab, ex) == []
    assert bool(run_example(rule(vocab, "UC318"), vocab, ex)) == fires


def test_a_share_of_a_non_count_is_a_finding_at_its_line(tmp_path, run_cli):
    article = ARTICLE_HEAD + """\
  - {id: members, subject: 会员, region: 河南省, metric: union_members, period: '2018', value: 1826万人, quote: 会员1826万人}
  - {id: growth, subject: 会员, region: 河南省, metric: union_members_growth, period: '2018', value: 12.9%, quote: 增长12.9%, of: members}
  - {id: share, subject: 会员, region: 河南省, metric: coverage_rate, period: '2018', value: 15%, quote: 占15%, of: growth, within: members}
"""
    code, out, _ = run_cli(write_repo(tmp_path, curated={"a.yaml": article}, seeds={"a.txt": LINK_SEED}), "check")
    line = article.splitlines().index(next(l for l in article.splitlines() if "id: share" in l)) + 1
    assert code == 1 and f"curated/a.yaml:{line}:" in out and "a share or a ratio is a quotient of like counts or amounts" in out, out


# -- changes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("growth, quote, fires", [
    ("10.8%", "比上年增长10.8%", False),  # 21.5 / 19.4 − 1 = 10.8 %
    ("15%", "比上年增长15%", True),
    ("10.8%", "比上年下降10.8%", True),  # a fall cannot take 19.4万 to 21.5万
])
def test_growth_against_a_base_figure(vocab, growth, quote, fires):
    ex = {"figures": [
        {"id": "now", "metric": "grassroots_unions", "value": "21.5万家"},
        {"id": "before", "metric": "grassroots_unions", "value": "19.4万家"},
        {"id": "g", "metric": "grassroots_unions_growth", "value": growth, "quote": quote, "of": "now", "base": "before"},
    ]}
    assert bool(run_example(rule(vocab, "UC312"), vocab, ex)) == fires


@pytest.mark.parametrize("now, fires", [("21.5万家", False), ("2.15万家", True), ("215万家", True)])
def test_growth_and_increment_of_one_figure(vocab, now, fires):
    ex = {"figures": [
        {"id": "now", "metric": "grassroots_unions", "value": now},
        {"id": "added", "metric": "grassroots_unions", "value": "2.1万家", "of": "now", "base": "比上年", "quote": "比上年增加2.1万家"},
        {"id": "g", "metric": "grassroots_unions_growth", "value": "10.8%", "of": "now", "base": "上年", "quote": "比上年增长10.8%"},
    ]}  # 比上年 and 上年 are one base (the vocabulary's bases)
    assert bool(run_example(rule(vocab, "UC313"), vocab, ex)) == fires


@pytest.mark.parametrize("period, period_norm, fires", [
    ("全年", "2021", True),  # a whole year: 同比 is 比上年, the two are one base
    ("2021年", None, True),
    ("上半年", "2021-01/2021-06", False),  # part of a year: 同比 is not 比上年 (last year's whole)
])
@pytest.mark.parametrize("base", ["比上年", "较上年", "上年"])  # the comparative 较 is 比 (a county's 较上年增长)
def test_for_a_whole_year_tongbi_and_bishangnian_are_one_base(vocab, period, period_norm, fires, base):
    """增加2.1万家 (比上年) and 同比增长10.8% of 2.15万家 cannot both hold — if they are against one base."""
    when = {"period": period, **({"period_norm": period_norm} if period_norm else {})}
    ex = {"figures": [
        {"id": "now", "metric": "grassroots_unions", "value": "2.15万家", **when},
        {"id": "added", "metric": "grassroots_unions", "value": "2.1万家", "of": "now", "base": base, "quote": f"{base}增加2.1万家", **when},
        {"id": "g", "metric": "grassroots_unions_growth", "value": "10.8%", "of": "now", "base": "同比", "quote": "同比增长10.8%", **when},
    ]}
    assert bool(run_example(rule(vocab, "UC313"), vocab, ex)) == fires


def test_uc202_has_no_dependency_loss(vocab):
    """(total − added) with added also above the line: naive interval arithmetic divides by an
    interval holding 0 and proves nothing; slicing `added` shows 2.15万 cannot follow 10.8 % growth."""
    fam = {"figures": [
        {"metric": "grassroots_unions", "value": "2.15万家"},
        {"metric": "unions_founded", "value": "2.1万家"},
        {"metric": "grassroots_unions_growth", "value": "10.8%"},
    ]}
    [f] = run_example(rule(vocab, "UC202"), vocab, fam)
    assert "which cannot equal 10.8%" in f.message  # the relation in words (issue 12): no longer ": violated"
    fam["figures"][0]["value"] = "21.5万家"
    assert run_example(rule(vocab, "UC202"), vocab, fam) == []


def test_base_period_values_add_up(vocab):
    ex = investment_by_level("2.5%")
    uc314 = rule(vocab, "UC314")
    assert run_example(uc314, vocab, ex) == []  # 186.6/1.02 + 60.8/1.04 = 241.4 = 247.4/1.025
    ex["figures"][3]["value"] = "9%"  # no mix of 2 % and 4 % makes 9 %
    [f] = run_example(uc314, vocab, ex)
    assert {r.id for r in f.figures} >= {"g", "g-local", "g-central"}
    ex["figures"][3]["value"] = "2.6%"  # within the rounding of the parts' growth
    assert run_example(uc314, vocab, ex) == []


def test_base_period_values_add_up_when_the_whole_growth_is_printed_twice(vocab):
    """A release prints the total's growth in its summary and again in the body: both restatements
    are growths of the whole against one base. Each is judged (the sum was once skipped, the parts
    counted twice), and the finding belongs to its article, so a waiver can acknowledge it."""
    ex = investment_by_level("9%")
    ex["figures"].append({"id": "g-again", "metric": "fixed_asset_investment_growth", "value": "9%", "of": "fai", "base": "同比"})
    [f] = run_example(rule(vocab, "UC314"), vocab, ex)
    assert f.article == "example" and {"g-local", "g-central"} <= {r.id for r in f.figures}
    ex["figures"][3]["value"] = ex["figures"][-1]["value"] = "2.5%"
    assert run_example(rule(vocab, "UC314"), vocab, ex) == []


@pytest.mark.parametrize("growth, fires", [
    ("2.5%", False),  # a mean of 2 % and 4 %
    ("2%", False), ("4%", False),  # on the edge: one part's weight may be all but nothing
    ("1.2%", True), ("4.8%", True),  # beyond either part ([1.5, 2.5) and [3.5, 4.5) as printed), whatever their sizes
    ("25%", True),
])
def test_a_whole_grows_by_a_mean_of_its_parts(vocab, growth, fires):
    found = run_example(rule(vocab, "UC321"), vocab, investment_by_level(growth))
    assert bool(found) == fires
    if fires:
        assert {r.id for r in found[0].figures} == {"g", "g-local", "g-central"} and found[0].severity == "error"


def test_the_growth_hull_needs_every_part_of_a_complete_breakdown(vocab):
    ex = investment_by_level("9%")
    del ex["figures"][-1]  # the central part's growth is not printed: it may have been 30 %
    assert run_example(rule(vocab, "UC321"), vocab, ex) == []
    ex = investment_by_level("9%")
    ex["figures"][0]["parts"] = "disjoint"
    assert run_example(rule(vocab, "UC321"), vocab, ex) == []


@pytest.mark.parametrize("whole_change, fires", [("0.5个百分点", False), ("5个百分点", True)])
def test_the_growth_hull_holds_a_period_earlier(vocab, whole_change, fires):
    """增速比同期提高 p 个百分点 gives each growth of the period before (g − p): local 2 − 0.5 = 1.5,
    central 4 − 1 = 3, so the whole's 2.5 − p lies in [1.5, 3] as well; p = 5 would put it at −2.5."""
    ex = investment_by_level("2.5%")
    for gid, change in (("g", whole_change), ("g-local", "0.5个百分点"), ("g-central", "1个百分点")):
        ex["figures"].append({"id": f"d-{gid}", "metric": "growth_rate_change", "value": change, "of": gid, "base": "同期",
                              "quote": f"增速比同期提高{change}"})
    found = run_example(rule(vocab, "UC321"), vocab, ex)
    assert bool(found) == fires
    if fires:
        assert {r.id for r in found[0].figures} == {"g", "d-g", "g-local", "d-g-local", "g-central", "d-g-central"}
        assert "2.5% − (5个百分点)" in found[0].message and "the period before" in found[0].message


@pytest.mark.parametrize("whole_before, central_before, fires", [
    ("下降31.9%", "下降9.8%", False),  # as printed: local 42.1 − 102.3 = −60.2, so the whole lies in [−60.2, −9.8]
    ("下降3.19%", "下降9.8%", True),  # the whole's a tenth of it: above both parts
    ("下降31.9%", "下降98%", True),  # central ten times it: the whole above both parts
    ("下降31.9%", "下降0.98%", False),  # central a tenth of it: the parts still span the whole
])
def test_a_growth_printed_for_the_base_period_joins_the_hull_of_that_period(vocab, whole_before, central_before, fires):
    """中直投资同比下降11.7%（同期为下降9.8%）: a growth of the level printed for the period a change in
    points is against (period 同期, of the level) is that period's growth, as g − p is; the whole's
    printed one lies between its parts' — one printed, one left by 增速比同期提高102.3个百分点."""
    ex = {"figures": [
        {"id": "fai", "metric": "fixed_asset_investment", "value": "247.4亿元", "parts": "complete", "period": "上半年"},
        {"id": "central", "metric": "fixed_asset_investment", "value": "159.5亿元", "part_of": "fai", "period": "上半年"},
        {"id": "local", "metric": "fixed_asset_investment", "value": "87.9亿元", "part_of": "fai", "period": "上半年"},
        {"id": "g", "metric": "fixed_asset_investment_growth", "value": "2%", "of": "fai", "base": "同比", "period": "上半年"},
        {"id": "g-central", "metric": "fixed_asset_investment_growth", "value": "11.7%", "of": "central", "base": "同比",
         "period": "上半年", "quote": "中直投资完成159.5亿元，同比下降11.7%"},
        {"id": "g-local", "metric": "fixed_asset_investment_growth", "value": "42.1%", "of": "local", "base": "同比", "period": "上半年"},
        {"id": "d-local", "metric": "growth_rate_change", "value": "102.3个百分点", "of": "g-local", "base": "同期", "period": "上半年",
         "quote": "增速比同期提高102.3个百分点"},
        {"id": "g-before", "metric": "fixed_asset_investment_growth", "value": whole_before.removeprefix("下降"), "of": "fai",
         "period": "同期", "quote": f"同期为{whole_before}"},
        {"id": "g-central-before", "metric": "fixed_asset_investment_growth", "value": central_before.removeprefix("下降"),
         "of": "central", "period": "同期", "quote": f"同期为{central_before}"},
    ]}
    found = run_example(rule(vocab, "UC321"), vocab, ex)
    assert bool(found) == fires, [f.message for f in found]
    if fires:
        [f] = found
        assert {r.id for r in f.figures} == {"g-before", "g-central-before", "g-local", "d-local"}
        assert "the period before" in f.message and f"outside its parts' growths" in f.message


def test_a_growth_of_the_base_period_is_no_growth_of_the_level_itself(vocab):
    """同期为下降31.9% of the investment whose own growth is 2 %: two growths of one level against one
    base would disagree (UC318's and the increments'), but the earlier one is of another period — and
    one whose period is the level's own (or names no base) is the level's growth, as before."""
    ex = investment_by_level("3%")
    ex["figures"].append({"id": "g-before", "metric": "fixed_asset_investment_growth", "value": "31.9%", "of": "fai",
                          "period": "同期", "quote": "同期为下降31.9%"})
    for code in ("UC321", "UC318"):
        assert run_example(rule(vocab, code), vocab, ex) == [], code
    ex["figures"][-1].update(period="", base="同比")  # no period: a growth of the level itself, outside its parts' [2, 4]
    assert run_example(rule(vocab, "UC321"), vocab, ex)


def industry_sections(whole: str, parts=("67.9%", "2.8%", "3.9%"), mode="complete", changes=None) -> dict:
    """规模以上工业增加值 and its three sections (采矿业, 制造业, 电力…), growths only: no amount is printed,
    so each section's growth is part_of the whole's growth."""
    figs = [{"id": "ind", "metric": "value_added_growth", "value": whole, "base": "同比", "parts": mode,
             "quote": f"规模以上工业增加值同比增长{whole}"}]
    for sid, v in zip(("mining", "mfg", "power"), parts):
        figs.append({"id": sid, "metric": "value_added_growth", "value": v, "base": "同比", "part_of": "ind", "quote": f"增长{v}"})
    for gid, change in (changes or {}).items():
        figs.append({"id": f"d-{gid}", "metric": "growth_rate_change", "value": change, "of": gid, "base": "同期",
                     "quote": f"较去年同期加快{change}"})
    return {"figures": figs}


@pytest.mark.parametrize("whole, parts, mode, fires", [
    ("7.5%", ("67.9%", "2.8%", "3.9%"), "complete", False),  # the release as printed
    ("2.8%", ("67.9%", "2.8%", "3.9%"), "complete", False),  # on the edge: the smallest part's weight may be all
    ("0.75%", ("67.9%", "2.8%", "3.9%"), "complete", True),  # a tenth of it: below every section
    ("75%", ("67.9%", "2.8%", "3.9%"), "complete", True),  # ten times it: above every section
    ("7.5%", ("6.79%", "2.8%", "3.9%"), "complete", True),  # mining a tenth of it: no section grew as fast as the whole
    ("0.75%", ("67.9%", "2.8%", "3.9%"), "disjoint", False),  # parts left out may have grown slower
])
def test_a_breakdown_of_growths_without_amounts_bounds_the_whole(vocab, whole, parts, mode, fires):
    found = run_example(rule(vocab, "UC321"), vocab, industry_sections(whole, parts, mode))
    assert bool(found) == fires, [f.message for f in found]
    if fires:
        assert {r.id for r in found[0].figures} == {"ind", "mining", "mfg", "power"}
        assert f"the whole's growth {whole} is outside its parts' growths" in found[0].message


def test_a_breakdown_of_growths_without_amounts_holds_a_period_earlier(vocab):
    """较去年同期加快 p 个百分点 on the whole and each section gives the growths of a year before."""
    changes = {"ind": "2.2个百分点", "mining": "10个百分点", "mfg": "1个百分点", "power": "1个百分点"}
    assert run_example(rule(vocab, "UC321"), vocab, industry_sections("7.5%", changes=changes)) == []
    changes["ind"] = "22个百分点"  # the whole at −14.5 % a year before, its sections at 57.9, 1.8 and 2.9
    [f] = run_example(rule(vocab, "UC321"), vocab, industry_sections("7.5%", changes=changes))
    assert "7.5% − (22个百分点)" in f.message and "the period before" in f.message


@pytest.mark.parametrize("whole_change, fires", [("0.3个百分点", False), ("3个百分点", True)])
def test_a_change_printed_as_a_word_completes_the_hull_of_the_period_before(vocab, whole_change, fires):
    """增速与一季度持平 (value 持平, unit 个百分点): the tertiary growth of 一季度 is its growth now, so the three
    industries' growths of 一季度 are all known — 4.4 − 1.3, 0.1 − 0.5, 4.5 − 0 — and GDP's 1.5 − p lies
    among them: p = 0.3 gives 1.2, p = 3 gives −1.5, below every industry."""
    figs = [{"id": "gdp", "metric": "gdp", "value": "1228亿元", "parts": "complete"},
            {"id": "g", "metric": "gdp_growth", "value": "1.5%", "of": "gdp", "base": "同比"},
            {"id": "d", "metric": "growth_rate_change", "value": whole_change, "of": "g", "base": "一季度", "quote": f"比一季度提高{whole_change}"}]
    for name, amount, growth, change in (("p1", "47.5亿元", "4.4%", "1.3个百分点"), ("p2", "730.5亿元", "0.1%", "0.5个百分点"),
                                         ("p3", "450亿元", "4.5%", "持平")):
        figs += [{"id": name, "metric": "value_added", "value": amount, "part_of": "gdp"},
                 {"id": f"g-{name}", "metric": "value_added_growth", "value": growth, "of": name, "base": "同比"},
                 {"id": f"d-{name}", "metric": "growth_rate_change", "value": change, "unit": "个百分点", "of": f"g-{name}", "base": "一季度",
                  "quote": "增速与一季度持平" if change == "持平" else f"增速比一季度提高{change}"}]
    found = run_example(rule(vocab, "UC321"), vocab, {"figures": figs})
    assert bool(found) == fires, [f.message for f in found]
    if fires:
        assert "4.5% − (持平)" in found[0].message and "一季度" in found[0].message


def test_a_growth_part_of_an_amount_is_a_finding_at_its_line(tmp_path, run_cli):
    text = """article: {id: a, seed: seeds/a.txt, title: 某县经济, region: 河南省}
figures:
  - {id: ind, subject: 规模以上工业, region: 河南省, metric: value_added, period: 一季度, value: 19.31亿元,
     quote: 规模以上工业增加值19.31亿元}
  - {id: mining, subject: 采矿业, region: 河南省, metric: value_added_growth, period: 一季度, value: 67.9%,
     quote: 采矿业增加值增长67.9%, base: 同比,
     part_of: ind}
"""
    write_repo(tmp_path, {"a.yaml": text}, {"a.txt": "某县经济\n\n规模以上工业增加值19.31亿元。采矿业增加值增长67.9%。\n"})
    code, out, _ = run_cli(tmp_path, "check", "--no-cache", "--format", "json")
    import json

    hits = [f for f in json.loads(out)["findings"] if f["code"] == "UC002" and "counted like its whole" in f["message"]]
    assert code == 1 and len(hits) == 1 and hits[0]["line"] == 7, out


@pytest.mark.parametrize("terms, fires", [
    (("7.2", "39.5", "53.3"), False),  # 100.0
    (("7.2", "39.5", "53.2"), False),  # 99.9: within the rounding of three terms
    (("72", "39.5", "53.3"), True),  # a term ten times what it was: 164.8
    (("7.2", "3.95", "53.3"), True),  # 64.45
    (("12.2", "39.5", "53.3"), True),  # 105
])
def test_the_terms_of_a_structure_printed_as_shares_make_100(vocab, terms, fires):
    """三次产业结构比由去年同期的7.2:39.5:53.3变化为8.5:37.0:54.5: the year-before structure has no amounts
    and no links, yet its terms are the shares of every part of one whole."""
    quote = f"三次产业结构比由去年同期的{':'.join(terms)}变化为8.5:37.0:54.5"
    ex = {"figures": [{"id": f"s{i}", "metric": "share", "value": t, "unit": "%", "quote": quote} for i, t in enumerate(terms, 1)]
          + [{"id": f"now{i}", "metric": "share", "value": t, "unit": "%", "quote": quote} for i, t in enumerate(("8.5", "37.0", "54.5"), 1)]}
    found = run_example(rule(vocab, "UC311"), vocab, ex)
    assert bool(found) == fires, [f.message for f in found]
    if fires:
        [f] = found
        assert {r.id for r in f.figures} == {"s1", "s2", "s3"} and ":".join(terms) in f.message


def incomes(whole="7256元", urban="10063元", rural="4974元", mode="complete", ratio=None) -> dict:
    """全体居民人均可支配收入 and its 城镇 / 农村 parts (按常住地分), with the ratio 城乡收入比 as printed."""
    figs = [{"id": "all", "metric": "disposable_income_per_capita", "value": whole, **({"parts": mode} if mode else {})},
            {"id": "urban", "metric": "disposable_income_per_capita", "value": urban, "part_of": "all"},
            {"id": "rural", "metric": "disposable_income_per_capita", "value": rural, "part_of": "all"}]
    if ratio:
        figs.append({"id": "r", "metric": "urban_rural_income_ratio", "value": ratio, "unit": "倍", "of": "urban", "within": "rural",
                     "quote": f"城乡收入比为{ratio}:1"})
    return {"figures": figs}


@pytest.mark.parametrize("whole, urban, rural, mode, fires", [
    ("7256元", "10063元", "4974元", "complete", False),
    ("4974元", "10063元", "4974元", "complete", False),  # on the edge: all but everyone rural
    ("4973元", "10063元", "4974元", "complete", True),  # below the poorer part, beyond rounding
    ("72560元", "10063元", "4974元", "complete", True),
    ("7256元", "1006.3元", "4974元", "complete", True),  # the urban income a tenth: both parts below the whole
    ("7256元", "10063元", "49740元", "complete", True),
    ("72560元", "10063元", "4974元", "disjoint", False),  # people left out may earn more
    ("72560元", "10063元", "4974元", None, False),
])
def test_an_amount_per_head_lies_between_its_parts(vocab, whole, urban, rural, mode, fires):
    found = run_example(rule(vocab, "UC327"), vocab, incomes(whole, urban, rural, mode))
    assert bool(found) == fires, [f.message for f in found]
    if fires:
        assert {r.id for r in found[0].figures} == {"all", "urban", "rural"} and found[0].severity == "error"
    assert run_example(rule(vocab, "UC308"), vocab, incomes(whole, urban, rural, mode)) == []  # a part per head is not summed


def test_a_breakdown_left_with_one_part_by_a_broken_link_bounds_nothing(vocab):
    """城镇 part_of an amount that is no amount per head (UC002 at its line): the residents' breakdown is left
    with 农村 alone, which says nothing of the whole's mean — no UC327, nor UC321 for growths alike."""
    ex = incomes("7256元", "10063元", "4974元", "complete")
    ex["figures"].append({"id": "gdp", "metric": "gdp", "value": "56.82亿元"})
    ex["figures"][1]["part_of"] = "gdp"
    assert run_example(rule(vocab, "UC327"), vocab, ex) == []
    ex = industry_sections("7.5%")
    ex["figures"] = [f for f in ex["figures"] if f["id"] in ("ind", "mining")]
    assert run_example(rule(vocab, "UC321"), vocab, ex) == []  # 7.5 % beside 67.9 % alone: no mean of one


@pytest.mark.parametrize("ratio, urban, fires", [
    ("2.02", "10063元", False),  # 10063 ÷ 4974 = 2.0231
    ("2.03", "10063元", True),  # [2.025, 2.035) misses [2.0229, 2.0233]
    ("20.2", "10063元", True),
    ("2.02", "1006.3元", True),
])
def test_a_ratio_of_two_amounts_is_their_quotient(vocab, ratio, urban, fires):
    found = run_example(rule(vocab, "UC310"), vocab, incomes(urban=urban, mode=None, ratio=ratio))
    assert bool(found) == fires, [f.message for f in found]
    if fires:
        assert {r.id for r in found[0].figures} == {"r", "urban", "rural"} and "but the ratio is printed as" in found[0].message
    assert run_example(rule(vocab, "UC311"), vocab, incomes(urban=urban, mode=None, ratio=ratio)) == []  # a ratio is no share


def incomes_then(before: str, g_urban: str = "5.2%", g_rural: str = "6.6%", period: str = "上年同期") -> dict:
    """城乡居民收入比由上年同期的2.05:1下降为2.02:1, beside 城镇 10063元 增长5.2% and 农村 4974元 增长6.6%: the ratio
    of the period the growths are against, of the urban income within the rural, period 上年同期."""
    ex = incomes(mode=None, ratio="2.02")
    for f in ex["figures"]:
        f["period"] = "一季度"
    ex["figures"] += [
        {"id": "gu", "metric": "disposable_income_per_capita_growth", "value": g_urban, "of": "urban", "base": "同比", "period": "一季度"},
        {"id": "gr", "metric": "disposable_income_per_capita_growth", "value": g_rural, "of": "rural", "base": "同比", "period": "一季度"},
        {"id": "r0", "metric": "urban_rural_income_ratio", "value": before, "unit": "倍", "of": "urban", "within": "rural", "period": period,
         "quote": f"由上年同期的{before}:1下降为2.02:1"}]
    return ex


@pytest.mark.parametrize("before, g_urban, g_rural, fires", [
    ("2.05", "5.2%", "6.6%", False),  # (10063 ÷ 1.052) ÷ (4974 ÷ 1.066) = 2.050
    ("2.15", "5.2%", "6.6%", True),
    ("20.5", "5.2%", "6.6%", True),
    ("2.05", "10.2%", "6.6%", True),  # the urban growth 5 points high: 1.957
    ("2.05", "5.2%", "66%", True),
    ("2.05", "5.2%", "6.7%", False),  # within the rounding of the printed ratio
])
def test_a_ratio_printed_for_the_base_period_is_the_quotient_the_growths_give(vocab, before, g_urban, g_rural, fires):
    found = run_example(rule(vocab, "UC310"), vocab, incomes_then(before, g_urban, g_rural))
    assert bool(found) == fires, [f.message for f in found]
    if fires:
        [f] = found
        assert {r.id for r in f.figures} == {"r0", "urban", "gu", "rural", "gr"}
        assert "上年同期, the period the growths are against" in f.message and f"printed as {before}" in f.message


def test_a_ratio_of_the_base_period_without_growths_against_it_is_not_judged(vocab):
    """No growth against 上年同期 (a growth 比上年 of another base, or none): the base-period amounts are
    unknown, so the earlier ratio is neither judged as one of the amounts printed (10063 ÷ 4974 = 2.02
    would call 2.05 wrong) nor against growths of another period."""
    ex = incomes_then("2.05")
    for f in ex["figures"]:
        if f["id"] in ("gu", "gr"):
            f["base"] = "上月"
    assert run_example(rule(vocab, "UC310"), vocab, ex) == []
    ex["figures"] = [f for f in ex["figures"] if f["id"] not in ("gu", "gr")]
    assert run_example(rule(vocab, "UC310"), vocab, ex) == []


def test_a_share_printed_for_the_base_period_is_the_quotient_the_growths_give(vocab):
    """非国有投资占全市固定资产投资比重 上年同期为16.4%: (60.8 ÷ 1.528) ÷ (247.4 ÷ 1.02) = 16.4 %; printed
    as 26.4 % it cannot be. At comparable prices (GDP's growths) the current-price shares are not carried."""
    def ex(share, level="fixed_asset_investment", growth="fixed_asset_investment_growth"):
        return {"figures": [
            {"id": "fai", "metric": level, "value": "247.4亿元", "period": "上半年"},
            {"id": "ns", "metric": level, "value": "60.8亿元", "period": "上半年", "part_of": "fai"},
            {"id": "g", "metric": growth, "value": "2%", "of": "fai", "base": "同比", "period": "上半年"},
            {"id": "gn", "metric": growth, "value": "52.8%", "of": "ns", "base": "同比", "period": "上半年"},
            {"id": "s0", "metric": "share", "value": share, "of": "ns", "within": "fai", "period": "同期", "quote": f"同期为{share}"}]}
    assert run_example(rule(vocab, "UC310"), vocab, ex("16.4%")) == []
    [f] = run_example(rule(vocab, "UC310"), vocab, ex("26.4%"))
    assert "but the share of 同期 is printed as 26.4%" in f.message
    assert run_example(rule(vocab, "UC310"), vocab, ex("26.4%", "value_added", "value_added_growth")) == []


def test_a_structure_whose_terms_are_linked_is_summed_once(vocab):
    """三次产业比为3.9：5.95：36.6 with each term of its part within GDP: the linked sum reports it; the
    sum of the printed terms does not say it a second time. A structure of the same shares printed
    elsewhere and not linked (the year before) is still summed from its terms."""
    shares = ("3.9", "5.95", "36.6")
    quote = f"三次产业比为{'：'.join(shares)}"
    ex = gdp_by_industry(shares=tuple(f"{v}%" for v in shares))
    for f in ex["figures"]:
        if f["metric"] == "share":
            f["value"], f["unit"], f["quote"] = f["value"][:-1], "%", quote
    found = run_example(rule(vocab, "UC311"), vocab, ex)
    assert len(found) == 1 and "the shares 3.9% + 5.95% + 36.6%" in found[0].message, [f.message for f in found]
    ex["figures"] += [{"id": f"before{i}", "metric": "share", "value": v, "unit": "%", "quote": f"由上年的7.2:39.5:43.3变化为{quote}"}
                      for i, v in enumerate(("7.2", "39.5", "43.3"), 1)]
    found = run_example(rule(vocab, "UC311"), vocab, ex)
    assert len(found) == 2 and any("the terms of the structure 7.2:39.5:43.3" in f.message for f in found), [f.message for f in found]


def oil_and_nonoil(nonoil_growth: str) -> dict:
    """大庆's GDP in the first half of 2016 by oil and non-oil, at comparable prices (1.5 % = −0.9 % and
    ``nonoil_growth`` at their base-period weights)."""
    return {"figures": [
        {"id": "gdp", "metric": "gdp", "value": "1228亿元", "parts": "complete"},
        {"id": "G", "metric": "gdp_growth", "value": "1.5%", "of": "gdp", "base": "同比"},
        {"id": "oil", "metric": "value_added", "value": "275.7亿元", "part_of": "gdp"},
        {"id": "g-oil", "metric": "value_added_growth", "value": "0.9%", "of": "oil", "base": "同比", "quote": "油经济同比下降0.9%"},
        {"id": "nonoil", "metric": "value_added", "value": "952.3亿元", "part_of": "gdp"},
        {"id": "g-nonoil", "metric": "value_added_growth", "value": nonoil_growth, "of": "nonoil", "base": "同比",
         "quote": f"非油经济同比增长{nonoil_growth}"},
    ]}


def test_the_growth_hull_holds_at_comparable_prices(vocab):
    """Real growth of GDP is a mean of its parts' real growth (volumes add up): an error, where the
    sum of base-period values at current prices (UC314) is only a note."""
    ex = oil_and_nonoil("0.28%")
    [f] = run_example(rule(vocab, "UC321"), vocab, ex)
    assert f.severity == "error"
    ex["figures"][-1]["value"], ex["figures"][-1]["quote"] = "2.8%", "非油经济同比增长2.8%"
    assert run_example(rule(vocab, "UC321"), vocab, ex) == []


def test_base_period_sums_at_comparable_prices_leave_what_prices_make(vocab):
    """大庆's GDP by oil and non-oil at comparable prices: the deflated parts miss the deflated whole by
    0.4 %, what oil's price fall makes (within 0.3 × Σ wᵢ |gᵢ − G|): silent, where it was a note on
    every correct communiqué. A part's growth off by a digit leaves the span: a note (info)."""
    assert run_example(rule(vocab, "UC314"), vocab, oil_and_nonoil("2.8%")) == []
    [f] = run_example(rule(vocab, "UC314"), vocab, oil_and_nonoil("28%"))
    assert f.severity == "info" and "a note, not a contradiction" in f.message


def test_an_increment_beside_growths_at_comparable_prices_does_not_widen_what_prices_leave(vocab):
    """In the prices' tolerance an increment stands for the growth it implies (增加26亿元 of 952.3亿元:
    2.8 %), not its amount, which taken as a growth silenced the sum at any size."""
    ex = oil_and_nonoil("2.8%")
    ex["figures"][-1] = {"id": "d-nonoil", "metric": "value_added", "value": "26亿元", "of": "nonoil", "base": "同比",
                         "quote": "非油经济同比增加26亿元"}
    assert run_example(rule(vocab, "UC314"), vocab, ex) == []  # 952.3 − 26 = 926.3 ≈ 952.3 ÷ 1.028
    ex["figures"][-1]["value"], ex["figures"][-1]["quote"] = "260亿元", "非油经济同比增加260亿元"
    [f] = run_example(rule(vocab, "UC314"), vocab, ex)
    assert f.severity == "info"


def two_parts_with_shares(whole_growth, pulls=None, base="同比"):
    """A whole of two parts: shares 60 % and 40 %, 提高2 and 下降2 points against ``base`` (58 % and
    42 % a year before), growing 5 % and 1 % 同比: pulls 2.9 and 0.42 points, the whole 3.32 %."""
    figs = [{"id": "w", "metric": "retail_sales", "value": "100亿元", "parts": "complete"},
            {"id": "G", "metric": "retail_sales_growth", "value": whole_growth, "of": "w", "base": "同比", "quote": f"同比增长{whole_growth}"}]
    for i, (v, sh, d, word, g) in enumerate((("60亿元", "60.0%", "2.0个百分点", "提高", "5.0%"), ("40亿元", "40.0%", "2.0个百分点", "下降", "1.0%")), 1):
        figs += [{"id": f"p{i}", "metric": "retail_sales", "value": v, "part_of": "w"},
                 {"id": f"s{i}", "metric": "share", "value": sh, "of": f"p{i}", "within": "w"},
                 {"id": f"d{i}", "metric": "share_change", "value": d, "of": f"s{i}", "base": base, "quote": f"比重{word}{d}"},
                 {"id": f"g{i}", "metric": "retail_sales_growth", "value": g, "of": f"p{i}", "base": "同比", "quote": f"同比增长{g}"}]
    for i, c in enumerate(pulls or (), 1):
        figs.append({"id": f"c{i}", "metric": "growth_contribution", "value": c, "of": f"p{i}", "within": "w"})
    return {"figures": figs}


@pytest.mark.parametrize("pulls, fires", [
    (("2.9个百分点", "0.42个百分点"), False),
    (("2.9个百分点", "0.4个百分点"), False),  # 0.42 within 0.4's rounding
    (("3.1个百分点", "0.42个百分点"), True),  # 60 % × 5 % would be the share now, not a year before
    (("2.9个百分点", "0.5个百分点"), True),
])
def test_a_pull_is_the_share_a_period_before_times_the_growth(vocab, pulls, fires):
    found = run_example(rule(vocab, "UC322"), vocab, two_parts_with_shares("3.3%", pulls))
    assert bool(found) == fires
    if fires:
        assert {"s1", "d1", "g1"} <= {r.id for r in found[0].figures} or {"s2", "d2", "g2"} <= {r.id for r in found[0].figures}


def test_a_pull_is_not_weighed_with_a_share_change_of_another_base(vocab):
    assert run_example(rule(vocab, "UC322"), vocab, two_parts_with_shares("3.3%", ("3.1个百分点", "0.5个百分点"), base="一季度")) == []


@pytest.mark.parametrize("growth, fires", [("3.3%", False), ("3.4%", False), ("4.3%", True), ("2.3%", True)])
def test_a_whole_grows_by_its_parts_at_their_shares_a_period_before(vocab, growth, fires):
    found = run_example(rule(vocab, "UC323"), vocab, two_parts_with_shares(growth))
    assert bool(found) == fires
    if fires:
        assert {r.id for r in found[0].figures} == {"G", "s1", "d1", "g1", "s2", "d2", "g2"}


def test_the_whole_from_base_shares_needs_every_part(vocab):
    ex = two_parts_with_shares("4.3%")
    ex["figures"] = [f for f in ex["figures"] if f["id"] != "g2"]  # the second part's growth is not printed
    assert run_example(rule(vocab, "UC323"), vocab, ex) == []


def industry_contribution_rates(rates, pulls=None, growth="5.5%"):
    """GDP 242亿元 growing ``growth``, three industries (complete) with their 贡献率 and, if given, pulls."""
    figs = [{"id": "gdp", "metric": "gdp", "value": "242亿元", "parts": "complete"},
            {"id": "G", "metric": "gdp_growth", "value": growth, "of": "gdp", "base": "同比", "quote": f"同比增长{growth}"}]
    for i, (v, r) in enumerate(zip(("27.5亿元", "75.4亿元", "139.1亿元"), rates), 1):
        figs += [{"id": f"p{i}", "metric": "value_added", "value": v, "part_of": "gdp"},
                 {"id": f"r{i}", "metric": "growth_contribution_rate", "value": r, "of": f"p{i}", "within": "gdp"}]
    for i, c in enumerate(pulls or (), 1):
        figs.append({"id": f"c{i}", "metric": "growth_contribution", "value": c, "of": f"p{i}", "within": "gdp"})
    return {"figures": figs}


@pytest.mark.parametrize("rate, fires", [("9.1%", False), ("8.5%", False), ("10.5%", True), ("91%", True)])
def test_a_contribution_rate_is_the_pull_over_the_growth(vocab, rate, fires):
    """拉动0.5个百分点 of 5.5 %: [0.45, 0.55) ÷ [5.45, 5.55) × 100 = 8.1–10.1 %."""
    ex = industry_contribution_rates((rate, "45.5%", "45.4%"), pulls=("0.5个百分点",))
    found = run_example(rule(vocab, "UC324"), vocab, ex)
    assert bool(found) == fires
    if fires:
        assert {r.id for r in found[0].figures} == {"r1", "c1", "G"}


@pytest.mark.parametrize("rates, fires", [
    (("9.1%", "45.5%", "45.4%"), False),
    (("9.1%", "45.5%", "45.5%"), False),  # 100.1: within the rounding of three rates
    (("9.1%", "55.5%", "45.4%"), True),
    (("-5.2%", "60.2%", "45%"), False),  # a shrinking part counts negative
])
def test_contribution_rates_of_a_complete_breakdown_sum_to_100(vocab, rates, fires):
    assert bool(run_example(rule(vocab, "UC325"), vocab, industry_contribution_rates(rates))) == fires


def test_a_contribution_rate_is_not_a_share(vocab):
    """贡献率 106.7% (other parts fell) is neither a share above 100 % nor part ÷ whole."""
    ex = industry_contribution_rates(("106.7%", "-10%", "3.3%"))
    for code in ("UC310", "UC311", "UC319", "UC420"):
        assert run_example(rule(vocab, code), vocab, ex) == [], code


def test_real_growth_against_current_prices_is_a_note(vocab):
    ex = {"figures": [
        {"id": "gdp", "metric": "gdp", "value": "1228亿元"},
        {"id": "G", "metric": "gdp_growth", "value": "1.5%", "of": "gdp", "base": "同比"},
        {"id": "p", "metric": "value_added", "value": "450亿元", "part_of": "gdp"},
        {"id": "g", "metric": "value_added_growth", "value": "4.5%", "of": "p", "base": "同比"},
        {"id": "c", "metric": "growth_contribution", "value": "1.3个百分点", "of": "p", "within": "gdp"},
    ]}
    [f] = run_example(rule(vocab, "UC315"), vocab, ex)
    assert f.severity == "info" and "comparable prices" in f.message


def test_a_literal_whose_measure_word_is_printed_elsewhere_is_shown_with_it(vocab):
    """分别拉动增长2.1和2.4个百分点: the 2.1 is curated with unit 个百分点; the message shows the literal
    as printed and its unit beside it, 2.1 [个百分点], not a bare 2.1 beside a computed 2.16–2.2 个百分点."""
    ex = {"figures": [
        {"id": "gdp", "metric": "gdp", "value": "1228亿元"},
        {"id": "G", "metric": "gdp_growth", "value": "1.5%", "of": "gdp", "base": "同比"},
        {"id": "p", "metric": "value_added", "value": "450亿元", "part_of": "gdp"},
        {"id": "g", "metric": "value_added_growth", "value": "4.5%", "of": "p", "base": "同比"},
        {"id": "c", "metric": "growth_contribution", "value": "1.3", "unit": "个百分点", "of": "p", "within": "gdp"},
    ]}
    [f] = run_example(rule(vocab, "UC315"), vocab, ex)
    assert "printed as 1.3 [个百分点]" in f.message


@pytest.mark.parametrize("gap, quote, severity", [("1.3个百分点", "比全国(8.1%)低1.3个百分点", None),
                                                 ("1.3个百分点", "比全国(8.1%)高1.3个百分点", "error")])
def test_a_gap_between_two_real_growths_is_exact_not_a_note(vocab, gap, quote, severity):
    """增速比全国低1.3个百分点: the difference of two growth rates at comparable prices mixes nothing, so a
    wrong sign is an error (it was an info finding, 'growth at comparable prices against current-price
    values', which a check does not fail on); bare 低 before the literal is a fall."""
    ex = {"figures": [
        {"id": "G", "metric": "gdp_growth", "value": "6.8%", "region": "兰坪县"},
        {"id": "N", "metric": "gdp_growth", "value": "8.1%", "region": "中国", "quote": "全国(8.1%)"},
        {"id": "gap", "metric": "growth_rate_change", "value": gap, "of": "G", "base": "N", "quote": quote},
    ]}
    got = run_example(rule(vocab, "UC312"), vocab, ex)
    assert [f.severity for f in got] == ([severity] if severity else [])


@pytest.mark.parametrize("contributions, fires", [(("0.1个百分点", "1.4个百分点"), False), (("0.1个百分点", "2.4个百分点"), True)])
def test_contributions_sum_to_the_growth(vocab, contributions, fires):
    ex = {"figures": [
        {"id": "gdp", "metric": "gdp", "value": "1228亿元", "parts": "complete"},
        {"id": "G", "metric": "gdp_growth", "value": "1.5%", "of": "gdp", "base": "同比"},
        {"id": "p1", "metric": "value_added", "value": "47.5亿元", "part_of": "gdp"},
        {"id": "p2", "metric": "value_added", "value": "1180.5亿元", "part_of": "gdp"},
        {"id": "c1", "metric": "growth_contribution", "value": contributions[0], "of": "p1", "within": "gdp"},
        {"id": "c2", "metric": "growth_contribution", "value": contributions[1], "of": "p2", "within": "gdp"},
    ]}
    assert bool(run_example(rule(vocab, "UC316"), vocab, ex)) == fires


@pytest.mark.parametrize("pulls, fires", [
    (("2.2个百分点", "1.3个百分点", "1.5个百分点"), False),  # 5.0: the demand side of 全国2024
    (("2.2个百分点", "1.3个百分点", "6.5个百分点"), True),  # a pull five points off
    (("2.2个百分点", "1.3个百分点", "0.15个百分点"), True),  # a lost digit
])
def test_the_pulls_of_parts_whose_amounts_are_not_printed_sum_to_the_growth(vocab, pulls, fires):
    """最终消费支出、资本形成总额、货物和服务净出口 pull GDP's growth 2.2, 1.3 and 1.5 points, their amounts not
    printed: each pull is within the whole and names the breakdown the whole declares complete."""
    ex = {"figures": [
        {"id": "gdp", "metric": "gdp", "value": "1349084亿元", "parts": {"by-demand": "complete"}},
        {"id": "G", "metric": "gdp_growth", "value": "5.0%", "of": "gdp", "base": "比上年"},
        *({"id": f"c{i}", "metric": "growth_contribution", "value": v, "within": "gdp", "breakdown": "by-demand"} for i, v in enumerate(pulls)),
    ]}
    got = run_example(rule(vocab, "UC316"), vocab, ex)
    assert len(got) == int(fires)
    if fires:
        assert {r.id for r in got[0].figures} == {"G", "c0", "c1", "c2"}


def test_a_pull_naming_a_breakdown_its_whole_does_not_declare_is_a_finding_at_its_line(tmp_path, run_cli):
    seed = "全年国内生产总值1349084亿元，比上年增长5.0%。最终消费支出拉动经济增长2.2个百分点。\n"
    article = ARTICLE_HEAD + """\
  - {id: gdp, subject: 国内生产总值, region: 河南省, metric: gdp, period: '2018', value: 1349084亿元, quote: 全年国内生产总值1349084亿元,
     parts: {by-demand: complete}}
  - {id: pull, subject: 最终消费支出, region: 河南省, metric: growth_contribution, period: '2018', value: 2.2个百分点,
     quote: 最终消费支出拉动经济增长2.2个百分点, within: gdp, breakdown: by-demnd}
"""
    root = write_repo(tmp_path, curated={"a.yaml": article}, seeds={"a.txt": seed})
    code, out, err = run_cli(root, "check", "--select", "UC002")
    assert code == 1 and "Traceback" not in err
    assert "figure pull: breakdown 'by-demnd' is not one that its whole gdp declares in parts (declared: by-demand)" in out, out
    assert "parts declares breakdown 'by-demand', but no figure is part_of gdp (or a pull or an increment within it)" in out, out


def _taxes(up: str, down: str, growth: str = "6%", mode: str = "complete", base: str = "同期") -> dict:
    """税收收入46.8亿元，下降6%; of the 13 taxes, 6 rose by {up} together and 7 fell by {down} (大庆, 2016 H1)."""
    return {"figures": [
        {"id": "tax", "metric": "tax_revenue", "value": "46.8亿元", "parts": {"by-trend": mode}},
        {"id": "tg", "metric": "tax_revenue_growth", "value": growth, "of": "tax", "base": "同期", "quote": f"税收收入完成46.8亿元，下降{growth}"},
        {"id": "up", "metric": "tax_revenue", "value": up, "within": "tax", "breakdown": "by-trend", "base": base,
         "quote": f"6个税种实现增长，合计增收{up}"},
        {"id": "down", "metric": "tax_revenue", "value": down, "within": "tax", "breakdown": "by-trend", "base": base,
         "quote": f"7个税种负增长，合计减收{down}"},
    ]}


@pytest.mark.parametrize("up, down, growth, fires", [
    ("2.5亿元", "5.5亿元", "6%", False),  # −3.0亿元; the fall of 6 % of 46.8亿元 is 2.72–3.26亿元
    ("25亿元", "5.5亿元", "6%", True),  # a rise ten times over
    ("2.5亿元", "0.55亿元", "6%", True),  # a fall that lost a digit: +1.95亿元 against a fall
    ("2.5亿元", "5.5亿元", "11%", True),  # the whole's fall five points deeper: 5.78亿元
    ("2.5亿元", "5.5亿元", "1%", True),
    ("3.2亿元", "5.5亿元", "6%", True),  # −2.3亿元: outside 2.72–3.26
])
def test_the_increments_of_parts_not_printed_sum_to_the_whole_s_change(vocab, up, down, growth, fires):
    got = run_example(rule(vocab, "UC328"), vocab, _taxes(up, down, growth))
    assert len(got) == int(fires)
    if fires:
        assert {r.id for r in got[0].figures} == {"tg", "up", "down"}
        assert "add up to" in got[0].message and "46.8亿元 × −" in got[0].message


@pytest.mark.parametrize("mode, base", [("disjoint", "同期"), ("complete", "一季度")])
def test_increments_of_a_breakdown_not_complete_or_of_another_base_are_not_summed(vocab, mode, base):
    assert run_example(rule(vocab, "UC328"), vocab, _taxes("25亿元", "5.5亿元", mode=mode, base=base)) == []


def test_an_increment_within_a_whole_needs_its_breakdown_and_base(tmp_path, run_cli):
    seed = "税收收入完成46.8亿元，下降6%。6个税种实现增长，合计增收2.5亿元；7个税种负增长，合计减收5.5亿元。\n"
    article = ARTICLE_HEAD + """\
  - {id: tax, subject: 税收收入, region: 河南省, metric: tax_revenue, period: '2018', value: 46.8亿元, quote: 税收收入完成46.8亿元,
     parts: {by-trend: complete}}
  - {id: up, subject: 增长的税种, region: 河南省, metric: tax_revenue, period: '2018', value: 2.5亿元, quote: 合计增收2.5亿元,
     within: tax, base: 同期}
  - {id: down, subject: 负增长的税种, region: 河南省, metric: tax_revenue, period: '2018', value: 5.5亿元, quote: 合计减收5.5亿元,
     within: tax, breakdown: by-trnd, base: 同期}
"""
    root = write_repo(tmp_path, curated={"a.yaml": article}, seeds={"a.txt": seed})
    code, out, err = run_cli(root, "check", "--select", "UC002")
    assert code == 1 and "Traceback" not in err
    assert "figure up: within names the whole of a share" in out and "(with breakdown and base, no of)" in out, out
    assert "figure down: breakdown 'by-trnd' is not one that its whole tax declares in parts (declared: by-trend)" in out, out
    assert "parts declares breakdown 'by-trend', but no figure is part_of tax (or a pull or an increment within it)" in out, out


@pytest.mark.parametrize("pull_base, contributions, fires", [
    (None, ("0.1个百分点", "1.4个百分点"), False),  # they make the year-on-year growth: not compared with the average
    (None, ("0.1个百分点", "0.9个百分点"), False),  # they make the two-year average
    (None, ("0.1个百分点", "2.4个百分点"), True),  # they make neither
    ("比上年", ("0.1个百分点", "0.9个百分点"), True),  # pulls against 比上年 are of that growth only
    ("比上年", ("0.1个百分点", "1.4个百分点"), False),
])
def test_pulls_are_of_the_whole_growth_of_their_base(vocab, pull_base, contributions, fires):
    """GDP 比上年增长1.5%, 两年平均增长1%: pulls that print no base may make either; one is reported only
    when they make neither (it was compared with both, and the other one always fired)."""
    base = {} if pull_base is None else {"base": pull_base}
    ex = {"figures": [
        {"id": "gdp", "metric": "gdp", "value": "1228亿元", "parts": "complete"},
        {"id": "G", "metric": "gdp_growth", "value": "1.5%", "of": "gdp", "base": "比上年"},
        {"id": "G2", "metric": "gdp_growth", "value": "1%", "of": "gdp", "base": "两年平均"},
        {"id": "p1", "metric": "value_added", "value": "47.5亿元", "part_of": "gdp"},
        {"id": "p2", "metric": "value_added", "value": "1180.5亿元", "part_of": "gdp"},
        {"id": "c1", "metric": "growth_contribution", "value": contributions[0], "of": "p1", "within": "gdp", **base},
        {"id": "c2", "metric": "growth_contribution", "value": contributions[1], "of": "p2", "within": "gdp", **base},
    ]}
    got = run_example(rule(vocab, "UC316"), vocab, ex)
    assert len(got) == int(fires)
    if fires:
        assert "1.5%" in got[0].message


@pytest.mark.parametrize("index, quote, fires", [("100.7", "上涨0.7%", False), ("99.3", "下降0.7%", False),
                                                 ("100.7", "下降0.7%", True), ("107", "上涨0.7%", True)])
def test_index_restates_the_change(vocab, index, quote, fires):
    ex = {"figures": [{"id": "chg", "metric": "cpi_change", "value": "0.7%", "quote": f"居民消费价格同比{quote}"},
                      {"id": "idx", "metric": "cpi", "value": index, "of": "chg"}]}
    assert bool(run_example(rule(vocab, "UC317"), vocab, ex)) == fires


# -- the base period a change implies (UC319) and share changes of a breakdown (UC320) ----------------

@pytest.mark.parametrize("literal, quote, fires", [
    ("11.2%", "同比下降11.2%", False),
    ("100%", "同比下降100%", False),  # nothing left: still a revenue
    ("112%", "同比增长112%", False),  # more than doubled
    ("112%", "同比下降112%", True),  # a lost decimal point or an added digit
    ("100.5%", "同比减少100.5%", True),
])
def test_a_fall_is_at_most_100_percent(vocab, literal, quote, fires):
    ex = {"figures": [{"id": "rev", "metric": "local_fiscal_revenue", "value": "61.4亿元"},
                      {"id": "g", "metric": "local_fiscal_revenue_growth", "value": literal, "of": "rev", "base": "同比", "quote": quote}]}
    assert bool(run_example(rule(vocab, "UC319"), vocab, ex)) == fires
    del ex["figures"][1]["of"]  # unlinked: the growth metric's quantity is a revenue all the same
    assert bool(run_example(rule(vocab, "UC319"), vocab, ex)) == fires


@pytest.mark.parametrize("literal, fires", [
    ("-15.3%", False),
    ("-100.0%", False),  # nothing left (第一产业投资同比增长-100.0%)
    ("-153%", True),  # a fall printed with a minus sign is a fall all the same
    ("153%", False),
])
def test_a_fall_printed_with_a_minus_sign_is_at_most_100_percent(vocab, literal, fires):
    ex = {"figures": [{"id": "fai", "metric": "fixed_asset_investment", "value": "39.2亿元"},
                      {"id": "g", "metric": "fixed_asset_investment_growth", "value": literal, "of": "fai", "base": "同比",
                       "quote": f"第三产业投资增长{literal}"}]}
    found = run_example(rule(vocab, "UC319"), vocab, ex)
    assert bool(found) == fires, [f.message for f in found]
    if fires:  # said as the fall it is, not "a fall of -153%"
        assert "a fall of 153% would take the quantity below zero" in found[0].message


def test_a_quantity_that_can_be_negative_may_fall_by_more_than_100_percent(tmp_path):
    """利润下降150% (a profit turned to a loss) is printed by real releases: a growth metric that says
    level_can_be_negative, or a growth linked to a figure whose metric is not nonnegative, is silent."""
    (tmp_path / "profit.yaml").write_text(
        "metrics:\n"
        "  profit:\n    kind: money\n    units: [元]\n    nonnegative: false\n    zh: 利润总额\n    en: total profit\n"
        "  profit_growth:\n    kind: growth\n    units: ['%']\n    level_can_be_negative: true\n    zh: 利润总额增速\n    en: growth of total profit\n"
        "  margin_growth:\n    kind: growth\n    units: ['%']\n    zh: 增速\n    en: growth\n",
        encoding="utf-8")
    v = load_rules([REPO / "rules", tmp_path], REPO)
    uc319 = rule(v, "UC319")
    fall = {"id": "g", "value": "150%", "quote": "利润总额同比下降150%"}
    assert run_example(uc319, v, {"figures": [{**fall, "metric": "profit_growth"}]}) == []
    linked = [{"id": "p", "metric": "profit", "value": "-3亿元"}, {**fall, "metric": "margin_growth", "of": "p", "base": "同比"}]
    assert run_example(uc319, v, {"figures": linked}) == []
    assert run_example(uc319, v, {"figures": [{**fall, "metric": "margin_growth"}]}) != []  # nothing says it can turn negative


@pytest.mark.parametrize("share, change, quote, fires", [
    ("30%", "25个百分点", "比重比同期提高25个百分点", False),  # 5 % before
    ("30%", "35个百分点", "比重比同期提高35个百分点", True),  # −5 % before
    ("90%", "5个百分点", "比重比同期下降5个百分点", False),  # 95 % before
    ("90%", "15个百分点", "比重比同期下降15个百分点", True),  # 105 % before
])
def test_a_share_before_its_change_lies_within_0_and_100(vocab, share, change, quote, fires):
    ex = {"figures": [
        {"id": "gdp", "metric": "gdp", "value": "1000亿元"},
        {"id": "p", "metric": "value_added", "value": "300亿元", "part_of": "gdp"},
        {"id": "s", "metric": "share", "value": share, "of": "p", "within": "gdp"},
        {"id": "ds", "metric": "share_change", "value": change, "of": "s", "base": "同期", "quote": quote},
    ]}
    found = run_example(rule(vocab, "UC319"), vocab, ex)
    assert bool(found) == fires
    if fires:
        assert {r.id for r in found[0].figures} == {"s", "ds"} and "outside 0–100 %" in found[0].message


def test_a_share_whose_part_is_not_printed_still_has_its_change_checked(vocab):
    """占全市固定资产投资比重为24.6%, with no amount for the part: `within` alone (README)."""
    ex = {"figures": [{"id": "fai", "metric": "fixed_asset_investment", "value": "247.4亿元"},
                      {"id": "s", "metric": "share", "value": "24.6%", "within": "fai"},
                      {"id": "d", "metric": "share_change", "value": "8.2个百分点", "of": "s", "base": "同期", "quote": "比同期比重提高8.2个百分点"}]}
    assert run_example(rule(vocab, "UC319"), vocab, ex) == []
    ex["figures"][2].update(value="82个百分点", quote="比同期比重提高82个百分点")
    [f] = run_example(rule(vocab, "UC319"), vocab, ex)
    assert {r.id for r in f.figures} == {"s", "d"}


@pytest.mark.parametrize("change, fires", [("101个百分点", False), ("102个百分点", False), ("103个百分点", True)])
def test_a_growth_before_its_change_is_at_least_minus_100(vocab, change, fires):
    """1.5 % now, 提高101个百分点: −99.5 % before (possible); 102 points: −100.5 %, but 101.5 points
    is within its rounding; 103 points: at most −100.95 %, which is not."""
    ex = {"figures": [{"id": "g", "metric": "gdp_growth", "value": "1.5%", "quote": "同比增长1.5%"},
                      {"id": "dg", "metric": "growth_rate_change", "value": change, "of": "g", "base": "去年全年",
                       "quote": f"比去年全年提高{change}"}]}
    assert bool(run_example(rule(vocab, "UC319"), vocab, ex)) == fires


@pytest.mark.parametrize("change, quote, fires", [
    ("2.1万家", "比上年增加2.1万家", False),
    ("25万家", "比上年增加25万家", True),  # more added than there are
    ("25万家", "比上年减少25万家", False),  # 46.5万 a year before
])
def test_an_increment_is_at_most_its_figure(vocab, change, quote, fires):
    ex = {"figures": [{"id": "n", "metric": "grassroots_unions", "value": "21.5万家"},
                      {"id": "d", "metric": "grassroots_unions", "value": change, "of": "n", "base": "上年", "quote": quote}]}
    assert bool(run_example(rule(vocab, "UC319"), vocab, ex)) == fires


def industry_share_changes(changes, mode="complete"):
    ex = gdp_by_industry(mode=mode)
    words = ("提高", "下降", "提高")
    for i, (c, w) in enumerate(zip(changes, words), 1):
        if c is not None:
            ex["figures"].append({"id": f"d{i}", "metric": "share_change", "value": c, "of": f"s{i}", "base": "同期",
                                  "quote": f"比重比同期{w}{c}"})
    return ex


@pytest.mark.parametrize("changes, mode, fires", [
    (("0.9个百分点", "6.8个百分点", "5.9个百分点"), "complete", False),  # 0.9 − 6.8 + 5.9 = 0
    (("0.9个百分点", "6.8个百分点", "6.1个百分点"), "complete", False),  # 0.2: three changes of rounded shares
    (("0.9个百分点", "6.8个百分点", "6.3个百分点"), "complete", True),  # 0.4
    (("9个百分点", "6.8个百分点", "5.9个百分点"), "complete", True),  # a lost decimal point
    (("9个百分点", "6.8个百分点", None), "complete", False),  # one part without a change: nothing to sum
    (("9个百分点", "6.8个百分点", "5.9个百分点"), "disjoint", False),  # parts that need not make the whole
])
def test_share_changes_of_a_complete_breakdown_sum_to_zero(vocab, changes, mode, fires):
    found = run_example(rule(vocab, "UC320"), vocab, industry_share_changes(changes, mode))
    assert bool(found) == fires
    if fires:
        assert {r.id for r in found[0].figures} == {"d1", "d2", "d3"}


def test_share_changes_against_different_bases_are_summed_apart(vocab):
    ex = industry_share_changes(("0.9个百分点", "6.8个百分点", "5.9个百分点"))
    ex["figures"][-1] = {**ex["figures"][-1], "base": "一季度", "quote": "比重比一季度提高5.9个百分点"}
    assert run_example(rule(vocab, "UC320"), vocab, ex) == []  # no base has a change for every part


# -- direction ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("quote, literal, down", [
    ("同比下降1.2%", "1.2%", True),
    ("同比增长1.5%", "1.5%", False),
    ("增长3.8%，第二产业下降1.2%", "3.8%", False),  # the nearest word before the literal
    ("增长3.8%，第二产业下降1.2%", "1.2%", True),
    ("降幅比一季度收窄2.2个百分点", "2.2个百分点", False),  # 降幅收窄: the signed rate rose… only when written together
    ("降幅收窄2.2个百分点", "2.2个百分点", False),
    ("增幅收窄2.2个百分点", "2.2个百分点", True),
    ("GDP实现1.5%的正增长", "1.5%", False),  # nothing before it: a rise
    ("增速低于全国0.1个百分点", "0.1个百分点", True),  # a gap below another region's rate (its figure the base)
    ("增速分别高于全国、全省0.1和0.3个百分点", "0.3个百分点", False),
    ("比全国(8.1%)低1.3个百分点", "1.3个百分点", True),  # bare 低 / 高 before the literal
    ("比全省高0.5个百分点", "0.5个百分点", False),
    ("提高0.5个百分点", "0.5个百分点", False),  # 提高 and 高 end together: the longer word
    ("降幅比全国高0.5个百分点", "0.5个百分点", True),  # the fall is the larger: the signed rate is lower
    ("降幅低于全国0.5个百分点", "0.5个百分点", False),
    ("增速落后于全市平均水平1.4个百分点", "1.4个百分点", True),  # behind another region's rate
    ("增速领先全省0.6个百分点", "0.6个百分点", False),
    ("早稻产量2817万吨，减产0.6%", "0.6%", True),  # an output's fall
    ("全年粮食增产1.6%", "1.6%", False),
    ("规模以上工业增加值同比降3.2%", "3.2%", True),  # releases' one-character verbs
    ("社会消费品零售总额同比减0.5%", "0.5%", True),
    ("居民消费价格同比跌0.3%", "0.3%", True),
    ("进出口总额同比增4.1%", "4.1%", False),
    ("降幅收窄1.2个百分点", "1.2个百分点", False),  # 降 inside the longer 降幅收窄
])
def test_direction_is_read_from_the_quote(vocab, quote, literal, down):
    assert infer_down(quote, literal, vocab.directions) is down


# -- breakdowns and parts --------------------------------------------------------------------------

def test_every_part_above_its_whole_is_reported(vocab):
    ex = {"figures": [
        {"id": "w", "metric": "people_trained", "value": "3万人", "parts": {"by-sex": "complete", "by-age": "disjoint"}},
        {"id": "men", "metric": "people_trained", "value": "4万人", "part_of": "w", "breakdown": "by-sex"},
        {"id": "women", "metric": "people_trained", "value": "5万人", "part_of": "w", "breakdown": "by-sex"},
        {"id": "young", "metric": "people_trained", "value": "1万人", "part_of": "w", "breakdown": "by-age"},
        {"id": "old", "metric": "people_trained", "value": "1.5万人", "part_of": "w", "breakdown": "by-age"},
    ]}
    found = run_example(rule(vocab, "UC308"), vocab, ex)
    assert sorted(tuple(sorted(r.id for r in f.figures)) for f in found) == [("men", "w"), ("w", "women")]


def test_each_breakdown_is_summed_apart(vocab):
    ex = {"figures": [
        {"id": "w", "metric": "people_trained", "value": "3万人", "parts": {"by-sex": "complete", "by-age": "disjoint"}},
        {"id": "men", "metric": "people_trained", "value": "1.6万人", "part_of": "w", "breakdown": "by-sex"},
        {"id": "women", "metric": "people_trained", "value": "1.4万人", "part_of": "w", "breakdown": "by-sex"},
        {"id": "young", "metric": "people_trained", "value": "1.2万人", "part_of": "w", "breakdown": "by-age"},
        {"id": "old", "metric": "people_trained", "value": "1.5万人", "part_of": "w", "breakdown": "by-age"},
    ]}
    assert run_example(rule(vocab, "UC308"), vocab, ex) == []  # one split of 3万 summed with another would be 5.7万
    ex["figures"][4]["value"] = "2.5万人"  # by-age now 3.7万 > 3万
    [f] = run_example(rule(vocab, "UC308"), vocab, ex)
    assert {r.id for r in f.figures} == {"w", "young", "old"} and "by-age" in f.message


# -- validation at the line -------------------------------------------------------------------------

LINK_SEED = "会员1826万人，增长12.9%，占15%。发展会员209万人。\n"
ARTICLE_HEAD = """\
article: {id: a, seed: seeds/a.txt, title: t, region: 河南省}
figures:
"""


@pytest.mark.parametrize("extra, needle, fragment", [
    ("of: nobody", "id: growth", "of 'nobody' is not the id of another figure"),
    ("of: 会员1826万人", "id: growth", "where the text does not print its amount, leave of out"),  # a name the seed prints
    ("of: growth", "id: growth", "is the figure itself"),
    ("direction: sideways", "id: growth", "direction must be up or down"),
])
def test_bad_links_are_findings_at_their_line(tmp_path, run_cli, extra, needle, fragment):
    article = ARTICLE_HEAD + f"""\
  - {{id: members, subject: 会员, region: 河南省, metric: union_members, period: '2018', value: 1826万人, quote: 会员1826万人}}
  - id: growth
    subject: 会员
    region: 河南省
    metric: union_members_growth
    period: '2018'
    value: 12.9%
    quote: 增长12.9%
    {extra}
"""
    root = write_repo(tmp_path, curated={"a.yaml": article}, seeds={"a.txt": LINK_SEED})
    code, out, err = run_cli(root, "check")
    line = article.splitlines().index("    " + extra) + 1
    assert code == 1 and "Traceback" not in err
    assert any(l.startswith(f"curated/a.yaml:{line}:") and "UC002" in l and fragment in l for l in out.splitlines()), out


BREAKDOWN_SEED = "会员1826万人，其中农民工会员500万人、女会员800万人。\n"


@pytest.mark.parametrize("whole_parts, part_breakdown, at, fragment", [
    # a typo in a part's breakdown: its checks would go silent
    ("parts: {by-origin: complete, by-sex: disjoint}", "breakdown: by-orign", "breakdown: by-orign",
     "breakdown 'by-orign' is not one that its whole members declares in parts (declared: by-origin, by-sex)"),
    # a part that does not say which of the declared breakdowns it belongs to
    ("parts: {by-origin: complete, by-sex: disjoint}", "", "part_of: members", "declares its parts per breakdown (by-origin, by-sex)"),
    # a declared breakdown that no part names
    ("parts: {by-origin: complete, by-sex: disjoint, by-age: complete}", "breakdown: by-origin", "parts:",
     "parts declares breakdown 'by-age', but no figure is part_of members (or a pull or an increment within it) with breakdown: by-age"),
])
def test_a_breakdown_named_on_one_side_only_is_a_finding_at_its_line(tmp_path, run_cli, whole_parts, part_breakdown, at, fragment):
    article = ARTICLE_HEAD + f"""\
  - id: members
    subject: 会员
    region: 河南省
    metric: union_members
    period: '2018'
    value: 1826万人
    quote: 会员1826万人
    {whole_parts}
  - id: migrants
    subject: 农民工会员
    region: 河南省
    metric: union_members
    period: '2018'
    value: 500万人
    quote: 其中农民工会员500万人
    part_of: members
    {part_breakdown}
  - id: women
    subject: 女会员
    region: 河南省
    metric: union_members
    period: '2018'
    value: 800万人
    quote: 女会员800万人
    part_of: members
    breakdown: by-sex
"""
    root = write_repo(tmp_path, curated={"a.yaml": article}, seeds={"a.txt": BREAKDOWN_SEED})
    code, out, err = run_cli(root, "check")
    line = next(i for i, l in enumerate(article.splitlines(), 1) if l.strip().startswith(at))
    assert code == 1 and "Traceback" not in err
    assert any(l.startswith(f"curated/a.yaml:{line}:") and "UC002" in l and fragment in l for l in out.splitlines()), out


def test_a_breakdown_declared_and_named_is_quiet(tmp_path, run_cli):
    article = ARTICLE_HEAD + """\
  - {id: members, subject: 会员, region: 河南省, metric: union_members, period: '2018', value: 1826万人, quote: 会员1826万人, parts: {by-sex: disjoint}}
  - {id: women, subject: 女会员, region: 河南省, metric: union_members, period: '2018', value: 800万人, quote: 女会员800万人, part_of: members, breakdown: by-sex}
"""
    code, out, err = run_cli(write_repo(tmp_path, curated={"a.yaml": article}, seeds={"a.txt": BREAKDOWN_SEED}), "check")
    assert code == 0 and "UC002" not in out, out + err


def test_a_cycle_of_links_is_a_finding(tmp_path, run_cli):
    article = ARTICLE_HEAD + """\
  - {id: x, subject: 会员, region: 河南省, metric: union_members, period: '2018', value: 1826万人, quote: 会员1826万人, part_of: y}
  - {id: y, subject: 会员, region: 河南省, metric: union_members, period: '2018', value: 209万人, quote: 发展会员209万人, part_of: x}
"""
    code, out, _ = run_cli(write_repo(tmp_path, curated={"a.yaml": article}, seeds={"a.txt": LINK_SEED}), "check")
    assert code == 1 and out.count("a cycle") == 2, out


# -- the bundled statistics release ------------------------------------------------------------------

def test_every_link_check_runs_on_the_bundled_statistics_release(vocab):
    from ucheck.check.context import build
    from ucheck.kinds import figure_keys
    from ucheck.load.corpus import load_corpus

    corpus = load_corpus([REPO / "curated" / "005-daqing-economy-2016h1.yaml"], REPO, REPO / "seeds", keys=figure_keys())
    ctx, problems = build(corpus, vocab)
    assert problems == []
    checked = {}
    for r in vocab.rules:
        if r.kind == "links":
            r.impl.check(ctx)
            checked[r.options["check"]] = r.impl.checked
    # each relation the release states is linked and checked at least once
    assert all(checked[c] > 0 for c in ("share", "share-sum", "base-sum", "contribution", "contribution-sum", "index", "base-domain",
                                        "share-change-sum", "growth-hull", "base-share-pull", "base-share-growth",
                                        "share-change-growths")), checked
    # the release prints no 贡献率: contribution-rate and contribution-rate-sum are tested on cases of their own


def test_a_restatement_in_another_currency_is_refused_not_compared(tmp_path, run_cli):
    """Found curating an unseen bulletin: 67591元 restated as 约合9733美元 is a conversion, not the
    same number; a same_as across units is UC002 at its line, never a UC318 contradiction."""
    seed = "人均GDP67591元，按平均汇率折算约合9733美元。\n"
    article = ARTICLE_HEAD + """\
  - {id: yuan, subject: 人均GDP, region: 河南省, metric: direct_economic_benefit, period: '2008', value: 67591元, quote: 人均GDP67591元}
  - {id: usd, subject: 人均GDP, region: 河南省, metric: direct_economic_benefit, period: '2008', value: 9733美元, quote: 约合9733美元, same_as: yuan}
"""
    code, out, _ = run_cli(write_repo(tmp_path, curated={"a.yaml": article}, seeds={"a.txt": seed}), "report", "--format", "concise")
    assert "in other units" in out and "UC318" not in out, out


def test_a_figure_whose_unit_does_not_fit_its_metric_is_not_linked(vocab):
    """0.4% curated as a pull (a contribution is in 个百分点) is UC005's finding; the links kind does not
    read it as 0.4 points."""
    ex = {"figures": [
        {"id": "gdp", "metric": "gdp", "value": "1228亿元"},
        {"id": "G", "metric": "gdp_growth", "value": "1.5%", "of": "gdp", "base": "同比"},
        {"id": "p", "metric": "value_added", "value": "450亿元", "part_of": "gdp"},
        {"id": "g", "metric": "value_added_growth", "value": "4.5%", "of": "p", "base": "同比"},
        {"id": "c", "metric": "growth_contribution", "value": "0.4%", "of": "p", "within": "gdp"},
    ]}
    assert run_example(rule(vocab, "UC315"), vocab, ex) == []
    ex["figures"][4]["value"] = "0.4个百分点"
    assert run_example(rule(vocab, "UC315"), vocab, ex)


# -- a period further back: Σ part ÷ ((1 + g) × (1 + g₀)) ------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.floats(0, 1e4), st.floats(0, 1e3), st.floats(-60, 150), st.floats(0, 30), st.floats(-120, 150), st.floats(0, 30),
       st.booleans(), st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=20))
def test_two_periods_back_holds_every_point_and_no_more(x, wx, g, wg, b, wb, minus, points):
    """With g₀ = g − b, g occurs twice: the range is still exact. Every point of the box lies in it,
    and its ends are values the box takes (a corner), so it is no wider than the true range."""
    lo, hi = (float(v[0]) for v in two_periods_back(np.array([x]), np.array([x + wx]), np.array([g]), np.array([g + wg]),
                                                      np.array([b]), np.array([b + wb]), np.array([minus])))

    def f(xv, gv, bv):
        before = gv - bv if minus else bv
        return xv / ((1 + gv / 100) * (1 + before / 100))

    corners = [(xv, gv, bv) for xv in (x, x + wx) for gv in (g, g + wg) for bv in (b, b + wb)]
    if any(1 + gv / 100 <= 0 or 1 + ((gv - bv) if minus else bv) / 100 <= 0 for _, gv, bv in corners):
        assert np.isnan(lo) and np.isnan(hi)  # a fall of 100 % or more somewhere: no base value to judge
        return
    values = [f(*c) for c in corners] + [f(x + px * wx, g + pg * wg, b + pb * wb) for px, pg, pb in points]
    tol = 1e-9 * max(1.0, abs(hi))
    assert all(lo - tol <= v <= hi + tol for v in values)
    assert min(values[:8]) == pytest.approx(lo, rel=1e-12, abs=1e-12) and max(values[:8]) == pytest.approx(hi, rel=1e-12, abs=1e-12)


def test_the_growth_hull_names_the_base_as_printed(vocab):
    """比上年 and 同比 share one key for a year; the message says the words the whole's growth prints."""
    ex = investment_by_level("9%")
    for f in ex["figures"]:
        if "base" in f:
            f["base"] = "比上年"
    [f] = run_example(rule(vocab, "UC321"), vocab, ex)
    assert "base 比上年" in f.message and "base 同期" not in f.message, f.message


def test_a_negative_term_in_the_arithmetic_reads_as_a_subtraction():
    """A growth printed -6.6% (or a fall, −6.6%) in x ÷ (1 + g) is written 1 − 6.6%; a hyphen that is
    no minus sign (2015-2016) and a sum of positive terms are left as they are."""
    from ucheck.kinds.links import _NEGATED

    said = "818732万元 ÷ (1 + -6.6%) + 399560万元 ÷ (1 + 3.9%) and ÷ ((1 + −1.2%) × (100 + −0.5)) in 2015-2016"
    assert _NEGATED.sub(r"\1 − ", said) == "818732万元 ÷ (1 − 6.6%) + 399560万元 ÷ (1 + 3.9%) and ÷ ((1 − 1.2%) × (100 − 0.5)) in 2015-2016"
