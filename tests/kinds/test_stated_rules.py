"""Counts implied by stated rules (issue 4): ``stated_rules:`` in curated files and rule UC307.

The cases are written for the principle — totals ÷ quota = units, one whole number for all of them
and for the printed count of units — not for the seeds' sentences (those are pinned in
test_bundled_data.py). Each firing case has a near-miss beside it that must stay silent.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, findings_of, write_repo
from ucheck.numbers.quantity import QuantityError
from ucheck.kinds.quota import parse_quota, whole_bounds
from ucheck.ruleset import load_rules
from ucheck.testing import run_example

RANKS = {"状元": 1, "冠军": 1}


@pytest.fixture(scope="module")
def vocab():
    return load_rules([REPO / "rules"], REPO)


@pytest.fixture(scope="module")
def uc307(vocab):
    return next(r for r in vocab.rules if r.code == "UC307")


# ----------------------------------------------------------------------------- reading a quota


@pytest.mark.parametrize("literal, n", [
    ("状元", 1), ("冠军", 1),  # rank words of the vocabulary
    ("前10名", 10), ("前十名", 10), ("前3位", 3), ("前１０名", 10), ("前二十强", 20),  # the top N
    ("十佳", 10), ("百佳", 100), ("十强", 10), ("50强", 50),  # the best N
    ("第2名", 1), ("第一名", 1),  # one place
])
def test_places_are_exact(literal, n):
    q = parse_quota(literal, RANKS)
    assert (q.low, q.high, q.low_open, q.high_open) == (n, n, False, False)


@pytest.mark.parametrize("literal, low, high", [
    ("9个", 8.5, 9.5),  # a printed count keeps its rounding interval
    ("8-10个", 8, 10),
    ("1-2次", 1, 2),
    ("不超过10名", 0, 10),  # an upper bound: a quota is not negative
    ("500元", 450, 550),
])
def test_printed_quantities_keep_their_interval(literal, low, high):
    q = parse_quota(literal, RANKS)
    assert (q.low, q.high) == (low, high)
    assert q.reading == literal


@pytest.mark.parametrize("literal", ["魁首", "前几名", "前0名", "前2.5名", "0个", "不到0个", "若干"])
def test_what_is_not_a_quota_is_refused(literal):
    with pytest.raises(QuantityError):
        parse_quota(literal, RANKS)


def test_whole_bounds_respect_open_ends_and_float_noise():
    lo, hi = whole_bounds([3.5, 2.5, 3.0, 47.999999999999, 0.2], [4.5, 3.5, 4.0, 48.0000000001, 0.8],
                          [False, False, True, False, False], [True, True, True, False, False])
    assert lo.tolist() == [4, 3, 4, 48, 1]
    assert hi.tolist() == [4, 3, 3, 48, 0]  # (3, 4) and [0.2, 0.8] hold no whole number


# ----------------------------------------------------------------------------- the rule, own cases


def contest(champions: str, top: str, quota: str = "前8名", units: list | None = None, unit_figures: list | None = None):
    figures = [{"id": "champions", "metric": "people_honoured", "value": champions},
               {"id": "top", "metric": "people_honoured", "value": top}, *(unit_figures or [])]
    rule = {"id": "awards", "per": "项目", "quote": f"各项目冠军授予奖章, {quota}授予证书",
            "yields": [{"quota": "冠军", "total": "champions"}, {"quota": quota, "total": "top"}]}
    if units:
        rule["units"] = units
    return {"figures": figures, "stated_rules": [rule]}


def per_year(total: str, years: str, quota: str = "十佳"):
    return {"figures": [{"id": "years", "metric": "duration", "value": years},
                        {"id": "chosen", "metric": "people_honoured", "value": total}],
            "stated_rules": [{"id": "yearly", "per": "年", "units": ["years"], "quote": f"连续评选{quota}",
                              "yields": [{"quota": quota, "total": "chosen"}]}]}


FIRES = {
    "two quotas, two numbers of contests": contest("12名", "150名"),
    "a top-N total more than N per champion": contest("20名", "250名", quota="前10名"),
    "a total that is no multiple of an exact quota": {"figures": [{"id": "t", "metric": "people_honoured", "value": "45名"}],
        "stated_rules": [{"id": "r", "per": "届", "quote": "每届评选十佳", "yields": [{"quota": "十佳", "total": "t"}]}]},
    "more per year than the years allow": per_year("40名", "3年"),
    "fewer per year than the years need": per_year("20名", "3年"),
    "an upper-bound quota exceeded": contest("32名", "480名", quota="不超过10名"),
    "a money quota per person": {"figures": [{"id": "people", "metric": "people_benefited", "value": "200人"},
                                             {"id": "paid", "metric": "aid_funds", "value": "15万元"}],
        "stated_rules": [{"id": "grant", "per": "人", "units": ["people"], "quote": "每人补助500元",
                          "yields": [{"quota": "500元", "total": "paid"}]}]},
    "units counted as a product, too few": contest("12名", "96名", unit_figures=[
        {"id": "a-year", "metric": "contest_trades", "value": "3个"}, {"id": "years", "metric": "duration", "value": "2年"}],
        units=["a-year", "years"]),
}

SILENT = {
    "two quotas that agree": contest("12名", "96名"),
    "a round total that rounding lets agree (300多名 is (300, 400))": contest("32名", "300多名", quota="前10名"),
    "an approximate total that holds a multiple": contest("12名", "约100名"),
    "years that agree": per_year("30名", "3年"),
    "a range of years": per_year("40名", "3-4年"),
    "an upper-bound quota respected": contest("32名", "300名", quota="不超过10名"),
    "a money quota that agrees within rounding": {"figures": [{"id": "people", "metric": "people_benefited", "value": "200人"},
                                                              {"id": "paid", "metric": "aid_funds", "value": "10.2万元"}],
        "stated_rules": [{"id": "grant", "per": "人", "units": ["people"], "quote": "每人补助500元",
                          "yields": [{"quota": "500元", "total": "paid"}]}]},
    "units counted as a product that agree": contest("12名", "96名", unit_figures=[
        {"id": "a-year", "metric": "contest_trades", "value": "3-4个"}, {"id": "years", "metric": "duration", "value": "几年"}],
        units=["a-year", "years"]),
    "a quota given as a range": {"figures": [{"id": "t", "metric": "events_held", "value": "5次"}, {"id": "y", "metric": "duration", "value": "3年"}],
        "stated_rules": [{"id": "r", "per": "年", "units": ["y"], "quote": "每年召开1-2次", "yields": [{"quota": "1-2次", "total": "t"}]}]},
}


@pytest.mark.parametrize("name", FIRES)
def test_fires(uc307, vocab, name):
    found = run_example(uc307, vocab, FIRES[name])
    assert len(found) == 1, name
    assert "no whole number of" in found[0].message


@pytest.mark.parametrize("name", SILENT)
def test_near_misses_stay_silent(uc307, vocab, name):
    found = run_example(uc307, vocab, SILENT[name])
    assert found == [], found[0].message if found else ""


def test_message_shows_each_division_and_the_count(uc307, vocab):
    (f,) = run_example(uc307, vocab, contest("12名", "96名", unit_figures=[
        {"id": "a-year", "metric": "contest_trades", "value": "3个"}, {"id": "years", "metric": "duration", "value": "2年"}],
        units=["a-year", "years"]))
    assert "冠军 (a rank: 1) per 项目 → champions = 12名 [11.5, 12.5) ÷ 1 = [11.5, 12.5) 项目" in f.message
    assert "前8名 (the top 8) per 项目 → top = 96名 [95.5, 96.5) ÷ 8 = [11.9375, 12.0625) 项目" in f.message
    assert "counted: a-year = 3个 [2.5, 3.5) → 3 × years = 2年 [1.5, 2.5) → 2 = 6 项目" in f.message
    # the finding names the rule and every figure it rests on (a waiver lists them)
    assert [r.id for r in f.figures] == ["awards", "champions", "top", "a-year", "years"]
    assert f.figures[0].value == "冠军、前8名" and f.figures[0].interval is None


# ----------------------------------------------------------------------------- through the command line

SEED = textwrap.dedent(
    """\
    某市职工技能大赛

    大赛每年设立5个工种,各工种冠军授予市劳动模范,前8名晋升为技师。三年来,共评出市劳动模范15名,技师150名。
    """
)

ARTICLE = textwrap.dedent(
    """\
    article:
      id: contest
      seed: seeds/contest.txt
      title: 某市职工技能大赛
      region: 河南省
    figures:
      - id: trades-a-year
        subject: 职工技能大赛
        region: 河南省
        metric: contest_trades
        period: 每年
        value: 5个
        quote: 大赛每年设立5个工种
      - id: years
        subject: 职工技能大赛
        region: 河南省
        metric: duration
        period: 三年来
        value: 三年
        quote: 三年来,共评出市劳动模范15名
      - id: models
        subject: 职工技能大赛评出的劳动模范
        region: 河南省
        metric: people_honoured
        period: 三年来
        value: 15名
        quote: 共评出市劳动模范15名
      - id: technicians
        subject: 职工技能大赛晋升的技师
        region: 河南省
        metric: people_honoured
        period: 三年来
        value: 150名
        quote: 技师150名
    stated_rules:
      - id: contest-awards
        per: 工种
        units: [trades-a-year, years]
        quote: 各工种冠军授予市劳动模范,前8名晋升为技师
        yields:
          - {quota: 冠军, total: models}
          - {quota: 前8名, total: technicians}
    """
)


def contest_repo(tmp_path: Path, article: str = ARTICLE) -> Path:
    return write_repo(tmp_path, curated={"contest.yaml": article}, seeds={"contest.txt": SEED})


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_cli_reports_the_rule_at_its_line(tmp_path, run_cli):
    root = contest_repo(tmp_path)
    code, out, err = run_cli(root, "check", "--format", "json")
    assert code == 1, err
    (f,) = [f for f in findings_of(out) if f["code"] == "UC307"]
    assert (f["file"], f["line"]) == ("curated/contest.yaml", line_of(ARTICLE, "- id: contest-awards"))
    assert "÷ 8 = [18.125, 19.375) 工种" in f["message"] and "5个 [4.5, 5.5) → 5 × years = 三年 [2.5, 3.5) → 3 = 15 工种" in f["message"]
    assert f["figures"][0]["seed_line"] == 3


def test_cli_is_silent_when_the_totals_agree_and_coverage_counts_the_quotas(tmp_path, run_cli):
    root = contest_repo(tmp_path, ARTICLE.replace("value: 150名", "value: 120名").replace("技师150名", "技师120名"))
    (root / "seeds" / "contest.txt").write_text(SEED.replace("技师150名", "技师120名"), encoding="utf-8")
    code, out, err = run_cli(root, "check")
    assert code == 0, out + err
    code, out, _ = run_cli(root, "coverage", "--format", "json", "--list")
    uncovered = [u["literal"] for u in json.loads(out)[0]["uncovered"]]
    assert "前8名" not in uncovered and "8名" not in uncovered


def test_a_waiver_acknowledges_the_finding(tmp_path, run_cli):
    waived = ARTICLE + textwrap.dedent(
        """\
        waivers:
          - rule: UC307
            figures: [contest-awards, models, technicians, trades-a-year, years]
            reason: printed so in the source
        """
    )
    code, out, err = run_cli(contest_repo(tmp_path, waived), "check")
    assert code == 0, out + err


@pytest.mark.parametrize("change, needle, code, fragment", [
    (("    per: 工种\n", ""), "- id: contest-awards", "UC002", "missing or empty per"),
    (("    per: 工种\n", "    per: 工种\n    each: 1\n"), "each: 1", "UC007", "unknown key 'each' in stated rule"),
    (("{quota: 冠军, total: models}", "{quota: 冠军, total: modles}"), "total: modles", "UC002", "total 'modles' is not the id of a figure"),
    (("[trades-a-year, years]", "[trades-a-year, yeras]"), "units: [", "UC002", "unit count 'yeras' is not the id of a figure"),
    (("{quota: 冠军, total: models}", "{quota: 若干名, total: models}"), "quota: 若干名", "UC006", "quota '若干名' is not a count per unit"),
    (("{quota: 冠军, total: models}", "{quota: 冠军, totl: models}"), "totl: models", "UC007", "unknown key 'totl' in a yield"),
    (("- id: contest-awards", "- id: models"), "- id: models\n    per", "UC003", "also the id of a figure"),
    (("quote: 各工种冠军授予市劳动模范,前8名晋升为技师", "quote: 各工种亚军授予市劳动模范"), "quote: 各工种亚军", "UC501", "does not occur in seeds/contest.txt"),
    (("{quota: 前8名, total: technicians}", "{quota: 前9名, total: technicians}"), "quota: 前9名", "UC502", "quota '前9名' of stated rule contest-awards does not occur"),
])
def test_bad_stated_rules_are_findings_at_their_line(tmp_path, run_cli, change, needle, code, fragment):
    text = ARTICLE.replace(*change)
    assert text != ARTICLE
    root = contest_repo(tmp_path, text)
    inputs = lambda: {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".ucheck_cache" not in p.parts}  # the load cache is no input
    before = inputs()
    rc, out, err = run_cli(root, "check", "--format", "json")
    assert rc == 1 and "Traceback" not in out + err, err
    assert inputs() == before  # nothing written
    hits = [f for f in findings_of(out) if f["code"] == code and fragment in f["message"]]
    assert hits, [(f["code"], f["message"]) for f in findings_of(out)]
    where = text.index(needle)
    assert hits[0]["file"] == "curated/contest.yaml" and hits[0]["line"] == text[:where].count("\n") + 1


def test_rules_of_different_articles_are_checked_apart(tmp_path, run_cli):
    """The same rule id in two articles: each is checked on its own article's figures."""
    agreeing = ARTICLE.replace("id: contest\n", "id: contest-b\n").replace("seeds/contest.txt", "seeds/contest-b.txt")
    agreeing = agreeing.replace("value: 150名", "value: 120名").replace("技师150名", "技师120名")
    root = write_repo(tmp_path, curated={"contest.yaml": ARTICLE, "contest-b.yaml": agreeing},
                      seeds={"contest.txt": SEED, "contest-b.txt": SEED.replace("技师150名", "技师120名")})
    code, out, err = run_cli(root, "check", "--format", "json")
    hits = [f for f in findings_of(out) if f["code"] == "UC307"]
    assert [f["article"] for f in hits] == ["contest"], err


def test_stated_rules_must_be_a_list_of_mappings(tmp_path, run_cli):
    text = ARTICLE.split("stated_rules:")[0] + "stated_rules: {id: x}\n"
    rc, out, _ = run_cli(contest_repo(tmp_path, text), "check", "--format", "json")
    assert rc == 1
    assert any(f["code"] == "UC002" and "'stated_rules' must be a list" in f["message"] for f in findings_of(out))


def test_rule_command_shows_the_examples(run_cli):
    code, out, _ = run_cli(REPO, "rule", "UC307")
    assert code == 0
    assert "stated_rules" in out and "前8名" in out and "quota" in out


# ----------------------------------------------------------------------------- property: no false alarm

from hypothesis import given, settings, strategies as st  # noqa: E402

_ZH = "零一二三四五六七八九"


def _zh(n: int) -> str:
    """Chinese numerals for 1-99 (十, 十二, 二十, 三十五)."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _ZH[tens]) + "十" if tens else "") + (_ZH[ones] if ones or not tens else "")


@settings(max_examples=150, deadline=None)
@given(
    units=st.integers(1, 60),
    quotas=st.lists(st.tuples(st.integers(1, 30), st.sampled_from(["前{}名", "前{}位", "{}佳", "{}个", "rank"]), st.booleans()), min_size=1, max_size=3),
    by_product=st.booleans(),
)
def test_true_totals_never_fire(uc307, vocab, units, quotas, by_product):
    """Totals that are exactly quota × units, printed in any supported way, never give a finding."""
    figures, yields = [], []
    for i, (k, form, chinese) in enumerate(quotas):
        if form == "rank":
            k, literal = 1, "冠军"
        else:
            literal = form.format(_zh(k) if chinese and "个" not in form else k)
        figures.append({"id": f"t{i}", "metric": "people_honoured", "value": f"{k * units}名"})
        yields.append({"quota": literal, "total": f"t{i}"})
    rule = {"id": "r", "per": "项目", "quote": "、".join(y["quota"] for y in yields), "yields": yields}
    if by_product:
        a = next(d for d in range(int(units ** 0.5), 0, -1) if units % d == 0)
        figures += [{"id": "a", "metric": "contest_trades", "value": f"{a}个"}, {"id": "b", "metric": "duration", "value": f"{units // a}年"}]
        rule["units"] = ["a", "b"]
    found = run_example(uc307, vocab, {"figures": figures, "stated_rules": [rule]})
    assert found == [], found[0].message if found else ""
