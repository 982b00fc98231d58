"""A check of some files — the pre-commit case, ``ucheck check curated/a.yaml`` — reports exactly what
a check of everything reports in those files (and in their articles' seeds), while each rule is
checked only on the figures its kind's ``scope`` names (ucheck.check.context.focus) and, with the
load cache, the corpus is read from its corpus entry (ucheck.load.snapshot).

Every test compares ``ucheck check FILE --format json`` with the full check's findings located in
FILE or its seed, file by file, byte for byte (the JSON of each finding, in order).
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import REPO, findings_of, write_repo
from ucheck.kinds import figure_keys
from ucheck.load.corpus import load_corpus


def full_check(run_cli, root: Path, *more: str) -> list[dict]:
    code, out, err = run_cli(root, "check", "--format", "json", "--exit-zero", "--no-cache", *more)
    assert code == 0, err
    return findings_of(out)


def one_file(run_cli, root: Path, file: str, *more: str) -> tuple[list[dict], int]:
    code, out, err = run_cli(root, "check", "--format", "json", *more, file)
    assert code in (0, 1), err
    return findings_of(out), code


def seeds_of(root: Path) -> dict[str, str]:
    """curated file → the seed of its article (as findings name it)."""
    corpus = load_corpus([root / "curated"], root, seeds_dir=root / "seeds", keys=figure_keys())
    return {f: s for f, s in zip(corpus.articles["file"], corpus.articles["seed"]) if isinstance(s, str)}


def located(findings: list[dict], *files: str) -> list[dict]:
    return [f for f in findings if f["file"] in files]


def dumps(findings: list[dict]) -> list[str]:
    return [json.dumps(f, ensure_ascii=False, sort_keys=True) for f in findings]


def assert_each_file_as_in_full_check(run_cli, root: Path, files=None) -> int:
    """For every curated file (or ``files``): its one-file check, without the cache and with it (the
    first run writes the corpus entry, the others read it), equals the full check restricted to it
    and its seed — with the waivers applied, and with them off (waived findings shown as open).
    Returns how many findings that is."""
    seeds = seeds_of(root)
    files = files or sorted(p.relative_to(root).as_posix() for p in (root / "curated").glob("*.yaml"))
    n = 0
    for waivers in ((), ("--no-waivers",)):
        full = full_check(run_cli, root, *waivers)
        for file in files:
            want = located(full, file, seeds.get(file, file))
            for more in (("--no-cache",), ()):
                got, _ = one_file(run_cli, root, file, "--exit-zero", *waivers, *more)
                assert dumps(got) == dumps(want), (file, waivers, more)
            n += len(want)
    return n


def copy_bundled(tmp_path: Path) -> Path:
    root = tmp_path / "bundled"
    root.mkdir()
    shutil.copytree(REPO / "curated", root / "curated")
    shutil.copytree(REPO / "seeds", root / "seeds")
    return root


def generated(tmp_path: Path, n: int, figures: int = 50, seed: int = 0) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate_corpus
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    root = tmp_path / f"synthetic-{n}"
    generate_corpus.generate(root, n, figures, seed=seed)
    return root


def test_every_bundled_file_alone_as_in_the_full_check(tmp_path, run_cli):
    root = copy_bundled(tmp_path)
    assert assert_each_file_as_in_full_check(run_cli, root) > 0


def test_every_file_of_a_generated_corpus_alone_as_in_the_full_check(tmp_path, run_cli):
    """The benchmark's generator: provincial totals restated across articles (UC301 groups of many
    articles), ratios compared with the corpus (UC410), hierarchy, waivers, malformed literals."""
    root = generated(tmp_path, 24)
    assert assert_each_file_as_in_full_check(run_cli, root) > 0


# -- cross-article findings when only one of the files is checked ---------------------------------------

ARTICLE = """\
article: {{id: {id}, seed: seeds/{id}.txt, title: 某市工会工作报告, region: 河南省}}
figures:
{figures}
"""
SEED = "某市工会工作报告\n\n{text}\n"


def article(aid: str, figures: list[tuple[str, str, str, str, str]]) -> tuple[str, str]:
    """(curated YAML, seed) of an article whose figures are (id, subject, metric, value, quote)."""
    lines = [f"  - {{id: {fid}, subject: {subject}, region: 河南省, metric: {metric}, period: 2018, value: {value}, quote: {quote}}}"
             for fid, subject, metric, value, quote in figures]
    return ARTICLE.format(id=aid, figures="\n".join(lines)), SEED.format(text="。".join(q for *_, q in figures) + "。")


def test_a_restatement_between_two_articles_is_reported_checking_only_its_file(tmp_path, run_cli):
    """近20万人 in one article, 20多万人 in the other: no value is both. The finding is located in one
    of the two files; checking that file alone reports it — the other article's figure included,
    with its seed line — and checking the other file alone does not."""
    a, sa = article("contest-a", [("n", "职工技能竞赛", "participants", "近20万人", "参赛人数近20万人")])
    b, sb = article("contest-b", [("n", "职工技能竞赛", "participants", "20多万人", "全省20多万人参加了竞赛")])
    root = write_repo(tmp_path, curated={"a.yaml": a, "b.yaml": b}, seeds={"contest-a.txt": sa, "contest-b.txt": sb})
    full = full_check(run_cli, root)
    (found,) = [f for f in full if f["code"] == "UC301"]
    assert {r["seed_line"] for r in found["figures"]} == {3}
    other = ({"curated/a.yaml", "curated/b.yaml"} - {found["file"]}).pop()
    for more in (("--no-cache",), (), ()):  # without the cache; writing the corpus entry; reading it
        got, code = one_file(run_cli, root, found["file"], *more)
        assert dumps(got) == dumps([found]) and code == 1
        got, code = one_file(run_cli, root, other, *more)
        assert got == [] and code == 0


def test_an_outlier_against_the_corpus_is_reported_checking_only_its_file(tmp_path, run_cli):
    """UC410 compares an article's benefit per patent with the median of the other articles: the
    one article far from the others is reported with the same statistic (and the same listing of
    the other articles) when its file alone is checked."""
    curated, seeds = {}, {}
    for i in range(8):
        benefit = "9000亿元" if i == 5 else f"{120 + 7 * i}万元"
        yaml, seed = article(f"art{i}", [("patents", "劳模创新工作室", "patents_granted", "100项", "获得专利100项"),
                                         ("benefit", "劳模创新工作室", "direct_economic_benefit", benefit, f"创直接经济效益{benefit}")])
        curated[f"art{i}.yaml"], seeds[f"art{i}.txt"] = yaml, seed
    root = write_repo(tmp_path, curated=curated, seeds=seeds)
    full = full_check(run_cli, root)
    outliers = [f for f in full if f["code"] == "UC410"]
    assert [f["file"] for f in outliers] == ["curated/art5.yaml"] and "7 other articles" in outliers[0]["message"]
    for more in (("--no-cache",), (), ()):
        got, _ = one_file(run_cli, root, "curated/art5.yaml", *more)
        assert dumps(got) == dumps(located(full, "curated/art5.yaml", "seeds/art5.txt"))
        assert any(f["code"] == "UC410" for f in got)


def test_a_figure_per_resident_far_above_the_corpus_is_reported_checking_only_its_file(tmp_path, run_cli):
    """UC413 compares a figure per resident of its region with the other articles' medians for its
    metric: checking the file alone reads only the figures of the metrics that file prints (the
    others are not needed), with the same finding and listing; a file without the metric is silent."""
    cities = {"安阳市": "7100万元", "焦作市": "5000万元", "衢州市": "3000万元", "南通市": "1亿元", "郑州市": "2亿元", "洛阳市": "1000亿元"}
    curated, seeds = {}, {}
    for i, (city, funds) in enumerate(cities.items()):
        aid = f"funds{i}"
        yaml = ARTICLE.format(id=aid, figures=f"  - {{id: funds, subject: 帮扶资金, region: {city}, metric: funds_raised, period: 2018, "
                                             f"value: {funds}, quote: 筹集帮扶资金{funds}}}")
        curated[f"{aid}.yaml"], seeds[f"{aid}.txt"] = yaml, SEED.format(text=f"筹集帮扶资金{funds}。")
    other, other_seed = article("trained", [("n", "职工培训", "people_trained", "2万人", "培训职工2万人")])
    curated["trained.yaml"], seeds["trained.txt"] = other, other_seed
    root = write_repo(tmp_path, curated=curated, seeds=seeds)
    full = full_check(run_cli, root)
    (found,) = [f for f in full if f["code"] == "UC413"]
    assert found["file"] == "curated/funds5.yaml" and "洛阳市" in found["message"] and "5 other articles" in found["message"]
    for more in (("--no-cache",), (), ()):
        got, _ = one_file(run_cli, root, "curated/funds5.yaml", *more)
        assert dumps(got) == dumps(located(full, "curated/funds5.yaml", "seeds/funds5.txt"))
        got, _ = one_file(run_cli, root, "curated/trained.yaml", *more)
        assert not any(f["code"] == "UC413" for f in got)


def funds_corpus(tmp_path: Path) -> Path:
    """Six cities' union funds, one of them 1000亿元 (UC413 on 洛阳市), and an article without funds."""
    cities = {"安阳市": "7100万元", "焦作市": "5000万元", "衢州市": "3000万元", "南通市": "1亿元", "郑州市": "2亿元", "洛阳市": "1000亿元"}
    curated, seeds = {}, {}
    for i, (city, funds) in enumerate(cities.items()):
        aid = f"funds{i}"
        curated[f"{aid}.yaml"] = ARTICLE.format(id=aid, figures=f"  - {{id: funds, subject: 帮扶资金, region: {city}, metric: funds_raised, "
                                                                f"period: 2018, value: {funds}, quote: 筹集帮扶资金{funds}}}")
        seeds[f"{aid}.txt"] = SEED.format(text=f"筹集帮扶资金{funds}。")
    curated["trained.yaml"], seeds["trained.txt"] = article("trained", [("n", "职工培训", "people_trained", "2万人", "培训职工2万人")])
    return write_repo(tmp_path, curated=curated, seeds=seeds)


def test_the_per_resident_medians_follow_an_edit_of_another_file_checking_only_one(tmp_path, run_cli):
    """Checking one file, UC413 reads the other articles' medians from the load cache's columns
    (RuleKind.digest), not from their rows: after another article's file is edited, those columns
    are that file's new figures — the median and the listing of the finding change with it, as in
    the full check."""
    root = funds_corpus(tmp_path)
    one_file(run_cli, root, "curated/funds5.yaml")  # writes the corpus entry
    before = located(full_check(run_cli, root), "curated/funds5.yaml", "seeds/funds5.txt")
    edited = root / "curated" / "funds0.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("7100万元", "9100万元"), encoding="utf-8")
    (root / "seeds" / "funds0.txt").write_text(SEED.format(text="筹集帮扶资金9100万元。"), encoding="utf-8")
    full = full_check(run_cli, root)
    want = located(full, "curated/funds5.yaml", "seeds/funds5.txt")
    assert dumps(want) != dumps(before) and any(f["code"] == "UC413" for f in want)  # the listing shows funds0's new median
    for more in ((), (), ("--no-cache",)):  # reading the entry with funds0 read afresh; then from the entry rewritten
        got, _ = one_file(run_cli, root, "curated/funds5.yaml", *more)
        assert dumps(got) == dumps(want)


def test_the_per_resident_outlier_reads_only_the_selected_rows_when_one_file_is_checked(tmp_path):
    """The other articles' figures only feed UC413's medians: a check of one file gives the rule the
    selected figures alone and the medians of every article (its digest), equal to those a check of
    everything computes from all the rows."""
    from ucheck.check.context import build, focus
    from ucheck.check.engine import Scope
    from ucheck.ruleset import load_rules
    from ucheck.paths import packaged_rules_dir

    root = funds_corpus(tmp_path)
    vocab = load_rules([packaged_rules_dir()])
    corpus = load_corpus([root / "curated"], root, seeds_dir=root / "seeds", keys=figure_keys())
    rule = next(r for r in vocab.rules if r.code == "UC413")
    focused = focus(corpus, vocab, Scope(files={"curated/funds5.yaml"}), [rule])
    ctx = focused.contexts["UC413"]
    assert ctx.figures["article"].tolist() == ["funds5"]
    whole, _ = build(corpus, vocab)
    assert ctx.digest is not None
    f = whole.figures[whole.figures["metric"] == "funds_raised"]
    per_resident = np.log10(f["q_value"].to_numpy(float) / f["region_population"].to_numpy(float))
    medians = dict(zip(f["article"], per_resident))  # one figure an article: its median
    assert dict(zip(ctx.digest.articles[ctx.digest.group_article], ctx.digest.median)) == pytest.approx(medians, rel=0, abs=0)
    assert [f.code for f in rule.impl.check(ctx)] == ["UC413"] == [f.code for f in rule.impl.check(whole)]


def test_a_part_above_a_whole_named_by_its_alias_is_reported_checking_only_its_file(tmp_path, run_cli):
    """兰坪县 is how texts print 兰坪白族普米族自治县: a town's figure above the county's, printed under
    the short name in another article, is UC302 — in a full check and checking the town's file alone,
    where the county's figure is shown whole (its quote and seed line), not read thin."""
    local = ("regions:\n  兰坪白族普米族自治县: {parent: 云南省, level: county, aliases: [兰坪县]}\n"
             "  金顶镇: {parent: 兰坪白族普米族自治县, level: district}\n")
    county = ARTICLE.format(id="county", figures="  - {id: n, subject: 工会会员, region: 兰坪县, metric: union_members, period: 2018, "
                                                  "value: 2万人, quote: 全县工会会员2万人}")
    town = ARTICLE.format(id="town", figures="  - {id: n, subject: 工会会员, region: 金顶镇, metric: union_members, period: 2018, "
                                              "value: 3万人, quote: 全镇工会会员3万人}")
    root = write_repo(tmp_path, curated={"county.yaml": county, "town.yaml": town},
                      seeds={"county.txt": SEED.format(text="全县工会会员2万人。"), "town.txt": SEED.format(text="全镇工会会员3万人。")},
                      rules={"local.yaml": local})
    full = full_check(run_cli, root)
    (found,) = [f for f in full if f["code"] == "UC302"]
    assert found["file"] == "curated/town.yaml" and "兰坪县" in found["message"]
    assert [r["quote"] for r in found["figures"]] == ["全镇工会会员3万人", "全县工会会员2万人"]
    for more in (("--no-cache",), (), ()):
        got, _ = one_file(run_cli, root, "curated/town.yaml", *more)
        assert dumps(got) == dumps(located(full, "curated/town.yaml", "seeds/town.txt"))


def test_the_corpus_outliers_read_only_the_metrics_a_selected_article_prints():
    """The per-capita and ratio outliers need, beside the selected figures, every figure of the
    metrics they can judge in them: not the whole corpus (a one-file check of a large archive
    decoded most of it)."""
    from ucheck.paths import packaged_rules_dir
    from ucheck.ruleset import load_rules

    vocab = load_rules([packaged_rules_dir()])
    per_capita = next(r.impl for r in vocab.rules if r.code == "UC413")
    ratios = next(r.impl for r in vocab.rules if r.code == "UC410")
    keys = pd.DataFrame({"metric": ["funds_raised", "people_trained", "funds_raised", "patents_granted", "direct_economic_benefit",
                                    "patents_granted", "direct_economic_benefit"],
                         "article": ["a", "a", "b", "b", "b", "c", "c"]})
    only_a = np.array([True, True, False, False, False, False, False])
    assert per_capita.scope(keys, only_a).tolist() == [True, True, True, False, False, False, False]
    assert ratios.scope(keys, only_a).tolist() == [False] * 7  # a prints no pair of UC410
    only_c = ~np.isin(keys["article"], ["a", "b"])
    assert ratios.scope(keys, only_c).tolist() == [False, False, False, True, True, True, True]


# -- the scope of the kinds -------------------------------------------------------------------------

def test_the_corpus_outliers_read_few_keys_of_the_figures_they_only_count():
    """A figure that only feeds the per-resident medians needs its article, metric and region; one
    that only feeds the ratio medians, its article, metric and the pair's match keys; the other
    kinds read every key column of such a figure."""
    from ucheck.kinds.base import KEY_COLUMNS
    from ucheck.paths import packaged_rules_dir
    from ucheck.ruleset import load_rules

    vocab = load_rules([packaged_rules_dir()])
    impl = {r.code: r.impl for r in vocab.rules}
    assert impl["UC413"].thin_keys() == ("article", "metric", "region")
    assert set(impl["UC410"].thin_keys()) == {"article", "metric", *[{"base_key": "base"}.get(k, k) for k in impl["UC410"].keys]}
    assert set(impl["UC410"].thin_keys()) <= set(KEY_COLUMNS)
    assert impl["UC301"].thin_keys() == KEY_COLUMNS and impl["UC411"].thin_keys() == KEY_COLUMNS


def test_sharing_is_every_figure_with_the_selected_keys_missing_equal_to_missing():
    from ucheck.kinds.base import sharing

    f = pd.DataFrame({"article": ["a", "a", "b", "b", "c", "c"],
                      "metric": ["m", "m", "m", "m", "m", "x"],
                      "subject": ["s", None, "s", float("nan"), "t", None]})
    selected = np.array([True, True, False, False, False, False])
    assert sharing(f, selected, ["metric", "subject"]).tolist() == [True, True, True, True, False, False]
    assert sharing(f, selected, ["article", "metric"]).tolist() == selected.tolist()  # keyed by the article: its own figures
    assert not sharing(f, np.zeros(6, dtype=bool), ["metric"]).any()


def test_a_kind_that_declares_no_scope_sees_the_whole_corpus(tmp_path, run_cli):
    """RuleKind.scope defaults to the whole corpus: a kind that does not say (a kind of one's own)
    is checked on every figure, as in a full check."""
    from ucheck.check.context import focus
    from ucheck.check.engine import Scope
    from ucheck.kinds.base import RuleKind
    from ucheck.paths import packaged_rules_dir
    from ucheck.ruleset import load_rules

    a, sa = article("a", [("x", "s", "participants", "1人", "1人")])
    b, sb = article("b", [("y", "s", "participants", "2人", "2人")])
    root = write_repo(tmp_path, curated={"a.yaml": a, "b.yaml": b}, seeds={"a.txt": sa, "b.txt": sb})
    corpus = load_corpus([root / "curated"], root, seeds_dir=root / "seeds", keys=figure_keys())
    vocab = load_rules([packaged_rules_dir()], root)
    (restatement,) = [r for r in vocab.rules if r.kind == "restatement"]

    class Plain(RuleKind):
        kind = "plain"

    seen = type("Rule", (), {"code": "X1", "impl": Plain(restatement, vocab)})()
    focused = focus(corpus, vocab, Scope(files={"curated/a.yaml"}), [seen, restatement])
    assert len(focused.contexts["X1"].figures) == 2  # the whole corpus
    assert len(focused.contexts[restatement.code].figures) == 2  # the other article shares metric, subject, region, period
    assert len(focused.base.figures) == 1  # the selected article's own


def test_figures_of_other_articles_get_their_seed_line_when_reported(tmp_path, run_cli):
    """Only the selected figures are located in their seeds; another article's figure shown by a
    reported finding has its seed line (not a placeholder) — here on the seed's fifth line."""
    a, sa = article("a", [("n", "职工", "participants", "近20万人", "参赛人数近20万人")])
    b, _ = article("b", [("n", "职工", "participants", "20多万人", "全省20多万人参加")])
    root = write_repo(tmp_path, curated={"a.yaml": a, "b.yaml": b}, seeds={"a.txt": sa, "b.txt": "标题\n\n\n\n全省20多万人参加。\n"})
    full = full_check(run_cli, root)
    (found,) = [f for f in full if f["code"] == "UC301"]
    got, _ = one_file(run_cli, root, found["file"])
    assert dumps(got) == dumps(located(full, found["file"], "seeds/a.txt", "seeds/b.txt"))
    assert sorted(r["seed_line"] for r in got[0]["figures"]) == [3, 5]


def test_a_check_of_two_files_and_of_the_curated_directory(tmp_path, run_cli):
    """The scope is any set of files or directories under curated/: the same findings as the full
    check located there."""
    root = generated(tmp_path, 12, seed=3)
    full = full_check(run_cli, root)
    seeds = seeds_of(root)
    files = sorted(seeds)[:2]
    for more in (("--no-cache",), (), ()):
        code, out, _ = run_cli(root, "check", "--format", "json", "--exit-zero", *more, *files)
        assert dumps(findings_of(out)) == dumps(located(full, *files, *(seeds[f] for f in files)))
        code, out, _ = run_cli(root, "check", "--format", "json", "--exit-zero", *more, "curated")
        assert dumps(findings_of(out)) == dumps(full)
