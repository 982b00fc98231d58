"""Near-misses: figures that agree within rounding, or that only look related, produce no finding.

Each case is paired with a control a little further out that must fire, so the suite cannot pass
by a rule that never fires. Cases are written for the rules, not taken from the seeds.
"""

from __future__ import annotations

import pytest

from conftest import REPO
from ucheck.ruleset import load_rules
from ucheck.testing import run_example

VOCAB = load_rules([REPO / "rules"], REPO)
RULES = {r.code: r for r in VOCAB.rules}


def figs(*items, **common):
    return {"figures": [{**common, **dict(zip(("metric", "value"), it[:2])), **(it[2] if len(it) > 2 else {})} for it in items]}


CASES = [
    # --- share = part / whole (UC201): 217.3万 / 1400多万 ∈ [14.48%, 15.53%]
    ("UC201", figs(("workers_covered", "217.3万人"), ("union_members", "1400多万人"), ("coverage_rate", "15.5%")), False, "upper edge of the quotient"),
    ("UC201", figs(("workers_covered", "217.3万人"), ("union_members", "1400多万人"), ("coverage_rate", "14.5%")), False, "lower edge of the quotient"),
    ("UC201", figs(("workers_covered", "217.3万人"), ("union_members", "1400多万人"), ("coverage_rate", "15.6%")), True, "just above"),
    ("UC201", figs(("workers_covered", "217.3万人"), ("union_members", "1400多万人"), ("coverage_rate", "16%")), False, "16% printed as a whole percent: [15.5, 16.5) touches the quotient"),
    ("UC201", {"figures": [
        {"metric": "workers_covered", "value": "217.3万人", "period": "2016"},
        {"metric": "union_members", "value": "1400多万人", "period": "2016"},
        {"metric": "coverage_rate", "value": "19.9%", "period": "2017"}]}, False, "a share of a different period is not this quotient"),
    ("UC201", {"figures": [
        {"metric": "workers_covered", "value": "217.3万人", "region": "石家庄市"},
        {"metric": "union_members", "value": "1400多万人", "region": "河北省"},
        {"metric": "coverage_rate", "value": "19.9%", "region": "河北省"}]}, False, "a share of a different base (another region's part)"),
    # --- growth (UC202): 21.5万 after 2.1万 new ⇒ 2.1万 ÷ 19.4万 ∈ [10.51%, 11.14%] exactly (the naive
    # interval arithmetic, using `added` twice independently, gave [10.0%, 11.7%])
    ("UC202", figs(("grassroots_unions", "21.5万家"), ("unions_founded", "2.1万家"), ("grassroots_unions_growth", "10.6%")), False, "10.6% agrees within rounding"),
    ("UC202", figs(("grassroots_unions", "21.5万家"), ("unions_founded", "2.1万家"), ("grassroots_unions_growth", "11.1%")), False, "11.1% agrees within rounding"),
    ("UC202", figs(("grassroots_unions", "21.5万家"), ("unions_founded", "2.1万家"), ("grassroots_unions_growth", "10%")), True, "10% [9.5, 10.5) misses [10.51, 11.14]"),
    ("UC202", figs(("grassroots_unions", "21.5万家"), ("unions_founded", "2.1万家"), ("grassroots_unions_growth", "12.5%")), True, "12.5% does not"),
    ("UC202", figs(("union_members", "1826万人"), ("members_recruited", "209万人"), ("union_members_growth", "12.9个百分点")), False, "the number agrees; the unit is UC105's business"),
    # --- restatement (UC301)
    ("UC301", figs(("union_members", "90万名"), ("union_members", "89.6万人"), period="2015"), False, "90万 covers [85万, 95万)"),
    ("UC301", figs(("union_members", "1400多万"), ("union_members", "1400万"), period="2016"), False, "1400多万 and a round 1400万 overlap"),
    ("UC301", figs(("participants", "近20万人"), ("participants", "19.8万人"), period="2016"), False, "近20万 includes 19.8万"),
    ("UC301", figs(("participants", "20多万名"), ("participants", "21万人"), period="2016"), False, "20多万 includes 21万"),
    ("UC301", figs(("participants", "近20万人"), ("participants", "20多万名"), period="2016"), True, "just under and just over cannot both hold"),
    ("UC301", figs(("union_members", "89.6万人"), ("union_members", "91.2万人"), period="2015"), True, "two precise figures that differ"),
    ("UC301", {"figures": [{"metric": "union_members", "value": "89.6万人", "period": "2015"}, {"metric": "union_members", "value": "91.2万人", "period": "2016"}]}, False, "different periods"),
    ("UC301", {"figures": [{"metric": "union_members", "value": "89.6万人", "subject": "会员"}, {"metric": "union_members", "value": "27.8万人", "subject": "农民工会员"}]}, False, "different subjects (a part, not a restatement)"),
    # --- percentage points (UC105)
    ("UC105", figs(("coverage_rate_change", "1.5个百分点")), False, "百分点 as a difference of rates is right"),
    ("UC105", figs(("union_members_growth", "12.9%")), False, "growth in percent"),
    ("UC105", figs(("union_members_growth", "12.9个百分点")), True, "growth in percentage points"),
    # --- number usage
    ("UC101", "290多万元", False, "多 after a round number"),
    ("UC101", "3万多家", False, "多 after the scale word"),
    ("UC101", "十多个", False, "多 after 十"),
    ("UC101", "15多家", True, "多 after a units digit"),
    ("UC102", "2.3万余项", False, "余 after the scale word of a decimal"),
    ("UC102", "48.7余万人", True, "余 between decimal and 万"),
    ("UC103", "近30万名", False, "近 before a round number"),
    ("UC103", "近25万", False, "two significant digits"),
    ("UC103", "近446人", True, "three significant digits"),
    ("UC104", "约30%", False, "one approximator"),
    ("UC104", "约30%左右", True, "约…左右"),
    ("UC109", "8-10个", False, "a range without a scale word"),
    ("UC109", "9～16亿", True, "the scale word on one side only"),
    # --- plausibility priors
    ("UC401", figs(("direct_economic_benefit", "19.66亿元"), ("patents_granted", "1065项")), False, "≈ 185万元 a patent"),
    ("UC401", figs(("direct_economic_benefit", "1100多万元"), ("patents_granted", "1.1万项")), False, "just over 1,000元 a patent is not provably below"),
    ("UC401", figs(("direct_economic_benefit", "1000万元"), ("patents_granted", "1.1万项")), False, "a round 1000万 may be 1500万: not provably below"),
    ("UC401", figs(("direct_economic_benefit", "950万元"), ("patents_granted", "1.1万项")), True, "below 1,000元 a patent whatever the rounding"),
    # --- subsets and hierarchy
    ("UC303", figs(("innovation_results_applied", "2.6万多项"), ("innovation_results", "2.6万项")), False, "2.6万多 may be 2.64万 ≤ 2.65万"),
    ("UC303", figs(("innovation_results_applied", "2.7万项"), ("innovation_results", "2.6万项")), True, "2.7万 > 2.6万 beyond rounding"),
    ("UC302", {"figures": [
        {"metric": "union_members", "value": "近90万人", "region": "安阳市", "subject": "会员", "period": "2015"},
        {"metric": "union_members", "value": "89.6万人", "region": "河南省", "subject": "会员", "period": "2015"}]}, False, "a city 'nearly' equal to its province is possible"),
    ("UC302", {"figures": [
        {"metric": "union_members", "value": "95万人", "region": "安阳市", "subject": "会员", "period": "2015"},
        {"metric": "union_members", "value": "89.6万人", "region": "河南省", "subject": "会员", "period": "2015"}]}, True, "a city above its province"),
    ("UC302", {"figures": [
        {"metric": "union_members", "value": "95万人", "region": "衢州市", "subject": "会员", "period": "2015"},
        {"metric": "union_members", "value": "89.6万人", "region": "河南省", "subject": "会员", "period": "2015"}]}, False, "a city of another province"),
    # --- siblings
    ("UC411", figs(("enterprises_covered", "50家", {"subject": "a"}), ("enterprises_covered", "2316家", {"subject": "b"}), ("enterprises_covered", "8225家", {"subject": "c"})), False, "a pilot beside thousands"),
    ("UC411", figs(("enterprises_covered", "250家", {"subject": "a"}), ("enterprises_covered", "19.5万家", {"subject": "b"}), ("enterprises_covered", "18.2万家", {"subject": "c"})), False, "250 beside 18万: under three orders"),
    ("UC411", figs(("enterprises_covered", "15家", {"subject": "a"}), ("enterprises_covered", "19.5万家", {"subject": "b"}), ("enterprises_covered", "18.2万家", {"subject": "c"})), True, "15 beside 19万"),
]


@pytest.mark.parametrize("code, example, fires, why", CASES, ids=[f"{c}-{w}" for c, _, _, w in CASES])
def test_near_miss(code, example, fires, why):
    found = run_example(RULES[code], VOCAB, example)
    assert bool(found) == fires, f"{code} ({why}): {[f.message for f in found]}"


def test_every_near_miss_rule_has_a_firing_control():
    codes_quiet = {c for c, _, f, _ in CASES if not f}
    codes_fire = {c for c, _, f, _ in CASES if f}
    missing = {c for c in codes_quiet if c not in codes_fire}
    assert not missing, f"rules with only quiet cases: {missing}"
