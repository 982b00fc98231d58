"""Parts against their whole (issue 4): curated ``part_of`` / ``parts`` and rule UC308.

Own cases for the principle — a part is at most its whole; disjoint parts sum to at most it; complete
parts reach it — each firing case with near-misses that rounding or overlap explains.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from conftest import REPO, findings_of, write_repo
from ucheck.ruleset import load_rules
from ucheck.testing import run_example


@pytest.fixture(scope="module")
def vocab():
    return load_rules([REPO / "rules"], REPO)


@pytest.fixture(scope="module")
def uc308(vocab):
    return next(r for r in vocab.rules if r.code == "UC308")


def whole_and_parts(whole: str, *parts: str, mode: str | None = None, metric: str = "people_trained"):
    w = {"id": "whole", "metric": metric, "value": whole}
    if mode:
        w["parts"] = mode
    return {"figures": [w, *({"id": f"p{i}", "metric": metric, "value": v, "part_of": "whole"} for i, v in enumerate(parts, 1))]}


def shares_of_gdp(whole: str, *parts: str, mode: str | None = None) -> dict:
    """A share of GDP (``whole``) and shares of GDP that are part_of it: shares of one whole."""
    w = {"id": "outer", "metric": "share", "value": whole, "within": "gdp", **({"parts": mode} if mode else {})}
    return {"figures": [{"id": "gdp", "metric": "gdp", "value": "1228亿元"}, w,
                        *({"id": f"s{i}", "metric": "share", "value": v, "within": "gdp", "part_of": "outer"} for i, v in enumerate(parts, 1))]}


FIRES = {
    "a part above its whole": whole_and_parts("3万多名", "4.2万人"),
    "a part touching its whole at open ends (近3万 against 3万多)": whole_and_parts("近3万人", "3万多人"),
    "disjoint parts above the whole together": whole_and_parts("3万多名", "2.6万人", "1.5万人", mode="disjoint"),
    "complete parts above the whole": whole_and_parts("1026项", "606项", "430项", mode="complete", metric="innovation_results"),
    "complete parts below the whole": whole_and_parts("1026项", "306项", "420项", mode="complete", metric="innovation_results"),
    "a share of GDP above the share of the industry it is part of (13.6 % in 12.2 %)": shares_of_gdp("12.2%", "13.6%"),
    "the shares of a complete breakdown below the share they make up (26.2 + 3.0 of 31.2)": shares_of_gdp("31.2%", "26.2%", "3.0%", mode="complete"),
}

SILENT = {
    "a part inside its whole": whole_and_parts("3万多名", "1.9万人"),
    "a part that rounding lets equal its whole (3万 against 2.6万多)": whole_and_parts("2.6万多人", "3万人"),
    "overlapping parts are not summed": whole_and_parts("3万多名", "2.6万人", "1.5万人"),
    "disjoint parts that rounding lets fit": whole_and_parts("1000多项", "500项", "520项", mode="disjoint", metric="innovation_results"),
    "complete parts that reach the whole within rounding": whole_and_parts("1026项", "606项", "420项", mode="complete", metric="innovation_results"),
    "an open-ended part (以上) whose least is within": whole_and_parts("3万多名", "1万人以上"),
    "a share of GDP inside the share of the industry it is part of (13.6 % in 26.2 %)": shares_of_gdp("26.2%", "13.6%"),
    "the shares of a complete breakdown making up the share, within rounding (26.2 + 5.1 of 31.2)":
        shares_of_gdp("31.2%", "26.2%", "5.1%", mode="complete"),
    # a subgroup's rate can be above the whole group's: such a part_of is UC002 (below), never summed
    "a coverage rate of a subgroup above the whole group's": whole_and_parts("45.5%", "46.2%", metric="coverage_rate"),
}


@pytest.mark.parametrize("name", FIRES)
def test_fires(uc308, vocab, name):
    found = run_example(uc308, vocab, FIRES[name])
    assert len(found) == 1 and ("exceed" in found[0].message or "do not make up" in found[0].message), name


@pytest.mark.parametrize("name", SILENT)
def test_near_misses_stay_silent(uc308, vocab, name):
    found = run_example(uc308, vocab, SILENT[name])
    assert found == [], found[0].message if found else ""


def test_messages_show_the_sum_or_the_part(uc308, vocab):
    (f,) = run_example(uc308, vocab, FIRES["disjoint parts above the whole together"])
    assert "p1 = 2.6万人 [2.55万, 2.65万) + p2 = 1.5万人 [1.45万, 1.55万) = [4万, 4.2万); whole = 3万多名 (3万, 4万)" in f.message
    assert "together (parts: disjoint)" in f.message and [r.id for r in f.figures] == ["whole", "p1", "p2"]
    (g,) = run_example(uc308, vocab, whole_and_parts("3万多名", "1.9万人", "4.2万人"))
    assert "the part 4.2万人 exceeds its whole 3万多名 (p2 = 4.2万人 [4.15万, 4.25万); whole = 3万多名 (3万, 4万))" in g.message
    assert [r.id for r in g.figures] == ["whole", "p2"]  # the part that is not in question is not named
    (h,) = run_example(uc308, vocab, FIRES["complete parts below the whole"])
    assert "do not make up their whole" in h.message


def test_parts_of_different_wholes_are_checked_apart(uc308, vocab):
    ex = whole_and_parts("3万多名", "1.9万人")
    ex["figures"] += [{"id": "whole2", "metric": "people_trained", "value": "1万人"},
                      {"id": "q", "metric": "people_trained", "value": "1.9万人", "part_of": "whole2"}]
    (f,) = run_example(uc308, vocab, ex)
    assert [r.id for r in f.figures] == ["whole2", "q"]


# ----------------------------------------------------------------------------- through the command line

SEED = "某市职工培训\n\n全年培训职工3万多名,其中1.9万人实现技能晋级,参训2.1万人次。\n"
ARTICLE = textwrap.dedent(
    """\
    article:
      id: training
      seed: seeds/training.txt
      title: 某市职工培训
      region: 河南省
    figures:
      - id: trainees
        subject: 职工培训
        region: 河南省
        metric: people_trained
        period: 全年
        value: 3万多名
        quote: 全年培训职工3万多名
      - id: upgraded
        subject: 职工培训
        region: 河南省
        metric: skill_grade_promoted
        period: 全年
        value: 1.9万人
        quote: 其中1.9万人实现技能晋级
        part_of: trainees
      - id: attendances
        subject: 职工培训参训人次
        region: 河南省
        metric: people_trained
        period: 全年
        value: 2.1万人次
        quote: 参训2.1万人次
        note: attendances (人次), not people, so not a restatement of the trainees
    """
)


def run(tmp_path, run_cli, text, seed=SEED, name="training"):
    """(exit code, findings) of ``ucheck check`` on one curated file and its seed (seeds/<name>.txt)."""
    root = write_repo(tmp_path, curated={f"{name}.yaml": text}, seeds={f"{name}.txt": seed})
    code, out, err = run_cli(root, "check", "--format", "json")
    assert "Traceback" not in out + err, err
    return code, findings_of(out) if out.strip() else []


def test_good_parts_pass_the_gate(tmp_path, run_cli):
    code, found = run(tmp_path, run_cli, ARTICLE)
    assert code == 0, found


@pytest.mark.parametrize("change, needle, fragment", [
    (("part_of: trainees", "part_of: trainess"), "part_of: trainess", "part_of 'trainess' is not the id of another figure"),
    (("part_of: trainees", "part_of: upgraded"), "part_of: upgraded", "part_of 'upgraded' is not the id of another figure"),
    (("    part_of: trainees\n", "    part_of: attendances\n"), "part_of: attendances", "a part must be counted like its whole"),
    (("    value: 3万多名\n", "    value: 3万多名\n    parts: all\n"), "parts: all", "parts must be disjoint or complete"),
])
def test_bad_references_are_findings_at_their_line(tmp_path, run_cli, change, needle, fragment):
    text = ARTICLE.replace(*change)
    assert text != ARTICLE
    code, found = run(tmp_path, run_cli, text)
    assert (tmp_path / "curated" / "training.yaml").read_text(encoding="utf-8") == text  # nothing written
    hits = [f for f in found if f["code"] == "UC002" and fragment in f["message"]]
    assert code == 1 and hits, found
    assert hits[0]["line"] == text[: text.index(needle)].count("\n") + 1


STATS_SEED = ("某县经济\n\n全县地区生产总值1228亿元，增长5.5%。工业增加值增长8.0%，占GDP的比重为26.2%；其中制造业增加值增长7.6%，"
              "占GDP的比重为13.6%。全体居民人均可支配收入20000元，其中城镇居民人均可支配收入30000元。\n")


def stats_article(part_of: dict[str, str], within: str = "gdp") -> str:
    """Shares, growths and incomes of a county's release, each figure with the part_of given for its id."""
    import yaml

    figs = [("gdp", "gdp", "1228亿元", "全县地区生产总值1228亿元", {}),
            ("gdp-growth", "gdp_growth", "5.5%", "增长5.5%", {"of": "gdp", "base": "同比"}),
            ("ind-growth", "value_added_growth", "8.0%", "工业增加值增长8.0%", {"base": "同比"}),
            ("ind-share", "share", "26.2%", "占GDP的比重为26.2%", {"within": "gdp"}),
            ("mfg-growth", "value_added_growth", "7.6%", "其中制造业增加值增长7.6%", {"base": "同比"}),
            ("mfg-share", "share", "13.6%", "占GDP的比重为13.6%", {"within": within}),
            ("income", "disposable_income_per_capita", "20000元", "全体居民人均可支配收入20000元", {}),
            ("urban-income", "disposable_income_per_capita", "30000元", "其中城镇居民人均可支配收入30000元", {})]
    doc = {"article": {"id": "county", "seed": "seeds/county.txt", "title": "某县经济", "region": "河南省"},
           "figures": [{"id": fid, "subject": fid, "region": "河南省", "metric": metric, "period": "全年", "period_norm": "2022",
                        "value": value, "quote": quote, **links, **({"part_of": part_of[fid]} if fid in part_of else {})}
                       for fid, metric, value, quote, links in figs]}
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def test_a_share_is_part_of_a_share_of_the_same_whole(tmp_path, run_cli):
    """其中制造业占GDP的13.6% within 工业's 26.2 %: shares of one whole are their parts scaled alike."""
    code, found = run(tmp_path, run_cli, stats_article({"mfg-share": "ind-share"}), STATS_SEED, "county")
    assert code == 0 and [f for f in found if f["code"] in ("UC002", "UC308")] == [], found
    swapped = stats_article({"ind-share": "mfg-share"})  # 工业 within 制造业: the part is above its whole
    code, found = run(tmp_path, run_cli, swapped, STATS_SEED, "county")
    assert code == 1 and [f["code"] for f in found if f["code"] in ("UC002", "UC308")] == ["UC308"], found


def test_a_growth_or_an_amount_per_head_is_part_of_its_like_and_is_not_summed(tmp_path, run_cli):
    """其中制造业增加值增长7.6% of 工业's 8.0 %: the growth of a part of what the other is the growth of;
    城镇居民人均可支配收入 of 全体居民's: per head of a part of the population. No UC002, and UC308 does
    not compare them: a part may grow faster, or earn more, than its whole."""
    for part_of in ({"mfg-growth": "ind-growth"}, {"ind-growth": "mfg-growth"}, {"urban-income": "income"}):
        code, found = run(tmp_path, run_cli, stats_article(part_of), STATS_SEED, "county")
        assert code == 0 and [f for f in found if f["code"] in ("UC002", "UC308")] == [], (part_of, found)


@pytest.mark.parametrize("part_of, within, fragment", [
    ({"urban-income": "gdp"}, "gdp", "disposable_income_per_capita (money) is not a sum over members"),
    ({"income": "gdp-growth"}, "gdp", "a part must be counted like its whole"),
    ({"mfg-share": "ind-share"}, "ind-share", "only when both are shares of one whole"),
])
def test_a_part_that_is_not_a_sum_is_named_at_its_line(tmp_path, run_cli, part_of, within, fragment):
    """A subgroup's growth, income per head or share of another whole can be above the group's: such
    a part_of is UC002 at its line, saying what part_of is for, and UC308 stays silent."""
    text = stats_article(part_of, within=within)
    code, found = run(tmp_path, run_cli, text, STATS_SEED, "county")
    hits = [f for f in found if f["code"] == "UC002" and fragment in f["message"]]
    assert code == 1 and len(hits) == 1 and not [f for f in found if f["code"] == "UC308"], found
    needle = f"part_of: {next(iter(part_of.values()))}"
    assert hits[0]["line"] == text[: text.index(needle)].count("\n") + 1


INDUSTRY_SEED = ("某县经济\n\n上半年，全县规模以上工业增加值同比下降15.4%。分行业看，采矿业增加值占比达96.05%，同比下降15.6%，"
                 "特别是煤炭开采和洗选业占比为95.56%；制造业增加值占比为2.45%。\n")


def industry_article(coal: str = "95.56%", within: str = "规模以上工业增加值") -> tuple[str, str]:
    """(curated file, seed) of shares of a whole whose amount the text does not print: within names it
    as printed; the coal share as ``coal`` in both."""
    import yaml

    figs = [("mining", "96.05%", "采矿业增加值占比达96.05%", {}), ("coal", coal, f"特别是煤炭开采和洗选业占比为{coal}", {"part_of": "mining"}),
            ("manufacturing", "2.45%", "制造业增加值占比为2.45%", {})]
    doc = {"article": {"id": "industry", "seed": "seeds/industry.txt", "title": "某县经济", "region": "河南省"},
           "figures": [{"id": fid, "subject": fid, "region": "河南省", "metric": "share", "period": "上半年", "value": value,
                        "quote": quote, "within": within if fid != "manufacturing" else "规模以上工业增加值", **extra}
                       for fid, value, quote, extra in figs]}
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), INDUSTRY_SEED.replace("95.56%", coal)


def test_shares_of_a_whole_the_text_names_but_does_not_print(tmp_path, run_cli):
    """采矿业增加值占比达96.05%, 特别是煤炭开采和洗选业占比为95.56% of 规模以上工业增加值, whose amount is not
    printed: within names the whole as printed, and the share inside the other is its part (UC308)."""
    code, found = run(tmp_path, run_cli, *industry_article(), name="industry")
    assert code == 0 and [f for f in found if f["code"] in ("UC002", "UC308")] == [], found
    code, found = run(tmp_path, run_cli, *industry_article(coal="97.56%"), name="industry")  # a digit slip: above its whole
    assert code == 1 and [f["code"] for f in found if f["code"] in ("UC002", "UC308")] == ["UC308"], found


def test_a_within_that_is_neither_a_figure_nor_printed_is_named_at_its_line(tmp_path, run_cli):
    text, seed = industry_article(within="规上工业增加值总额")
    code, found = run(tmp_path, run_cli, text, seed, "industry")
    hits = [f for f in found if f["code"] == "UC002" and "nor a whole its seed prints" in f["message"]]
    assert code == 1 and len(hits) == 2, found  # the two shares that name it
    assert {h["line"] for h in hits} == {i + 1 for i, l in enumerate(text.splitlines()) if l.strip() == "within: 规上工业增加值总额"}


def test_the_bundled_data_states_parts_and_they_hold(run_cli):
    """Eleven parts in six articles are curated with part_of (其中, 中); none exceeds its whole."""
    import yaml

    parts = [f for p in (REPO / "curated").glob("*.yaml") for f in yaml.safe_load(p.read_text(encoding="utf-8"))["figures"] if "part_of" in f]
    assert len(parts) >= 10
    code, out, _ = run_cli(REPO, "report", "--format", "json", "--no-waivers", "--select", "UC308,UC002")
    assert code == 0 and findings_of(out) == []
