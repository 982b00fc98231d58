"""Output formats of check and report: golden files, SARIF structure, escaping, colour, statistics.

The golden files (tests/report/golden/) are the output of ``ucheck report --format F`` on a small fixture
repository (below). After an intended change of output, rewrite them with

    UCHECK_UPDATE_GOLDEN=1 python -m pytest tests/report/test_output.py

and review the diff. The fixture overrides UC101 and UC401 by code with wording of its own and
selects the rules it uses, so rewording the standard library does not change the golden files.
``full`` and ``markdown`` have a Chinese golden file too (``report.zh.*``, ``--lang zh``): UC401 of
the fixture has Chinese texts, UC101 none (a local rule's English is shown).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ARTICLE, SEED, findings_of, write_repo

from ucheck.finding import FigureRef, Finding
from ucheck.report import FORMATS, RunInfo, github, junit, markdown, render, use_colour

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = bool(os.environ.get("UCHECK_UPDATE_GOLDEN"))

GOLDEN_RULES = textwrap.dedent(
    """\
    rules:
      - code: UC101
        name: approximator-after-nonround-number
        kind: literal
        severity: warning
        pattern: '[1-9][多余]'
        message: "多/余 after a non-zero digit: '{value}'"
        summary: 多/余 right after a non-zero digit (the golden fixture's wording).
        rationale: The golden fixture defines its own wording, so that rewording the standard library leaves the golden files alone.
      - code: UC401
        name: benefit-per-patent-implausible
        kind: relation
        severity: error
        bind: {benefit: direct_economic_benefit, patents: patents_granted}
        match_on: [article, region, subject, period]
        assert: benefit / patents >= 1000
        summary: Benefit per patent below 1,000 元 (the golden fixture's wording).
        rationale: A benefit below the fees of one patent means a lost scale word.
        summary_zh: 每项专利的效益低于 1,000 元（金标准样例的措辞）。
        rationale_zh: 效益低于一项专利的费用，说明漏了数量单位。
    """
)

WAIVED_SEED = "工会工作报告\n\n全省工会会员25多人，其中新会员1200名。\n"
WAIVED = textwrap.dedent(
    """\
    article:
      id: waived
      seed: seeds/waived.txt
      title: 工会工作报告
      region: 河南省
    figures:
      - id: members
        subject: 工会
        region: 河南省
        metric: union_members
        period: ""
        value: 25多人
        quote: 全省工会会员25多人
    waivers:
      - rule: UC101
        figures: [members]
        reason: |-
          printed so in the source (50% of the table, col. 2: "a|b");
          confirmed by the curator
      - rule: UC401
        figures: [members]
        reason: stale
    """
)
CLEAN_SEED = "共取得国家专利1065项。\n"
CLEAN = textwrap.dedent(
    """\
    article: {id: clean, seed: seeds/clean.txt, title: t, region: 河南省}
    figures:
      - {id: p, subject: s, region: 河南省, metric: patents_granted, period: '', value: 1065项, quote: 共取得国家专利1065项}
    """
)
BROKEN = "article:\n  id: [x\nfigures: 1\n"
GOLDEN_CONFIG = textwrap.dedent(
    """\
    # the rules the golden fixture exercises: its own UC101 and UC401, and built-in codes
    select = ["UC001", "UC009", "UC010", "UC101", "UC401"]

    [severity]
    waiver-unused = "info"
    """
)

GOLDEN_NAME = {"full": "report.full.txt", "concise": "report.concise.txt", "json": "report.json", "sarif": "report.sarif",
               "github": "report.github.txt", "junit": "report.junit.xml", "markdown": "report.md", "html": "report.html"}


def golden_repo(root: Path) -> Path:
    write_repo(
        root,
        curated={"demo.yaml": ARTICLE, "waived.yaml": WAIVED, "clean.yaml": CLEAN, "broken.yaml": BROKEN},
        seeds={"demo.txt": SEED, "waived.txt": WAIVED_SEED, "clean.txt": CLEAN_SEED},
        rules={"golden.yaml": GOLDEN_RULES},
    )
    (root / "ucheck.toml").write_text(GOLDEN_CONFIG, encoding="utf-8")
    return root


@pytest.fixture
def golden(tmp_path):
    return golden_repo(tmp_path / "data")


def compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}: run with UCHECK_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"output differs from {path} (UCHECK_UPDATE_GOLDEN=1 rewrites it)"


# ---------------------------------------------------------------------------------------- golden


def without_static_assets(page: str) -> str:
    """The review page with its style and script -- the template's own files, which must stand in it
    verbatim, once, the script with its hash in the Content-Security-Policy -- left out: the golden
    file holds what the data decides, not a second copy of review.css and review.js."""
    import base64
    import hashlib
    from importlib import resources

    templates = resources.files("ucheck.report").joinpath("templates")
    css, js = (templates.joinpath(n).read_text(encoding="utf-8") for n in ("review.css", "review.js"))
    assert page.count(css) == 1 and page.count(js) == 1
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in page
    return page.replace(css, "/* review.css */\n").replace(js, "// review.js\n").replace(digest, "<sha256 of review.js>")


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_matches_golden_file(golden, run_cli, fmt):
    code, out, err = run_cli(golden, "report", "--format", fmt)
    assert code == 0, err
    compare(GOLDEN_NAME[fmt], without_static_assets(out) if fmt == "html" else out)


@pytest.mark.parametrize("fmt, name", [("full", "report.zh.full.txt"), ("markdown", "report.zh.md")])
def test_report_in_chinese_matches_golden_file(golden, run_cli, fmt, name):
    code, out, err = run_cli(golden, "report", "--format", fmt, "--lang", "zh")
    assert code == 0, err
    compare(name, out)


def test_check_concise_with_statistics_matches_golden_file(golden, run_cli):
    code, out, err = run_cli(golden, "check", "--statistics")
    assert code == 1, err
    compare("check.concise-statistics.txt", out)


def test_golden_fixture_exercises_every_state(golden, run_cli):
    data = findings_of(run_cli(golden, "report", "--format", "json")[1])
    assert {f["code"] for f in data} == {"UC001", "UC010", "UC101", "UC401"}
    assert {f["severity"] for f in data} == {"error", "warning", "info"}
    assert any(f["waived"] for f in data) and any(not f["waived"] for f in data)
    assert any(f["article"] is None for f in data)  # the unreadable file has no article


def test_outputs_are_deterministic_and_hold_no_absolute_path(golden, run_cli, tmp_path):
    for fmt in FORMATS:
        first = run_cli(golden, "report", "--format", fmt)[1]
        assert first == run_cli(golden, "report", "--format", fmt)[1]
        assert str(tmp_path) not in first


# ----------------------------------------------------------------------------------------- SARIF

# The SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json), restated for the objects ucheck writes:
# for each object, its required properties and every property the schema allows
# ("additionalProperties": false everywhere but property bags).
SARIF_OBJECTS = {
    "log": ({"version", "runs"}, {"$schema", "version", "runs", "inlineExternalProperties", "properties"}),
    "run": ({"tool"}, {"tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds", "artifacts",
                       "logicalLocations", "graphs", "results", "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
                       "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind", "externalPropertyFileReferences",
                       "threadFlowLocations", "taxonomies", "addresses", "translations", "policies", "webRequests", "webResponses",
                       "specialLocations", "properties"}),
    "tool": ({"driver"}, {"driver", "extensions", "properties"}),
    "toolComponent": ({"name"}, {"guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription", "fullName",
                                 "version", "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri",
                                 "globalMessageStrings", "notifications", "rules", "taxa", "locations", "language", "contents",
                                 "isComprehensive", "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion",
                                 "associatedComponent", "translationMetadata", "supportedTaxonomies", "properties"}),
    "reportingDescriptor": ({"id"}, {"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription",
                                     "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships", "properties"}),
    "reportingConfiguration": (set(), {"enabled", "level", "rank", "parameters", "properties"}),
    "multiformatMessageString": ({"text"}, {"text", "markdown", "properties"}),
    "message": (set(), {"text", "markdown", "id", "arguments", "properties"}),
    "result": ({"message"}, {"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid", "correlationGuid",
                             "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows", "graphs", "graphTraversals",
                             "relatedLocations", "suppressions", "baselineState", "rank", "attachments", "hostedViewerUri", "workItemUris",
                             "provenance", "fixes", "taxa", "webRequest", "webResponse", "properties"}),
    "location": (set(), {"id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"}),
    "physicalLocation": (set(), {"address", "artifactLocation", "region", "contextRegion", "properties"}),
    "artifactLocation": (set(), {"uri", "uriBaseId", "index", "description", "properties"}),
    "region": (set(), {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset", "byteLength", "snippet",
                       "message", "sourceLanguage", "properties"}),
    "suppression": ({"kind"}, {"guid", "kind", "status", "justification", "location", "properties"}),
}
LEVELS = {"none", "note", "warning", "error"}


def _obj(value, kind: str, where: str) -> dict:
    assert isinstance(value, dict), f"{where}: {kind} must be an object"
    required, allowed = SARIF_OBJECTS[kind]
    assert required <= set(value), f"{where}: {kind} lacks {sorted(required - set(value))}"
    assert set(value) <= allowed, f"{where}: {kind} may not have {sorted(set(value) - allowed)}"
    if "properties" in value:
        assert isinstance(value["properties"], dict)
    return value


def validate_sarif(doc: dict, fingerprints: list[str] | None = None) -> None:
    """Structural validation of a SARIF 2.1.0 log against the schema's rules for these objects."""
    _obj(doc, "log", "$")
    assert doc["version"] == "2.1.0"
    assert isinstance(doc["$schema"], str) and doc["$schema"].startswith("https://") and "sarif-schema-2.1.0" in doc["$schema"]
    assert isinstance(doc["runs"], list) and len(doc["runs"]) == 1
    run = _obj(doc["runs"][0], "run", "runs[0]")
    assert run.get("columnKind") in (None, "utf16CodeUnits", "unicodeCodePoints")
    for base, loc in run.get("originalUriBaseIds", {}).items():
        _obj(loc, "artifactLocation", f"originalUriBaseIds.{base}")
        if "description" in loc:
            assert isinstance(_obj(loc["description"], "message", base)["text"], str)
    driver = _obj(_obj(run["tool"], "tool", "tool")["driver"], "toolComponent", "driver")
    assert driver["name"] == "ucheck" and isinstance(driver.get("version"), str)
    rules = driver.get("rules", [])
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)), "rules must be unique"
    for i, r in enumerate(rules):
        _obj(r, "reportingDescriptor", f"rules[{i}]")
        for k in ("shortDescription", "fullDescription", "help"):
            if k in r:
                assert isinstance(_obj(r[k], "multiformatMessageString", f"rules[{i}].{k}")["text"], str)
        if "defaultConfiguration" in r:
            assert _obj(r["defaultConfiguration"], "reportingConfiguration", f"rules[{i}]").get("level", "warning") in LEVELS
    assert isinstance(run["results"], list)
    for i, res in enumerate(run["results"]):
        where = f"results[{i}]"
        _obj(res, "result", where)
        assert res["ruleId"] in ids and rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert isinstance(res["ruleIndex"], int) and res["ruleIndex"] >= 0
        assert res["level"] in LEVELS
        msg = _obj(res["message"], "message", where)
        assert isinstance(msg["text"], str) and msg["text"]
        assert len(res["locations"]) == 1
        phys = _obj(_obj(res["locations"][0], "location", where)["physicalLocation"], "physicalLocation", where)
        art = _obj(phys["artifactLocation"], "artifactLocation", where)
        uri = art["uri"]
        assert not uri.startswith("/") and "://" not in uri and not re.match(r"^[A-Za-z]:", uri), f"{where}: URI {uri!r} is not relative"
        assert re.fullmatch(r"[A-Za-z0-9\-._~/%!$&'()*+,;=:@]+", uri), f"{where}: {uri!r} is not a URI reference"
        assert art["uriBaseId"] in run["originalUriBaseIds"]
        region = _obj(phys["region"], "region", where)
        assert isinstance(region["startLine"], int) and region["startLine"] >= 1
        assert isinstance(region["startColumn"], int) and region["startColumn"] >= 1
        fps = res["partialFingerprints"]
        assert isinstance(fps, dict) and all(isinstance(v, str) for v in fps.values())
        if fingerprints is not None:
            assert fps["ucheck/v1"] == fingerprints[i]
        for s in res.get("suppressions", []):
            assert _obj(s, "suppression", where)["kind"] in ("inSource", "external")
            assert s.get("status", "accepted") in ("accepted", "underReview", "rejected")


def test_sarif_is_valid_sarif_2_1_0(golden, run_cli):
    # waived findings are kept only on request (GitHub does not honour suppressions; test_ci_formats.py)
    out = run_cli(golden, "report", "--format", "sarif", "--sarif-waived")[1]
    doc = json.loads(out)
    findings = findings_of(run_cli(golden, "report", "--format", "json")[1])
    validate_sarif(doc, [f["fingerprint"] for f in findings])
    results = doc["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [(f["code"], f["line"]) for f in findings]
    driver_rules = [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]]
    assert driver_rules == sorted({f["code"] for f in findings})
    levels = {r["ruleId"]: r["level"] for r in results if "suppressions" not in r}
    assert levels == {"UC001": "error", "UC010": "note", "UC101": "warning", "UC401": "error"}
    waived = [r for r in results if "suppressions" in r]
    assert len(waived) == 1 and waived[0]["suppressions"][0]["justification"].startswith("printed so in the source (50%")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"curated/broken.yaml", "curated/demo.yaml", "curated/waived.yaml"}


def test_sarif_of_a_clean_run_and_non_ascii_paths(tmp_path, run_cli):
    doc = json.loads(render([], "sarif", info=RunInfo()))
    validate_sarif(doc)
    assert doc["runs"][0]["results"] == [] and doc["runs"][0]["tool"]["driver"]["rules"] == []
    f = Finding("UC101", "approximator-after-nonround-number", "warning", "a", "curated/河南 省.yaml", 3, "m", column=2)
    doc = json.loads(render([f], "sarif", info=RunInfo()))
    validate_sarif(doc)
    assert doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "curated/%E6%B2%B3%E5%8D%97%20%E7%9C%81.yaml"


# ---------------------------------------------------------------------------------------- GitHub


def test_github_annotations_are_escaped():
    f = Finding("UC401", "benefit-per-patent-implausible", "error", "a", "curated/a,b:c.yaml", 7, "50% off\r\nsecond line: a, b", column=3)
    line = github([f])
    assert line == "::error file=curated/a%2Cb%3Ac.yaml,line=7,col=3,title=UC401 benefit-per-patent-implausible::50%25 off%0D%0Asecond line: a, b\n"
    assert line.count("\n") == 1
    info = Finding("UC010", "waiver-unused", "info", "a", "f.yaml", 1, "m")
    assert github([info]).startswith("::notice file=f.yaml,line=1,col=1,title=UC010 waiver-unused::")
    waived = Finding("UC101", "x", "warning", "a", "f.yaml", 1, "m", waived=True, waiver_reason="known: yes")
    assert github([waived]) == "::notice file=f.yaml,line=1,col=1,title=UC101 x (acknowledged)::m — acknowledged: known: yes\n"


# ----------------------------------------------------------------------------------------- JUnit


def test_junit_is_valid_xml_with_a_suite_per_article(golden, run_cli):
    out = run_cli(golden, "report", "--format", "junit")[1]
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"clean", "demo", "waived", "curated/broken.yaml"}
    assert suites["clean"].get("failures") == "0" and len(suites["clean"].findall("testcase")) == 1
    assert suites["demo"].get("failures") == "2" and all(c.find("failure") is not None for c in suites["demo"].findall("testcase"))
    skipped = suites["waived"].findall("testcase/skipped")
    assert len(skipped) == 1 and "\n" in skipped[0].get("message")  # a multi-line reason survives as an attribute
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites.values())


def test_junit_with_no_findings_is_still_a_valid_document(tmp_path, run_cli):
    seed = "共取得国家专利1065项。\n"
    root = write_repo(tmp_path, curated={"clean.yaml": CLEAN}, seeds={"clean.txt": seed})
    code, out, _ = run_cli(root, "check", "--format", "junit")
    assert code == 0
    doc = ET.fromstring(out.encode("utf-8"))
    assert doc.get("failures") == "0" and doc.get("tests") == "1"
    assert doc.find("testsuite/testcase").get("name") == "no findings"
    empty = ET.fromstring(junit([], RunInfo()).encode("utf-8"))
    assert empty.tag == "testsuites" and empty.get("tests") == "0"


def test_junit_survives_characters_xml_cannot_carry():
    f = Finding("UC001", "file-unreadable", "error", None, "curated/x.yaml", 1, "bad byte \x01 and <tag> & \"quote\"")
    doc = ET.fromstring(junit([f], RunInfo()).encode("utf-8"))
    failure = doc.find("testsuite/testcase/failure")
    assert failure.get("message") == "bad byte \ufffd and <tag> & \"quote\""


# -------------------------------------------------------------------------------------- Markdown


def test_markdown_has_a_table_per_article_and_escapes_cells():
    a = Finding("UC101", "n", "warning", "a", "curated/a.yaml", 1, "x | y <b>z</b>\nnext")
    b = Finding("UC101", "n", "warning", "b", "curated/b.yaml", 2, "m", waived=True, waiver_reason="r|s")
    text = markdown([a, b], "t")
    assert text.count("| Location |") == 2 and "## a (`curated/a.yaml`)" in text and "## b (`curated/b.yaml`)" in text
    row = next(line for line in text.splitlines() if "curated/a.yaml:1:1" in line)
    assert row.count(" | ") == 5  # six cells: no unescaped pipe inside
    assert "x \\| y &lt;b&gt;z&lt;/b&gt;<br>next" in row
    assert "acknowledged: r\\|s" in text


# ---------------------------------------------------------------------------------------- colour


class _Tty(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self._tty = tty

    def isatty(self):
        return self._tty


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour(_Tty(True)) and not use_colour(_Tty(False))
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(_Tty(True))
    monkeypatch.setenv("NO_COLOR", "")  # no-color.org: set but empty does not disable colour
    assert use_colour(_Tty(True))


def test_full_report_is_coloured_on_a_terminal(golden, run_cli, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    out = run_cli(golden, "report")[1]
    assert "\033[31m" in out and "\033[0m" in out  # the error severity in red
    plain = run_cli(golden, "report", "--format", "concise")[1]
    assert "\033[" not in plain  # only the full format is coloured
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    assert "\033[" not in run_cli(golden, "report")[1]


def test_full_report_is_plain_when_piped_or_written_to_a_file(golden, run_cli, monkeypatch, tmp_path):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\033[" not in run_cli(golden, "report")[1]  # captured output is not a terminal
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    target = tmp_path / "report.txt"
    code, out, _ = run_cli(golden, "report", "--output-file", str(target))
    assert code == 0 and out == ""
    assert "\033[" not in target.read_text(encoding="utf-8") and "demo  (curated/demo.yaml)" in target.read_text(encoding="utf-8")


# ------------------------------------------------------------------------ output file, statistics


def test_output_file_holds_the_document_and_exit_status_still_gates(golden, run_cli, tmp_path):
    target = tmp_path / "out.sarif"
    code, out, _ = run_cli(golden, "check", "--format", "sarif", "--output-file", str(target))
    assert code == 1 and out == ""
    validate_sarif(json.loads(target.read_text(encoding="utf-8")))
    code, _, err = run_cli(golden, "check", "--output-file", str(tmp_path / "missing" / "x.txt"))
    assert code == 2 and "cannot write" in err


def test_statistics_keep_machine_formats_valid(golden, run_cli):
    code, out, err = run_cli(golden, "check", "--format", "json", "--statistics")
    assert code == 1
    data = findings_of(out)  # still one JSON document
    assert re.search(r"^\s+1  UC401  benefit-per-patent-implausible$", err, re.M)
    assert len(err.splitlines()) == len({d["code"] for d in data})
    _, out, _ = run_cli(golden, "report", "--format", "concise", "--statistics")
    assert re.search(r"^\s+1  UC101  approximator-after-nonround-number$", out, re.M)
    _, out, _ = run_cli(golden, "report", "--format", "markdown", "--statistics")
    assert "| Count | Rule | Name |" in out


def test_every_format_is_accepted_by_check_and_report(golden, run_cli):
    for command in ("check", "report"):
        for fmt in FORMATS:
            code, out, err = run_cli(golden, command, "--format", fmt)
            assert code in (0, 1) and not err, (command, fmt, err)


def test_render_rejects_an_unknown_format():
    with pytest.raises(ValueError):
        render([], "xml")


def test_full_format_shows_figures_and_quotes():
    f = Finding("UC401", "n", "error", "a", "curated/a.yaml", 3, "m", figures=[FigureRef("x", "1.1万项", "共1.1万项", 4, "[1.05万, 1.15万)")])
    text = render([f], "full")
    assert "· x: 1.1万项 [1.05万, 1.15万), seed line 4" in text and "“共1.1万项”" in text
