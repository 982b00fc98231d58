"""Help with typos and vocabulary (issue 11, item 10) and the configuration checks of item 20.

* a misspelt metric, key, rule option or rule code is named with the closest known one ("did you
  mean 'patents_granted'?") -- in a curated file, a rule file, the configuration, --select/--ignore,
  a waiver and `ucheck rule`;
* --select/--ignore take a code prefix (UC1 = every UC1xx rule, as ruff does); a prefix that matches
  no rule is an error;
* -V is --version; --color=auto|always|never and FORCE_COLOR (force-color.org) beside NO_COLOR;
* `ucheck metrics [WORD]` lists and searches the metric vocabulary;
* `coverage --threshold` outside [0, 100] (or NaN) is a usage error; a pyproject.toml that cannot be
  read is an error naming it, never a silently skipped configuration.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ARTICLE, findings_of, write_repo

from ucheck import __version__
from ucheck.cli import main

# ----------------------------------------------------------------------------- did you mean


@pytest.mark.parametrize("word, known, expected", [
    ("UC1O1", ["UC101", "UC411", "UC110"], ["UC101"]),  # O typed for 0; the same places break the tie
    ("UC4O1", ["UC401", "UC421"], ["UC401"]),
    ("uc101", ["UC101"], ["UC101"]),  # case ignored
    ("selcet", ["select", "ignore", "seeds"], ["select"]),
    ("zzzz", ["select", "ignore"], []),
])
def test_closest(word, known, expected):
    from ucheck.suggest import closest, did_you_mean

    assert closest(word, known) == expected
    assert did_you_mean(word, known) == (f" (did you mean {expected[0]!r}?)" if expected else "")


def test_unknown_metric_in_a_curated_file_names_the_closest(tmp_path, run_cli):
    root = write_repo(tmp_path, curated={"demo.yaml": ARTICLE.replace("metric: patents_granted", "metric: patent_granted")})
    code, out, _ = run_cli(root, "check")
    assert code == 1
    assert "UC004" in out and "unknown metric 'patent_granted'" in out and "did you mean 'patents_granted'?" in out


def test_unknown_key_in_a_curated_file_names_the_closest(tmp_path, run_cli):
    text = ARTICLE.replace("    period: 近5年来\n    value: 1.1万项", "    perod: 近5年来\n    value: 1.1万项")
    text = text.replace("  title: 河南省总工会工作综述", "  titel: 河南省总工会工作综述")
    root = write_repo(tmp_path, curated={"demo.yaml": text})
    _, out, _ = run_cli(root, "check")
    assert "unknown key 'perod'" in out and "did you mean 'period'?" in out
    assert "unknown key 'titel'" in out and "did you mean 'title'?" in out


@pytest.mark.parametrize("rules, message", [
    ("metircs:\n  x: {kind: count, units: [个]}\n", "unknown top-level key 'metircs' (did you mean 'metrics'?)"),
    ("metrics:\n  my_count: {kind: count, unit: [个]}\n", "unknown key 'unit' (did you mean 'units'?)"),
    ("regions:\n  某市: {parent: 河南省, levle: city}\n", "unknown key 'levle' (did you mean 'level'?)"),
    (textwrap.dedent("""\
        rules:
          - code: UC901
            name: my-rule
            kind: literal
            summary: s
            rationale: r
            patern: '多'
        """), "unknown key 'patern' for a literal rule (did you mean 'pattern'?)"),
])
def test_unknown_key_or_option_in_a_rule_file_names_the_closest(tmp_path, run_cli, rules, message):
    root = write_repo(tmp_path, rules={"local.yaml": rules})
    code, _, err = run_cli(root, "check")
    assert code == 2
    assert "rules/local.yaml:" in err and message in err


@pytest.mark.parametrize("flag", ["level_can_be_negative", "mixed"])
def test_a_flag_of_a_metric_that_is_not_true_or_false_is_refused_at_its_line(tmp_path, run_cli, flag):
    rules = f"metrics:\n  profit_growth:\n    kind: growth\n    units: ['%']\n    {flag}: maybe\n    zh: 利润增速\n    en: profit growth\n"
    code, _, err = run_cli(write_repo(tmp_path, rules={"local.yaml": rules}), "check")
    assert code == 2 and "rules/local.yaml:5:" in err and f"{flag} must be true or false, not 'maybe'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("key", ["per_resident_max", "per_resident_min", "growth_max"])
@pytest.mark.parametrize("given", ["'one'", "0", "-2", ".nan", "true", "[1]"])
def test_a_per_resident_bound_that_is_not_a_positive_number_is_refused_at_its_line(tmp_path, run_cli, given, key):
    rules = f"metrics:\n  stalls:\n    kind: count\n    units: [个]\n    {key}: {given}\n    zh: 摊位数\n    en: stalls\n"
    code, _, err = run_cli(write_repo(tmp_path, rules={"local.yaml": rules}), "check")
    assert code == 2 and "rules/local.yaml:5:" in err and f"{key} must be a positive number" in err
    assert "Traceback" not in err


_NATIONAL = "    national:\n      source: 某统计局\n      range: {range}\n      values: {values}\n"


@pytest.mark.parametrize("range_, values, message", [
    ("[0.125, 4]", "{2016: -5}", "each value must be a year (2016) mapped to a positive number"),
    ("[0.125, 4]", "{二〇一六: 23821}", "each value must be a year (2016) mapped to a positive number"),
    ("[0.125, 4]", "{1800: 23821}", "each value must be a year (2016) mapped to a positive number"),
    ("[0.125, 4]", "[23821]", "values must map a year (2016) to the national figure of that year"),
    ("[2, 4]", "{2016: 23821}", "range must be [low, high] times the national figure, low < 1 < high"),
    ("[0.5]", "{2016: 23821}", "range must be [low, high] times the national figure, low < 1 < high"),
    ("[0, 4]", "{2016: 23821}", "range must be [low, high] times the national figure, low < 1 < high"),
])
def test_national_figures_that_are_not_years_and_numbers_are_refused_at_their_line(tmp_path, run_cli, range_, values, message):
    rules = "metrics:\n  wage_per_capita:\n    kind: money\n    units: [元]\n" + _NATIONAL.format(range=range_, values=values)
    code, _, err = run_cli(write_repo(tmp_path, rules={"local.yaml": rules}), "check")
    line = 8 if "values must" in message or "each value" in message else 7
    assert code == 2 and f"rules/local.yaml:{line}:" in err and message in err, err
    assert "Traceback" not in err


def test_national_accrues_is_true_or_false(tmp_path, run_cli):
    rules = ("metrics:\n  ratio_at_year_end:\n    kind: ratio\n    units: ['']\n"
             + _NATIONAL.format(range="[0.75, 1.4]", values="{2024: 104.34}") + "      accrues: sometimes\n")
    code, _, err = run_cli(write_repo(tmp_path, rules={"local.yaml": rules}), "check")
    assert code == 2 and "rules/local.yaml:9:" in err and "national: accrues must be true or false, not 'sometimes'" in err, err


def test_national_needs_its_source(tmp_path, run_cli):
    rules = "metrics:\n  wage_per_capita:\n    kind: money\n    units: [元]\n    national: {range: [0.5, 2], values: {2016: 6.7}}\n"
    code, _, err = run_cli(write_repo(tmp_path, rules={"local.yaml": rules}), "check")
    assert code == 2 and "rules/local.yaml:5:" in err and "national needs 'source'" in err


def test_a_local_metric_declares_its_national_figures_and_uc424_judges_it(tmp_path, run_cli):
    """The national figures are data on the metric: a curator's own per-capita metric (here an
    average wage) gets the prior by declaring them; the months of a figure's period scale them."""
    rules = ("metrics:\n  average_wage:\n    kind: money\n    units: [元]\n    zh: 平均工资\n    en: average wage\n"
             + _NATIONAL.format(range="[0.5, 2]", values="{2016: 67569}"))
    seed = "全市城镇非私营单位就业人员平均工资68000元。上半年平均工资3.4万元。一季度平均工资16万元。\n"
    article = ARTICLE.split("figures:")[0] + textwrap.dedent(
        """\
        figures:
          - {id: year, subject: 城镇非私营单位, region: 河南省, metric: average_wage, period: 全年, period_norm: "2016", value: 68000元, quote: 全市城镇非私营单位就业人员平均工资68000元}
          - {id: half, subject: 城镇非私营单位, region: 河南省, metric: average_wage, period: 上半年, period_norm: 2016-01/2016-06, value: 3.4万元, quote: 上半年平均工资3.4万元}
          - {id: quarter, subject: 城镇非私营单位, region: 河南省, metric: average_wage, period: 一季度, period_norm: 2016-01/2016-03, value: 16万元, quote: 一季度平均工资16万元}
        """)
    root = write_repo(tmp_path, curated={"demo.yaml": article}, seeds={"demo.txt": seed}, rules={"local.yaml": rules})
    code, out, _ = run_cli(root, "check", "--select", "UC424", "--format", "concise")
    assert code == 1
    hits = [line for line in out.splitlines() if "UC424" in line]
    # a quarter is 3/12 of 67569元 = 16892元: 16万元 is 9.5 times it; the year and the half-year are near 1
    assert len(hits) == 1 and "'16万元' (average wage of 城镇非私营单位, 一季度) is 9.5 times the national figure" in hits[0], hits
    assert "national 67569元 (2016, 某统计局) × 3/12 = 16892元" in hits[0]


_GROUPS = ("metrics:\n  income:\n    kind: money\n    units: [元]\n    zh: 收入\n    en: income\n"
           "    national:\n      source: 某统计局\n      range: [0.125, 4]\n      values: {{2016: 23821}}\n      groups:\n{groups}")


@pytest.mark.parametrize("groups, line, message", [
    ("        - {name: 城镇居民, subjects: [城镇], range: [0.3, 3]}\n", 12, "national: groups needs 'values'"),
    ("        - {name: 城镇居民, subjects: [], range: [0.3, 3], values: {2016: 33616}}\n", 12, "subjects must list the words of a subject"),
    ("        - {subjects: [城镇], range: [0.3, 3], values: {2016: 33616}}\n", 12, "each group needs a name"),
    ("        - {name: 城镇居民, subjects: [城镇], range: [3, 4], values: {2016: 33616}}\n", 12, "national: groups: range must be [low, high]"),
    ("        - {name: 城镇居民, subjects: [城镇], range: [0.3, 3], values: {2016: 33616}, weight: 2}\n", 12, "unknown key 'weight'"),
    ("        - {name: 城镇居民, subjects: [城镇], range: [0.3, 3], values: {2016: 33616}}\n"
     "        - {name: 镇居民, subjects: [城镇], range: [0.3, 3], values: {2016: 33616}}\n", 13, "'城镇' selects two groups"),
    ("        城镇居民: {subjects: [城镇]}\n", 11, "groups must be a list of groups of residents"),
])
def test_national_groups_that_are_malformed_are_refused_at_their_line(tmp_path, run_cli, groups, line, message):
    code, _, err = run_cli(write_repo(tmp_path, rules={"local.yaml": _GROUPS.format(groups=groups)}), "check")
    assert code == 2 and f"rules/local.yaml:{line}:" in err and message in err, err
    assert "Traceback" not in err


def test_a_group_of_residents_is_judged_against_its_own_national_figure(tmp_path, run_cli):
    """Urban residents' income is compared with the national urban figure within the group's range;
    a figure whose subject names no group keeps the metric's own figure and range."""
    groups = ("        - {name: 城镇居民, subjects: [城镇], source: 某统计局城镇调查, range: [0.5, 2], values: {2016: 33616}}\n")
    seed = "城镇居民人均可支配收入10000元。全体居民人均可支配收入10000元。\n"
    article = ARTICLE.split("figures:")[0] + textwrap.dedent(
        """\
        figures:
          - {id: urban, subject: 城镇居民, region: 河南省, metric: income, period: 全年, period_norm: "2016", value: 10000元, quote: 城镇居民人均可支配收入10000元}
          - {id: all, subject: 全体居民, region: 河南省, metric: income, period: 全年, period_norm: "2016", value: 10000元, quote: 全体居民人均可支配收入10000元}
        """)
    root = write_repo(tmp_path, curated={"demo.yaml": article}, seeds={"demo.txt": seed}, rules={"local.yaml": _GROUPS.format(groups=groups)})
    code, out, _ = run_cli(root, "check", "--select", "UC424", "--format", "concise")
    hits = [line for line in out.splitlines() if "UC424" in line]
    # 10000 ÷ 33616 = 0.3, below the group's 0.5; 10000 ÷ 23821 = 0.42, within the metric's 1/8 to 4
    assert code == 1 and len(hits) == 1, out
    assert "(income of 城镇居民, 全年) is 0.3 times the national figure" in hits[0] and "outside 0.5–2 times it" in hits[0]
    assert "national 城镇居民 33616元 (2016, 某统计局城镇调查)" in hits[0]


@pytest.mark.parametrize("given", ["兰坪县", "[兰坪县, 3]", "['']", "{a: b}"])
def test_aliases_that_are_not_a_list_of_names_are_refused_at_their_line(tmp_path, run_cli, given):
    """Aliases name the region for the checks now: a bare text would make each of its characters one."""
    rules = f"regions:\n  兰坪白族普米族自治县:\n    parent: 云南省\n    level: county\n    aliases: {given}\n"
    code, _, err = run_cli(write_repo(tmp_path, rules={"local.yaml": rules}), "check")
    assert code == 2 and "rules/local.yaml:5:" in err and "aliases must be a list of names" in err
    assert "Traceback" not in err


def test_a_local_metric_declares_its_per_resident_ceiling_and_uc423_judges_it(tmp_path, run_cli):
    """The ceiling is data on the metric: a curator's own metric gets the prior by declaring it."""
    rules = "metrics:\n  stalls:\n    kind: count\n    units: [个]\n    per_resident_max: 0.01\n    zh: 摊位数\n    en: market stalls\n"
    seed = "全省共有集贸市场摊位120万个。全省有摊位12万个。\n"
    article = ARTICLE.split("figures:")[0] + textwrap.dedent(
        """\
        figures:
          - {id: many, subject: 集贸市场, region: 河南省, metric: stalls, period: "", value: 120万个, quote: 全省共有集贸市场摊位120万个}
          - {id: few, subject: 集贸市场, region: 河南省, metric: stalls, period: "", value: 12万个, quote: 全省有摊位12万个}
        """)
    root = write_repo(tmp_path, curated={"demo.yaml": article}, seeds={"demo.txt": seed}, rules={"local.yaml": rules})
    code, out, _ = run_cli(root, "check", "--select", "UC423", "--format", "concise")
    assert code == 1
    hits = [line for line in out.splitlines() if "UC423" in line]
    # Henan's census population is 9936.6万: 120万 stalls are more than 0.01 a resident (99.4万), 12万 are not
    assert len(hits) == 1 and "'120万个' (market stalls of 集贸市场) is more than 0.01 per resident of 河南省" in hits[0]


def test_a_local_money_metric_declares_its_ceiling_in_yuan_and_uc432_judges_it(tmp_path, run_cli):
    """The same ceiling on money is in 元 a resident, and only money is judged by UC432 (counts by UC423)."""
    rules = "metrics:\n  stall_fees:\n    kind: money\n    units: [元]\n    per_resident_max: 100\n    zh: 摊位费\n    en: stall fees\n"
    seed = "全省收取摊位费120亿元。全省收取摊位费12亿元。\n"
    article = ARTICLE.split("figures:")[0] + textwrap.dedent(
        """\
        figures:
          - {id: much, subject: 集贸市场, region: 河南省, metric: stall_fees, period: "", value: 120亿元, quote: 全省收取摊位费120亿元}
          - {id: less, subject: 集贸市场, region: 河南省, metric: stall_fees, period: "", value: 12亿元, quote: 全省收取摊位费12亿元}
        """)
    root = write_repo(tmp_path, curated={"demo.yaml": article}, seeds={"demo.txt": seed}, rules={"local.yaml": rules})
    code, out, _ = run_cli(root, "check", "--select", "UC423,UC432", "--format", "concise")
    assert code == 1
    hits = [line for line in out.splitlines() if "UC4" in line]
    # 100元 for each of Henan's 9936.6万 residents is 99.4亿: 120亿 is more, 12亿 is not
    assert len(hits) == 1 and "UC432" in hits[0]
    assert "'120亿元' (stall fees of 集贸市场) is more than 100元 per resident of 河南省" in hits[0]


def test_unknown_key_and_rule_in_the_configuration_name_the_closest(repo, run_cli):
    (repo / "ucheck.toml").write_text('selcet = ["UC101"]\n', encoding="utf-8")
    code, _, err = run_cli(repo, "check")
    assert code == 2 and "ucheck.toml:1:" in err and "unknown key 'selcet' (did you mean 'select'?)" in err
    (repo / "ucheck.toml").write_text('select = ["UC1O1"]\n', encoding="utf-8")
    code, _, err = run_cli(repo, "check")
    assert code == 2 and "ucheck.toml:1:" in err and "unknown rule 'UC1O1' (did you mean 'UC101'?)" in err
    (repo / "ucheck.toml").write_text('[severity]\napproximator-after-nonround-numbr = "error"\n', encoding="utf-8")
    code, _, err = run_cli(repo, "check")
    assert code == 2 and "did you mean 'approximator-after-nonround-number'?" in err


def test_unknown_rule_on_the_command_line_names_the_closest(repo, run_cli):
    code, _, err = run_cli(repo, "check", "--select", "UC1O1")
    assert code == 2 and "unknown rule 'UC1O1' in --select" in err and "did you mean 'UC101'?" in err
    code, _, err = run_cli(repo, "check", "--ignore", "benefit-per-patent-implausable")
    assert code == 2 and "did you mean 'benefit-per-patent-implausible'?" in err
    code, _, err = run_cli(repo, "rule", "approximator-after-nonround")
    assert code == 2 and "did you mean 'approximator-after-nonround-number'?" in err


def test_a_waiver_of_an_unknown_rule_is_an_invalid_waiver(tmp_path, run_cli):
    text = ARTICLE + "waivers:\n  - rule: UC4O1\n    figures: [benefit, patents]\n    reason: printed so in the source\n"
    root = write_repo(tmp_path, curated={"demo.yaml": text})
    code, out, _ = run_cli(root, "check")
    line = text.splitlines().index("  - rule: UC4O1") + 1
    assert code == 1
    assert f"curated/demo.yaml:{line}:" in out and "UC009" in out
    assert "unknown rule 'UC4O1' (did you mean 'UC401'?)" in out


# ----------------------------------------------------------------------------- --select by prefix


def _codes(out: str) -> set[str]:
    return {f["code"] for f in findings_of(out)}


def test_select_and_ignore_by_prefix(repo, run_cli):
    _, everything, _ = run_cli(repo, "check", "--format", "json")
    assert {"UC101", "UC401"} <= _codes(everything)
    code, out, err = run_cli(repo, "check", "--format", "json", "--select", "UC1")
    assert code == 1, err
    assert _codes(out) and all(c.startswith("UC1") for c in _codes(out))
    _, out, _ = run_cli(repo, "check", "--format", "json", "--ignore", "UC4")
    assert "UC101" in _codes(out) and not any(c.startswith("UC4") for c in _codes(out))
    _, out, _ = run_cli(repo, "check", "--format", "json", "--select", "UC", "--ignore", "UC10")
    assert "UC401" in _codes(out) and not any(c.startswith("UC10") for c in _codes(out))


def test_a_prefix_that_matches_no_rule_is_an_error(repo, run_cli):
    code, _, err = run_cli(repo, "check", "--select", "UC9")
    assert code == 2 and "'UC9'" in err and "matches no rule" in err
    (repo / "ucheck.toml").write_text('ignore = ["UC8"]\n', encoding="utf-8")
    code, _, err = run_cli(repo, "check")
    assert code == 2 and "ucheck.toml:1:" in err and "matches no rule" in err


def test_a_prefix_in_the_configuration(repo, run_cli):
    (repo / "ucheck.toml").write_text('select = ["UC4"]\n', encoding="utf-8")
    _, out, _ = run_cli(repo, "check", "--format", "json")
    assert _codes(out) and all(c.startswith("UC4") for c in _codes(out))


# ----------------------------------------------------------------------------- -V, colour


def test_dash_capital_v_prints_the_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["-V"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"ucheck {__version__}"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("mode, env, tty, expected", [
    ("auto", {}, True, True),
    ("auto", {}, False, False),
    ("auto", {"NO_COLOR": "1"}, True, False),
    ("auto", {"FORCE_COLOR": "1"}, False, True),
    ("auto", {"FORCE_COLOR": "0"}, False, True),  # force-color.org: any non-empty value
    ("auto", {"FORCE_COLOR": ""}, False, False),
    ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),  # NO_COLOR wins, as in pytest
    ("always", {"NO_COLOR": "1"}, False, True),  # the flag wins over the environment
    ("never", {"FORCE_COLOR": "1"}, True, False),
])
def test_use_colour(monkeypatch, mode, env, tty, expected):
    from ucheck.report.text import use_colour

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert use_colour(_Tty() if tty else io.StringIO(), mode) is expected


def test_color_option_and_force_color(repo, run_cli, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    _, out, _ = run_cli(repo, "report")
    assert "\033[" not in out  # not a terminal
    _, out, _ = run_cli(repo, "report", "--color", "always")
    assert "\033[" in out
    _, out, _ = run_cli(repo, "report", "--color=never")
    assert "\033[" not in out
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = run_cli(repo, "report")
    assert "\033[" in out
    _, out, _ = run_cli(repo, "check", "--format", "json")
    assert "\033[" not in out  # only the full format is coloured
    _, out, _ = run_cli(repo, "report", "--color", "never")
    assert "\033[" not in out
    with pytest.raises(SystemExit) as exc:
        main(["report", "--color", "sometimes"])
    assert exc.value.code == 2


# ----------------------------------------------------------------------------- ucheck metrics


def test_metrics_lists_the_vocabulary(repo, run_cli):
    from ucheck.paths import packaged_rules_dir
    from ucheck.ruleset import load_rules

    vocab = load_rules([packaged_rules_dir()], repo)
    code, out, _ = run_cli(repo, "metrics", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == sorted(vocab.metrics)
    row = next(r for r in rows if r["id"] == "patents_granted")
    m = vocab.metrics["patents_granted"]
    words = sorted(w for w, metric in vocab.keywords.items() if metric == "patents_granted")  # the draft's keywords for it
    assert "专利" in words
    assert row == {"id": "patents_granted", "zh": m["zh"], "en": m["en"], "words": words, "kind": m["kind"], "units": m["units"],
                   "additive": m["additive"], "nonnegative": m["nonnegative"], "growth_basis": None, "related": dict(m["related"]),
                   "mixed": False, "per_resident_max": m["per_resident_max"], "per_resident_min": None, "growth_max": None, "level_can_be_negative": False,
                   "national": None,
                   "file": "library/" + Path(m["file"]).name}  # the packaged library, by name
    # what a curator's own metric copies is shown: the growth basis of a level and of its growth
    va = {r["id"]: r for r in rows}
    assert va["value_added"]["growth_basis"] == va["value_added_growth"]["growth_basis"] == "real"
    assert va["output"]["mixed"] is True
    # the bounds a region's own total keeps per resident (UC432, UC435), in 元
    assert (va["gdp"]["per_resident_min"], va["gdp"]["per_resident_max"]) == (100, 2000000)
    # the national table of a per-capita figure (UC424), with its groups, as the README says
    income = va["disposable_income_per_capita"]["national"]
    assert income["values"]["2024"] == 41314 and [g["name"] for g in income["groups"]] == ["城镇居民", "农村居民"]
    code, out, _ = run_cli(repo, "metrics")
    assert code == 0
    assert len(out.splitlines()) == len(vocab.metrics) + 1  # a header, then a line a metric
    assert "patents_granted" in out and m["zh"] in out


@pytest.mark.parametrize("word, expected", [
    ("patent", "patents_granted"),  # part of the id
    ("PATENTS", "patents_granted"),  # case does not matter
    ("专利", "patents_granted"),  # part of the Chinese label
    ("接待", "petitions_handled"),  # a keyword of the draft's lexicon, in no label (接待职工来访)
    ("驿站", "service_centres"),
])
def test_metrics_searches_by_a_word(repo, run_cli, word, expected):
    code, out, _ = run_cli(repo, "metrics", word, "--format", "json")
    ids = [r["id"] for r in json.loads(out)]
    assert code == 0 and expected in ids
    assert all(word.lower() in (r["id"] + r["zh"] + r["en"] + "".join(r["words"])).lower() for r in json.loads(out))


def test_metrics_without_a_match_suggests_and_exits_1(repo, run_cli):
    code, out, err = run_cli(repo, "metrics", "patnets_granted")
    assert code == 1 and out == ""
    assert "no metric matches 'patnets_granted'" in err and "did you mean 'patents_granted'" in err


def test_metrics_shows_local_metrics(tmp_path, run_cli):
    local = "metrics:\n  stations_built: {kind: count, units: [个], additive: true, zh: 驿站建成数, en: stations built}\n"
    root = write_repo(tmp_path, rules={"local.yaml": local})
    code, out, _ = run_cli(root, "metrics", "驿站")
    assert code == 0 and "stations_built" in out and "rules/local.yaml" in out


def test_metrics_does_not_import_pandas(repo):
    probe = ("import sys\nfrom ucheck.cli import main\nmain(sys.argv[1:])\nsys.stdout.flush()\n"
             "print('HEAVY:' + ','.join(m for m in ('pandas', 'pandera') if m in sys.modules), file=sys.stderr)\n")
    r = subprocess.run([sys.executable, "-c", probe, "metrics", "专利"], cwd=repo, capture_output=True, text=True, timeout=120)
    assert r.stderr.rstrip().endswith("HEAVY:"), r.stderr


# ----------------------------------------------------------------------------- ucheck regions


def test_regions_lists_the_gazetteer_with_populations(repo, run_cli):
    """A curator of a text from a region looks it up before adding it (a county not in the library)."""
    from ucheck.paths import packaged_rules_dir
    from ucheck.ruleset import load_rules

    vocab = load_rules([packaged_rules_dir()], repo)
    code, out, _ = run_cli(repo, "regions", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert sorted(r["id"] for r in rows) == sorted(vocab.regions)
    hubei = next(r for r in rows if r["id"] == "湖北省")
    assert hubei["level"] == "province" and hubei["parent"] == "中国" and hubei["population"] == "57752557人" and hubei["year"] == "2020"
    assert hubei["file"].startswith("library/regions.yaml:")
    code, out, _ = run_cli(repo, "regions")
    assert code == 0 and len(out.splitlines()) == len(vocab.regions) + 1
    assert "湖北省" in out and "57752557人 (2020)" in out


def test_regions_searches_names_and_parents_and_shows_local_ones(tmp_path, run_cli):
    local = ("regions:\n  兰坪白族普米族自治县: {parent: 怒江傈僳族自治州, level: county, aliases: [兰坪县]}\n"
             "  怒江傈僳族自治州: {parent: 云南省, level: city}\n")
    root = write_repo(tmp_path, rules={"local.yaml": local})
    code, out, _ = run_cli(root, "regions", "兰坪县", "--format", "json")  # by an alias
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["兰坪白族普米族自治县"]
    assert json.loads(out)[0]["file"] == "rules/local.yaml:2" and json.loads(out)[0]["population"] == ""
    code, out, _ = run_cli(root, "regions", "怒江傈僳族自治州", "--format", "json")  # itself and what it contains
    assert {r["id"] for r in json.loads(out)} == {"怒江傈僳族自治州", "兰坪白族普米族自治县"}
    code, out, err = run_cli(root, "regions", "湖址省")
    assert code == 1 and out == "" and "no region matches '湖址省'" in err and "did you mean" in err


# ----------------------------------------------------------------------------- item 20: configuration


@pytest.mark.parametrize("value", ["nan", "NaN", "-1", "101", "inf", "-inf", "ninety"])
def test_coverage_threshold_outside_0_to_100_is_a_usage_error(repo, capsys, monkeypatch, value):
    monkeypatch.chdir(repo)
    with pytest.raises(SystemExit) as exc:
        main(["coverage", f"--threshold={value}"])  # "-inf" alone would read as an option
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "argument --threshold:" in err
    assert ("between 0 and 100" in err) if value != "ninety" else ("not a number" in err)


@pytest.mark.parametrize("value", ["0", "100", "92.5"])
def test_coverage_threshold_inside_0_to_100_is_accepted(repo, run_cli, value):
    code, _, err = run_cli(repo, "coverage", "--threshold", value)
    assert code in (0, 1) and "error" not in err


@pytest.mark.parametrize("value", ["nan", "-1", "101", "inf"])
def test_coverage_threshold_of_the_configuration_is_checked_too(repo, run_cli, value):
    (repo / "ucheck.toml").write_text(f"coverage-threshold = {value}\n", encoding="utf-8")
    code, _, err = run_cli(repo, "coverage")
    assert code == 2 and "ucheck.toml:1:" in err and "coverage-threshold" in err


def _pyproject(root: Path, body: bytes) -> Path:
    p = root / "pyproject.toml"
    p.write_bytes(b'[project]\nname = "data"\n\n[tool.ucheck]\n' + body)
    return p


def test_an_unreadable_pyproject_is_an_error_naming_it(repo, run_cli, monkeypatch):
    import os

    p = _pyproject(repo, b'fail-level = "error"\n')
    # as for a file of mode 000 read by another user (these tests may run as root, who reads anything)
    real_open, real_bytes = os.open, Path.read_bytes

    def refuse(path):
        if Path(path).name == "pyproject.toml":
            raise PermissionError(13, "Permission denied", str(path))

    def os_open(path, *a, **k):
        refuse(path)
        return real_open(path, *a, **k)

    def read_bytes(self):
        refuse(self)
        return real_bytes(self)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: read_bytes(self).decode(*a, **k))
    code, out, err = run_cli(repo, "check")
    assert code == 2 and out == ""
    assert err.startswith("ucheck: error: pyproject.toml") and "Permission denied" in err
    assert p.exists()


def test_a_pyproject_that_is_not_utf8_is_an_error_naming_it(repo, run_cli):
    _pyproject(repo, b'fail-level = "error"\n# caf\xe9\n')
    code, out, err = run_cli(repo, "check")
    assert code == 2 and out == ""
    assert "pyproject.toml" in err and "UTF-8" in err


@pytest.mark.parametrize("text", [
    '[project]\nname = "x\n[tool.ucheck]\nfail-level = "error"\n',  # broken elsewhere
    '\ufeff[tool.ucheck]\nfail-level = "error"\n',  # a byte-order mark before the table
    '["tool".ucheck]\nfail-level = "error"\n',  # a quoted part of the header
    '[tool]\nucheck = {fail-level = "error"}\nbroken = \n',
])
def test_an_invalid_pyproject_that_configures_ucheck_is_an_error(repo, run_cli, text):
    (repo / "pyproject.toml").write_text(text, encoding="utf-8")
    code, out, err = run_cli(repo, "check")
    if code != 2:  # read as TOML: the configuration must then apply (fail-level = error: warnings pass)
        assert code == 0, (code, err)
    else:
        assert out == "" and "pyproject.toml" in err and "invalid TOML" in err


def test_a_quoted_tool_ucheck_header_is_read(repo, run_cli):
    (repo / "pyproject.toml").write_text('["tool".ucheck]\nfail-level = "error"\n', encoding="utf-8")
    code, _, err = run_cli(repo, "check")
    assert code == 0, err  # the configuration applies: warnings do not fail at fail-level error


# ----------------------------------------------------------------------------- rules, rule, metrics in Chinese


def test_rules_and_rule_speak_the_language_asked_for(repo, run_cli):
    from ucheck.paths import packaged_rules_dir
    from ucheck.ruleset import load_rules

    uc401 = next(r for r in load_rules([packaged_rules_dir()], None).rules if r.code == "UC401")
    code, out, _ = run_cli(repo, "rules", "--lang", "zh")
    line = next(x for x in out.splitlines() if x.startswith("UC401 "))
    assert code == 0 and line.endswith(uc401.text("summary", "zh")) and uc401.text("summary", "zh") != uc401.summary
    _, out, _ = run_cli(repo, "rules")
    assert next(x for x in out.splitlines() if x.startswith("UC401 ")).endswith(uc401.summary)
    rows = json.loads(run_cli(repo, "rules", "--lang", "zh", "--format", "json")[1])
    assert next(r for r in rows if r["code"] == "UC401")["summary"] == uc401.text("summary", "zh")
    code, out, _ = run_cli(repo, "rule", "UC401", "--lang", "zh")
    assert code == 0 and "\n## 作用\n" in out and "元/项，低于 1,000 元/项的下限" in out
    _, out, _ = run_cli(repo, "rule", "UC401")
    assert "\n## What it does\n" in out and "below the floor of 1,000 元/项" in out


def test_rules_take_the_language_of_the_configuration(repo, run_cli):
    (repo / "ucheck.toml").write_text('lang = "zh"\n', encoding="utf-8")
    _, out, _ = run_cli(repo, "rule", "UC101")
    assert "\n## 作用\n" in out
    _, out, _ = run_cli(repo, "rule", "UC101", "--lang", "en")  # the option wins
    assert "\n## What it does\n" in out


def test_metrics_show_both_labels_whatever_the_language(repo, run_cli):
    assert run_cli(repo, "metrics", "专利", "--lang", "zh") == run_cli(repo, "metrics", "专利", "--lang", "en")
