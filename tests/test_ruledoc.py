"""The page of a rule (``ucheck rule CODE``): generated from the declarations, for every rule.

What it costs: the page imports pandas only to run its examples (a rule of rules/*.yaml runs alone
on its example, so pandera is not imported; a built-in code's example is a whole run, so it is).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO
from ucheck.builtin import BUILTIN
from ucheck.ruledoc import render
from ucheck.ruleset import load_rules

VOCAB = load_rules([REPO / "rules"], REPO)
RULES = [*BUILTIN.values(), *VOCAB.rules]
SECTIONS = ["## What it does", "## Why", "## Example", "## Instead", "## Options", "## Kind", "## Acknowledging a finding"]

PROBE = """
import sys
{code}
print("HEAVY:" + ",".join(m for m in ("pandas", "pandera") if m in sys.modules), file=sys.stderr)
"""


def heavy(code: str, cwd=REPO) -> str:
    r = subprocess.run([sys.executable, "-c", PROBE.format(code=code)], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in r.stderr, r.stderr
    return r.stderr.strip().rsplit("HEAVY:", 1)[1]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_has_a_page_whose_examples_behave(rule):
    page = render(rule, VOCAB)
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert [h for h in headings if h != "## More examples"] == SECTIONS
    assert "ucheck reports:" in page and "\nNo finding." in page, page
    assert "the rule's examples are broken" not in page
    assert "\n...\n" not in page


def test_a_page_without_running_its_examples_needs_neither_pandas_nor_pandera():
    code = ("from pathlib import Path\nfrom ucheck.ruleset import load_rules\nfrom ucheck.ruledoc import render\n"
            f"v = load_rules([Path({str(REPO / 'rules')!r})])\n"
            "page = render(next(r for r in v.rules if r.code == 'UC401'), v, run=False)\n"
            "assert '## Example' in page and 'ucheck reports' not in page and 'figures: [<the figure ids of the finding>]' in page")
    assert heavy(code) == ""


def test_running_the_example_of_a_rule_imports_pandas_not_pandera(tmp_path):
    cli = "from ucheck.cli import main\nmain(['rule', '{}'])"
    assert heavy(cli.format("UC401"), tmp_path) == "pandas"
    assert heavy(cli.format("UC604"), tmp_path) == "pandas"
    assert heavy(cli.format("UC001"), tmp_path) == "pandas,pandera"  # a built-in code: a whole run, its schema too
    assert heavy("from ucheck.cli import main\nmain(['rules'])", tmp_path) == ""


SECTIONS_ZH = ["## 作用", "## 原因", "## 示例", "## 应当写成", "## 选项", "## 类型", "## 确认一条发现"]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_page_in_chinese_has_chinese_headings_and_the_rules_chinese_texts(rule):
    page = render(rule, VOCAB, run=False, lang="zh")
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert [h for h in headings if h != "## 更多示例"] == SECTIONS_ZH
    assert rule.text("summary", "zh") in page and rule.text("rationale", "zh") in page
    assert "What it does" not in page and "Acknowledging" not in page and f"severity {rule.severity}" not in page


def test_the_page_of_uc401_in_chinese_shows_the_message_its_example_gives_in_chinese():
    rule = next(r for r in VOCAB.rules if r.code == "UC401")
    page = render(rule, VOCAB, lang="zh")
    assert page.startswith("# UC401 benefit-per-patent-implausible\n\nrelation 类规则，严重程度：")
    assert "\n## 作用\n\n" + rule.text("summary", "zh") + "\n" in page
    assert "\nucheck 给出：\n" in page and "\n没有发现。" in page
    reported = next(line for line in page.splitlines() if line.startswith("    curated/example.yaml:"))
    assert "290多万元 ÷ 1.1万项 ≈ 252–286 元/项，低于 1,000 元/项的下限" in reported and reported.endswith("（数字 f1、f2）")
    assert "原文如此；<可能的本意>" in page  # the reason of the waiver shown
    english = render(rule, VOCAB)
    assert "\n## What it does\n\n" + rule.summary + "\n" in english and "\nucheck reports:\n" in english
    assert "below the floor of 1,000 元/项" in english and "  (figures f1, f2)" in english
    assert "printed so in the source; <what is likely meant>" in english


def test_the_page_names_severities_as_the_reports_do():
    from ucheck import ruledoc
    from ucheck.report import text

    for s in ("error", "warning", "info"):
        assert getattr(ruledoc.SAY, f"severity_{s}") == getattr(text.SAY, s)
