"""The CI formats against the systems that read them: SARIF against the OASIS 2.1.0 schema and what
GitHub code scanning requires, JUnit against Jenkins' junit-10.xsd, paths relative to the repository
that holds the data root, the Markdown job summary within GitHub's 1 MiB step limit.

The schemas are vendored in tests/data/schemas/ (sources and licences in its README).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from conftest import REPO, findings_of, write_repo
from test_output import GOLDEN, golden_repo, validate_sarif

from ucheck.finding import FigureRef, Finding
from ucheck.report import RuleInfo, RunInfo, github, junit, markdown, render
from ucheck.report.markdown import SUMMARY_LIMIT

SCHEMAS = REPO / "tests" / "data" / "schemas"


@pytest.fixture(scope="module")
def sarif_schema():
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def junit_schema():
    return xmlschema.XMLSchema(str(SCHEMAS / "junit-10.xsd"))


def schema_errors(validator, doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def github_problems(doc: dict) -> list[str]:
    """What GitHub's "SARIF support for code scanning" marks as required (an explicit, non-empty value)
    or limits, for the objects ucheck writes."""
    problems = []
    for key in ("$schema", "version", "runs"):
        if not doc.get(key):
            problems.append(f"sarifLog.{key} missing")
    for run in doc["runs"]:
        driver = run["tool"]["driver"]
        if not driver.get("name"):
            problems.append("toolComponent.name missing")
        if "rules" not in driver or "results" not in run:
            problems.append("toolComponent.rules or run.results missing")
        for r in driver.get("rules", []):
            where = f"rule {r.get('id')}"
            if len(r.get("name", "")) > 255:
                problems.append(f"{where}: name longer than 255")
            for key in ("shortDescription", "fullDescription", "help"):
                text = r.get(key, {}).get("text", "")
                if not text.strip():
                    problems.append(f"{where}: {key}.text missing or empty")
                if key != "help" and len(text) > 1024:
                    problems.append(f"{where}: {key}.text longer than 1024")
            if r.get("defaultConfiguration", {}).get("level", "warning") not in ("note", "warning", "error"):
                problems.append(f"{where}: defaultConfiguration.level")
        for i, res in enumerate(run.get("results", [])):
            where = f"result {i}"
            if not res.get("message", {}).get("text", "").strip():
                problems.append(f"{where}: message.text missing")
            if not res.get("partialFingerprints"):
                problems.append(f"{where}: partialFingerprints missing")
            if not 1 <= len(res.get("locations", [])) <= 10:
                problems.append(f"{where}: 1 to 10 locations")
            for loc in res.get("locations", []):
                phys = loc.get("physicalLocation", {})
                if not phys.get("artifactLocation", {}).get("uri"):
                    problems.append(f"{where}: artifactLocation.uri missing")
                region = phys.get("region", {})
                for key in ("startLine", "startColumn", "endLine", "endColumn"):
                    if not isinstance(region.get(key), int):
                        problems.append(f"{where}: region.{key} missing")
                if all(isinstance(region.get(k), int) for k in ("startLine", "startColumn", "endLine", "endColumn")):
                    if (region["endLine"], region["endColumn"]) < (region["startLine"], region["startColumn"]):
                        problems.append(f"{where}: region ends before it starts")
    return problems


@pytest.fixture
def golden(tmp_path):
    return golden_repo(tmp_path / "data")


def _sarif(run_cli, cwd, *args) -> dict:
    code, out, err = run_cli(cwd, "report", "--format", "sarif", *args)
    assert code == 0, err
    return json.loads(out)


def _results(doc):
    return doc["runs"][0]["results"]


def _uris(doc) -> set[str]:
    return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in _results(doc)}


# ------------------------------------------------------------------------------- SARIF: schemas


def test_sarif_validates_against_the_oasis_schema_and_githubs_requirements(golden, run_cli, sarif_schema):
    for args in ((), ("--sarif-waived",)):
        doc = _sarif(run_cli, golden, *args)
        assert schema_errors(sarif_schema, doc) == []
        assert github_problems(doc) == []
        validate_sarif(doc)
    code, out, _ = run_cli(golden, "check", "--format", "sarif")
    assert code == 1
    assert schema_errors(sarif_schema, json.loads(out)) == [] and github_problems(json.loads(out)) == []


def test_sarif_of_the_bundled_corpus_validates(run_cli, sarif_schema):
    """The real curated data, packaged rules and seed findings: every rule has its help page."""
    doc = _sarif(run_cli, REPO, "--sarif-waived")  # its findings are all acknowledged
    assert _results(doc), "the bundled corpus has findings"
    assert schema_errors(sarif_schema, doc) == []
    assert github_problems(doc) == []
    assert any(u.startswith("seeds/") for u in _uris(doc)) and any(u.startswith("curated/") for u in _uris(doc))


def test_the_schema_check_catches_what_github_refuses(sarif_schema):
    """The checks themselves: a document GitHub would reject is caught."""
    f = Finding("UC101", "n", "warning", "a", "curated/a.yaml", 3, "m", column=2)
    doc = json.loads(render([f], "sarif", info=RunInfo(rules={"UC101": RuleInfo("UC101", "n", "warning")})))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    assert schema_errors(sarif_schema, doc)
    del doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["endColumn"]
    assert any("endColumn" in p for p in github_problems(doc))


# ---------------------------------------------------------------------- item 4: repository paths


def _git_repository(root: Path, data: str = "data", git_file: bool = False) -> Path:
    """A repository at ``root`` (a .git directory, or a .git file as in a worktree or submodule)
    holding the golden data repository in ``data``."""
    root.mkdir(parents=True, exist_ok=True)
    if git_file:
        (root / ".git").write_text("gitdir: /elsewhere/.git/worktrees/x\n", encoding="utf-8")
    else:
        (root / ".git").mkdir()
    golden_repo(root / data)
    return root


def test_sarif_and_annotations_point_into_the_repository_not_the_data_root(tmp_path, run_cli):
    repo = _git_repository(tmp_path / "repo")
    doc = _sarif(run_cli, repo, "--root", "data")
    assert _uris(doc) == {"data/curated/broken.yaml", "data/curated/demo.yaml", "data/curated/waived.yaml"}
    for uri in _uris(doc):
        assert (repo / uri).is_file(), uri  # every annotation points at a file of the repository
    _, out, _ = run_cli(repo, "report", "--root", "data", "--format", "github")
    files = set(re.findall(r"file=([^,]+),", out))
    assert files == {"data/curated/broken.yaml", "data/curated/demo.yaml", "data/curated/waived.yaml"}
    # the same from inside the data root (found upwards), and from a subfolder of it
    assert _uris(_sarif(run_cli, repo / "data")) == _uris(doc)
    assert _uris(_sarif(run_cli, repo / "data" / "curated")) == _uris(doc)


def test_a_git_file_marks_the_repository_too_and_nesting_is_followed(tmp_path, run_cli):
    repo = _git_repository(tmp_path / "wt", data="checks/data", git_file=True)
    doc = _sarif(run_cli, repo, "--root", "checks/data")
    assert "checks/data/curated/demo.yaml" in _uris(doc)
    _, out, _ = run_cli(repo, "check", "--root", "checks/data", "--format", "github")
    assert "file=checks/data/curated/demo.yaml," in out


def test_seed_paths_are_in_the_repository_too(tmp_path, run_cli):
    repo = tmp_path / "r"
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(REPO / "curated", repo / "data" / "curated")
    shutil.copytree(REPO / "seeds", repo / "data" / "seeds")
    doc = _sarif(run_cli, repo, "--root", "data", "--sarif-waived")
    seeds = {u for u in _uris(doc) if "/seeds/" in u}
    assert seeds and all(u.startswith("data/seeds/") and (repo / u).is_file() for u in seeds)


def test_data_root_equal_to_the_repository_root_is_byte_identical(golden, run_cli):
    (golden / ".git").mkdir()
    for fmt, name in (("sarif", "report.sarif"), ("github", "report.github.txt")):
        _, out, _ = run_cli(golden, "report", "--format", fmt)
        assert out == (GOLDEN / name).read_text(encoding="utf-8"), fmt


def test_other_formats_stay_relative_to_the_data_root(tmp_path, run_cli):
    repo = _git_repository(tmp_path / "repo")
    for fmt in ("json", "concise", "junit", "markdown"):
        _, out, _ = run_cli(repo, "report", "--root", "data", "--format", fmt)
        assert "curated/demo.yaml" in out and "data/curated" not in out, fmt


def test_symlinks_are_resolved_as_code_scanning_requires(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "data" / "real").mkdir(parents=True)
    (repo / "data" / "curated").mkdir()
    (repo / "data" / "real" / "a.yaml").write_text("id: x\n", encoding="utf-8")
    (repo / "data" / "curated" / "a.yaml").symlink_to("../real/a.yaml")
    f = Finding("UC101", "n", "warning", "a", "curated/a.yaml", 1, "m")
    info = RunInfo(root=repo / "data")
    assert _uris(json.loads(render([f], "sarif", info=info))) == {"data/real/a.yaml"}
    assert "file=data/real/a.yaml," in github([f], info)
    outside = tmp_path / "elsewhere.yaml"  # a link out of the repository keeps the path inside it
    outside.write_text("id: y\n", encoding="utf-8")
    (repo / "data" / "curated" / "b.yaml").symlink_to(outside)
    g = Finding("UC101", "n", "warning", "a", "curated/b.yaml", 1, "m")
    assert "file=data/curated/b.yaml," in github([g], info)


def test_render_without_a_root_keeps_paths_as_they_are():
    f = Finding("UC101", "n", "warning", "a", "curated/a.yaml", 3, "m", column=2)
    assert _uris(json.loads(render([f], "sarif", info=RunInfo()))) == {"curated/a.yaml"}
    assert "file=curated/a.yaml," in github([f])


# ------------------------------------------------------------------------------ item 6: JUnit XSD


def test_junit_validates_against_jenkins_junit_10_xsd(golden, run_cli, junit_schema, tmp_path):
    _, out, _ = run_cli(golden, "report", "--format", "junit")
    assert [e.reason for e in junit_schema.iter_errors(out)] == []
    _, out, _ = run_cli(golden, "check", "--format", "junit")
    junit_schema.validate(out)
    clean = write_repo(tmp_path / "clean", curated={"c.yaml": "article: {id: c, seed: seeds/demo.txt, title: t, region: 河南省}\nfigures: []\n"})
    _, out, _ = run_cli(clean, "check", "--format", "junit")
    junit_schema.validate(out)
    junit_schema.validate(junit([], RunInfo()))
    odd = Finding("UC001", "file-unreadable", "error", None, "curated/x\x01.yaml", 1, "bad \x01 <tag> & \"q\"", waived=True, waiver_reason="r\x02")
    junit_schema.validate(junit([odd], RunInfo()))


def test_junit_keeps_the_skipped_count_on_each_suite(golden, run_cli):
    import xml.etree.ElementTree as ET

    _, out, _ = run_cli(golden, "report", "--format", "junit")
    root = ET.fromstring(out.encode("utf-8"))
    assert root.get("skipped") is None  # not an attribute of <testsuites> in junit-10.xsd
    assert sum(int(s.get("skipped")) for s in root.findall("testsuite")) == 1


# ------------------------------------------------------------------- item 7: waived results, help


def test_waived_findings_are_left_out_of_sarif_unless_asked(golden, run_cli):
    doc = _sarif(run_cli, golden)
    assert all("suppressions" not in r for r in _results(doc))
    findings = findings_of(run_cli(golden, "report", "--format", "json")[1])
    assert len(_results(doc)) == sum(1 for f in findings if not f["waived"])
    kept = _sarif(run_cli, golden, "--sarif-waived")
    waived = [r for r in _results(kept) if "suppressions" in r]
    assert len(_results(kept)) == len(findings) and len(waived) == 1
    assert waived[0]["suppressions"] == [{"kind": "inSource", "status": "accepted",
                                          "justification": "printed so in the source (50% of the table, col. 2: \"a|b\");\nconfirmed by the curator"}]
    # other formats are not affected by the option
    assert run_cli(golden, "report", "--format", "json", "--sarif-waived")[1] == run_cli(golden, "report", "--format", "json")[1]


def test_the_option_is_documented_in_help_and_readme(capsys):
    from ucheck.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["report", "--help"])
    assert exc.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--sarif-waived" in text and "suppression" in text
    assert "--sarif-waived" in (REPO / "README.md").read_text(encoding="utf-8")


def test_every_rule_has_help_from_its_declaration(repo, run_cli):
    """Packaged rules (outside the data root): help text and Markdown from the rule page, no
    absolute path of this machine in them."""
    doc = _sarif(run_cli, repo)
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert "UC101" in rules
    r = rules["UC101"]
    md, text = r["help"]["markdown"], r["help"]["text"]
    assert md.startswith("# UC101 approximator-after-nonround-number") and "## Why" in md and "```yaml" in md
    assert "ucheck/stdrules/" in md  # where the packaged rule is declared, not /home/…/rules
    assert r["shortDescription"]["text"] in md and r["fullDescription"]["text"] in md
    assert "```" not in text and "## " not in text and r["shortDescription"]["text"] in text
    assert "Example" in text and "15多家" in md  # the rule's own example
    assert str(REPO) not in json.dumps(doc, ensure_ascii=False)
    assert "helpUri" not in r  # no honest per-rule URL exists


def test_help_of_rules_without_a_declaration_and_long_descriptions():
    long = "x" * 3000
    f = Finding("UC777", "made-up", "error", "a", "curated/a.yaml", 1, "m")
    doc = json.loads(render([f], "sarif", info=RunInfo(rules={"UC777": RuleInfo("UC777", "made-up", "error", summary=long)})))
    rule = doc["runs"][0]["tool"]["driver"]["rules"][0]
    assert len(rule["shortDescription"]["text"]) <= 1024 and rule["shortDescription"]["text"].endswith("…")
    assert rule["fullDescription"]["text"] and rule["help"]["text"] and rule["help"]["markdown"]
    assert github_problems(doc) == []
    doc = json.loads(render([f], "sarif", info=RunInfo()))  # not even a RuleInfo: the finding's name
    assert github_problems(doc) == []


def test_information_uri_comes_from_the_package_metadata(monkeypatch):
    import importlib

    sarif_mod = importlib.import_module("ucheck.report.sarif")

    f = Finding("UC101", "n", "warning", "a", "curated/a.yaml", 3, "m")
    driver = lambda: json.loads(render([f], "sarif", info=RunInfo()))["runs"][0]["tool"]["driver"]  # noqa: E731
    monkeypatch.setattr(sarif_mod, "_project_urls", lambda: {})
    assert "informationUri" not in driver()
    monkeypatch.setattr(sarif_mod, "_project_urls", lambda: {"Homepage": "https://example.invalid/ucheck", "Issues": "https://example.invalid/i"})
    assert driver()["informationUri"] == "https://example.invalid/ucheck"
    monkeypatch.setattr(sarif_mod, "_project_urls", lambda: {"Documentation": "http://example.invalid/docs", "Homepage": "not a url"})
    assert driver()["informationUri"] == "http://example.invalid/docs"


def test_project_urls_are_read_from_the_installed_metadata():
    from ucheck.report.sarif import _project_urls

    urls = _project_urls()
    assert isinstance(urls, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in urls.items())


# ------------------------------------------------------------------------------- end positions


def test_regions_end_at_the_end_of_the_located_text(golden, run_cli):
    doc = _sarif(run_cli, golden, "--sarif-waived")
    regions = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]): r["locations"][0]["physicalLocation"]["region"]
               for r in _results(doc)}
    demo = (golden / "curated" / "demo.yaml").read_text(encoding="utf-8").split("\n")
    benefit = regions[("UC401", "curated/demo.yaml")]
    assert benefit["startLine"] == 14 and demo[13][benefit["startColumn"] - 1:] == "id: benefit"
    assert (benefit["endLine"], benefit["endColumn"]) == (14, len("  - id: benefit") + 1)
    broken = regions[("UC001", "curated/broken.yaml")]
    assert broken["endLine"] == broken["startLine"] and broken["endColumn"] >= broken["startColumn"]


def test_region_columns_count_code_points_and_unreadable_files_give_a_point(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s.txt").write_text("第一行\n全省工会会员25多人，其中新会员1200名。  \r\n", encoding="utf-8")
    f = Finding("UC603", "n", "warning", "a", "seeds/s.txt", 2, "m", column=8)
    g = Finding("UC001", "n", "error", None, "curated/gone.yaml", 4, "m", column=3)
    doc = json.loads(render([f, g], "sarif", info=RunInfo(root=tmp_path)))
    got = [r["locations"][0]["physicalLocation"]["region"] for r in _results(doc)]
    assert got[0] == {"startLine": 2, "startColumn": 8, "endLine": 2, "endColumn": len("全省工会会员25多人，其中新会员1200名。") + 1}
    assert got[1] == {"startLine": 4, "startColumn": 3, "endLine": 4, "endColumn": 3}  # only a point is known
    doc = json.loads(render([f], "sarif", info=RunInfo()))  # no root: a point too
    assert _results(doc)[0]["locations"][0]["physicalLocation"]["region"]["endColumn"] == 8


def test_reading_located_lines_is_bounded_and_never_blocks(tmp_path, monkeypatch):
    import importlib
    import os

    sarif_mod = importlib.import_module("ucheck.report.sarif")
    region = lambda f: _results(json.loads(render([f], "sarif", info=RunInfo(root=tmp_path))))[0]["locations"][0]["physicalLocation"]["region"]  # noqa: E731
    os.mkfifo(tmp_path / "fifo.yaml")  # opening it for reading would wait for a writer forever
    assert region(Finding("UC001", "n", "error", None, "fifo.yaml", 1, "m")) == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbfid: x\n")  # a byte-order mark is not a column
    assert region(Finding("UC001", "n", "error", None, "bom.yaml", 1, "m"))["endColumn"] == 6
    monkeypatch.setattr(sarif_mod, "READ_LIMIT", 64)
    (tmp_path / "big.yaml").write_text("a: 1\n" + "b" * 200 + "\n", encoding="utf-8")
    assert region(Finding("UC001", "n", "error", None, "big.yaml", 1, "m"))["endColumn"] == 5
    assert region(Finding("UC001", "n", "error", None, "big.yaml", 2, "m"))["endColumn"] == 1  # cut short: unknown


# ---------------------------------------------------------------------------------- the workflow


def test_readme_workflow_uses_current_actions_and_documented_permissions():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    workflow = re.search(r"## Use in CI.*?```yaml\n(.*?)```", readme, re.S).group(1)
    uses = dict(re.findall(r"uses: ([\w/-]+)@(v\d+)", workflow))
    assert uses == {"actions/checkout": "v7", "actions/setup-python": "v7", "github/codeql-action/upload-sarif": "v4"}
    for permission in ("security-events: write", "contents: read", "actions: read"):
        assert permission in workflow


# ------------------------------------------------------------------------- Markdown job summary


def _many(n: int, size: int = 300) -> list[Finding]:
    out = []
    for i in range(n):
        fig = FigureRef(f"fig-{i}", "290多万元", "创直接经济效益290多万元" * (size // 40), 3, "(290万, 300万)")
        out.append(Finding("UC401", "benefit-per-patent-implausible", ("error", "warning", "info")[i % 3], f"article-{i // 50}",
                           f"curated/{i // 50:05d}.yaml", 1 + i % 50, "benefit / patents >= 1000 " + "违" * size, column=5, figures=[fig],
                           waived=i % 7 == 0, waiver_reason="printed so" if i % 7 == 0 else None))
    return out


def test_markdown_summary_stays_under_githubs_step_limit():
    assert SUMMARY_LIMIT <= 1024 * 1024
    findings = _many(6000)
    text = markdown(findings, "ucheck report", statistics=True)
    size = len(text.encode("utf-8"))
    assert size <= SUMMARY_LIMIT, size
    shown = sum(1 for line in text.splitlines() if line.startswith("| `curated/"))
    m = re.search(r"(\d+) more findings? \((.*?)\) not shown", text)
    assert m, text[-2000:]
    assert shown + int(m.group(1)) == len(findings)
    assert "6000 findings" in text or str(len([f for f in findings if not f.waived])) in text  # the summary line counts all
    assert "| Count | Rule | Name |" in text  # the statistics survive the cut
    assert text.rstrip().endswith("|")  # the statistics table closes the document


def test_markdown_summary_is_whole_when_it_fits_and_the_limit_is_a_parameter():
    findings = _many(10, size=10)
    assert "not shown" not in markdown(findings, "t")
    whole = len(markdown(findings, "t").encode("utf-8"))
    small = markdown(findings, "t", limit=whole - 1)
    assert len(small.encode("utf-8")) <= whole - 1 and "not shown" in small
    assert re.search(r"\d+ more findings? \(", small)
    # a limit too small for even the frame still says what was left out
    tiny = markdown(findings, "t", limit=10)
    assert "10 more findings" in tiny


# --------------------------------------------------------------------------------------- Chinese


def test_sarif_in_chinese_carries_the_rules_texts_and_pages_in_chinese(repo, run_cli, sarif_schema):
    from ucheck.paths import packaged_rules_dir
    from ucheck.ruleset import load_rules

    uc101 = next(r for r in load_rules([packaged_rules_dir()], None).rules if r.code == "UC101")
    doc = _sarif(run_cli, repo, "--lang", "zh")
    assert schema_errors(sarif_schema, doc) == [] and github_problems(doc) == []
    r = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}["UC101"]
    assert r["shortDescription"]["text"] == uc101.text("summary", "zh") != uc101.summary
    assert r["fullDescription"]["text"] == uc101.text("rationale", "zh")
    md = r["help"]["markdown"]
    assert "## 作用" in md and "## 原因" in md and "## What it does" not in md and uc101.text("summary", "zh") in md
    assert doc["runs"][0]["originalUriBaseIds"]["SRCROOT"]["description"]["text"] == "整理数据所在仓库的根目录。"
    english = _sarif(run_cli, repo)
    r = {r["id"]: r for r in english["runs"][0]["tool"]["driver"]["rules"]}["UC101"]
    assert r["shortDescription"]["text"] == uc101.summary and "## What it does" in r["help"]["markdown"]


def test_junit_and_github_in_chinese(golden, run_cli, junit_schema, tmp_path):
    out = run_cli(golden, "report", "--format", "junit", "--lang", "zh")[1]
    path = tmp_path / "zh.xml"
    path.write_text(out, encoding="utf-8")
    junit_schema.validate(str(path))
    assert 'name="UC401 benefit-per-patent-implausible（第 14 行）"' in out and '<skipped message="已确认：printed so' in out
    assert "，原文第 3 行" in out
    clean = Finding("UC101", "x", "warning", "a", "f.yaml", 1, "m", waived=True, waiver_reason="原文如此")
    assert github([clean], RunInfo(lang="zh")) == "::notice file=f.yaml,line=1,col=1,title=UC101 x（已确认）::m——已确认：原文如此\n"
    assert junit([], RunInfo(checked=[("c", "curated/c.yaml")], lang="zh")).count('name="没有发现"') == 1
