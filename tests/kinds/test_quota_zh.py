"""The messages of the quota kind (UC307) and of the stated-rule problems its ``prepare`` reports
(UC002, UC003, UC006), in English and in Chinese (issue 12 item 2): each total ÷ its quota and the
counted units in words with units, the exact intervals in brackets after them."""

from __future__ import annotations

from conftest import REPO

from ucheck.check.context import build
from ucheck.ruleset import load_rules
from ucheck.testing import corpus_from_example

VOCAB = load_rules([REPO / "rules"], REPO)
UC307 = next(r for r in VOCAB.rules if r.code == "UC307")


def run(example: dict, lang: str) -> tuple[list[str], list[str]]:
    ctx, problems = build(corpus_from_example(example), VOCAB, lang)
    return [f.message for f in UC307.impl.check(ctx)], [p.message for p in problems]


def contest(champions: str, top: str, quota: str = "前8名", units=None, unit_figures=None, rule_id="awards"):
    figures = [{"id": "champions", "metric": "people_honoured", "value": champions},
               {"id": "top", "metric": "people_honoured", "value": top}, *(unit_figures or [])]
    rule = {"id": rule_id, "per": "项目", "quote": f"各项目冠军授予奖章, {quota}授予证书",
            "yields": [{"quota": "冠军", "total": "champions"}, {"quota": quota, "total": "top"}]}
    if units:
        rule["units"] = units
    return {"figures": figures, "stated_rules": [rule]}


def test_each_division_and_the_counted_units_in_words():
    ex = contest("12名", "96名", unit_figures=[{"id": "a-year", "metric": "contest_trades", "value": "3个"},
                                             {"id": "years", "metric": "duration", "value": "2年"}], units=["a-year", "years"])
    [en], _ = run(ex, "en")
    [zh], _ = run(ex, "zh")
    assert en == (f"{UC307.headline('en')} — stated rule awards: 12名 ÷ 1 (冠军) ≈ 11.5–12.5 项目; 96名 ÷ 8 (前8名) ≈ 11.9–12.1 项目; "
                  "counted 3个 × 2年 = 6 项目: no whole number of 项目 fits them all "
                  "(冠军 (a rank: 1) per 项目 → champions = 12名 [11.5, 12.5) ÷ 1 = [11.5, 12.5) 项目; "
                  "前8名 (the top 8) per 项目 → top = 96名 [95.5, 96.5) ÷ 8 = [11.9375, 12.0625) 项目; "
                  "counted: a-year = 3个 [2.5, 3.5) → 3 × years = 2年 [1.5, 2.5) → 2 = 6 项目)")
    assert zh == (f"{UC307.headline('zh')}——原文所述规则 awards：12名 ÷ 1（冠军）≈ 11.5–12.5 项目；96名 ÷ 8（前8名）≈ 11.9–12.1 项目；"
                  "计得 3个 × 2年 = 6 项目——没有一个整数的项目数能同时符合"
                  "（冠军（名次，计 1）每项目 → champions = 12名 [11.5, 12.5) ÷ 1 = [11.5, 12.5) 项目；"
                  "前8名（计 8）每项目 → top = 96名 [95.5, 96.5) ÷ 8 = [11.9375, 12.0625) 项目；"
                  "计数：a-year = 3个 [2.5, 3.5) → 3 × years = 2年 [1.5, 2.5) → 2 = 6 项目）")


def test_a_printed_quota_and_an_open_ended_one():
    ex = {"figures": [{"id": "people", "metric": "people_benefited", "value": "200人"},
                      {"id": "paid", "metric": "aid_funds", "value": "15万元"}],
          "stated_rules": [{"id": "grant", "per": "人", "units": ["people"], "quote": "每人补助500元",
                            "yields": [{"quota": "500元", "total": "paid"}]}]}
    [en], _ = run(ex, "en")
    [zh], _ = run(ex, "zh")
    assert "— stated rule grant: 15万元 ÷ 500元 ≈ 263–345 人; counted 200人 = 150–249 人: no whole number of 人 fits them all (" in en
    assert "——原文所述规则 grant：15万元 ÷ 500元 ≈ 263–345 人；计得 200人 = 150–249 人——没有一个整数的人数能同时符合（" in zh
    [en], _ = run(contest("32名", "480名", quota="不超过10名"), "en")
    assert "480名 ÷ 不超过10名 ≥ 47.5 项目" in en


def test_problems_of_stated_rules_in_both_languages():
    ex = contest("12名", "96名")
    ex["stated_rules"][0]["yields"][0]["total"] = "nobody"
    assert "stated rule awards: total 'nobody' is not the id of a figure of article example" in run(ex, "en")[1]
    assert "原文所述规则 awards：total 'nobody' 不是文章 example 中任何数字的 id" in run(ex, "zh")[1]
    ex = contest("12名", "96名", units=["nobody"])
    assert "stated rule awards: unit count 'nobody' is not the id of a figure of article example" in run(ex, "en")[1]
    assert "原文所述规则 awards：单位数 'nobody' 不是文章 example 中任何数字的 id" in run(ex, "zh")[1]
    ex = contest("12名", "96名", rule_id="top")
    assert "stated rule id 'top' is also the id of a figure of article example" in run(ex, "en")[1]
    assert "原文所述规则 id 'top' 也是文章 example 中一个数字的 id" in run(ex, "zh")[1]
    ex = contest("12名", "96名", quota="若干名")
    [en] = [m for m in run(ex, "en")[1] if "若干名" in m]
    [zh] = [m for m in run(ex, "zh")[1] if "若干名" in m]
    assert en.startswith("stated rule awards: quota '若干名' is not a count per unit ucheck can read (")
    assert en.endswith("); write it as printed: 前10名, 十佳, 状元, 9个")
    assert zh.startswith("原文所述规则 awards：名额 '若干名' 不是 ucheck 能读出的每单位数量（")
    assert zh.endswith("）；请照原文写，如 前10名、十佳、状元、9个")
