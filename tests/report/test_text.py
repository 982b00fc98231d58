"""The formats a person reads at a terminal (``full``, ``concise``): severity order within an article,
the one-line summary, wrapping that never breaks a word, and the progress bar on standard error."""

from __future__ import annotations

import io
import re
import time
import unicodedata

import pytest
from conftest import write_repo

from ucheck.finding import FigureRef, Finding
from ucheck.report import render
from ucheck.report.text import Progress, ordered, summary, wrap


def _f(code, severity, file="curated/a.yaml", line=1, article="a", waived=False, message="m"):
    return Finding(code, code.lower(), severity, article, file, line, message, waived=waived,
                   waiver_reason="known" if waived else None)


# ------------------------------------------------------------------------------------------ order


def test_findings_are_ordered_by_severity_within_an_article_and_stay_deterministic():
    findings = [
        _f("UC101", "warning", line=3), _f("UC010", "info", line=4), _f("UC401", "error", line=9),
        _f("UC102", "warning", line=5, waived=True), _f("UC201", "error", line=2, waived=True), _f("UC103", "warning", line=7),
        _f("UC001", "error", file="curated/b.yaml", article=None, line=1), _f("UC105", "info", file="curated/b.yaml", article=None, line=2),
    ]
    got = [(f.file, f.code) for f in ordered(findings)]
    assert got == [
        ("curated/a.yaml", "UC401"), ("curated/a.yaml", "UC101"), ("curated/a.yaml", "UC103"), ("curated/a.yaml", "UC010"),
        ("curated/a.yaml", "UC201"), ("curated/a.yaml", "UC102"),  # acknowledged last, worst first
        ("curated/b.yaml", "UC001"), ("curated/b.yaml", "UC105"),
    ]
    assert [(f.file, f.code) for f in ordered(sorted(findings, key=lambda f: (f.file, -f.line)))] == got  # whatever order they come in
    concise = render(findings, "concise").splitlines()
    assert [line.split(": ")[1].split()[0] for line in concise[:8]] == [c for _, c in got]
    full = render(findings, "full")
    assert full.index("UC401") < full.index("UC101") < full.index("UC010") < full.index("UC201")


# ---------------------------------------------------------------------------------------- summary


def test_summary_counts_open_findings_by_severity_and_the_acknowledged():
    many = [_f("UC401", "error")] * 5 + [_f("UC101", "warning")] * 18 + [_f("UC010", "info")] * 24 + [_f("UC101", "warning", waived=True)] * 40
    assert summary(many) == "47 findings: 5 errors, 18 warnings, 24 info; 40 acknowledged"
    assert summary([_f("UC401", "error")]) == "1 finding: 1 error"
    assert summary([_f("UC101", "warning"), _f("UC010", "info")]) == "2 findings: 1 warning, 1 info"
    assert summary([]) == "All checks passed"
    assert summary([_f("UC101", "warning", waived=True)]) == "All checks passed; 1 acknowledged"
    assert summary([_f("UC401", "error")], acknowledged=3) == "1 finding: 1 error; 3 acknowledged"


def test_check_ends_with_the_summary_in_the_concise_and_full_formats(tmp_path, run_cli):
    root = write_repo(tmp_path)
    code, out, err = run_cli(root, "check")
    assert code == 1 and not err
    lines = out.splitlines()
    assert lines[-1] == "2 findings: 2 warnings"
    assert all(re.match(r"curated/demo\.yaml:\d+:\d+: UC\d+ \[", line) for line in lines[:-1])
    code, out, _ = run_cli(root, "check", "--format", "full")
    assert out.splitlines()[-1] == "2 findings: 2 warnings"
    clean = write_repo(tmp_path / "clean", curated={"c.yaml": "article: {id: c, seed: seeds/c.txt, title: t, region: 河南省}\nfigures:\n"
                                                     "  - {id: p, subject: s, region: 河南省, metric: patents_granted, period: '', value: 1065项, quote: 共取得国家专利1065项}\n"},
                       seeds={"c.txt": "共取得国家专利1065项。\n"})
    code, out, _ = run_cli(clean, "check")
    assert code == 0 and out == "All checks passed\n"


def test_check_counts_the_waived_findings_it_does_not_show(tmp_path, run_cli):
    from conftest import ARTICLE

    waived = ARTICLE + "waivers:\n  - rule: UC101\n    figures: [harmony-enterprises]\n    reason: printed so\n"
    root = write_repo(tmp_path, curated={"demo.yaml": waived})
    code, out, _ = run_cli(root, "check")
    assert out.splitlines()[-1] == "1 finding: 1 warning; 1 acknowledged"
    assert "UC101" not in out


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit"])
def test_machine_formats_carry_no_summary(tmp_path, run_cli, fmt):
    code, out, err = run_cli(write_repo(tmp_path), "check", "--format", fmt)
    assert "findings:" not in out and "All checks passed" not in out and not err


# --------------------------------------------------------------------------------------- wrapping


def _cells(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def test_wrap_never_breaks_a_word_or_a_printed_number():
    text = ("Direct economic benefit per patent granted below 1,000 元 — a scale word (万/亿) is probably wrong. — "
            "benefit = 290多万元 (290万, 300万); patents = 1.1万项 [1.05万, 1.15万); benefit / patents >= 1000: "
            "left side ∈ [252.174, 285.714], right side ∈ [1000, 1000]: violated")
    words = text.split()
    for width in (30, 41, 57, 80):
        lines = wrap(text, width, "      ", "      ")
        assert all(_cells(line) <= width for line in lines), (width, lines)
        assert " ".join(line.strip() for line in lines).split() == words  # every word whole, in order
        for interval in ("(290万, 300万)", "[1.05万, 1.15万)", "[252.174, 285.714]"):  # an interval stays whole
            assert any(interval in line for line in lines), (width, interval, lines)


def test_wrap_breaks_chinese_between_characters_but_keeps_numbers_and_punctuation():
    quote = "近5年来，全省各类创新工作室共取得国家专利1.1万项，创新成果2.6万项，转化创新成果1.45万项，创直接经济效益290多万元。"
    for width in range(16, 60, 3):
        lines = wrap(quote, width, "", "")
        assert "".join(lines) == quote
        assert all(_cells(line) <= width for line in lines), (width, lines)
        assert not any(line[0] in "，。、；：！？）”" for line in lines), lines  # no closing punctuation opens a line
        for literal in ("290多万元", "1.45万项", "1.1万项", "2.6万项", "近5年来"):
            assert any(literal in line for line in lines), (width, literal, lines)


def test_wrap_keeps_an_overlong_word_whole_on_its_own_line():
    lines = wrap("see https://example.org/a/very/long/path/that/does/not/fit here", 20, "", "  ")
    assert lines == ["see", "  https://example.org/a/very/long/path/that/does/not/fit", "  here"]


def test_full_format_wraps_at_the_width_given_and_at_100_columns_by_default():
    f = Finding("UC401", "benefit-per-patent-implausible", "error", "a", "curated/a.yaml", 3,
                "benefit = 290多万元 (290万, 300万); patents = 1.1万项 [1.05万, 1.15万); " * 4,
                figures=[FigureRef("b", "290多万元", "创直接经济效益290多万元" * 8, 3, "(290万, 300万)")])
    for width, text in ((100, render([f], "full")), (60, render([f], "full", width=60))):
        lines = text.splitlines()
        assert max(_cells(line) for line in lines) <= width
        assert len(lines) > 6  # the message and the quote are wrapped
        assert text.count("290多万元") == 4 + 1 + 8  # in the message, the figure, the quote: none of them broken


# ------------------------------------------------------------------------------------ progress bar


class _Tty(io.StringIO):
    def __init__(self, tty=True):
        super().__init__()
        self.tty = tty

    def isatty(self):
        return self.tty


def test_progress_bar_is_drawn_on_a_terminal_after_the_delay_and_erased():
    stream = _Tty()
    with Progress(stream, delay=0.0, interval=0.01) as p:
        p.start("full")
        p.update("checking", 3, 12)
        time.sleep(0.2)
    out = stream.getvalue()
    assert "checking" in out and "3/12" in out and "█" in out
    assert out.endswith("\r\033[K")  # the line is erased when done


@pytest.mark.parametrize("fmt, tty", [("json", True), ("sarif", True), ("junit", True), ("github", True), ("full", False), ("concise", False)])
def test_no_progress_bar_in_machine_formats_or_off_a_terminal(fmt, tty):
    stream = _Tty(tty)
    with Progress(stream, delay=0.0, interval=0.01) as p:
        p.start(fmt)
        p.update("checking", 1, 2)
        time.sleep(0.1)
        p.write("usage table\n")
    assert stream.getvalue() == "usage table\n"


def test_no_progress_bar_for_a_run_shorter_than_the_delay(monkeypatch):
    stream = _Tty()
    with Progress(stream, delay=5.0, interval=0.01) as p:
        p.start("concise")
        p.update("loading", None, None)
        time.sleep(0.05)
    assert stream.getvalue() == ""
    monkeypatch.setenv("TERM", "dumb")
    stream = _Tty()
    with Progress(stream, delay=0.0, interval=0.01) as p:
        p.start("concise")
        time.sleep(0.05)
    assert stream.getvalue() == ""


def test_progress_writes_other_text_on_a_clean_line():
    stream = _Tty()
    with Progress(stream, delay=0.0, interval=0.01) as p:
        p.start("full")
        p.update("checking", 1, 4)
        time.sleep(0.05)
        p.write("UC401 usage\n")
        time.sleep(0.05)
    out = stream.getvalue()
    assert "\r\033[KUC401 usage\n" in out


def test_a_terminal_of_unknown_size_falls_back_to_the_default_width():
    import os

    from ucheck.report.text import terminal_width

    master, slave = os.openpty()  # a new pseudo-terminal has no size set (0 columns)
    try:
        with os.fdopen(slave, "w", closefd=False) as tty:
            assert tty.isatty() and terminal_width(tty) is None
            assert Progress(tty)._line().startswith("\rucheck: ")
    finally:
        os.close(master)
        os.close(slave)
    assert terminal_width(io.StringIO()) is None


# ------------------------------------------------------------------------------------------ Chinese


def test_summary_in_chinese():
    many = [_f("UC401", "error")] * 5 + [_f("UC101", "warning")] * 18 + [_f("UC010", "info")] * 24 + [_f("UC101", "warning", waived=True)] * 40
    assert summary(many, lang="zh") == "47 条发现：5 个错误、18 个警告、24 条提示；40 条已确认"
    assert summary([_f("UC401", "error")], lang="zh") == "1 条发现：1 个错误"
    assert summary([], lang="zh") == "全部检查通过"
    assert summary([_f("UC101", "warning", waived=True)], lang="zh") == "全部检查通过；1 条已确认"
    assert summary([_f("UC401", "error")], acknowledged=3, lang="zh") == "1 条发现：1 个错误；3 条已确认"


def test_full_and_concise_formats_in_chinese():
    from ucheck.report import RunInfo

    f = Finding("UC401", "n", "error", "a", "curated/a.yaml", 3, "m", figures=[FigureRef("x", "1.1万项", "共1.1万项", 4, "[1.05万, 1.15万)")])
    w = Finding("UC101", "k", "warning", "a", "curated/a.yaml", 5, "m2", waived=True, waiver_reason="原文如此")
    text = render([f, w], "full", info=RunInfo(lang="zh"))
    assert "curated/a.yaml:3:1  错误  UC401 n" in text and "curated/a.yaml:5:1  警告  UC101 k" in text
    assert "· x: 1.1万项 [1.05万, 1.15万)，原文第 4 行" in text and "[已确认：原文如此]" in text
    assert text.splitlines()[-1] == "1 条发现：1 个错误；1 条已确认"
    english = render([f, w], "full", info=RunInfo())
    assert "curated/a.yaml:3:1  error  UC401 n" in english and ", seed line 4" in english and "[acknowledged: 原文如此]" in english
    concise = render([f, w], "concise", info=RunInfo(lang="zh")).splitlines()
    # the line a finding is stays what tools parse (code and [severity] are identifiers); the summary is Chinese
    assert concise == ["curated/a.yaml:3:1: UC401 [error] m", "curated/a.yaml:5:1: UC101 [warning, waived] m2", "1 条发现：1 个错误；1 条已确认"]


def test_check_speaks_chinese_with_lang_zh(tmp_path, run_cli):
    root = write_repo(tmp_path)
    code, out, _ = run_cli(root, "check", "--lang", "zh")
    assert code == 1 and out.splitlines()[-1] == "2 条发现：2 个警告"
    code, out, _ = run_cli(root, "report", "--lang", "zh")
    assert out.startswith("ucheck 报告：1 篇文章，") and "  警告  UC" in out and "，原文第 " in out
    assert out.splitlines()[-1] == "2 条发现：2 个警告"
