"""Near-misses: figures that agree within rounding, or that only look related, produce no finding.

The cases are data: the ``good:`` examples with a ``why:`` in rules/*.yaml, each rule's beside a
firing control a little further out (a ``bad:`` example with ``why:`` and ``expect:``), so that the
suite cannot pass by a rule that never fires. Cases are written for the rules, not taken from the
seeds; tests/kinds/test_rule_examples.py runs every one of them.
"""

from __future__ import annotations

from conftest import REPO
from ucheck.ruleset import load_rules
from ucheck.testing import cases

VOCAB = load_rules([REPO / "rules"], REPO)
CASES = [c for r in VOCAB.rules for c in cases(r)]

# The rules whose near misses were first written as Python tuples here, and how many quiet cases
# and firing controls each has at least: they live in the rules' examples now.
NEAR_MISSES = {
    "UC101": (3, 1), "UC102": (1, 1), "UC103": (2, 1), "UC104": (1, 1), "UC105": (2, 1), "UC109": (1, 1),
    "UC201": (5, 1), "UC202": (3, 2), "UC301": (6, 2), "UC302": (2, 1), "UC303": (1, 1), "UC401": (3, 1),
    "UC411": (2, 1), "UC412": (3, 1), "UC413": (3, 1), "UC326": (4, 1), "UC422": (2, 1), "UC423": (2, 1),
    "UC432": (3, 2), "UC435": (4, 2), "UC416": (2, 2), "UC417": (3, 2), "UC433": (4, 2), "UC434": (2, 1), "UC436": (3, 2), "UC437": (2, 1), "UC438": (4, 3), "UC403": (0, 1), "UC439": (3, 2), "UC440": (3, 1), "UC441": (3, 1), "UC442": (3, 1), "UC443": (3, 2), "UC406": (3, 2), "UC328": (3, 2),
}


def test_the_near_misses_are_in_the_rules_examples():
    for code, (quiet, controls) in NEAR_MISSES.items():
        mine = [c for c in CASES if c.rule.code == code and c.why]
        assert sum(c.kind == "good" for c in mine) >= quiet, code
        assert sum(c.kind == "bad" and c.expect is not None for c in mine) >= controls, code


def test_every_rule_with_near_misses_has_a_firing_control():
    quiet = {c.rule.code for c in CASES if c.kind == "good" and c.why}
    controls = {c.rule.code for c in CASES if c.kind == "bad" and c.expect is not None}
    missing = quiet - controls
    assert not missing, f"rules with near misses but no firing control (a bad example with expect): {sorted(missing)}"
