"""ucheck.authoring.draft: the draft curated YAML of a seed — on a small seed written here, on the five real
seeds, and against the curated files (how many curated figures the draft reproduces)."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ucheck.authoring.draft import draft_article, join_wrapped_lines, trim_quote

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
FIGURE_KEYS = {"id", "subject", "region", "organisation", "metric", "period", "period_norm", "value", "quote", "unit", "note"}
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
    assert doc["article"]["region"] in gazetteer()


def test_lexicon_file():
    doc = rules("lexicon.yaml")
    assert set(doc) == {"keywords", "ranks"}
    assert all(isinstance(n, int) and n >= 1 for n in doc["ranks"].values())
    kw = doc["keywords"]
    assert len(kw) > 100
    metrics = set((rules("metrics.yaml").get("metrics") or {}))
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
