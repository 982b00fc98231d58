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
    assert lines["UC401"].split()[2:4] == ["1", "1"]  # one benefit/patent pair judged, one finding
    assert err.splitlines()[-1].endswith("matched nothing in this corpus")
    assert out  # the findings themselves still go to standard output
