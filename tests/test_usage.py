"""``ucheck check --usage``: how many figures or combinations each rule judged (issue 10, item 6),
so that a rule of a local pack that binds a misspelt metric, or matches nothing, is visible."""

from __future__ import annotations

import textwrap

from conftest import write_repo


def test_usage_lists_every_rule_with_what_it_judged(tmp_path, run_cli):
    rules = textwrap.dedent("""\
        rules:
          - code: UC901
            name: volunteers-per-event
            kind: relation
            severity: warning
            bind: {people: participants, events: events_held}
            assert: people / events <= 100000
            summary: More than 100,000 participants an event.
            rationale: A house rule.
        """)
    root = write_repo(tmp_path, rules={"local.yaml": rules})
    code, out, err = run_cli(root, "check", "--usage")
    lines = {l.split()[0]: l for l in err.splitlines() if l[:2] in ("UC",)}
    assert "matched nothing" in lines["UC901"]  # the demo article has no participants nor events
    assert lines["UC401"].split()[2:5] == ["1", "1", "0"]  # one benefit/patent pair judged, one finding, not waived
    assert err.splitlines()[-1].endswith("matched nothing in this corpus")
    assert out  # the findings themselves still go to standard output


def test_usage_tells_the_acknowledged_findings_apart(tmp_path, run_cli):
    """A rule whose only finding a waiver acknowledges: --usage says why its finding does not count
    against the gate (findings 1, waived 1), not a bare 1 the summary line does not show."""
    root = write_repo(tmp_path)
    code, out, _ = run_cli(root, "check", "--format", "json")
    import json

    [finding] = [f for f in json.loads(out)["findings"] if f["code"] == "UC401"]
    path = root / finding["file"]
    path.write_text(path.read_text(encoding="utf-8") + textwrap.dedent(f"""\
        waivers:
          - rule: UC401
            figures: [{", ".join(f["id"] for f in finding["figures"])}]
            reason: a confirmed source error, as printed
        """), encoding="utf-8")
    code, out, err = run_cli(root, "check", "--usage")
    lines = {l.split()[0]: l for l in err.splitlines() if l[:2] in ("UC",)}
    assert lines["UC401"].split()[2:5] == ["1", "1", "1"], err
    assert "UC401" not in out and "1 acknowledged" in out, out
