"""End to end through the command line, on small repositories written for each test."""

from __future__ import annotations

import json

import pytest

from conftest import ARTICLE, findings_of, write_repo

REQUIRED = {"code", "name", "severity", "article", "file", "line", "message", "figures", "waived", "waiver_reason"}


def test_check_finds_the_mission_examples_with_arithmetic(repo, run_cli):
    code, out, err = run_cli(repo, "check")
    assert code == 1, err
    lines = out.splitlines()
    benefit = [l for l in lines if "UC401" in l]
    assert len(benefit) == 1
    # the arithmetic is shown: both literals, their intervals and the quotient's interval
    assert "290多万元 (290万, 300万)" in benefit[0] and "1.1万项 [1.05万, 1.15万)" in benefit[0]
    assert "benefit / patents >= 1000" in benefit[0]
    assert benefit[0].startswith("curated/demo.yaml:")
    malformed = [l for l in lines if "UC101" in l]
    assert len(malformed) == 1 and "15多家" in malformed[0]


def test_report_json_has_the_documented_fields(repo, run_cli):
    code, out, _ = run_cli(repo, "report", "--format", "json")
    assert code == 0
    data = findings_of(out)
    assert isinstance(data, list) and data
    for f in data:
        assert REQUIRED <= set(f)
        for fig in f["figures"]:
            assert {"id", "value", "quote"} <= set(fig)
    ben = next(f for f in data if f["code"] == "UC401")
    assert {x["id"] for x in ben["figures"]} == {"benefit", "patents"}
    assert {x["quote"] for x in ben["figures"]} == {"创直接经济效益290多万元", "全省各类创新工作室共取得国家专利1.1万项"}
    assert ben["article"] == "demo" and ben["file"] == "curated/demo.yaml"


def test_report_groups_by_article_and_shows_quotes(repo, run_cli):
    code, out, _ = run_cli(repo, "report")
    assert code == 0
    assert out.count("demo  (curated/demo.yaml)") == 1
    assert "“创直接经济效益290多万元”" in out
    assert "seed line 3" in out


def test_waived_findings_are_listed_in_report_and_do_not_fail_check(tmp_path, run_cli):
    waived = ARTICLE + (
        "waivers:\n"
        "  - rule: UC401\n    figures: [benefit, patents]\n    reason: printed so in the source; 290多亿元 is likely meant\n"
        "  - rule: UC101\n    figures: [harmony-enterprises]\n    reason: printed so in the source\n"
    )
    root = write_repo(tmp_path, curated={"demo.yaml": waived})
    code, out, _ = run_cli(root, "check")
    assert code == 0, out
    assert "UC401" not in out
    code, out, _ = run_cli(root, "report")
    assert "[acknowledged: printed so in the source; 290多亿元 is likely meant]" in out
    data = findings_of(run_cli(root, "report", "--format", "json")[1])
    ben = next(f for f in data if f["code"] == "UC401")
    assert ben["waived"] is True and ben["waiver_reason"].startswith("printed so")
    code, out, _ = run_cli(root, "check", "--no-waivers")
    assert code == 1 and "UC401" in out


def test_a_literal_the_source_misprints_is_curated_as_printed_and_its_uc006_waived(tmp_path, run_cli):
    """原煤产量同比下降14..3% (a doubled point in the source): curated as printed, UC006 names the
    figure, and a waiver naming it acknowledges the finding; the gate passes, the report lists it."""
    seed = "某县经济\n\n原煤产量1657.8万吨，同比下降14..3%。\n"
    text = ("article:\n  id: coal\n  seed: seeds/coal.txt\n  title: 某县经济\n  region: 河南省\nfigures:\n"
            "  - id: coal\n    subject: 原煤产量\n    region: 河南省\n    metric: output\n    period: 上半年\n    value: 1657.8万吨\n"
            "    quote: 原煤产量1657.8万吨\n"
            "  - id: coal-growth\n    subject: 原煤产量\n    region: 河南省\n    metric: output_growth\n    period: 上半年\n"
            "    value: 14..3%\n    quote: 同比下降14..3%\n    of: coal\n    base: 同比\n")
    root = write_repo(tmp_path, curated={"coal.yaml": text}, seeds={"coal.txt": seed})
    code, out, _ = run_cli(root, "report", "--format", "json")
    (uc006,) = [f for f in findings_of(out) if f["code"] == "UC006"]
    assert [x["id"] for x in uc006["figures"]] == ["coal-growth"] and not uc006["waived"]
    assert uc006["figures"][0]["quote"] == "同比下降14..3%"
    waived = text + "waivers:\n  - rule: UC006\n    figures: [coal-growth]\n    reason: a doubled point in the source (14.3% is likely meant)\n"
    (root / "curated" / "coal.yaml").write_text(waived, encoding="utf-8")
    code, out, _ = run_cli(root, "check")
    assert code == 0, out
    data = findings_of(run_cli(root, "report", "--format", "json")[1])
    assert [(f["code"], f["waived"]) for f in data if f["code"] in ("UC006", "UC010")] == [("UC006", True)]


def test_a_figure_without_a_quote_is_shown_without_one(tmp_path, run_cli):
    """A finding shows the quote a figure has; where the curator gave none, an empty text (not 'nan')."""
    text = ARTICLE.replace("    quote: 覆盖企业15多家\n", "").replace("    value: 15多家\n", "    value: 15..家\n")
    root = write_repo(tmp_path, curated={"demo.yaml": text})
    data = findings_of(run_cli(root, "report", "--format", "json")[1])
    (uc006,) = [f for f in data if f["code"] == "UC006"]
    assert uc006["figures"] == [{"id": "harmony-enterprises", "value": "15..家", "quote": "", "seed_line": None, "interval": None}]


def test_waiver_without_reason_is_an_error_at_its_line(tmp_path, run_cli):
    text = ARTICLE + "waivers:\n  - rule: UC401\n    figures: [benefit, patents]\n"
    root = write_repo(tmp_path, curated={"demo.yaml": text})
    code, out, _ = run_cli(root, "check")
    line = text.splitlines().index("  - rule: UC401") + 1
    assert code == 1
    assert f"curated/demo.yaml:{line}:1: UC009" in out


def test_unused_waiver_is_reported(tmp_path, run_cli):
    text = ARTICLE + "waivers:\n  - rule: UC301\n    figures: [benefit]\n    reason: stale\n"
    root = write_repo(tmp_path, curated={"demo.yaml": text})
    _, out, _ = run_cli(root, "check")
    assert "UC010" in out and "matches no finding" in out


def test_invalid_yaml_is_a_finding_and_other_files_are_checked(tmp_path, run_cli):
    root = write_repo(tmp_path, curated={"demo.yaml": ARTICLE, "broken.yaml": "article:\n  id: [x\nfigures: 1\n"})
    code, out, err = run_cli(root, "check")
    assert code == 1 and "Traceback" not in err
    assert "curated/broken.yaml:3:" in out and "UC001" in out
    assert "UC401" in out  # demo.yaml still checked


def test_not_utf8_and_unsafe_tag_are_findings(tmp_path, run_cli):
    root = write_repo(tmp_path, curated={
        "latin.yaml": "article:\n  id: x\n  title: \xe9\n".encode("latin-1"),
        "evil.yaml": "article: !!python/object/apply:os.system ['touch pwned']\n",
    })
    code, out, err = run_cli(root, "check")
    assert code == 1 and not err
    assert "curated/latin.yaml:3:" in out and "not UTF-8" in out
    assert "curated/evil.yaml:1:" in out and "is not allowed" in out
    assert not (root / "pwned").exists()


def test_unknown_metric_duplicate_id_and_bad_quote_are_located(tmp_path, run_cli):
    text = ARTICLE.replace("metric: enterprises_covered", "metric: enterprizes_covered")
    text = text.replace("  - id: benefit", "  - id: patents", 1)
    text = text.replace("quote: 覆盖企业15多家", "quote: 覆盖企业15多家以上")
    root = write_repo(tmp_path, curated={"demo.yaml": text})
    code, out, _ = run_cli(root, "check")
    lines = text.splitlines()
    metric_line = lines.index("    metric: enterprizes_covered") + 1
    dup_line = [i for i, l in enumerate(lines, 1) if l == "  - id: patents"][1]
    quote_line = lines.index("    quote: 覆盖企业15多家以上") + 1
    assert f"curated/demo.yaml:{metric_line}:1: UC004" in out and "enterprizes_covered" in out
    assert "UC003" in out and f"curated/demo.yaml:{dup_line}:" in out
    assert f"curated/demo.yaml:{quote_line}:" in out and "UC501" in out


def test_unknown_key_and_unparseable_literal(tmp_path, run_cli):
    text = ARTICLE.replace("    period: 近5年来\n    value: 1.1万项", "    perod: 近5年来\n    value: 很多项")
    root = write_repo(tmp_path, curated={"demo.yaml": text})
    code, out, _ = run_cli(root, "check")
    assert "UC007" in out and "'perod'" in out
    assert "UC006" in out and "很多项" in out


def test_missing_seed_and_seed_outside_repository(tmp_path, run_cli):
    a = ARTICLE.replace("seed: seeds/demo.txt", "seed: seeds/nope.txt")
    b = ARTICLE.replace("id: demo", "id: demo2").replace("seed: seeds/demo.txt", "seed: ../../etc/passwd")
    root = write_repo(tmp_path, curated={"a.yaml": a, "b.yaml": b})
    code, out, err = run_cli(root, "check")
    assert "curated/a.yaml:3:1: UC008" in out and "does not exist" in out
    assert "curated/b.yaml:3:1: UC008" in out and "outside the repository" in out


def test_broken_rule_file_exits_2_naming_file_line_and_rule(tmp_path, run_cli):
    bad = "rules:\n  - code: UC901\n    name: bad-rule\n    kind: relation\n    summary: s\n    rationale: r\n    bind: {a: patents_granted}\n    assert: a.__class__ > 1\n"
    root = write_repo(tmp_path, rules={"mine.yaml": bad})
    code, out, err = run_cli(root, "check")
    assert code == 2 and "Traceback" not in err
    assert "rules/mine.yaml:8: rule UC901: attribute access is not allowed" in err  # the assert line
    unknown_kind = bad.replace("kind: relation", "kind: magic")
    root2 = write_repo(tmp_path / "b", rules={"mine.yaml": unknown_kind})
    code, _, err = run_cli(root2, "check")
    assert code == 2 and "rules/mine.yaml:4: rule UC901: unknown kind 'magic'" in err
    unknown_key = bad.replace("    assert: a.__class__ > 1\n", "    assert: a > 1\n    asert: a > 2\n")
    root3 = write_repo(tmp_path / "c", rules={"mine.yaml": unknown_key})
    code, _, err = run_cli(root3, "check")
    assert code == 2 and "rules/mine.yaml:9: rule UC901: unknown key 'asert'" in err


def test_clean_data_exits_zero(tmp_path, run_cli):
    seed = "全省各类创新工作室共取得国家专利1065项，创直接经济效益19.66亿元。\n"
    text = (
        "article: {id: ok, seed: seeds/ok.txt, title: t, region: 河南省}\n"
        "figures:\n"
        "  - {id: p, subject: s, region: 河南省, metric: patents_granted, period: '', value: 1065项, quote: 共取得国家专利1065项}\n"
        "  - {id: b, subject: s, region: 河南省, metric: direct_economic_benefit, period: '', value: 19.66亿元, quote: 创直接经济效益19.66亿元}\n"
    )
    root = write_repo(tmp_path, curated={"ok.yaml": text}, seeds={"ok.txt": seed})
    code, out, _ = run_cli(root, "check")
    assert (code, out) == (0, "All checks passed\n")
    assert run_cli(root, "report")[1].strip().endswith("All checks passed")


def test_usage_errors_exit_2(repo, run_cli):
    code, _, err = run_cli(repo, "check", "nope/")
    assert code == 2 and "does not exist" in err
    code, _, err = run_cli(repo, "check", "--select", "UC999")
    assert code == 2 and "unknown rule" in err
    code, _, err = run_cli(repo, "rule", "UC999")
    assert code == 2


def test_select_and_ignore(repo, run_cli):
    _, out, _ = run_cli(repo, "check", "--select", "UC101")
    assert "UC101" in out and "UC401" not in out
    _, out, _ = run_cli(repo, "check", "--ignore", "benefit-per-patent-implausible")
    assert "UC401" not in out and "UC101" in out


def test_rules_and_rule(repo, run_cli):
    code, out, _ = run_cli(repo, "rules")
    assert code == 0 and "UC101  approximator-after-nonround-number" in out and "UC001" in out
    code, out, _ = run_cli(repo, "rule", "UC401")
    assert code == 0
    assert out.startswith("# UC401 benefit-per-patent-implausible\n\nA relation rule, severity warning; defined in ")
    assert "plausibility.yaml:" in out.splitlines()[2]
    sections = ["## What it does", "## Why", "## Example", "## Instead", "## More examples", "## Options", "## Kind", "## Acknowledging a finding"]
    assert [line for line in out.splitlines() if line.startswith("## ")] == sections
    assert "290多万元" in out and "19.66亿元" in out
    code, out, _ = run_cli(repo, "rule", "approximator-after-nonround-number")
    assert code == 0 and "15多家" in out


def section(page: str, title: str) -> str:
    return page.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_rule_page_example_fires_with_its_real_message(repo, run_cli):
    _, out, _ = run_cli(repo, "rule", "UC401")
    example = section(out, "Example")
    assert "```yaml\nfigures:\n  - {metric: direct_economic_benefit, value: 290多万元}\n  - {metric: patents_granted, value: 1.1万项}\n```" in example
    assert "UC401 [warning] " in example and "290多万元 ÷ 1.1万项 ≈ 252–286 元/项, below the floor of 1,000 元/项" in example and "(figures f1, f2)" in example
    instead = section(out, "Instead")
    assert "value: 19.66亿元" in instead and "No finding. Why: ≈ 185万元 a patent." in instead
    assert "- `{figures: [{metric: direct_economic_benefit, value: 1100多万元}, {metric: patents_granted, value: 1.1万项}]}` — just over 1,000元 a patent is not provably below" in section(out, "More examples")
    options = section(out, "Options")
    assert "- `assert` (expr; required): one comparison of arithmetic over the variables, e.g. benefit / patents >= 1000. This rule: `benefit / patents >= 1000`." in options
    assert "- `match_on` (list; default `[article, region, subject, period]`; one of article, region, subject, period, organisation" in options
    assert "`relation`: Binds figures by metric" in section(out, "Kind")
    waiver = section(out, "Acknowledging a finding")
    assert "```yaml\nwaivers:\n  - rule: UC401\n    figures: [f1, f2]\n    reason: printed so in the source; <what is likely meant>\n```" in waiver


def test_rule_page_of_a_text_rule_prints_its_seed_and_numbers_as_written(repo, run_cli):
    # the seed is a literal block, not a mangled quoted string; min_chars is 30, not 30.0; no "..." line
    _, out, _ = run_cli(repo, "rule", "UC604")
    assert "```yaml\nseed: |\n  据不完全统计，此次大宣讲活动开展以来，" in out
    assert "利用学\n\n  班前会、学习会组织宣讲。\n```" in out
    assert "This rule: `30`." in out and "30.0" not in out
    assert "\n...\n" not in out and not any(line.strip() == "..." for line in out.splitlines())
    assert "seeds/example.txt:1:" in section(out, "Example") and "UC604 [info] paragraph ends mid-sentence" in out
    assert "  - rule: UC604\n    text: " in section(out, "Acknowledging a finding")
    _, out, _ = run_cli(repo, "rule", "UC101")
    assert "```yaml\nvalue: 15多家\n```" in out and "\n...\n" not in out


def test_rule_page_of_a_built_in_code(repo, run_cli):
    code, out, _ = run_cli(repo, "rule", "UC001")
    assert code == 0 and out.startswith("# UC001 file-unreadable\n\nBuilt in (load), severity error.")
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## What it does", "## Why", "## Example", "## Instead", "## Options", "## Kind", "## Acknowledging a finding"]
    example = section(out, "Example")
    assert "curated/example.yaml:\n\n```yaml\narticle:\n" in example and "    value: 21.6万家\n" in example
    assert "curated/example.yaml:11:5: UC001 [error] duplicate key 'value' (first on line 10)" in example
    assert "No finding. Why: one value a figure." in section(out, "Instead")
    assert "fix the file" in section(out, "Acknowledging a finding")
    _, out, _ = run_cli(repo, "rule", "waiver-unused")
    assert "UC010 [warning] waiver of UC101 for unions matches no finding" in out


def test_rule_page_shows_the_configured_severity(repo, run_cli):
    (repo / "ucheck.toml").write_text('[severity]\nUC101 = "error"\nUC001 = "warning"\n', encoding="utf-8")
    _, out, _ = run_cli(repo, "rule", "UC101")
    assert "A literal rule, severity error;" in out and "UC101 [error] " in out
    _, out, _ = run_cli(repo, "rule", "UC001")
    assert "Built in (load), severity warning." in out and "UC001 [warning] " in out


def test_test_rules_passes_on_the_library_and_fails_by_rule(tmp_path, run_cli, repo):
    code, out, _ = run_cli(repo, "test-rules")
    assert code == 0, out
    assert out.endswith("examples: every bad example fires, no good one does.\n")
    mine = (
        "rules:\n  - code: UC901\n    name: my-rule\n    kind: literal\n    pattern: '多'\n    summary: s\n    rationale: r\n"
        "    examples:\n      bad: [15多家, 15家]\n      good: [15家, {value: 3万多家, why: a scale word}]\n"
        "  - code: UC902\n    name: my-other-rule\n    kind: literal\n    pattern: '余'\n    summary: s\n    rationale: r\n"
        "    examples:\n      bad: [{value: 15余家, expect: {message: nothing like it}}]\n      good: [15家]\n"
    )
    root = write_repo(tmp_path / "mine", rules={"mine.yaml": mine})
    code, out, _ = run_cli(root, "test-rules", "rules")
    assert code == 1
    assert out.splitlines() == [
        "UC901 my-rule: bad example 2 does not fire: 15家",
        "UC901 my-rule: good example 2 fires: 3万多家: s '3万多家' (why it should not: a scale word)",
        "UC902 my-other-rule: bad example 1 fires, but not as expected (a message containing 'nothing like it'): it gave [f1] s '15余家'",
        "3 of 6 examples fail, in 2 of 2 rules.",
    ]
    code, out, _ = run_cli(root, "test-rules")  # every rule as configured: the library's too
    assert code == 1 and "UC901 my-rule: bad example 2 does not fire" in out and "in 2 of " in out


def test_an_option_the_rules_mode_ignores_is_refused_at_its_line(tmp_path, run_cli):
    # direction means something in mode siblings only, match_on in mode ratios only: set elsewhere, they
    # would be ignored without a word, and the curator would believe the rule judges what it does not
    rule = ("rules:\n  - code: UC901\n    name: my-outlier\n    kind: outlier\n    mode: per_capita\n    summary: s\n"
            "    rationale: r\n")
    for extra, line, message in [
        ("    direction: above\n", 8, "'direction' applies only to mode siblings, and this rule's mode is 'per_capita'"),
        ("    match_on: [article]\n", 8, "'match_on' applies only to mode ratios, and this rule's mode is 'per_capita'"),
    ]:
        root = write_repo(tmp_path / str(line) / extra.split(":")[0].strip(), rules={"mine.yaml": rule + extra})
        code, _, err = run_cli(root, "check")
        assert code == 2 and "Traceback" not in err
        assert f"rules/mine.yaml:{line}: rule UC901: {message}: it would be ignored" in err
    fine = rule.replace("per_capita", "siblings") + "    direction: above\n"
    code, _, err = run_cli(write_repo(tmp_path / "fine", rules={"mine.yaml": fine}), "check")
    assert code in (0, 1) and err == ""


# A curator who added 河南省 (or the metric births) before the library had it should learn that the
# entry now shadows the packaged one (its census population; its ceiling per resident), and may keep it
# on purpose with replaces: true; a copy of the library's file changes nothing.
REPEATED = {
    "region": ("regions:\n  河南省: {parent: 中国, level: province}\n", "河南省", "level: province}", "regions.yaml", "library/regions.yaml"),
    "metric": ("metrics:\n  births: {kind: count, units: [人], additive: true, zh: 出生人口, en: births}\n", "births", "en: births}",
               "statistics-metrics.yaml", "library/statistics-metrics.yaml:"),
}


@pytest.mark.parametrize("what", sorted(REPEATED))
def test_a_local_entry_that_repeats_a_library_one_is_said_to_replace_it(tmp_path, run_cli, what):
    mine, name, end, library, shown = REPEATED[what]
    code, out, err = run_cli(write_repo(tmp_path / "a", rules={"mine.yaml": mine}), "check")
    assert code in (0, 1) and "Traceback" not in err
    assert err.startswith(f"ucheck: note: rules/mine.yaml:2: {what} '{name}' is also in {shown if what == 'metric' else ''}")
    assert "and this entry replaces it: remove it to use that one, or say 'replaces: true'" in err
    kept = mine.replace(end, end[:-1] + ", replaces: true}")
    code, _, err = run_cli(write_repo(tmp_path / "b", rules={"mine.yaml": kept}), "check")
    assert code in (0, 1) and err == ""
    if what == "region":
        new = "regions:\n  不存在县: {parent: 河南省, level: county}\n"  # a region of its own: nothing to say
        code, _, err = run_cli(write_repo(tmp_path / "c", rules={"mine.yaml": new}), "check")
        assert code in (0, 1) and err == ""
    from ucheck.paths import packaged_rules_dir  # a copy of the library's entries changes nothing: no note

    copy = (packaged_rules_dir() / library).read_text(encoding="utf-8")
    code, _, err = run_cli(write_repo(tmp_path / "e", rules={library: copy}), "check")
    assert code in (0, 1) and err == ""
    bad = mine.replace(end, end[:-1] + (", replaces: 1}" if what == "region" else ", replaces: yes please}"))
    code, _, err = run_cli(write_repo(tmp_path / "d", rules={"mine.yaml": bad}), "check")
    assert code == 2 and f"rules/mine.yaml:2: {what} '{name}': replaces must be true" in err


def test_test_rules_exits_2_on_a_broken_rule_file(tmp_path, run_cli):
    broken = "rules:\n  - code: UC901\n    name: my-rule\n    kind: literal\n    pattern: '多'\n    summary: s\n    rationale: r\n    examples:\n      bad: [{value: 15多家, wyh: typo}]\n"
    root = write_repo(tmp_path, rules={"mine.yaml": broken})
    code, out, err = run_cli(root, "test-rules", "rules")
    assert code == 2 and out == ""
    assert "ucheck: error: rules/mine.yaml:9: rule UC901: bad example 1: unknown key 'wyh'" in err
    code, _, err = run_cli(root, "test-rules", "nope")
    assert code == 2 and "rules directory nope does not exist" in err


def test_check_does_not_modify_inputs(repo, run_cli):
    inputs = lambda: {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".ucheck_cache" not in p.parts}  # the load cache is no input
    before = inputs()
    run_cli(repo, "check")
    run_cli(repo, "report", "--format", "json")
    after = inputs()
    assert before == after


def test_the_command_s_own_process_does_not_load_hypothesis_and_main_leaves_it_alone():
    """pandera's pandas backend imports hypothesis where it is installed (this venv has it, for the
    tests): 0.15 s of each start-up that no command uses. `python -m ucheck` (as the `ucheck`
    executable) blocks it; main() called from Python does not touch the importer."""
    import subprocess
    import sys

    from conftest import REPO

    probe = ("import runpy, sys\nsys.argv = ['ucheck', 'check', 'curated/001-henan-union-review.yaml', '--no-cache']\n"
             "try:\n    runpy.run_module('ucheck', run_name='__main__')\nexcept SystemExit as e:\n    code = e.code\n"
             "print('EXIT', code, 'hypothesis' in sys.modules and sys.modules['hypothesis'] is not None, file=sys.stderr)\n")
    r = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert "EXIT 0 False" in r.stderr, r.stderr
    assert "All checks passed" in r.stdout
    probe_main = ("import sys\nfrom ucheck.cli import main\ncode = main(['check', 'curated/001-henan-union-review.yaml', '--no-cache'])\n"
                  "import hypothesis\nprint('EXIT', code, sys.modules['hypothesis'] is not None, file=sys.stderr)\n")
    r = subprocess.run([sys.executable, "-c", probe_main], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert "EXIT 0 True" in r.stderr, r.stderr
