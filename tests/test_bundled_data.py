"""The curated data shipped in this repository: it loads, and the known source errors are found."""

from __future__ import annotations

import json

from conftest import REPO


def _report(run_cli):
    code, out, err = run_cli(REPO, "report", "--format", "json", "--no-waivers")
    assert code == 0, err
    return json.loads(out)


def test_every_seed_is_curated_and_named():
    import yaml

    seeds = {p.name for p in (REPO / "seeds").glob("*.txt")}
    named = set()
    for p in (REPO / "curated").glob("*.yaml"):
        named.add(yaml.safe_load(p.read_text(encoding="utf-8"))["article"]["seed"].split("/")[-1])
    assert seeds <= named


def test_seeds_are_byte_for_byte_the_shared_ones():
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        import pytest

        pytest.skip("../shared/seeds is not beside this checkout")
    for p in shared.glob("*.txt"):
        assert (REPO / "seeds" / p.name).read_bytes() == p.read_bytes()


def test_no_schema_or_provenance_findings(run_cli):
    data = _report(run_cli)
    bad = [f for f in data if f["code"].startswith("UC0") and f["code"] != "UC010" or f["code"] in ("UC501", "UC502")]
    assert bad == [], "\n".join(f"{f['file']}:{f['line']} {f['code']} {f['message']}" for f in bad)


def test_mission_examples_are_found_in_the_henan_article(run_cli):
    data = _report(run_cli)
    henan = [f for f in data if f["file"] == "curated/001-henan-union-review.yaml"]
    benefit = [f for f in henan if f["code"] == "UC401"]
    assert benefit and "290多万元" in benefit[0]["message"] and "1.1万项" in benefit[0]["message"]
    malformed = [f for f in henan if f["code"] == "UC101"]
    assert any(fig["value"] == "15多家" for f in malformed for fig in f["figures"])
