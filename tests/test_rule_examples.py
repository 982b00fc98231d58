"""Every rule's bad examples fire and its good examples do not (the examples are the tests)."""

from __future__ import annotations

import pytest

from conftest import REPO
from ucheck.ruleset import load_rules
from ucheck.testing import check_examples, run_example

VOCAB = load_rules([REPO / "rules"], REPO)
RULES = [r for r in VOCAB.rules]


def test_every_rule_has_documentation_and_examples():
    for r in RULES:
        assert r.summary and r.rationale, r.code
        assert r.examples.get("bad"), f"{r.code} has no bad example"
        assert r.examples.get("good"), f"{r.code} has no good example"


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.code}-{r.name}" for r in RULES])
def test_examples(rule):
    assert check_examples(rule, VOCAB) == []


def test_harness_can_fail():
    # A rule whose examples are swapped must be reported: the harness is not vacuous.
    rule = next(r for r in RULES if r.code == "UC101")
    swapped = type(rule)(**{**rule.__dict__, "examples": {"bad": rule.examples["good"], "good": rule.examples["bad"]}})
    problems = check_examples(swapped, VOCAB)
    assert len(problems) == len(rule.examples["good"]) + len(rule.examples["bad"])


def test_benefit_rule_message_shows_arithmetic():
    rule = next(r for r in RULES if r.code == "UC401")
    [f] = run_example(rule, VOCAB, rule.examples["bad"][0])
    assert "benefit = 290多万元 (290万, 300万)" in f.message
    assert "patents = 1.1万项 [1.05万, 1.15万)" in f.message
    assert "left side ∈ [252.174, 285.714]" in f.message
