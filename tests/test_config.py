"""Configuration: [tool.ucheck] in pyproject.toml, or ucheck.toml; command-line flags override it."""

from __future__ import annotations

import json
import textwrap

import pytest
from conftest import ARTICLE, SEED, findings_of, write_repo

from ucheck.config import ConfigError, _line_of, load_config


def pyproject(root, body: str, extra: str = "") -> None:
    (root / "pyproject.toml").write_text(
        '[project]\nname = "my-data"\nversion = "1"\n\n' + extra + "[tool.ucheck]\n" + textwrap.dedent(body), encoding="utf-8"
    )


def codes(out: str) -> set[str]:
    return {line.split(": ")[1].split()[0] for line in out.splitlines() if ": UC" in line}


def test_no_configuration_and_a_pyproject_without_tool_ucheck(repo, run_cli):
    assert load_config(repo).file is None
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.black]\nline-length = 100\n', encoding="utf-8")
    assert load_config(repo).file is None
    code, out, _ = run_cli(repo, "check")
    assert code == 1 and {"UC101", "UC401"} <= codes(out)


def test_select_ignore_severity_and_fail_level_from_pyproject(repo, run_cli):
    pyproject(repo, """\
        select = ["UC101", "benefit-per-patent-implausible"]
        fail-level = "error"

        [tool.ucheck.severity]
        approximator-after-nonround-number = "error"
        """)
    code, out, err = run_cli(repo, "check")
    assert codes(out) == {"UC101", "UC401"}, err
    assert "UC101 [error]" in out and "UC401 [warning]" in out
    assert code == 1  # UC101 is now an error, at the fail level
    pyproject(repo, 'ignore = ["UC101"]\nfail-level = "error"\n')
    code, out, _ = run_cli(repo, "check")
    assert "UC101" not in codes(out) and "UC401" in codes(out)
    assert code == 0  # warnings only, below the configured fail level
    code, out, _ = run_cli(repo, "rules")
    assert code == 0


def test_severity_applies_to_built_in_codes_and_to_the_rules_listing(repo, run_cli):
    text = ARTICLE + "waivers:\n  - rule: UC301\n    figures: [benefit]\n    reason: stale\n"
    root = write_repo(repo / "w", curated={"demo.yaml": text})
    pyproject(root, '[tool.ucheck.severity]\nUC010 = "error"\nUC401 = "info"\n')
    _, out, _ = run_cli(root, "check")
    assert "UC010 [error]" in out and "UC401 [info]" in out
    _, out, _ = run_cli(root, "rules", "--format", "json")
    rules = {r["code"]: r for r in json.loads(out)}
    assert rules["UC010"]["severity"] == "error" and rules["UC401"]["severity"] == "info"


def test_command_line_overrides_configuration(repo, run_cli):
    pyproject(repo, 'select = ["UC101"]\nfail-level = "error"\nformat = "json"\n')
    code, out, _ = run_cli(repo, "check")
    assert code == 0 and [f["code"] for f in findings_of(out)] == ["UC101"]
    code, out, _ = run_cli(repo, "check", "--select", "UC401", "--fail-level", "warning", "--format", "concise")
    assert code == 1 and codes(out) == {"UC401"}


def test_paths_of_curated_rules_and_seeds(tmp_path, run_cli):
    root = tmp_path
    (root / "data" / "articles").mkdir(parents=True)
    (root / "data" / "texts").mkdir(parents=True)
    (root / "data" / "articles" / "demo.yaml").write_text(ARTICLE.replace("seeds/demo.txt", "data/texts/demo.txt"), encoding="utf-8")
    (root / "data" / "texts" / "demo.txt").write_text(SEED, encoding="utf-8")
    (root / "checks").mkdir()
    (root / "checks" / "mine.yaml").write_text(textwrap.dedent("""\
        rules:
          - code: UC901
            name: no-fifteen
            kind: literal
            severity: error
            pattern: '15'
            summary: A figure printed with 15.
            rationale: A rule of this data repository.
        """), encoding="utf-8")
    (root / "ucheck.toml").write_text('curated = "data/articles"\nseeds = "data/texts"\nrules = ["checks"]\n', encoding="utf-8")
    code, out, err = run_cli(root, "check")
    assert code == 1, err
    assert "data/articles/demo.yaml:" in out and {"UC101", "UC401", "UC901"} <= codes(out)
    assert "UC008" not in out  # the seed was found
    code, out, _ = run_cli(root, "rule", "UC901")
    assert code == 0 and "checks/mine.yaml" in out


def test_ucheck_toml_wins_over_pyproject(repo, run_cli):
    pyproject(repo, 'select = ["UC401"]\n')
    (repo / "ucheck.toml").write_text('select = ["UC101"]\n', encoding="utf-8")
    _, out, _ = run_cli(repo, "check")
    assert codes(out) == {"UC101"}
    assert load_config(repo).file == "ucheck.toml"


def test_explicit_config_file(repo, run_cli, tmp_path):
    other = tmp_path / "elsewhere.toml"
    other.write_text('select = ["UC401"]\n', encoding="utf-8")
    _, out, _ = run_cli(repo, "check", "--config", str(other))
    assert codes(out) == {"UC401"}
    code, _, err = run_cli(repo, "check", "--config", str(tmp_path / "nope.toml"))
    assert code == 2 and "does not exist" in err


def test_coverage_threshold(repo, run_cli):
    pyproject(repo, "coverage-threshold = 90\n")
    code, out, err = run_cli(repo, "coverage")
    assert code == 1 and "coverage below 90%" in err
    code, _, _ = run_cli(repo, "coverage", "--threshold", "10")
    assert code == 0
    pyproject(repo, "coverage-threshold = 10\n")
    assert run_cli(repo, "coverage")[0] == 0


@pytest.mark.parametrize(
    "body, key, line, words",
    [
        ('select = ["UC101"]\nselcet = ["UC401"]\n', "selcet", 7, ["unknown key 'selcet'"]),
        ('fail_level = "error"\n', "fail_level", 6, ["unknown key 'fail_level'", "did you mean 'fail-level'"]),
        ('[tool.ucheck.sevrity]\nUC101 = "error"\n', "sevrity", 6, ["unknown key 'sevrity'"]),
    ],
)
def test_unknown_keys_are_errors_naming_file_line_and_key(repo, run_cli, body, key, line, words):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1"\n\n[tool.ucheck]\n' + body, encoding="utf-8")
    for command in (["check"], ["report"], ["rules"], ["coverage"]):
        code, out, err = run_cli(repo, *command)
        assert code == 2, (command, err)
        assert err.startswith(f"ucheck: error: pyproject.toml:{line}: "), err
        for w in words:
            assert w in err
        assert "Traceback" not in err


def test_unknown_key_in_ucheck_toml(repo, run_cli):
    (repo / "ucheck.toml").write_text('# settings\n\nformat = "json"\nseverty = {UC101 = "error"}\n', encoding="utf-8")
    code, _, err = run_cli(repo, "check")
    assert code == 2 and "ucheck.toml:4: unknown key 'severty'" in err


@pytest.mark.parametrize(
    "body, message, line",
    [
        ('select = ["UC999"]\n', "select: unknown rule 'UC999'", 6),
        ('ignore = ["no-such-rule"]\n', "ignore: unknown rule 'no-such-rule'", 6),
        ('[tool.ucheck.severity]\nUC998 = "error"\n', "severity: unknown rule 'UC998'", 7),
        ('severity = {UC101 = "fatal"}\n', "severity.UC101 must be one of info, warning, error", 6),
        ('fail-level = "high"\n', "fail-level must be one of info, warning, error", 6),
        ("coverage-threshold = 120\n", "coverage-threshold must be a percentage", 6),
        ('select = "UC101"\n', "select must be a list", 6),
        ('format = "xml"\n', "format must be one of full, concise, json, sarif, github, junit, markdown", 6),
        ("curated = 3\n", "curated must be a path", 6),
        ('rules = ["missing-dir"]\n', "rules directory missing-dir does not exist", 6),
    ],
)
def test_bad_values_and_unknown_rules_are_errors(repo, run_cli, body, message, line):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1"\n\n[tool.ucheck]\n' + body, encoding="utf-8")
    code, _, err = run_cli(repo, "check")
    assert code == 2, err
    assert f"pyproject.toml:{line}:" in err and message in err, err


def test_invalid_toml_is_an_error_with_its_line(repo, run_cli):
    (repo / "ucheck.toml").write_text('select = ["UC101"\nfail-level = "error"\n', encoding="utf-8")
    code, _, err = run_cli(repo, "check")
    assert code == 2 and "ucheck.toml:" in err and "invalid TOML" in err


def test_line_finder_layouts():
    text = textwrap.dedent("""\
        [project]
        name = "x"

        [tool.ucheck]
        select = ["UC101"]   # comment
        "fail-level" = "error"
        severity = { UC101 = "error", UC401 = "info" }

        [tool.ucheck.more]
        a = 1
        """)
    assert _line_of(text, ["tool", "ucheck", "select"]) == 5
    assert _line_of(text, ["tool", "ucheck", "fail-level"]) == 6
    assert _line_of(text, ["tool", "ucheck", "severity", "UC401"]) == 7
    assert _line_of(text, ["tool", "ucheck", "more"]) == 9
    assert _line_of(text, ["project", "name"]) == 2


def test_config_error_message_shape(tmp_path):
    (tmp_path / "ucheck.toml").write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path)
    assert str(exc.value).startswith("ucheck.toml:1: unknown key 'x'")


# ------------------------------------------------------------------------------------- start-up

HEAVY_PROBE = """
import sys
from ucheck.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stdout.flush()
print("HEAVY:" + ",".join(m for m in ("pandas", "pandera") if m in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["rules"], ["rules", "--format", "json"], ["--version"]])
# `ucheck rule CODE` runs its example to show the message it gives: it loads pandas (tests/test_ruledoc.py)
def test_listing_and_help_do_not_import_pandas_or_pandera(repo, argv):
    import subprocess
    import sys

    pyproject(repo, '[tool.ucheck.severity]\nUC101 = "error"\n')  # the configuration is read too
    r = subprocess.run([sys.executable, "-c", HEAVY_PROBE, *argv], cwd=repo, capture_output=True, text=True, timeout=120)
    assert "HEAVY:\n" in r.stderr or r.stderr.rstrip().endswith("HEAVY:"), r.stderr
    assert "Traceback" not in r.stderr
