"""The JSON Schemas of ``ucheck schema``: curated files as an editor validates and completes them."""

from __future__ import annotations

import json
import textwrap

import jsonschema
import pytest
from conftest import ARTICLE, REPO, write_repo

from ucheck.load import yamlsafe
from ucheck.numbers.periods import PERIOD_NORM_PATTERN


def _schema(run_cli, root, which="curated"):
    code, out, err = run_cli(root, "schema", which)
    assert code == 0, err
    doc = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(doc)
    return jsonschema.Draft202012Validator(doc)


def _as_read(path):
    """A curated file as ucheck's reader composes it (scalars as text), as plain JSON data."""
    return json.loads(json.dumps(yamlsafe.load(yamlsafe.decode(path.read_bytes()))))


def test_every_bundled_curated_file_is_valid_under_the_schema(run_cli):
    v = _schema(run_cli, REPO)
    for f in sorted((REPO / "curated").glob("*.yaml")):
        errors = [e.message for e in v.iter_errors(_as_read(f))]
        assert errors == [], (f.name, errors[:3])


def _typo_metric(fig):
    fig["metric"] = "union_membres"


def _typo_key(fig):
    fig["qoute"] = fig.pop("quote")


def _bad_direction(fig):
    fig["direction"] = "sideways"


@pytest.mark.parametrize("change, fragment", [
    (_typo_metric, "'union_membres' is not one of"),
    (_typo_key, "'qoute' was unexpected"),
    (_bad_direction, "'sideways' is not one of ['up', 'down']"),
])
def test_the_schema_rejects_what_the_reader_rejects(tmp_path, run_cli, change, fragment):
    root = write_repo(tmp_path)
    v = _schema(run_cli, root)
    data = _as_read(root / "curated" / "demo.yaml")
    change(data["figures"][0])
    messages = [e.message for e in v.iter_errors(data)]
    assert any(fragment in m for m in messages), messages


def test_the_schema_knows_the_repositorys_own_metrics_and_the_kinds_keys(tmp_path, run_cli):
    rules = {"local.yaml": textwrap.dedent("""\
        metrics:
          social_security_expenditure: {kind: money, units: [元], additive: true, zh: 社会保障和就业支出, en: spending on social security and employment}
        """)}
    v = _schema(run_cli, write_repo(tmp_path, rules=rules))
    figure = v.schema["properties"]["figures"]["items"]
    metric = figure["properties"]["metric"]
    i = metric["enum"].index("social_security_expenditure")
    assert metric["enumDescriptions"][i].startswith("社会保障和就业支出 / spending on social security and employment: money, 元")
    assert {"part_of", "parts", "breakdown", "of", "within", "direction", "same_as", "base"} <= set(figure["properties"])
    assert "the id of the whole" in figure["properties"]["part_of"]["description"]
    assert figure["properties"]["period_norm"]["pattern"] == PERIOD_NORM_PATTERN  # the editor refuses 2025Q1 as the check does
    assert set(figure["required"]) >= {"id", "metric", "value", "quote"}
    assert "UC430" in v.schema["properties"]["waivers"]["items"]["properties"]["rule"]["enum"]


def test_schema_output_file_is_written_but_never_onto_curated_data(tmp_path, run_cli):
    root = write_repo(tmp_path)
    code, _, err = run_cli(root, "schema", "curated", "-o", "curated/schema.json")
    assert code == 2 and "refusing to write" in err and not (root / "curated" / "schema.json").exists()
    code, _, _ = run_cli(root, "schema", "curated", "-o", "curated.schema.json")
    assert code == 0 and json.loads((root / "curated.schema.json").read_text(encoding="utf-8"))["title"] == "ucheck curated file"


def test_the_demo_article_is_valid(tmp_path, run_cli):
    root = write_repo(tmp_path, curated={"demo.yaml": ARTICLE})
    v = _schema(run_cli, root)
    assert list(v.iter_errors(_as_read(root / "curated" / "demo.yaml"))) == []


def test_json_output_is_valid_under_the_findings_schema(run_cli):
    v = _schema(run_cli, REPO, "findings")
    _, out, _ = run_cli(REPO, "report", "--format", "json", "--no-waivers")
    doc = json.loads(out)
    assert doc["version"] == 1 and doc["findings"] and [e.message for e in v.iter_errors(doc)] == []
    doc["findings"][0]["severity"] = "fatal"
    assert any("'fatal' is not one of" in e.message for e in v.iter_errors(doc))
