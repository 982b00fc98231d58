"""The messages of the literal, gazetteer, text, restatement, hierarchy and outlier kinds, of a join
too crowded to check, of UC006/UC009/UC010 and of "did you mean", in both languages (issue 12 item 2):
each case reads the user-visible message in Chinese (lang="zh") and in English, and a metric is
named by its label, never its id."""

from __future__ import annotations

import textwrap

import pytest
from conftest import REPO

from ucheck.builtin import BUILTIN
from ucheck.ruleset import load_rules
from ucheck.suggest import did_you_mean, did_you_mean_after
from ucheck.testing import plain, run_example

VOCAB = load_rules([REPO / "rules"], REPO)
BY_CODE = {r.code: r for r in VOCAB.rules}


def bad(code: str, i: int = 0) -> dict:
    """A bad example of a packaged rule, without its why / expect."""
    ex = plain(BY_CODE[code].examples["bad"][i])
    return {k: v for k, v in ex.items() if k not in ("why", "expect")} if isinstance(ex, dict) else ex


def message(code: str, example, lang: str, vocab=VOCAB) -> str:
    rule = BUILTIN[code] if code in BUILTIN else next(r for r in vocab.rules if r.code == code)
    [f] = [f for f in run_example(rule, vocab, example, lang=lang) if f.code == code]
    return f.message


def head(code: str, lang: str) -> str:
    """What a finding says first: the rule's message or summary (in Chinese without its 。, before ——)."""
    text = BY_CODE[code].headline(lang)
    return text.rstrip("。") if lang == "zh" else text


# -- literal ------------------------------------------------------------------------------------------
def test_literal_names_the_metric_by_its_label():
    """UC105 said '(union_members_growth)': the template's {metric} is the metric's label."""
    en, zh = message("UC105", bad("UC105"), "en"), message("UC105", bad("UC105"), "zh")
    assert en == "百分点 used for the relative growth of a count or amount (relative growth of union membership): '12.9个百分点' should be a percentage"
    assert "会员人数比基期的增长率" in zh and "union_members_growth" not in zh
    assert zh.startswith(BY_CODE["UC105"].text("message", "zh").split("{")[0])


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """Rules of a local pack: a literal rule with message and message_zh, one without a message,
    a restatement rule that accepts undated figures, a text pattern rule with message and message_zh."""
    d = tmp_path_factory.mktemp("local") / "rules"
    d.mkdir()
    (d / "local.yaml").write_text(textwrap.dedent("""\
        rules:
          - code: XX101
            name: local-share
            kind: literal
            pattern: '%'
            message: "'{value}' of {metric} ({subject})"
            message_zh: "{subject}的{metric}“{value}”"
            summary: A share.
            summary_zh: 一个比率。
            rationale: Ours.
          - code: XX102
            name: local-plain
            kind: literal
            pattern: '多'
            summary: A local approximation.
            summary_zh: 本地规则的约数。
            rationale: Ours.
          - code: XX301
            name: local-restatement
            kind: restatement
            require_period: false
            summary: Restated.
            summary_zh: 重复。
            rationale: Ours.
          - code: XX601
            name: local-doubled
            kind: text
            check: pattern
            pattern: '(的)\\1'
            message: doubled 的
            message_zh: 重复的“的”
            summary: Doubled.
            summary_zh: 重复。
            rationale: Ours.
        """), encoding="utf-8")
    return load_rules([REPO / "rules", d], REPO)


def test_literal_fills_the_template_of_the_language(local):
    fig = {"value": "105%", "metric": "coverage_rate", "subject": "职工"}
    assert message("XX101", fig, "en", local) == "'105%' of a coverage, establishment or membership rate (职工)"
    assert message("XX101", fig, "zh", local) == "职工的覆盖率、建制率、入会率等比率“105%”"


def test_literal_without_a_message_gives_its_summary_and_the_literal(local):
    assert message("XX102", "15多家", "en", local) == "A local approximation. '15多家'"
    assert message("XX102", "15多家", "zh", local) == "本地规则的约数：“15多家”"


# -- gazetteer ----------------------------------------------------------------------------------------
def test_gazetteer_hint_and_others_in_both_languages():
    en, zh = message("UC430", bad("UC430", 1), "en"), message("UC430", bad("UC430", 1), "zh")
    assert en == "region '郑洲市' is not in the gazetteer (did you mean '郑州市'?): named here, and 1 more figure of this article"
    assert "（是否应为“郑州市”？）" in zh and zh.endswith("，本文另有 1 个数字也用了这个地名")
    many = {"figures": [{"metric": "union_members", "value": "30万人", "region": "郑洲市"}] * 3}
    assert message("UC430", many, "en").endswith(", and 2 more figures of this article")


# -- text ---------------------------------------------------------------------------------------------
def test_duplicated_text():
    ex = bad("UC601")
    assert message("UC601", ex, "en") == "text printed twice (lines 1 and 5): “全省各级工会共组织2500多名劳模大工匠开展了2万多场宣讲”"
    assert message("UC601", ex, "zh") == "文字重复出现（第 1 行与第 5 行）：“全省各级工会共组织2500多名劳模大工匠开展了2万多场宣讲”"


def test_pattern_hit(local):
    ex = bad("UC603")
    assert message("UC603", ex, "en") == "doubled character: “的的” in “…最吸引眼球的的就是各级工会…”"
    zh = message("UC603", ex, "zh")
    assert zh == f"{BY_CODE['UC603'].text('message', 'zh')}：“…最吸引眼球的的就是各级工会…”中的“的的”"
    assert message("XX601", ex, "zh", local) == "重复的“的”：“…最吸引眼球的的就是各级工会…”中的“的的”"


def test_cut_paragraph():
    # the quoted tail is the finding's key: a waiver's text is any part of it (it quoted four characters more)
    ex = bad("UC604")
    assert message("UC604", ex, "en") == "paragraph ends mid-sentence (cut at a page, column or caption break?): “…匠开展了2万多场宣讲，各级各类企业利用学”"
    assert message("UC604", ex, "zh") == "段落在句中结束（是否在换页、分栏或图片说明处被截断？）：“…匠开展了2万多场宣讲，各级各类企业利用学”"


# -- restatement, hierarchy ---------------------------------------------------------------------------
def test_restatement(local):
    ex = bad("UC301", 2)
    assert message("UC301", ex, "en") == (f"{head('UC301', 'en')} — trade-union members of S (R, 2015): "
                                          "'89.6万人' [89.55万, 89.65万) and '91.2万人' [91.15万, 91.25万) have no value in common")
    assert message("UC301", ex, "zh") == (f"{head('UC301', 'zh')}——S的工会会员人数（R，2015）："
                                          "“89.6万人” [89.55万, 89.65万)与“91.2万人” [91.15万, 91.25万)没有共同的取值")
    two = {"figures": [{**f, "article": a, "period": ""} for f, a in zip(ex["figures"], ("a1", "a2"))]}
    assert message("XX301", two, "en", local).endswith(
        "(R, no period): '89.6万人' [89.55万, 89.65万) and '91.2万人' [91.15万, 91.25万) have no value in common (articles a1 and a2)")
    assert message("XX301", two, "zh", local).endswith(
        "（R，未注明时期）：“89.6万人” [89.55万, 89.65万)与“91.2万人” [91.15万, 91.25万)没有共同的取值（文章 a1 与 a2）")


def test_hierarchy():
    ex = bad("UC302")
    assert message("UC302", ex, "en") == (f"{head('UC302', 'en')} — trade-union members of 工会会员: "
                                          "郑州市 '120万人' [115万, 125万) > 河南省 '90万人' [85万, 95万)")
    assert message("UC302", ex, "zh") == (f"{head('UC302', 'zh')}——工会会员的工会会员人数："
                                          "郑州市“120万人” [115万, 125万)，大于河南省“90万人” [85万, 95万)")


def test_a_crowded_join_names_the_metric_by_its_label():
    figs = [{"article": "city", "id": f"c{i}", "metric": "patents_granted", "value": "2000项", "region": "郑州市", "subject": "s", "period": "2015"} for i in range(101)]
    figs += [{"article": "prov", "id": f"p{i}", "metric": "patents_granted", "value": "1000项", "region": "河南省", "subject": "s", "period": "2015"} for i in range(101)]
    en = message("UC302", {"figures": figs}, "en")
    zh = message("UC302", {"figures": figs}, "zh")
    assert en == (f"{BY_CODE['UC302'].summary} — not checked: 101 × 101 figures (part and whole) share metric=national patents granted, "
                  "unit=项, subject=s, period_key=2015, ancestor=河南省: 10,201 combinations, more than 10,000; "
                  "give the figures distinct subjects or periods")
    assert zh == (f"{BY_CODE['UC302'].text('summary', 'zh').rstrip('。')}——未检查：101 × 101 个数字（部分与整体）的"
                  "指标=获得授权的国家专利数、单位=项、对象=s、时期=2015、上级地区=河南省相同，共 10,201 种组合，超过 10,000；"
                  "请为这些数字区分对象或时期")


def test_a_crowded_relation_names_its_metrics_by_their_labels():
    figs = [f for i in range(101) for f in (
        {"id": f"p{i}", "metric": "patents_granted", "value": "1.1万项", "subject": "s", "period": "2015"},
        {"id": f"b{i}", "metric": "direct_economic_benefit", "value": "290多万元", "subject": "s", "period": "2015"})]
    en, zh = message("UC401", {"figures": figs}, "en"), message("UC401", {"figures": figs}, "zh")
    assert "101 × 101 figures (direct economic benefit created, national patents granted) share" in en
    assert "101 × 101 个数字（创造的直接经济效益、获得授权的国家专利数）的" in zh


# -- outlier ------------------------------------------------------------------------------------------
def test_ratio_outlier_reads_its_numbers():
    ex = bad("UC410")
    assert message("UC410", ex, "en") == (
        f"{head('UC410', 'en')} — direct economic benefit created / national patents granted: '290多万元' / '1.1万项' ≈ 264 元/项 "
        "(interval [252.174, 285.714]), 23.2 robust SD below the median 86.6万 元/项 of 4 other articles "
        "(a3: 62.5万, a4: 75万, a1: 100万, a2: 133万)")
    assert message("UC410", ex, "zh") == (
        f"{head('UC410', 'zh')}——创造的直接经济效益 / 获得授权的国家专利数：“290多万元” / “1.1万项” ≈ 264 元/项"
        "（区间 [252.174, 285.714]），比其他 4 篇文章的中位数 86.6万 元/项 低 23.2 个稳健标准差"
        "（a3：62.5万、a4：75万、a1：100万、a2：133万）")


def test_sibling_outlier_names_the_metric_by_its_label():
    ex = bad("UC411", 1)
    assert message("UC411", ex, "en") == (
        f"{head('UC411', 'en')} — '15家' [14.5, 15.5) is more than 3 orders of magnitude below the other figures of the same "
        "metric (enterprises covered by a system or campaign) of R in this article (median 18.2万: '19.5万家', '18.2万家')")
    assert message("UC411", ex, "zh") == (
        f"{head('UC411', 'zh')}——“15家” [14.5, 15.5)比本文中R同一指标（某项制度或活动覆盖的企业数）的其他数字"
        "小 3 个数量级以上（中位数 18.2万：“19.5万家”、“18.2万家”）")


# -- built-in codes of the engine ---------------------------------------------------------------------
def test_unparseable_literal():
    ex = plain(BUILTIN["UC006"].examples["bad"][0])
    assert message("UC006", ex, "en").startswith("figure unions: cannot parse quantity '21,5万家'")
    assert message("UC006", ex, "zh").startswith("数字 unions：cannot parse quantity '21,5万家'")


def test_waiver_of_an_unknown_rule():
    ex = {"figures": [{"id": "f1", "value": "15多家"}], "waivers": [{"rule": "UC1O1", "figures": ["f1"], "reason": "r"}]}
    assert message("UC009", ex, "en") == "waiver of unknown rule 'UC1O1' (did you mean 'UC101'?): it acknowledges nothing (see `ucheck rules`)"
    assert message("UC009", ex, "zh") == "豁免所写的规则“UC1O1”不存在（是否应为“UC101”？）：这条豁免不起作用（见 `ucheck rules`）"


def test_unused_waiver():
    ex = plain(BUILTIN["UC010"].examples["bad"][0])
    assert message("UC010", ex, "en") == "waiver of UC101 for unions matches no finding"
    assert message("UC010", ex, "zh") == "对 unions 的 UC101 豁免没有匹配任何问题"
    by_text = {"seed": "全省工会会员25多人。\n", "figures": [{"id": "f1", "value": "1000人"}],
               "waivers": [{"rule": "UC603", "text": "的的", "reason": "r"}]}
    assert message("UC010", by_text, "en") == "waiver of UC603 for '的的' matches no finding"
    assert message("UC010", by_text, "zh") == "对 “的的” 的 UC603 豁免没有匹配任何问题"


# -- did you mean -------------------------------------------------------------------------------------
def test_did_you_mean_in_both_languages():
    known = ["河南省", "湖南省", "郑州市"]
    assert did_you_mean("河南生", known) == " (did you mean '河南省'?)"
    assert did_you_mean("河南生", known, lang="zh") == "（是否应为“河南省”？）"
    assert did_you_mean("河南生", ["河南省", "河南市"], 2, lang="zh") == "（是否应为“河南市”或“河南省”？）"
    assert did_you_mean_after("perod", ["period"], lang="zh") == "；是否应为“period”？"
    assert did_you_mean("xyz", known, lang="zh") == ""
