"""Text from the data cannot drive a terminal or forge a line (issue 11, item 18): control characters,
line breaks and bidi overrides in curated values, quotes, reasons and file names are shown as visible
escapes in every text format."""

from __future__ import annotations

import pytest
from conftest import ARTICLE, write_repo

from ucheck.finding import FigureRef, Finding
from ucheck.report import render
from ucheck.report.escape import visible

ESC = "\x1b[31mred\x1b]0;pwned\x07"
RLO = "\u202eexe.txt"


def hostile() -> list[Finding]:
    fig = FigureRef("f1", "25多人" + ESC, "会员" + RLO + "\n第二行", seed_line=3, interval="(25, 26)")
    return [
        Finding("UC101", "approximator-after-nonround-number", "warning", "a" + ESC, "curated/evil\n" + "curated/x.yaml:1:1: UC999 forged.yaml",
                7, "value '25多人" + ESC + "' " + RLO, column=3, figures=[fig]),
        Finding("UC401", "benefit", "error", "a", "curated/a.yaml", 9, "m", figures=[fig], waived=True, waiver_reason="ok" + ESC),
    ]


@pytest.mark.parametrize("fmt", ["concise", "full", "markdown", "github"])
def test_no_control_or_bidi_character_reaches_a_text_format(fmt):
    text = render(hostile(), fmt, colour=False)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text, text
    assert "\\x1b" in text and "\\u202e" in text  # shown, not dropped: the reader sees what is there


@pytest.mark.parametrize("fmt", ["concise", "github"])
def test_a_newline_in_a_file_name_cannot_forge_a_finding_line(fmt):
    lines = render(hostile(), fmt).splitlines()
    assert not any(line.startswith("curated/x.yaml:1:1: UC999") for line in lines)
    if fmt == "github":
        assert len(lines) == 2  # one workflow command a finding
    else:
        assert len([l for l in lines if l.startswith("curated/")]) == 2


def test_colour_escapes_are_ucheck_s_own_only():
    text = render(hostile(), "full", colour=True)
    assert "\x1b[31m" in text  # the severity colour ucheck adds
    assert "\x1b]0;" not in text and "\x07" not in text  # a title-setting sequence from the data is not


def test_visible_escapes_c0_c1_and_bidi_but_keeps_chinese_and_tabs():
    assert visible("河南省\t25多人") == "河南省\t25多人"
    assert visible("a\x00b\x85c\u2066d\u200fe") == "a\\x00b\\x85c\\u2066d\\u200fe"
    assert visible("a\r\nb", keep_breaks=True) == "a\r\nb"


def test_a_curated_value_with_terminal_escapes_end_to_end(tmp_path, run_cli):
    article = ARTICLE.replace("value: 290多万元", 'value: "290多万元\\e[2J\\u202e"')
    root = write_repo(tmp_path, curated={"demo.yaml": article})
    for fmt in ("concise", "full", "markdown", "github"):
        _, out, _ = run_cli(root, "check", "--format", fmt, "--exit-zero")
        assert "\x1b" not in out and "\u202e" not in out, (fmt, out)
