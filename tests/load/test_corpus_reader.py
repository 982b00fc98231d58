"""ucheck.load.corpus: a curated file is read section by section (article, figures, ignored, stated
rules, waivers); each section's problems come at their lines, in that order, and the rest is read."""

from __future__ import annotations

from pathlib import Path

from ucheck.kinds import figure_keys
from ucheck.load.corpus import FIGURE_COLUMNS, STATED_COLUMNS, load_corpus

FILE = """\
article:
  id: a1
  seed: seeds/s.txt
  colour: red
extra: 1
figures:
  - {id: f1, value: 30人, quote: 30人, shape: round}
  - just a string
  - {id: f2, value: 5%, quote: 5%, direction: sideways}
ignored:
  - {value: 十九大, quote: 十九大, reason: congress}
  - [not, a, mapping]
stated_rules: {id: r1}
waivers:
  - {rule: UC101, figures: [f1]}
  - {rule: UC101, figures: [f1], reason: known}
"""


def test_sections_are_read_in_order_with_their_problems(tmp_path: Path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s.txt").write_text("30人，5%，十九大\n", encoding="utf-8")
    (tmp_path / "curated").mkdir()
    (tmp_path / "curated" / "a.yaml").write_text(FILE, encoding="utf-8")
    corpus = load_corpus([tmp_path / "curated"], tmp_path, keys=figure_keys())

    got = [(p.code, p.line, p.article) for p in corpus.problems]
    assert got == [
        ("UC007", 5, None),  # unknown top-level key: before the article is known
        ("UC007", 4, None),  # unknown key in article
        ("UC007", 7, "a1"),  # unknown key in a figure
        ("UC002", 7, "a1"),  # an entry that is not a mapping: at its list (the line of its first entry)
        ("UC002", 9, "a1"),  # direction
        ("UC002", 11, "a1"),  # an ignored entry that is not a mapping: at its list
        ("UC002", 13, "a1"),  # stated_rules not a list
        ("UC009", 15, "a1"),  # a waiver without a reason
    ], got
    assert list(corpus.figures.columns[: len(FIGURE_COLUMNS)]) == FIGURE_COLUMNS
    assert corpus.figures["id"].tolist() == ["f1", "f2"]
    assert corpus.figures["direction"].tolist() == [None, None]
    assert corpus.ignored["value"].tolist() == ["十九大"]
    assert corpus.waivers[["rule", "figures", "reason"]].values.tolist() == [["UC101", ("f1",), "known"]]
    assert list(corpus.stated.columns) == STATED_COLUMNS and corpus.stated.empty
    assert corpus.articles[["article", "file", "seed"]].values.tolist() == [["a1", "curated/a.yaml", "seeds/s.txt"]]


def test_a_second_article_with_the_same_id_is_not_read(tmp_path: Path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s.txt").write_text("30人\n", encoding="utf-8")
    (tmp_path / "curated").mkdir()
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / "curated" / name).write_text(
            "article: {id: same, seed: seeds/s.txt}\nfigures:\n  - {id: f1, value: 30人, quote: 30人}\n", encoding="utf-8")
    corpus = load_corpus([tmp_path / "curated"], tmp_path)
    assert [(p.code, p.file, p.article) for p in corpus.problems] == [("UC003", "curated/b.yaml", "same")]
    assert corpus.figures["file"].tolist() == ["curated/a.yaml"]


def test_a_period_norm_not_in_a_documented_form_is_uc002_at_its_line(tmp_path, run_cli):
    """2025Q1 (a curator's guess) would match no 2025-01/2025-03 of another figure and is read by no
    rule: it is refused at its line, with the forms to write; the documented forms pass."""
    import json

    from conftest import ARTICLE, write_repo

    forms = {"2025Q1": False, "2016H1": False, "2016年": False, "2016-13": False, "2016": True, "2013/2018": True,
             "2016-11": True, "2016-11-30": True, "2016-01/2016-06": True, "": True}
    for form, ok in forms.items():
        text = ARTICLE.replace("    period: 近5年来\n    value: 1.1万项", f"    period: 近5年来\n    period_norm: '{form}'\n    value: 1.1万项")
        assert f"period_norm: '{form}'" in text
        root = write_repo(tmp_path / form.replace("/", "_") if form else tmp_path / "empty", curated={"demo.yaml": text})
        _, out, _ = run_cli(root, "check", "--select", "UC002", "--format", "json", "--exit-zero")
        hits = [f for f in json.loads(out)["findings"] if f["code"] == "UC002"]
        if ok:
            assert not hits, (form, hits)
        else:
            assert len(hits) == 1 and hits[0]["line"] == 12, (form, hits)
            assert f"field 'period_norm' is invalid ('{form}'): write a year 2016, years 2013/2018" in hits[0]["message"]


def test_a_text_written_as_a_list_or_mapping_is_uc002_at_its_line(tmp_path, run_cli):
    """`value: [1.1万项]` or `note: {a: b}` read as absent: a required one was reported as missing, an
    optional one (note, period_norm) dropped in silence. Each is UC002 at its own line, naming the
    key and what was written; the file is left as it was."""
    import json

    from conftest import ARTICLE, write_repo

    text = (ARTICLE.replace("    value: 1.1万项", "    value: [1.1万项]")
            .replace("    period: 近5年来\n    value: 290多万元", "    period: 近5年来\n    note: {a: b}\n    value: 290多万元"))
    assert "[1.1万项]" in text and "{a: b}" in text
    root = write_repo(tmp_path, curated={"demo.yaml": text})
    before = (root / "curated" / "demo.yaml").read_bytes()
    _, out, err = run_cli(root, "check", "--format", "json", "--exit-zero")
    assert "Traceback" not in err
    said = {(f["line"], f["message"]) for f in json.loads(out)["findings"] if f["code"] == "UC002" and "must be a text" in f["message"]}
    assert said == {(12, "figure patents: 'value' must be a text as printed, not a list (it is read as absent)"),
                    (19, "figure benefit: 'note' must be a text as printed, not a mapping (it is read as absent)")}, said
    assert (root / "curated" / "demo.yaml").read_bytes() == before


def test_rows_kept_by_column_make_the_frame_rows_of_tuples_make():
    """The reader keeps figure rows column by column (ucheck.load.corpus.Rows): the frame, its dtypes
    (ints, texts, missing values, tuples) and a slice of rows are those of a list of tuples."""
    import pandas as pd
    import pytest

    from ucheck.load.corpus import Rows

    rows = [(1, "a", None, ("x", 1), 2.5), (300, "b", "c", None, float("nan")), (7, None, "c", ("y", 2), 1.0)]
    kept = Rows(5)
    kept.extend(rows)
    assert len(kept) == 3 and kept[1:] == rows[1:]
    names = ["line", "id", "note", "layout", "q"]
    expected = pd.DataFrame.from_records(rows, columns=names)
    pd.testing.assert_frame_equal(kept.frame(names), expected, check_exact=True)
    assert len(kept) == 0  # released as the frame is built
    pd.testing.assert_frame_equal(Rows(2).frame(["a", "b"]), pd.DataFrame.from_records([], columns=["a", "b"]))
    with pytest.raises(ValueError, match="a row of 2 values where there are 5 columns"):
        Rows(5).append((1, 2))


def test_a_comma_in_a_flow_mapping_is_named_as_the_cause_of_a_key_with_no_value(tmp_path: Path):
    """{…, quote: 增长6.4%,较去年同期加快35.3个百分点}: YAML ends the quote at the comma and reads the rest
    as a key with no value; UC007 says so, where a misspelt key with a value only gets a suggestion."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s.txt").write_text("固定资产投资同比增长6.4%,较去年同期加快35.3个百分点。\n", encoding="utf-8")
    (tmp_path / "curated").mkdir()
    (tmp_path / "curated" / "a.yaml").write_text(
        "article: {id: a1, seed: seeds/s.txt, title: t, region: 河南省}\n"
        "figures:\n"
        "  - {id: f1, subject: 投资, region: 河南省, metric: fixed_asset_investment_growth, period: 一季度, value: 6.4%,\n"
        "     quote: 同比增长6.4%,较去年同期加快35.3个百分点}\n"
        "  - {id: f2, subject: 投资, region: 河南省, metric: fixed_asset_investment_growth, period: 一季度, value: 6.4%,\n"
        "     quote: 同比增长6.4%, perod: 一季度}\n", encoding="utf-8")
    corpus = load_corpus([tmp_path / "curated"], tmp_path, keys=figure_keys())
    said = {p.line: p.message for p in corpus.problems if p.code == "UC007"}
    assert set(said) == {4, 6}, said
    assert "较去年同期加快35.3个百分点" in said[4] and "a comma ends the value before it" in said[4]
    assert "did you mean 'period'" in said[6] and "comma" not in said[6]


def test_a_comma_in_a_flow_mapping_of_a_rules_file_is_named(tmp_path: Path):
    import pytest

    from ucheck.kinds.base import RuleConfigError
    from ucheck.ruleset import load_rules

    (tmp_path / "r.yaml").write_text("metrics:\n  forest_area: {kind: count, units: [亩], en: area of forest, woodland}\n", encoding="utf-8")
    with pytest.raises(RuleConfigError, match=r"unknown key 'woodland'.*a comma ends the value before it"):
        load_rules([tmp_path], tmp_path)


def test_a_unit_with_a_scale_from_a_tables_unit_column_scales_a_bare_literal(tmp_path, run_cli):
    """出栏肉猪 | 万头 | 94.28: the curated unit 万头 makes the bare 94.28 942,800 头, which the prose's
    94.28万头 restates; the same unit on a literal that prints its own 万 is not scaled twice (UC005)."""
    import textwrap

    from conftest import ARTICLE, write_repo

    seed = "全年生猪出栏94.28万头。表：出栏肉猪 | 万头 | 94.28 |。另表：出栏 | 万头 | 94.28万 |。\n"
    article = ARTICLE.split("figures:")[0] + textwrap.dedent(
        """\
        figures:
          - {id: hogs, subject: 出栏肉猪, region: 河南省, metric: output, period: 全年, value: 94.28万头, quote: 全年生猪出栏94.28万头}
          - {id: hogs-table, subject: 出栏肉猪, region: 河南省, metric: output, period: 全年, value: '94.28', unit: 万头,
             quote: '出栏肉猪 | 万头 | 94.28 |', same_as: hogs}
          - {id: twice, subject: 出栏, region: 河南省, metric: output, period: 全年, value: 94.28万, unit: 万头, quote: '出栏 | 万头 | 94.28万 |'}
        """)
    root = write_repo(tmp_path, curated={"demo.yaml": article}, seeds={"demo.txt": seed})
    code, out, _ = run_cli(root, "check", "--no-waivers", "--format", "concise")
    lines = [line for line in out.splitlines() if "curated/demo.yaml" in line]
    assert code == 1 and len(lines) == 1 and "UC005" in lines[0] and "twice" in lines[0], out
    corpus = load_corpus([root / "curated"], root, seeds_dir=root / "seeds", keys=figure_keys())
    table = corpus.figures.set_index("id")
    assert table.loc["hogs-table", "unit"] == "头" and table.loc["hogs-table", "q_low"] == 942750 and table.loc["hogs-table", "q_high"] == 942850
    assert table.loc["hogs-table", "q_step"] == 100 and table.loc["twice", "unit"] == "万头"


def test_a_unit_that_begins_with_qian_is_a_unit_not_a_scale(tmp_path, run_cli):
    """千瓦时 and 千公顷 are units the vocabulary lists: a bare literal keeps them as given, unscaled."""
    import textwrap

    from conftest import ARTICLE, write_repo

    seed = "表：全社会用电量 | 千瓦时 | 1520 |。粮食播种面积 | 千公顷 | 43.9 |。\n"
    article = ARTICLE.split("figures:")[0] + textwrap.dedent(
        """\
        figures:
          - {id: power, subject: 全社会用电量, region: 河南省, metric: output, period: 全年, value: '1520', unit: 千瓦时, quote: '全社会用电量 | 千瓦时 | 1520 |'}
          - {id: grain-area, subject: 粮食播种面积, region: 河南省, metric: sown_area, period: 全年, value: '43.9', unit: 千公顷, quote: '粮食播种面积 | 千公顷 | 43.9 |'}
        """)
    root = write_repo(tmp_path, curated={"demo.yaml": article}, seeds={"demo.txt": seed})
    code, out, _ = run_cli(root, "check", "--no-waivers", "--format", "concise", "--select", "UC005")
    assert "UC005" not in out, out
    table = load_corpus([root / "curated"], root, seeds_dir=root / "seeds", keys=figure_keys()).figures.set_index("id")
    assert table.loc["power", "unit"] == "千瓦时" and table.loc["power", "q_value"] == 1520
    assert table.loc["grain-area", "unit"] == "千公顷" and table.loc["grain-area", "q_value"] == 43.9
