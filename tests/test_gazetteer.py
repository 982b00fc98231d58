"""The gazetteer's published populations hold together as the census bulletin prints them."""

from __future__ import annotations

from conftest import REPO
from ucheck.ruleset import load_rules

VOCAB = load_rules([REPO / "rules"], REPO)


def test_every_provincial_level_region_has_its_census_population():
    provinces = {k: r for k, r in VOCAB.regions.items() if r.get("level") == "province"}
    assert len(provinces) == 31  # 22 provinces, 5 autonomous regions, 4 municipalities
    assert all("population" in r and r["population"]["year"] == "2020" for r in provinces.values())


def test_the_provincial_populations_sum_to_the_national_less_the_active_military():
    # 第七次全国人口普查公报（第三号）: the 31 provinces' residents, plus 200万 active military
    # counted apart, make the national 1411778724
    provinces = [r for r in VOCAB.regions.values() if r.get("level") == "province"]
    total = sum(r["population"]["value"] for r in provinces)
    assert total + 2_000_000 == VOCAB.regions["中国"]["population"]["value"] == 1_411_778_724


def test_a_city_has_fewer_residents_than_its_province():
    for name, r in VOCAB.regions.items():
        parent = VOCAB.regions.get(r.get("parent") or "")
        if parent and "population" in r and "population" in parent:
            assert r["population"]["value"] < parent["population"]["value"], name


def test_a_figure_may_name_a_region_by_its_alias(tmp_path, run_cli):
    """兰坪县 is how texts print 兰坪白族普米族自治县: a figure naming it so is not an unknown region (UC430),
    and the size priors read the region's population through the alias (UC421)."""
    import textwrap

    from conftest import ARTICLE, write_repo

    local = textwrap.dedent("""\
        regions:
          兰坪白族普米族自治县:
            parent: 云南省
            level: county
            aliases: [兰坪县]
            population: {value: 215399人, year: 2020, source: a test's figure}
        """)
    seed = "兰坪县有工会会员30万人。\n"
    article = ARTICLE.split("figures:")[0] + textwrap.dedent("""\
        figures:
          - {id: members, subject: 工会会员, region: 兰坪县, metric: union_members, period: "", value: 30万人, quote: 兰坪县有工会会员30万人}
        """)
    root = write_repo(tmp_path, curated={"demo.yaml": article}, seeds={"demo.txt": seed}, rules={"local.yaml": local})
    code, out, _ = run_cli(root, "check", "--select", "UC421,UC430", "--format", "concise")
    assert "UC430" not in out
    assert "UC421" in out and "215399人" in out  # 30万 members in a county of 21.5万 residents
