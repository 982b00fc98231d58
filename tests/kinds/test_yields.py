"""UC426 and UC427 (the ``yield`` kind): a crop's output over its sown area against the crop's
national yield; the meat of an animal over the animals slaughtered against the national figure.

The examples of rules/yields.yaml cover the crops, words and units one pair at a time; these tests
cover what needs a whole article — which figures are paired (the same crop word, region and period;
no change linked with ``of``), the units converted, one finding per impossible pair — and a crop
table that is malformed, refused at its rule's line.
"""

from __future__ import annotations

import textwrap

import pytest
from conftest import ARTICLE, write_repo

SEED = ("全年粮食种植面积43907公顷，比上年增加63公顷。全年粮食总产量202万吨。夏粮总产量10.5万吨。"
        "烟叶种植面积4.6万亩。烟叶产量0.8万吨。邻县粮食种植面积1000公顷。\n")


def _article(figures: str) -> str:
    return ARTICLE.split("figures:")[0] + "figures:\n" + textwrap.indent(textwrap.dedent(figures), "  ")


FIGURES = """\
- {id: grain-area, subject: 粮食种植面积, region: 河南省, metric: sown_area, period: 全年, value: 43907公顷, quote: 全年粮食种植面积43907公顷}
- {id: grain-area-change, subject: 粮食种植面积, region: 河南省, metric: sown_area, period: 全年, value: 63公顷, of: grain-area, base: 比上年,
   quote: 比上年增加63公顷}
- {id: grain, subject: 粮食总产量, region: 河南省, metric: output, period: 全年, value: 202万吨, quote: 全年粮食总产量202万吨}
- {id: summer, subject: 夏粮总产量, region: 河南省, metric: output, period: 全年, value: 10.5万吨, quote: 夏粮总产量10.5万吨}
- {id: tobacco-area, subject: 烟叶种植面积, region: 河南省, metric: sown_area, period: 全年, value: 4.6万亩, quote: 烟叶种植面积4.6万亩}
- {id: tobacco, subject: 烟叶产量, region: 河南省, metric: output, period: 全年, value: 0.8万吨, quote: 烟叶产量0.8万吨}
- {id: other-area, subject: 粮食种植面积, region: 郑州市, metric: sown_area, period: 全年, value: 1000公顷, quote: 邻县粮食种植面积1000公顷}
"""


def test_an_output_ten_times_its_crops_yield_is_reported_once_against_its_own_area(tmp_path, run_cli):
    root = write_repo(tmp_path, curated={"demo.yaml": _article(FIGURES)}, seeds={"demo.txt": SEED})
    code, out, _ = run_cli(root, "check", "--select", "UC426", "--format", "concise")
    hits = [line for line in out.splitlines() if "UC426" in line]
    # 202万吨 over 43907公顷 is 46 t a hectare, eight times the national 5.8; the increment of 63公顷
    # is no area to divide by, the area of 郑州市 is another region's, 夏粮 has no area of its own
    assert code == 1 and len(hits) == 1, out
    assert "'202万吨' of 粮食 from '43907公顷' is 45.9–46.1 t a hectare (3070 公斤/亩)" in hits[0]
    assert "any region's lies within 0.25–3 times it" in hits[0]
    # 0.8万吨 of tobacco over 4.6万亩 (3067 hectares) is 2.6 t a hectare: converted from 亩, and silent


def test_the_usage_counts_the_pairs_judged(tmp_path, run_cli):
    root = write_repo(tmp_path, curated={"demo.yaml": _article(FIGURES)}, seeds={"demo.txt": SEED})
    code, out, err = run_cli(root, "check", "--select", "UC426", "--usage")
    row = next(line for line in (out + err).splitlines() if line.startswith("UC426"))
    assert row.split()[2:4] == ["2", "1"], row  # grain and tobacco paired; one finding


RULE = ("rules:\n  - code: LC426\n    name: local-yield\n    kind: yield\n    summary: s\n    rationale: r\n    output_units: {{吨: 1}}\n"
        "    area_units: {{公顷: 1}}\n    crops:\n{crops}")


@pytest.mark.parametrize("crops, message", [
    ("      - {name: 茶叶, words: [茶], national: 0, range: [0.25, 3], source: 某年鉴}\n", "national must be the national yield in tonnes a hectare"),
    ("      - {name: 茶叶, words: [茶], national: 1.2, range: [2, 3], source: 某年鉴}\n", "range must be [low, high] times the national yield"),
    ("      - {name: 茶叶, words: [], national: 1.2, range: [0.25, 3], source: 某年鉴}\n", "words must list the words of a subject"),
    ("      - {name: 茶叶, words: [茶], national: 1.2, range: [0.25, 3]}\n", "source must name where the national yield is published"),
    ("      - {name: 茶叶, words: [茶], national: 1.2, range: [0.25, 3], source: 某年鉴, unit: 吨}\n", "a crop is a mapping of name, words"),
    ("      - {name: 茶叶, words: [茶], national: 1.2, range: [0.25, 3], source: 某年鉴}\n"
     "      - {name: 红茶, words: [茶], national: 1.2, range: [0.25, 3], source: 某年鉴}\n", "the word '茶' names two crops"),
])
def test_a_malformed_crop_table_is_refused_at_its_rules_line(tmp_path, run_cli, crops, message):
    root = write_repo(tmp_path, rules={"local.yaml": RULE.format(crops=crops)})
    code, _, err = run_cli(root, "check")
    assert code == 2 and "rules/local.yaml:2:" in err and message in err, err
    assert "Traceback" not in err


def test_a_crop_table_that_is_not_a_list_of_mappings_is_refused_at_its_line(tmp_path, run_cli):
    root = write_repo(tmp_path, rules={"local.yaml": RULE.format(crops="      - 茶叶\n")})
    code, _, err = run_cli(root, "check")
    assert code == 2 and "rules/local.yaml:9:" in err and "'crops' must be a list of mappings" in err, err
    assert "Traceback" not in err


MEAT_SEED = "全年猪牛羊禽肉产量2.99万吨。猪肉产量2.11万吨。生猪出栏27.5万头，年末生猪存栏18.2万头。牛奶产量5万吨。出栏牛2.23万头。\n"
MEAT = """\
- {id: meat, subject: 猪牛羊禽肉产量, region: 河南省, metric: output, period: 全年, value: 2.99万吨, quote: 全年猪牛羊禽肉产量2.99万吨}
- {id: pork, subject: 猪肉产量, region: 河南省, metric: output, period: 全年, value: 2.11万吨, quote: 猪肉产量2.11万吨}
- {id: pigs, subject: 生猪出栏, region: 河南省, metric: output, period: 全年, value: 27.5万头, quote: 生猪出栏27.5万头}
- {id: pigs-kept, subject: 生猪存栏, region: 河南省, metric: output, period: 年末, value: 18.2万头, quote: 年末生猪存栏18.2万头}
- {id: milk, subject: 牛奶产量, region: 河南省, metric: output, period: 全年, value: 5万吨, quote: 牛奶产量5万吨}
- {id: cattle, subject: 出栏牛, region: 河南省, metric: output, period: 全年, value: 2.23万头, quote: 出栏牛2.23万头}
"""


def test_meat_is_paired_with_its_own_animals_slaughtered_only(tmp_path, run_cli):
    """One metric on both sides, told apart by unit: 猪肉产量 (吨) over 生猪出栏 (头) is 77 kg a pig and
    silent; the meat of four animals, the milk of cows and the pigs kept (存栏) pair with nothing."""
    root = write_repo(tmp_path, curated={"demo.yaml": _article(MEAT)}, seeds={"demo.txt": MEAT_SEED})
    code, out, err = run_cli(root, "check", "--select", "UC427", "--usage")
    row = next(line for line in (out + err).splitlines() if line.startswith("UC427"))
    assert code == 0 and row.split()[2:4] == ["1", "0"], out + err


def test_pigs_slaughtered_ten_times_too_few_are_reported_per_head(tmp_path, run_cli):
    figures, seed = MEAT.replace("27.5万头", "2.75万头"), MEAT_SEED.replace("27.5万头", "2.75万头")
    root = write_repo(tmp_path, curated={"demo.yaml": _article(figures)}, seeds={"demo.txt": seed})
    code, out, _ = run_cli(root, "check", "--select", "UC427", "--format", "concise")
    hits = [line for line in out.splitlines() if "UC427" in line]
    assert code == 1 and len(hits) == 1, out
    assert "'2.11万吨' of 猪 from '2.75万头' is 764–770 kg a head; the national figure for 猪 is 80 kg a head" in hits[0]


MEAT_RULE = ("rules:\n  - code: LC427\n    name: local-meat\n    kind: yield\n    per: head\n    summary: s\n    rationale: r\n"
             "    output: output\n    area: output\n{more}    crops:\n      - {{name: 猪, words: [猪], national: 80, range: [0.4, 2.5], source: 某公报}}\n")


@pytest.mark.parametrize("more, message", [
    ("    output_units: {吨: 1000, 头: 1}\n    area_units: {头: 1}\n", "output_units and area_units both list 头"),
    ("    output_units: {吨: 1000}\n    area_units: {头: 1}\n    except: [存栏, '']\n", "except: each entry must be a word of a subject"),
    ("    output_units: {吨: 1000}\n    area_units: {头: 1}\n    per: acre\n", "per must be one of hectare, head, resident, not 'acre'"),
])
def test_a_malformed_meat_rule_is_refused_at_its_rules_line(tmp_path, run_cli, more, message):
    rule = MEAT_RULE.format(more=more)
    if "per: acre" in more:
        rule = rule.replace("    per: head\n", "")
    root = write_repo(tmp_path, rules={"local.yaml": rule})
    code, _, err = run_cli(root, "check")
    assert code == 2 and "rules/local.yaml:" in err and message in err, err
    assert "Traceback" not in err


def test_national_of_a_meat_rule_is_asked_for_in_kg_a_head(tmp_path, run_cli):
    rule = MEAT_RULE.format(more="    output_units: {吨: 1000}\n    area_units: {头: 1}\n").replace("national: 80", "national: -1")
    root = write_repo(tmp_path, rules={"local.yaml": rule})
    code, _, err = run_cli(root, "check")
    assert code == 2 and "national must be the national yield in kg a head" in err, err


FRUIT_SEED = "全年水果产量23万吨。鸡蛋产量1.88亿吨。邻县水果产量23亿吨。\n"
FRUIT = """\
- {id: fruit, subject: 水果产量, region: 安阳市, metric: output, period: 全年, value: 23万吨, quote: 全年水果产量23万吨}
- {id: eggs, subject: 鸡蛋产量, region: 安阳市, metric: output, period: 全年, value: 1.88亿吨, quote: 鸡蛋产量1.88亿吨}
- {id: county-fruit, subject: 水果产量, region: 某某县, metric: output, period: 全年, value: 23亿吨, quote: 邻县水果产量23亿吨}
"""


def test_a_products_output_per_resident_of_its_region_or_against_the_whole_country(tmp_path, run_cli):
    """UC428: 1.88亿吨 of eggs for 安阳市 (548万 residents) is 3.4万 kg a resident, 1,400 times
    China's 25 kg; a county the gazetteer has no population for is held to the country's whole
    output (23亿吨 of fruit, more than China grows); 23万吨 of fruit for 安阳市 (42 kg) is silent."""
    root = write_repo(tmp_path, curated={"demo.yaml": _article(FRUIT)}, seeds={"demo.txt": FRUIT_SEED},
                      rules={"local.yaml": "regions:\n  某某县: {parent: 河南省, level: county}\n"})
    code, out, err = run_cli(root, "check", "--select", "UC428", "--format", "concise", "--usage")
    hits = [line for line in out.splitlines() if "UC428" in line and "[error]" in line]
    assert code == 1 and len(hits) == 2, out
    eggs = next(h for h in hits if "鸡蛋" in h or "禽蛋" in h)
    assert "'1.88亿吨' of 禽蛋 is 3.42万–3.44万 kg a resident of 安阳市" in eggs and "China's is 25 kg a resident" in eggs
    county = next(h for h in hits if "某某县" in h)
    assert "is more than twice what all 中国 grows: about 3200亿 kg" in county
    row = next(line for line in (out + err).splitlines() if line.startswith("UC428"))
    assert row.split()[2:4] == ["3", "2"], row


def test_a_per_resident_table_may_have_no_floor_but_the_others_must(tmp_path, run_cli):
    base = ("rules:\n  - code: LC428\n    name: local-output\n    kind: yield\n    summary: s\n    rationale: r\n{per}"
            "    output_units: {{吨: 1000}}\n{area}    crops:\n      - {{name: 茶叶, words: [茶], national: 2.5, range: [0, 100], source: 某公报}}\n")
    ok = write_repo(tmp_path / "ok", rules={"local.yaml": base.format(per="    per: resident\n", area="")})
    code, _, err = run_cli(ok, "check")
    assert code != 2, err
    refused = write_repo(tmp_path / "no", rules={"local.yaml": base.format(per="", area="    area_units: {公顷: 1}\n")})
    code, _, err = run_cli(refused, "check")
    assert code == 2 and "range must be [low, high] times the national yield, 0 < low < 1 < high" in err, err
