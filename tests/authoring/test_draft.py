"""ucheck.authoring.draft: the draft curated YAML of a seed — on a small seed written here, on the five real
seeds, and against the curated files (how many curated figures the draft reproduces)."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from pathlib import Path

import pytest
from conftest import findings_of, write_repo
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ucheck.authoring.draft import draft_article, join_wrapped_lines, trim_quote

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
LINK_KEYS = {"part_of", "of", "within", "base", "same_as"}
FIGURE_KEYS = {"id", "subject", "region", "organisation", "metric", "period", "period_norm", "value", "quote", "unit", "note"} | LINK_KEYS
ARTICLE_KEYS = {"id", "seed", "title", "subtitle", "region", "organisation", "authors", "source", "date", "period", "note"}
IGNORED_KEYS = {"value", "quote", "reason"}

REGIONS = {
    "中国": {"parent": None, "level": "country"},
    "河南省": {"parent": "中国", "level": "province"},
    "安阳市": {"parent": "河南省", "level": "city"},
    "郑州市": {"parent": "河南省", "level": "city"},
}
LEXICON = {"国家专利": "patents_granted", "专利": "patents_granted", "经济效益": "direct_economic_benefit",
           "效益": "direct_economic_benefit", "基层工会组织": "grassroots_unions", "会员": "union_members",
           "培训": "people_trained", "覆盖率": "coverage_rate"}

SMALL_SEED = textwrap.dedent(
    """\
    # 河南工会工作综述

    杨君 阎亚平

    2017年11月10日，河南省职工学习贯彻党的十九大精神宣讲会在郑州举行。

    近5年来，全省各类创新工作室共取得国家专利1.1万项，创直接经济效益290

    多万元。

    全省基层工会组织21.5万家，工会会员1826万人，分别比5年前增长10.8和12.9个百分点。

    安阳市总工会组织职工培训2823场，培训职工81447人次，覆盖率达到95%以上。

    全省基层工会组织21.5万家，工会会员1826万人，分别比5年前增长10.8和12.9个百分点。
    """
)


def norm(s) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s)))


def rules(name: str) -> dict:
    p = REPO / "rules" / name
    return yaml.safe_load(p.read_text(encoding="utf-8")) if p.is_file() else {}


def gazetteer() -> dict:
    return {**REGIONS, **(rules("regions.yaml").get("regions") or {})}


def lexicon() -> dict:
    return rules("lexicon.yaml")["keywords"]


def all_metrics() -> dict:
    """The metric vocabulary: rules/metrics.yaml and rules/statistics-metrics.yaml."""
    return {**(rules("metrics.yaml").get("metrics") or {}), **(rules("statistics-metrics.yaml").get("metrics") or {})}


@pytest.fixture(scope="module")
def small():
    text = draft_article(SMALL_SEED, "seeds/demo_0001.txt", LEXICON, REGIONS)
    return text, yaml.safe_load(text)


def test_small_seed_article(small):
    text, doc = small
    assert set(doc) == {"article", "figures", "ignored"}
    art = doc["article"]
    assert set(art) <= ARTICLE_KEYS
    assert art["id"] == "demo-0001" and art["seed"] == "seeds/demo_0001.txt"
    assert art["title"] == "河南工会工作综述"
    assert art["region"] == "河南省"
    assert text.startswith("# DRAFT")


def test_small_seed_figures(small):
    _text, doc = small
    figs = doc["figures"]
    values = [f["value"] for f in figs]
    # 290\n\n多万元 is re-joined; the duplicated paragraph is drafted once; dates and periods are not figures
    assert values == ["1.1万项", "290多万元", "21.5万家", "1826万人", "10.8", "12.9个百分点", "2823场", "81447人次", "95%以上"]
    assert [f["id"] for f in figs] == [f"f{i:03d}" for i in range(1, len(figs) + 1)]
    seed = norm(SMALL_SEED)
    for f in figs:
        assert set(f) <= FIGURE_KEYS
        assert isinstance(f["value"], str) and isinstance(f["quote"], str)
        assert norm(f["quote"]) in seed
        assert norm(f["value"]) in norm(f["quote"])
        assert f["subject"] and f["region"] and f["metric"]
    by = {f["value"]: f for f in figs}
    assert by["1.1万项"]["quote"] == "全省各类创新工作室共取得国家专利1.1万项"
    assert by["290多万元"]["quote"] == "创直接经济效益290多万元"
    assert by["10.8"]["unit"] == "个百分点" and "unit" not in by["12.9个百分点"]
    assert by["1.1万项"]["metric"] == "patents_granted"
    assert by["290多万元"]["metric"] == "direct_economic_benefit"
    assert by["1826万人"]["metric"] == "union_members"
    assert by["10.8"]["metric"] == "unknown"
    assert by["1.1万项"]["period"] == "近5年来"
    assert by["2823场"]["region"] == "安阳市" and by["1.1万项"]["region"] == "河南省"
    assert by["2823场"]["subject"] == "市总工会"


def test_small_seed_comments_and_ignored(small):
    text, doc = small
    assert doc["ignored"] == [{"value": "十九大", "quote": "河南省职工学习贯彻党的十九大精神宣讲会在郑州举行",
                               "reason": "congress: 十九大"}]
    assert "# the literal is split across a line break in the seed (joined here)" in text
    assert "printed again at line" in text  # the duplicated paragraph
    assert "#   line 5: 2017年11月10日 — date: 2017年11月10日" in text
    assert "period: 5年前" in text
    try:
        import ucheck.numbers.quantity  # noqa: F401
    except ImportError:
        assert "ucheck.numbers.quantity not available" in text
    else:
        assert "interval (2900000, 3000000) unit 元" in text
        assert "interval [10.75, 10.85) no unit" in text


def test_metric_units_filter():
    metrics = rules("metrics.yaml").get("metrics") or {}
    seed = "全市共组织职工培训2823场，培训职工81447人次。\n"
    plain = yaml.safe_load(draft_article(seed, "seeds/x.txt", LEXICON, REGIONS))
    assert [f["metric"] for f in plain["figures"]] == ["people_trained", "people_trained"]
    if "people_trained" in metrics:
        filtered = yaml.safe_load(draft_article(seed, "seeds/x.txt", LEXICON, REGIONS, metrics))
        assert [f["metric"] for f in filtered["figures"]] == ["unknown", "people_trained"]


def test_yaml_quoting_round_trips():
    seed = "标题: 10.8\n\n“这20元钱的住院补贴, 真好”！覆盖率 19.9% —— yes: no #1\n"
    text = draft_article(seed, "seeds/odd name.txt", {}, {})
    doc = yaml.safe_load(text)
    assert doc["article"]["title"] == "标题: 10.8" and doc["article"]["id"] == "odd-name"
    assert doc["article"]["region"] == ""
    for f in doc["figures"]:
        assert isinstance(f["value"], str) and isinstance(f["quote"], str) and isinstance(f["period"], str)
        assert norm(f["quote"]) in norm(seed)
        assert f["metric"] == "unknown"


def test_empty_seed():
    doc = yaml.safe_load(draft_article("", "seeds/empty.txt", {}, {}))
    assert doc["figures"] == [] and doc["ignored"] == [] and doc["article"]["title"] == ""


def test_join_wrapped_lines():
    text = "创直接经济效益290\n\n多万元。\n\n标题 作者\n\n半年多来仅其一人就开展巡回演讲200多\n\n场，其网上直播。\n\n演讲200多\n\n和谐劳动关系建设持续深化"
    joined, index = join_wrapped_lines(text)
    assert joined == "创直接经济效益290多万元。\n标题 作者\n半年多来仅其一人就开展巡回演讲200多场，其网上直播。\n演讲200多\n和谐劳动关系建设持续深化"
    assert len(index) == len(joined)
    for j, c in enumerate(joined):
        assert text[index[j]] == c or (c == "\n" and text[index[j]].isspace())


def test_trim_quote():
    assert trim_quote("“这20元钱的住院补贴") == "这20元钱的住院补贴"
    assert trim_quote("打好“四张牌”") == "打好“四张牌”"
    assert trim_quote(" 建功十二五” ") == "建功十二五"


# ----------------------------------------------------------------------------- the real seeds


@pytest.fixture(scope="module")
def real_drafts():
    lex = lexicon()
    regions = gazetteer()
    out = {}
    for seed in SEEDS:
        rel = seed.relative_to(REPO).as_posix()
        text = seed.read_text(encoding="utf-8")
        out[rel] = (text, yaml.safe_load(draft_article(text, rel, lex, regions)))
    return out


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_real_seed_draft(real_drafts, seed):
    text, doc = real_drafts[seed.relative_to(REPO).as_posix()]
    figs = doc["figures"]
    assert len(figs) > 20
    seed_norm = norm(text)
    ids = set()
    for f in figs:
        assert set(f) <= FIGURE_KEYS
        assert f["id"] not in ids
        ids.add(f["id"])
        assert norm(f["quote"]) in seed_norm, f
        assert norm(f["value"]) in norm(f["quote"]), f
    for g in doc["ignored"]:
        assert set(g) == IGNORED_KEYS and g["reason"]
        assert norm(g["quote"]) in seed_norm
    assert_links_valid(doc)
    if seed.name.startswith("005"):
        # 上半年全市经济运行情况分析 names no city (大庆 comes from the publishing app): left to fill in
        assert doc["article"]["region"] == ""
        assert "region: ''  # the text says 全市 but names no city of the gazetteer: fill in" in text_of(real_drafts, seed)
    else:
        assert doc["article"]["region"] in gazetteer()


def text_of(real_drafts, seed) -> str:
    rel = seed.relative_to(REPO).as_posix()
    return draft_article(real_drafts[rel][0], rel, lexicon(), gazetteer())


def assert_links_valid(doc) -> None:
    """The links of a draft name ids of the draft, never the figure itself, and no chain of one key
    comes back to where it started."""
    ids = [f["id"] for f in doc["figures"]]
    assert len(ids) == len(set(ids))
    by_id = {f["id"]: f for f in doc["figures"]}
    for f in doc["figures"]:
        for key in ("part_of", "of", "within"):
            if key in f:
                assert f[key] in by_id and f[key] != f["id"], (key, f)
        if "base" in f:
            assert isinstance(f["base"], str) and f["base"]
    for key in ("part_of", "of"):
        for f in doc["figures"]:
            seen, cur = {f["id"]}, f
            while key in cur:
                assert cur[key] not in seen, (key, f["id"])
                seen.add(cur[key])
                cur = by_id[cur[key]]


def test_lexicon_file():
    doc = rules("lexicon.yaml")
    assert {"keywords", "ranks"} <= set(doc)
    assert all(isinstance(n, int) and n >= 1 for n in doc["ranks"].values())
    kw = doc["keywords"]
    assert len(kw) > 100
    metrics = set(all_metrics())
    assert metrics, "rules/metrics.yaml has no metrics"
    assert sorted(set(kw.values()) - metrics) == []
    lengths = [len(k) for k in kw]
    assert lengths == sorted(lengths, reverse=True), "keywords must be listed longest first"


def test_lexicon_is_accepted_by_the_rule_loader():
    spec = pytest.importorskip("ucheck.ruleset")
    vocab = spec.load_rules([REPO / "rules"], REPO)
    assert vocab.keywords.get("专利") == "patents_granted"


# ----------------------------------------------------------------------------- curated files


def _occurrences(seed_norm: str, value: str, quote: str) -> set[int]:
    """Positions (in the normalised seed) of the literal inside every occurrence of the quote."""
    q, v = norm(quote), norm(value)
    out = set()
    offs = [m.start() for m in re.finditer(re.escape(v), q)] if v else []
    start = seed_norm.find(q) if q else -1
    while start >= 0:
        out.update(start + o for o in offs)
        start = seed_norm.find(q, start + 1)
    return out


def reproduction(curated_path: Path, drafts) -> tuple[int, int, int, list]:
    """(same place, containment, total, misses) for one curated file.

    A curated figure is reproduced when the draft has a figure with the SAME literal (after NFKC
    and white-space removal) at the SAME place of the seed: the literal inside the draft quote and
    the literal inside the curated quote are the same occurrence in the seed. This accepts quotes
    that cut the clause differently (the curator took a whole sentence, or dropped a leading 5年来，)
    but not the same literal at another place. The stricter containment measure (one normalised
    quote contains the other) is reported too.
    """
    doc = yaml.safe_load(curated_path.read_text(encoding="utf-8")) or {}
    rel = str((doc.get("article") or {}).get("seed", ""))
    if rel not in drafts:
        return 0, 0, 0, []
    text, draft = drafts[rel]
    seed_norm = norm(text)
    places = {}
    for f in draft["figures"]:
        places.setdefault(norm(f["value"]), []).append((norm(f["quote"]), _occurrences(seed_norm, f["value"], f["quote"])))
    same = contained = total = 0
    misses = []
    for f in doc.get("figures") or []:
        if not isinstance(f, dict) or not isinstance(f.get("value"), str) or not isinstance(f.get("quote"), str):
            continue
        total += 1
        v, q = norm(f["value"]), norm(f["quote"])
        cands = places.get(v, [])
        at = _occurrences(seed_norm, f["value"], f["quote"])
        ok_same = any(occ & at for _dq, occ in cands)
        ok_cont = any(dq in q or q in dq for dq, _occ in cands)
        same += ok_same
        contained += ok_cont
        if not ok_same:
            misses.append((f["value"], f["quote"]))
    return same, contained, total, misses


# Curated files for which the draft reaches the project target (>= 95 % of the curated figures
# reproduced at the same place); measured when this test was written.
TARGET = 95.0
REACHED = {
    "000-anyang-union.yaml",
    "000-jiaozuo-union.yaml",
    "001-henan-union-review.yaml",
    "002-hebei-union-conduct.yaml",
    "003-fuxin-union.yaml",
    "004-quzhou-union.yaml",
    "005-daqing-economy-2016h1.yaml",
}


def test_draft_reproduces_curated_figures(real_drafts, capsys):
    files = sorted((REPO / "curated").glob("*.yaml"))
    assert files, "the repository ships curated/*.yaml"
    report, below = [], []
    for path in files:
        try:
            same, contained, total, misses = reproduction(path, real_drafts)
        except yaml.YAMLError:
            report.append(f"{path.name}: does not load")
            continue
        if not total:
            continue
        pct = 100.0 * same / total
        report.append(f"{path.name}: {same}/{total} = {pct:.1f}% at the same place, "
                      f"{100.0 * contained / total:.1f}% by quote containment; misses: {misses}")
        if path.name in REACHED and pct < TARGET:
            below.append(report[-1])
    with capsys.disabled():
        print("\n" + "\n".join(report))
    assert not below, below


# ----------------------------------------------------------------------------- links
# Small texts written for these tests (a county's statistics release, invented figures): each
# pattern proposes its link, marked as a proposal; a sentence without the pattern proposes none.

STATS_REGIONS = {**REGIONS, "新乡市": {"parent": "河南省", "level": "city"}}


def stats_draft(seed: str, title: str = "上半年经济运行简析") -> tuple[str, dict]:
    text = draft_article(f"{title}\n{seed}", "seeds/stats_0001.txt", lexicon(), STATS_REGIONS, all_metrics())
    return text, yaml.safe_load(text)


def fig(doc, value: str, nth: int = 0) -> dict:
    return [f for f in doc["figures"] if f["value"] == value][nth]


def links(f: dict) -> dict:
    return {k: f[k] for k in LINK_KEYS if k in f}


def test_qizhong_after_an_increment_breaks_down_the_level_and_a_spaced_increment_is_a_change():
    """全年粮食种植面积43907公顷,比上年增加63公顷。其中,小麦…: the 63公顷 is an increment, not the total the
    parts are of; and 比上年增加 39公顷 (a space some pages print) is a change of the wheat area
    (found curating 渑池县2022年统计公报 from a stored page)."""
    _t, doc = stats_draft("全年粮食种植面积43907公顷,比上年增加63公顷。其中,小麦种植面积 21500公顷,比上年增加 39公顷;"
                          "玉米种植面积11118公顷,比上年减少11265公顷。\n")
    grain = fig(doc, "43907公顷")["id"]
    assert fig(doc, "21500公顷")["part_of"] == grain and fig(doc, "11118公顷")["part_of"] == grain
    assert links(fig(doc, "39公顷")) == {"of": fig(doc, "21500公顷")["id"], "base": "上年"}
    assert links(fig(doc, "63公顷")) == {"of": grain, "base": "上年"}


def test_a_sown_area_and_its_growth_get_the_vocabulary_metrics():
    """种植面积 is a sown area; its growth, with no sown_area_growth in the vocabulary, is its head's
    (area_growth) — not unknown. 景区面积 stays a site's area."""
    _t, doc = stats_draft("全年粮食种植面积43907公顷。上半年设施农业种植面积达到10.2万亩，同比增长20.9%。景区面积15平方公里。\n")
    assert fig(doc, "43907公顷")["metric"] == "sown_area" and fig(doc, "10.2万亩")["metric"] == "sown_area"
    assert fig(doc, "20.9%")["metric"] == "area_growth"
    assert fig(doc, "15平方公里")["metric"] == "area"


def test_qizhong_proposes_part_of():
    text, doc = stats_draft("全县共有规模以上企业320家，其中高新技术企业85家。\n"
                            "全县实现农业总产值96.3亿元，同比增长3.1%。其中，蔬菜产值41.2亿元。\n"
                            "交通投资完成18亿元，同比增长4%（其中：公路12.5亿元，增长6%；铁路3.4亿元，下降9%）。\n")
    assert links(fig(doc, "85家")) == {"part_of": fig(doc, "320家")["id"]}
    assert links(fig(doc, "41.2亿元")) == {"part_of": fig(doc, "96.3亿元")["id"]}  # the total of the sentence before
    whole = fig(doc, "18亿元")["id"]
    assert fig(doc, "12.5亿元")["part_of"] == whole and fig(doc, "3.4亿元")["part_of"] == whole  # 其中：a list
    assert f"part_of: {fig(doc, '320家')['id']}  # proposed from 其中" in text
    assert_links_valid(doc)


def test_qizhong_then_parts_after_semicolons():
    """其中，第一产业增加值…；第二产业增加值…；第三产业增加值…: each part after a semicolon with the first
    part's metric is a part too; an amount of another metric after a semicolon is not."""
    _t, doc = stats_draft("全县地区生产总值为1437936万元，比上年同期增长-8.7%。其中，第一产业增加值为16931万元，增长12.1%；"
                          "第二产业增加值为1080242万元，增长-12.7%；第三产业增加值为340763万元，增长0.8%；固定资产投资完成52亿元。\n")
    gdp = fig(doc, "1437936万元")["id"]
    assert [fig(doc, v).get("part_of") for v in ("16931万元", "1080242万元", "340763万元")] == [gdp] * 3
    assert "part_of" not in fig(doc, "52亿元")
    assert_links_valid(doc)


def test_the_same_literal_printed_again_is_proposed_as_a_restatement():
    """能享受到住院期间每天20元的住院补贴 … 这20元钱的住院补贴: the later mention is same_as the first; a span of
    time or a pull printed twice (三年, 拉动0.5个百分点) is two figures, not one."""
    _t, doc = stats_draft("职工住院期间每天可享受20元的住院补贴，为期三年。这20元钱的住院补贴够一天的伙食费。\n"
                          "第一产业增加值27.5亿元，拉动经济增长0.5个百分点。建筑业增加值11.2亿元，拉动经济增长0.5个百分点。利用三年时间完成改造。\n",
                          title="经济运行情况")
    first, again = fig(doc, "20元", 0), fig(doc, "20元", 1)
    assert again.get("same_as") == first["id"] and "same_as" not in first
    assert "# proposed from the same literal printed again" in _t
    assert "same_as" not in fig(doc, "0.5个百分点", 1) and "same_as" not in fig(doc, "三年", 1)
    assert_links_valid(doc)


def test_share_proposes_of_and_within():
    text, doc = stats_draft("全县实现地区生产总值512.6亿元，同比增长6.3%。第三产业实现增加值230.4亿元，占地区生产总值的比重为44.9%。\n"
                            "社会消费品零售总额88亿元。网络零售额12.1亿元，占社会消费品零售总额的13.8%。\n")
    share = fig(doc, "44.9%")
    assert links(share) == {"of": fig(doc, "230.4亿元")["id"], "within": fig(doc, "512.6亿元")["id"]}
    assert share["metric"] == "share"
    online = fig(doc, "13.8%")
    assert links(online) == {"of": fig(doc, "12.1亿元")["id"], "within": fig(doc, "88亿元")["id"]}
    assert "# proposed from 占…的比重" in text
    assert_links_valid(doc)


def test_change_proposes_of_and_base():
    text, doc = stats_draft("全县一般公共预算收入完成21.7亿元，比上年增长5.2%，增速比一季度回落0.4个百分点。\n"
                            "城镇新增就业4300人，同比下降2.5%。\n"
                            "乡村实现零售额9.8亿元，增长7.1%。\n")
    revenue, growth = fig(doc, "21.7亿元"), fig(doc, "5.2%")
    assert links(growth) == {"of": revenue["id"], "base": "上年"}
    assert links(fig(doc, "0.4个百分点")) == {"of": growth["id"], "base": "一季度"}  # a change of the growth
    assert links(fig(doc, "2.5%")) == {"of": fig(doc, "4300人")["id"], "base": "同期"}  # 同比 → 同期
    # 增长 X% alone: no base printed, year on year in a release on 上半年 (the title)
    assert links(fig(doc, "7.1%")) == {"of": fig(doc, "9.8亿元")["id"], "base": "同期"}
    assert (revenue["metric"], growth["metric"]) == ("general_budget_revenue", "general_budget_revenue_growth")
    assert fig(doc, "0.4个百分点")["metric"] == "growth_rate_change"
    assert "base: 上年  # proposed from 比上年" in text
    assert_links_valid(doc)


def test_contribution_proposes_of_and_within():
    _text, doc = stats_draft("全县实现地区生产总值512.6亿元，同比增长6.3%。\n"
                             "工业实现增加值213.5亿元，同比增长8.2%，拉动GDP增长3.4个百分点。\n"
                             "服务业实现增加值180.2亿元，同比增长7.5%。服务业增加值比重比上年提高1.2个百分点，拉动全县经济增长2.9个百分点。\n"
                             "民间投资拉动全县投资增长4.4个百分点：国有投资完成30亿元；民间投资完成52亿元，同比增长9%。\n")
    pull = fig(doc, "3.4个百分点")
    assert links(pull) == {"of": fig(doc, "213.5亿元")["id"], "within": fig(doc, "512.6亿元")["id"]}
    assert pull["metric"] == "growth_contribution"
    # the part is the level before it (in the sentence before, same paragraph); 全县经济 → the GDP figure
    assert links(fig(doc, "2.9个百分点")) == {"of": fig(doc, "180.2亿元")["id"], "within": fig(doc, "512.6亿元")["id"]}
    # the whole (全县投资) is not printed before it: no link
    assert links(fig(doc, "4.4个百分点")) == {}
    # the part named before 拉动 (民间投资) may be printed after it, in the same paragraph
    _text, doc = stats_draft("全县固定资产投资完成82亿元，同比增长5%。\n"
                             "民间投资拉动全县投资增长4.4个百分点：国有投资完成30亿元；民间投资完成52亿元，同比增长9%。\n")
    assert links(fig(doc, "4.4个百分点")) == {"of": fig(doc, "52亿元")["id"], "within": fig(doc, "82亿元")["id"]}
    assert_links_valid(doc)


def test_no_pattern_no_link():
    _text, doc = stats_draft("全县共有农家书屋412个，文化站23个。耕地占用税收入3.2亿元，契税1.1亿元。\n"
                             "3万多名职工参与其中，受到表彰的有152人。全县粮食产量达到58.3万吨。\n")
    assert len(doc["figures"]) == 7
    assert all(not links(f) for f in doc["figures"]), [f for f in doc["figures"] if links(f)]
    assert "proposed from" not in _text


def test_a_clause_printed_twice_is_two_figures():
    text = "甲厂实现产值12亿元，同比下降0.9%。乙厂实现产值15亿元，同比下降0.9%。\n"
    _t, doc = stats_draft(text)
    falls = [f for f in doc["figures"] if f["value"] == "0.9%"]
    assert [f["quote"] for f in falls] == ["甲厂实现产值12亿元，同比下降0.9%", "乙厂实现产值15亿元，同比下降0.9%"]
    assert [f["of"] for f in falls] == [fig(doc, "12亿元")["id"], fig(doc, "15亿元")["id"]]
    assert len({f["id"] for f in doc["figures"]}) == len(doc["figures"]) == 4


@pytest.mark.parametrize("trail", ["首页/ 政务公开/ 法定主动公开内容/ 统计信息/ 统计公报/ 正文", "当前位置：首页 > 统计数据",
                                   "新闻中心 > 统计公报 > 正文"])
def test_a_pages_navigation_trail_is_not_its_title(trail):
    """A web page saved with its navigation trail: the title is the first line after it, and the
    region is read from that title."""
    _t, doc = stats_draft("全市实现地区生产总值1200亿元。", title=f"{trail}\n\n新乡市2023年国民经济和社会发展统计公报")
    assert doc["article"]["title"] == "新乡市2023年国民经济和社会发展统计公报"
    assert doc["article"]["region"] == "新乡市"


def test_a_title_with_a_slash_is_still_a_title():
    _t, doc = stats_draft("全市实现地区生产总值1200亿元。", title="新乡市GDP/人口统计")
    assert doc["article"]["title"] == "新乡市GDP/人口统计"


def test_article_region_from_the_title_or_text():
    _t, doc = stats_draft("全市实现地区生产总值1200亿元。河南省经济运行总体平稳。", title="新乡市上半年经济运行简析")
    assert doc["article"]["region"] == "新乡市"  # a city named in the title, though its province is named in the text
    _t, doc = stats_draft("全市实现地区生产总值1200亿元。全市经济运行总体平稳，郑州、河南两地……河南省", title="经济运行简析")
    assert doc["article"]["region"] == "郑州市"  # the text speaks of 全市: the city named
    text, doc = stats_draft("全市实现地区生产总值1200亿元，同比增长5%。")
    assert doc["article"]["region"] == ""
    assert "# the text says 全市 but names no city of the gazetteer: fill in" in text


def test_article_region_named_by_the_title_but_not_in_the_gazetteer():
    """A place the gazetteer lacks, named at the head of the title, is the article's region (with a
    note to add it), not the country of 中国特色 in the text (兰坪县2021年…统计公报 drafted 中国)."""
    text, doc = stats_draft("全县坚持以习近平新时代中国特色社会主义思想为指导。全年实现地区生产总值98.38亿元，增长8.1%。\n",
                            title="兰坪县2021年国民经济和社会发展统计公报")
    assert doc["article"]["region"] == "兰坪县"
    assert "兰坪县 (from the title) is not in the gazetteer: add it" in text
    assert {f["region"] for f in doc["figures"]} == {"兰坪县"}
    _t, doc = stats_draft("全区实现地区生产总值320亿元。", title="黔东南苗族侗族自治州上半年经济运行情况")
    assert doc["article"]["region"] == "黔东南苗族侗族自治州"
    for heading in ("全市上半年经济运行简析", "关于2021年国民经济和社会发展计划执行情况的报告"):
        text, doc = stats_draft("全市实现地区生产总值1200亿元，同比增长5%。", title=heading)
        assert doc["article"]["region"] == "", heading  # 全市 is no place; 关于…计划 names none


def test_the_reporting_period_of_a_statistics_release():
    """A release says its period once (一季度，全市…; 上半年 in the title; 全年 of a 统计公报): each
    figure without a period of its own takes the one printed last in its paragraph, else the
    article's; a period after 比 is the base of a change, not the figure's."""
    text = ("一季度，全市经济运行起步平稳。全市实现地区生产总值242亿元，同比增长5.5%，增速比全年提高0.3个百分点。\n"
            "规模以上工业增加值增长7.6%。1-3月，固定资产投资增长10.2%。\n")
    _t, doc = stats_draft(text, title="经济运行情况")
    got = {f["value"]: f["period"] for f in doc["figures"]}
    assert got == {"242亿元": "一季度", "5.5%": "一季度", "0.3个百分点": "一季度", "7.6%": "一季度", "10.2%": "1-3月"}, got
    _t, doc = stats_draft("全县实现地区生产总值98.38亿元，比上年增长8.1%。\n", title="兰坪县2021年国民经济和社会发展统计公报")
    assert {f["period"] for f in doc["figures"]} == {"全年"}
    _t, doc = stats_draft("全县实现地区生产总值98.38亿元，比上年增长8.1%。\n")  # 上半年经济运行简析
    assert {f["period"] for f in doc["figures"]} == {"上半年"}
    _t, doc = stats_draft("全县实现地区生产总值98.38亿元，比上年增长8.1%。\n", title="经济运行简析")
    assert {f["period"] for f in doc["figures"]} == {""}  # none printed: none guessed


def test_quanshi_after_zai_is_the_texts_own_city():
    """在全市范围内 speaks of the text's own city; 高于全省 compares it with its province."""
    text = ("一季度，新乡市在全市范围内开展专项行动，在全市推广，在全市落实。地区生产总值增长5.5%，高于全省0.3个百分点；"
            "全省为5.2%，全省投资增长3%，河南省经济运行平稳。\n")
    _t, doc = stats_draft(text, title="经济运行情况")
    assert doc["article"]["region"] == "新乡市"


def test_a_growth_after_an_increment_is_of_the_level():
    """播种面积85.76千公顷，增加0.09千公顷，增长0.1%: the 0.1 % is of the area, not of its increment."""
    _t, doc = stats_draft("全县粮食播种面积85.76千公顷，比上年增加0.09千公顷，增长0.1%。\n")
    assert fig(doc, "0.1%")["of"] == fig(doc, "85.76千公顷")["id"]
    assert fig(doc, "0.09千公顷")["of"] == fig(doc, "85.76千公顷")["id"]


def test_a_bare_growth_is_year_on_year_in_a_release_on_a_period():
    """增长5.5% with no base printed: in a release on 一季度 against the same months of last year
    (同期), in a 统计公报 against last year; with no reporting period, no base is proposed."""
    _t, doc = stats_draft("一季度，全市实现地区生产总值242亿元，增长5.5%。\n", title="经济运行情况")
    assert fig(doc, "5.5%")["of"] == fig(doc, "242亿元")["id"] and fig(doc, "5.5%")["base"] == "同期"
    _t, doc = stats_draft("全县实现地区生产总值98.38亿元，增长8.1%。\n", title="兰坪县2021年国民经济和社会发展统计公报")
    assert fig(doc, "8.1%")["base"] == "上年"
    _t, doc = stats_draft("全县实现地区生产总值98.38亿元，增长8.1%。\n", title="经济运行简析")
    assert "base" not in fig(doc, "8.1%")


def test_a_growth_printed_for_a_base_period_is_of_the_level_in_that_period():
    """同比下降11.7%（同期为下降9.8%、一季度为增长3.5%）: each growth in the aside is of the investment the
    growth before it is of, its period the base's words (the links kind reads it as that period's
    growth, UC321); the level's own growth keeps the reporting period, not the aside's 一季度. A
    change in points against a base (比同期提高) stays a change of the growth."""
    text = ("上半年，全市经济运行平稳。中直投资完成159.5亿元，同比下降11.7%（同期为下降9.8%、一季度为增长3.5%）。"
            "地方投资完成87.9亿元，同比增长42.1%，增速比同期提高102.3个百分点。\n")
    _t, doc = stats_draft(text, title="经济运行情况")
    central = fig(doc, "159.5亿元")["id"]
    assert links(fig(doc, "11.7%")) == {"of": central, "base": "同期"} and fig(doc, "11.7%")["period"] == "上半年"
    for value, period in (("9.8%", "同期"), ("3.5%", "一季度")):
        assert links(fig(doc, value)) == {"of": central}, value
        assert fig(doc, value)["period"] == period
    assert links(fig(doc, "102.3个百分点")) == {"of": fig(doc, "42.1%")["id"], "base": "同期"}
    assert_links_valid(doc)


def test_a_change_printed_as_a_word_is_drafted_with_its_base():
    """增速与一季度持平: a change in points of the growth before it, against 一季度, unit 个百分点 (not printed);
    价格与同期持平: a change in % against 同期; 与上年基本持平 is no figure."""
    text = ("上半年，全市经济运行平稳。第三产业实现增加值450亿元，同比增长4.5%，增速与一季度持平。"
            "其他用品和服务类价格与同期持平。全市农作物种植面积1128万亩，与上年基本持平。\n")
    _t, doc = stats_draft(text, title="经济运行情况")
    flat = [f for f in doc["figures"] if f["value"] == "持平"]
    assert len(flat) == 2
    points, prices = flat
    assert points["unit"] == "个百分点" and links(points) == {"of": fig(doc, "4.5%")["id"], "base": "一季度"}
    assert prices["unit"] == "%" and links(prices) == {"base": "同期"}
    assert_links_valid(doc)


def test_a_structure_names_its_parts_and_whole():
    """三次产业比为3.9：59.5：36.6 after the three industries' value added: each term is the share of
    its industry within GDP, and each industry is part_of GDP; 油与非油 are told apart (油 is not the
    start of 非油经济); the whole of investment by industry is the investment total."""
    _t, doc = stats_draft("全县实现地区生产总值1228亿元，同比增长1.5%。\n"
                          "第一产业实现增加值47.5亿元；第二产业实现增加值730.5亿元；第三产业实现增加值450亿元。三次产业比为3.9：59.5：36.6。\n"
                          "非油经济实现增加值952.3亿元；油经济实现增加值275.7亿元。油与非油经济比重为22.5：77.5。\n"
                          "全县固定资产投资完成247.4亿元。第一产业完成投资16.9亿元；第三产业完成投资39.2亿元；第二产业完成投资191.3亿元。"
                          "三次产业投资比重为6.8：77.3：15.9。\n")
    gdp = fig(doc, "1228亿元")["id"]
    for term, part in (("3.9", "47.5亿元"), ("59.5", "730.5亿元"), ("36.6", "450亿元"), ("22.5", "275.7亿元"), ("77.5", "952.3亿元")):
        assert links(fig(doc, term)) == {"of": fig(doc, part)["id"], "within": gdp}, term
        assert fig(doc, term)["metric"] == "share" and fig(doc, part)["part_of"] == gdp
    fai = fig(doc, "247.4亿元")["id"]
    for term, part in (("6.8", "16.9亿元"), ("77.3", "191.3亿元"), ("15.9", "39.2亿元")):
        assert links(fig(doc, term)) == {"of": fig(doc, part)["id"], "within": fai}, term
    assert_links_valid(doc)


@pytest.mark.parametrize("colon", [":", "：", "∶"])  # ASCII, full-width, the ratio sign U+2236
def test_a_structure_on_a_line_of_its_own_finds_its_parts_in_the_paragraph_before(colon):
    _t, doc = stats_draft("全县地区生产总值为1437936万元，比上年同期增长-8.7%。其中，第一产业增加值为16931万元；第二产业增加值为1080242万元；"
                          f"第三产业增加值为340763万元。\n从产业结构看，三次产业比例为1.2{colon}75.1{colon}23.7。\n")
    gdp = fig(doc, "1437936万元")["id"]
    for term, part in (("1.2", "16931万元"), ("75.1", "1080242万元"), ("23.7", "340763万元")):
        assert links(fig(doc, term)) == {"of": fig(doc, part)["id"], "within": gdp}, term
        assert fig(doc, part)["part_of"] == gdp


def test_a_county_bulletins_farm_and_forest_figures_get_their_metrics():
    """What a new user's county bulletin needed local metrics for: 农林牧渔业总产值 (gross output, not
    value added) and its growth, 存栏 (kept at a date, not an output like 出栏), 森林覆盖率 (a rate, not a
    union's coverage), 造林面积."""
    _t, doc = stats_draft("全县完成农林牧渔业总产值832891万元，同比增长4.2%。生猪存栏38.1万头，生猪出栏52.7万头。"
                          "森林覆盖率达65.2%。全年完成造林面积2.1万亩。\n")
    expected = {"832891万元": "agri_output_value", "4.2%": "agri_output_value_growth", "38.1万头": "livestock_stock",
                "52.7万头": "output", "65.2%": "forest_coverage_rate", "2.1万亩": "afforestation_area"}
    assert {v: fig(doc, v)["metric"] for v in expected} == expected


def test_a_structure_of_the_year_before_takes_its_period():
    """三次产业结构由上年的14.9:33.2:51.9调整为15.3:31.3:53.4: the first structure is last year's — its
    terms have period 上年 (shares of that year's amounts, which the growths give), the second the
    year's own; read without a period, the first was checked as this year's shares (UC310)."""
    _t, doc = stats_draft("全县实现地区生产总值2616611万元，同比增长-0.5%。其中，第一产业增加值399560万元，同比增长3.9%；"
                          "第二产业增加值818732万元，同比增长-6.6%；第三产业增加值1398319万元，同比增长1.9%。\n"
                          "全县三次产业结构由上年的14.9:33.2:51.9调整为15.3:31.3:53.4。\n")
    gdp = fig(doc, "2616611万元")["id"]
    for term, part in (("14.9", "399560万元"), ("33.2", "818732万元"), ("51.9", "1398319万元")):
        assert fig(doc, term)["period"] == "上年" and links(fig(doc, term)) == {"of": fig(doc, part)["id"], "within": gdp}, term
    for term in ("15.3", "31.3", "53.4"):
        assert fig(doc, term)["period"] != "上年", term
    assert_links_valid(doc)


def test_a_base_printed_with_its_value_in_brackets():
    """较一季度(-10.8%)回升2.1个百分点: the bracketed growth is 一季度's, the base of the change in
    points, which is of the growth before it; 较 reads as 比."""
    _t, doc = stats_draft("二季度全县地区生产总值为1437936万元，比上年同期增长-8.7%，较一季度(-10.8%)回升2.1个百分点。"
                          "农林牧渔业增加值18100万元，增长11.6%，较上年同期(3.2%)大幅增长。\n")
    growth, q1, points = fig(doc, "-8.7%"), fig(doc, "-10.8%"), fig(doc, "2.1个百分点")
    assert q1["period"] == "一季度" and fig(doc, "3.2%")["period"] == "上年同期"
    assert links(points) == {"of": growth["id"], "base": q1["id"]}
    assert links(growth) == {"of": fig(doc, "1437936万元")["id"], "base": "上年同期"}
    assert_links_valid(doc)


def test_another_regions_figure_in_brackets_is_not_what_a_change_is_of():
    """增长7.5%(全市11.1%)，较去年同期回落0.9个百分点: the change is of the county's 7.5 %, not of the
    city's figure printed in brackets for comparison."""
    _t, doc = stats_draft("全县规模以上工业增加值同比增长7.5%(全市11.1%)，较去年同期回落0.9个百分点。"
                          "全县固定资产投资同比增长6.4%（全省为6.6%），较去年同期加快35.3个百分点。\n", title="一季度经济运行情况")
    assert links(fig(doc, "0.9个百分点"))["of"] == fig(doc, "7.5%")["id"]
    assert links(fig(doc, "35.3个百分点"))["of"] == fig(doc, "6.4%")["id"]
    assert_links_valid(doc)


def test_a_breakdown_of_growths_without_amounts_is_part_of_the_paragraphs_growth():
    """分经济类型看 after the paragraph's growth, the parts' amounts not printed: each part's growth is
    part_of the whole's; not the other region's figure in brackets, nor the month's after 其中, and a
    growth after 其中 within the list is a part of the part before it, left alone."""
    _t, doc = stats_draft("全市规模以上工业增加值同比增长5.1%（全省6.0%），其中，12月份增长4.2%。分经济类型看，国有控股企业增长3.2%，"
                          "股份制企业增长6.0%，其中民营企业增长7.7%，外商及港澳台商投资企业下降2.4%。全市发电量增长2.2%。\n")
    whole = fig(doc, "5.1%")["id"]
    for value in ("3.2%", "6.0%", "2.4%"):
        assert links(fig(doc, value, nth=1 if value == "6.0%" else 0)).get("part_of") == whole, value
    assert "part_of" not in fig(doc, "7.7%") and "part_of" not in fig(doc, "2.2%") and "part_of" not in fig(doc, "4.2%")
    assert_links_valid(doc)


def test_a_breakdown_of_growths_is_complete_when_the_heading_counts_its_parts_or_names_the_three_industries():
    _t, doc = stats_draft("全市规模以上工业增加值增长6.2%。分三大门类看：采矿业增长1.5%，制造业增长6.8%，电力、热力、燃气及水生产和供应业增长4.1%。\n"
                          "全市固定资产投资增长3.3%。分产业看，第一产业投资增长12.0%，第二产业投资下降4.0%，第三产业投资增长5.1%。\n"
                          "全市社会消费品零售总额增长4.4%。分行业看，批发业增长5.0%，零售业增长4.1%。\n")
    assert fig(doc, "6.2%")["parts"] == "complete" and fig(doc, "3.3%")["parts"] == "complete"
    assert "parts" not in fig(doc, "4.4%")  # 批发业 and 零售业: the text does not say these are all
    assert fig(doc, "5.0%")["part_of"] == fig(doc, "4.4%")["id"]
    assert {fig(doc, v)["part_of"] for v in ("12.0%", "4.0%", "5.1%")} == {fig(doc, "3.3%")["id"]}
    assert_links_valid(doc)


def test_a_breakdown_of_growths_breaks_down_the_growth_just_before_it():
    """全县工业增加值增长6.0%，其中规模以上工业增加值增长7.2%。分三大门类看…: the sections are of 规模以上工业
    (the nearest growth), where a month's growth after 其中 (当月…增长9.9%) is passed over."""
    _t, doc = stats_draft("全县工业增加值增长6.0%，其中规模以上工业增加值增长7.2%。分三大门类看，采矿业增长9.1%，制造业增长7.0%，"
                          "电力、热力、燃气及水生产和供应业增长6.3%。\n")
    assert {fig(doc, v)["part_of"] for v in ("9.1%", "7.0%", "6.3%")} == {fig(doc, "7.2%")["id"]}
    assert fig(doc, "7.2%")["parts"] == "complete"


def test_incomes_by_residence_and_their_ratio_are_linked():
    """按常住地分: the urban and rural incomes per head are part_of the residents' (every resident is one
    or the other: parts: complete), their growths passed over; 城乡居民收入比为2.41:1 is the urban ÷ the
    rural (unit 倍), and so is the ratio of a year before, its period the base's words (上年): the
    quotient of the amounts of that year, which their growths give."""
    _t, doc = stats_draft("全市居民人均可支配收入21030元，增长6.1%。按常住地分，城镇居民人均可支配收入28415元，增长5.0%；"
                          "农村居民人均可支配收入11790元，增长7.2%。城乡居民收入比由上年的2.46:1缩小为2.41:1。\n")
    whole, urban, rural = fig(doc, "21030元"), fig(doc, "28415元"), fig(doc, "11790元")
    assert whole["parts"] == "complete" and urban["part_of"] == rural["part_of"] == whole["id"]
    assert "part_of" not in fig(doc, "5.0%") and fig(doc, "5.0%")["of"] == urban["id"]
    now, before = fig(doc, "2.41"), fig(doc, "2.46")
    assert now["unit"] == "倍" and links(now) == {"of": urban["id"], "within": rural["id"]}
    assert links(before) == links(now) and before["period"] == "上年"
    assert before["metric"] == now["metric"] == "urban_rural_income_ratio" and before["unit"] == "倍"
    assert_links_valid(doc)


def test_a_breakdown_whose_parts_print_amounts_is_not_linked_growth_to_growth():
    _t, doc = stats_draft("全县地区生产总值52.22亿元，同比增长4.0%。分产业看：第一产业4.41亿元，同比增长1.8%；第二产业19.31亿元，同比增长6.4%。\n")
    assert all("part_of" not in fig(doc, v) for v in ("1.8%", "6.4%"))
    assert links(fig(doc, "1.8%"))["of"] == fig(doc, "4.41亿元")["id"]


def test_a_line_ending_in_an_ascii_full_stop_or_before_a_numbered_item_is_not_joined():
    """供应业增长3.9%. and then (二)全县固定资产投资… on the next line: two paragraphs, not one wrapped line."""
    _t, doc = stats_draft("全县规模以上工业增加值同比增长7.5%。分三大门类看：采矿业增长67.9%；电力、热力、燃气及水生产和供应业增长3.9%.\n"
                          "全县固定资产投资同比增长6.4%，较去年同期加快35.3个百分点\n（二）全县社会消费品零售总额24.22亿元。\n")
    assert "全县固定资产投资" not in fig(doc, "3.9%")["quote"] and "供应业" not in fig(doc, "6.4%")["quote"]
    assert "全县社会消费品零售总额" not in fig(doc, "35.3个百分点")["quote"]
    assert fig(doc, "67.9%")["part_of"] == fig(doc, "3.9%")["part_of"] == fig(doc, "7.5%")["id"]


def test_a_structure_whose_parts_are_not_all_printed_gets_no_link():
    """A term whose part is not printed: no term is linked (a wrong of is worse than none)."""
    _t, doc = stats_draft("全县实现地区生产总值1228亿元。第一产业实现增加值47.5亿元；第三产业实现增加值450亿元。三次产业比为3.9：59.5：36.6。\n")
    assert all(not links(fig(doc, t)) for t in ("3.9", "59.5", "36.6"))
    assert "part_of" not in fig(doc, "47.5亿元")


def test_a_share_within_a_share_after_qizhong():
    """工业 … 占GDP的比重为26.2%；其中制造业 … 占GDP的比重为13.6%: no amount printed, so each share has
    its whole alone, the one after 其中 is part_of the one before, and 占比上升 is a change of it."""
    _t, doc = stats_draft("一季度，全市地区生产总值完成242亿元，增长5.5%。\n"
                          "工业增加值同比增长8.0%，占GDP的比重为26.2%；其中制造业增加值同比增长7.6%，占GDP的比重为13.6%，占比上升2.5个百分点。\n",
                          title="经济运行情况")
    gdp, industry, manufacturing = fig(doc, "242亿元")["id"], fig(doc, "26.2%"), fig(doc, "13.6%")
    assert links(industry) == {"within": gdp}
    assert links(manufacturing) == {"within": gdp, "part_of": industry["id"]}
    assert links(fig(doc, "2.5个百分点")) == {"of": manufacturing["id"], "base": "同期"}
    assert_links_valid(doc)


def test_shanglai_is_a_pull():
    """上拉地区生产总值增速0.5个百分点 is a contribution, as 拉动…增长 is."""
    _t, doc = stats_draft("一季度，全市实现地区生产总值242亿元。第一产业增加值27.5亿元，增长3.4%，上拉地区生产总值增速0.5个百分点。\n",
                          title="经济运行情况")
    pull = fig(doc, "0.5个百分点")
    assert pull["metric"] == "growth_contribution"
    assert pull["of"] == fig(doc, "27.5亿元")["id"] and pull["within"] == fig(doc, "242亿元")["id"]


def test_a_city_release_that_names_only_its_province_has_no_region_guessed():
    """全市 of a city the text never names, beside 全省 it compares itself with and the province named
    once (在河南考察时): the province is not the article's region."""
    text = ("一季度，全市深入贯彻在河南考察时的重要讲话精神。全市地区生产总值增长5.5%，高于全省0.3个百分点，"
            "增速居全省第7位，全省为5.2%。\n")
    out, doc = stats_draft(text, title="经济运行情况")
    assert doc["article"]["region"] == ""
    assert "the text says 全市 but names no city of the gazetteer: fill in" in out


def test_statistics_metrics():
    _t, doc = stats_draft("全县固定资产投资完成86.4亿元，同比增长11.2%。城镇居民人均可支配收入18230元，同比增长5.9%。"
                          "居民消费价格指数为101.2，同比上涨1.2%。全县税收收入完成9.9亿元，下降3.1%。\n")
    got = {f["value"]: f["metric"] for f in doc["figures"]}
    assert got == {"86.4亿元": "fixed_asset_investment", "11.2%": "fixed_asset_investment_growth",
                   "18230元": "disposable_income_per_capita", "5.9%": "disposable_income_per_capita_growth",
                   "101.2": "cpi", "1.2%": "cpi_change", "9.9亿元": "tax_revenue", "3.1%": "tax_revenue_growth"}
    assert set(got.values()) <= set(all_metrics())


def test_a_real_growth_gets_the_real_growth_its_nominal_growth_names():
    """扣除价格因素，实际增长5.1%: the growth at constant prices, which UC416 holds to the nominal one."""
    _t, doc = stats_draft("全年全国居民人均可支配收入41314元，比上年增长5.3%，扣除价格因素，实际增长5.1%。"
                          "社会消费品零售总额487895亿元，比上年增长3.5%。\n")
    got = {f["value"]: f["metric"] for f in doc["figures"]}
    assert got == {"41314元": "disposable_income_per_capita", "5.3%": "disposable_income_per_capita_growth",
                   "5.1%": "disposable_income_per_capita_real_growth", "487895亿元": "retail_sales", "3.5%": "retail_sales_growth"}


def test_a_change_in_percent_after_a_share_is_no_share():
    """采矿业增加值占比达96.05%，同比下降15.6%: the 15.6 % is the growth of the value added, not a share."""
    _t, doc = stats_draft("分行业看，采矿业增加值占比达96.05%，同比下降15.6%；制造业增加值占比为2.45%，同比下降14.8%。\n")
    got = {f["value"]: f["metric"] for f in doc["figures"]}
    assert got == {"96.05%": "share", "15.6%": "value_added_growth", "2.45%": "share", "14.8%": "value_added_growth"}


def test_draft_with_links_loads_without_link_problems(tmp_path, run_cli):
    """The draft of seed 005, links and all, is a curated file the checker reads: no unknown id,
    self-link, cycle or misfit of a link (UC002), no duplicate id (UC003)."""
    import json

    seed = next(p for p in SEEDS if p.name.startswith("005"))
    (tmp_path / "seeds").mkdir()
    (tmp_path / "curated").mkdir()
    (tmp_path / "seeds" / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run_cli(tmp_path, "draft", f"seeds/{seed.name}", "-o", "curated/draft.yaml")
    assert code == 0, err
    code, out, err = run_cli(tmp_path, "check", "--format", "json", "--exit-zero")
    assert code == 0, err
    findings = findings_of(out)
    bad = [f for f in findings if f["code"] in ("UC001", "UC002", "UC003")]
    assert not bad, bad
    assert any(f["code"] == "UC004" for f in findings)  # the metrics the draft could not guess: unknown


def _benchmark():
    import importlib.util

    spec = importlib.util.spec_from_file_location("draft_links", REPO / "benchmarks" / "draft_links.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_real_seed_005_links_agree_with_the_curated_file():
    """The draft of seed 005 against curated/005 (benchmarks/draft_links.py): measured when this test
    was written, 183 proposals, all 183 kept (of 87, base 77, within 12, part_of 7), 183 of the 277
    curated links recalled, 183 of 188 metrics right; since ratios are read (三次产业比为3.9：59.5：36.6:
    shares in %), 185 proposals, all kept, and 186 of 188 metrics; since a bare 增长 X% is year on year in a
    release on 上半年, 197 proposals, all kept, 197 of 277 recalled; since the terms of a structure
    name their parts and whole (中直与地方经济比重为31.3：68.7), 233 proposals, all kept (of 101, base 89,
    within 24, part_of 19), 233 of 277 recalled. The floors leave room for a few changes."""
    bench = _benchmark()
    path = REPO / "curated" / "005-daqing-economy-2016h1.yaml"
    cur = yaml.safe_load(path.read_text(encoding="utf-8"))
    seed = REPO / cur["article"]["seed"]
    text = seed.read_text(encoding="utf-8")
    vocab = pytest.importorskip("ucheck.ruleset").load_rules([REPO / "rules"], REPO)
    draft = yaml.safe_load(draft_article(text, cur["article"]["seed"], vocab.keywords, vocab.regions, vocab.metrics))
    r = bench.evaluate(draft, cur, text, {bench.norm(k): v for k, v in vocab.bases.items()})
    proposed, kept = sum(r["proposed"].values()), sum(r["kept"].values())
    assert proposed >= 150 and kept >= 0.95 * proposed, (proposed, kept, r["wrong"])
    assert r["kept"]["of"] >= 90 and r["kept"]["base"] >= 80 and r["kept"]["within"] >= 20 and r["kept"]["part_of"] >= 15
    assert sum(r["recalled"].values()) >= 0.75 * sum(r["curated"].values())
    assert r["metric_ok"] >= 0.9 * r["matched"]


# ----------------------------------------------------------------------------- properties

_PIECES = list("0123456789一二两三四五十百千万几多余近约第年月日个家人名项元%.-：，。、\n “”的和工会全省市每次前")
_PIECES += ["个百分点", "人次", "万元", "以上", "周年", "十九大", "今年", "河南省", "安阳", "专利", "290\n\n多万元", "# ", "▲"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_draft_of_any_text_loads_and_quotes_the_seed(text):
    doc = yaml.safe_load(draft_article(text, "seeds/any.txt", LEXICON, REGIONS))
    seed = norm(text)
    for f in doc["figures"]:
        assert isinstance(f["value"], str) and isinstance(f["quote"], str)
        assert norm(f["quote"]) in seed
        assert norm(f["value"]) in norm(f["quote"])
    for g in doc["ignored"]:
        assert norm(g["quote"]) in seed and g["reason"]
    assert_links_valid(doc)


def test_a_national_communique_is_the_countrys_and_its_footnote_markers_are_no_figures(tmp_path, run_cli):
    """中华人民共和国2024年…统计公报: the article's region is the gazetteer's country (not the first
    province the text names); 国内生产总值[2]1349084亿元 drafts one figure, the [2] a footnote marker."""
    text = ("中华人民共和国2024年国民经济和社会发展统计公报\n\n国家统计局\n\n"
            "初步核算，全年国内生产总值[2]1349084亿元，比上年增长5.0%。北京市、上海市增长较快。\n")
    root = write_repo(tmp_path, seeds={"cn.txt": text})
    code, out, err = run_cli(root, "draft", "seeds/cn.txt")
    assert code == 0, err
    doc = yaml.safe_load(out)
    assert doc["article"]["region"] == "中国"
    assert [f["value"] for f in doc["figures"]] == ["1349084亿元", "5.0%"]


def test_a_headline_s_chao_stays_in_the_literal_and_a_period_s_tail_leaves_the_subject():
    """兰州市基层工会超5600家 (a new user's headline): the literal is 超5600家, as printed, not 5600家; and in
    五年来新发展基层工会1972家 the subject is 基层工会 — neither 来 (of 五年来) nor 新发展 — so that the new
    unions meet the total of the same subject (UC306)."""
    _t, doc = stats_draft("兰州市基层工会超5600家\n五年来新发展基层工会1972家、会员16.6万人。全市基层工会已达5624家。\n")
    assert fig(doc, "超5600家")["value"] == "超5600家"
    assert fig(doc, "1972家")["subject"] == "基层工会"
    assert fig(doc, "5624家")["subject"] == "基层工会"


def test_a_year_before_a_name_is_no_duration_and_cuts_nothing_from_it():
    """2023年来宾市总工会: 来宾市 is a city, not the 来 of a duration (五年来, 5年来), so the period is
    2023年 and the subject keeps 来; 2023年内蒙古… keeps its 内 (a period's tail is cut from a subject
    only where the period pattern read it)."""
    _t, doc = stats_draft("2023年来宾市总工会帮扶困难职工1.2万户。5年来新发展会员3万人。\n")
    assert fig(doc, "1.2万户")["period"] == "2023年" and fig(doc, "1.2万户")["subject"].startswith("来宾市")
    assert fig(doc, "3万人")["period"] == "5年来"
    _t, doc = stats_draft("2023年内蒙古自治区总工会帮扶困难职工1.2万户。\n")
    assert not fig(doc, "1.2万户")["subject"].startswith("蒙古")
