"""Rendering findings in every output format of ``check`` and ``report``, one module a format:

* ``full``, ``concise`` — :mod:`ucheck.report.text`, for a person at a terminal;
* ``json`` — an array of findings (:meth:`ucheck.finding.Finding.to_dict`);
* ``sarif`` — :mod:`ucheck.report.sarif` (SARIF 2.1.0, for code scanning);
* ``github`` — :mod:`ucheck.report.github` (workflow commands: annotations);
* ``junit`` — :mod:`ucheck.report.junit` (a test suite per article, a test case per finding);
* ``markdown`` — :mod:`ucheck.report.markdown` (a table per article);
* ``html`` — :mod:`ucheck.report.html` (the review page: each article's text with its figures marked
  and its findings beside them; one self-contained file).

Every format is deterministic: findings come sorted, paths are relative, there are no timestamps.
Text from the data goes through :mod:`ucheck.report.escape` in every text format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ucheck import __version__
from ucheck.finding import JSON_FORMAT_VERSION, Finding
from ucheck.report.github import github
from ucheck.report.junit import junit
from ucheck.report.markdown import markdown
from ucheck.report.sarif import sarif
from ucheck.report.text import concise, full, statistics_text, summary_line, use_colour

FORMATS = ("full", "concise", "json", "sarif", "github", "junit", "markdown", "html")
# Formats that are documents for a program (or a page): --statistics goes to standard error, not into them.
MACHINE_FORMATS = frozenset({"json", "sarif", "github", "junit", "html"})

__all__ = ["FORMATS", "MACHINE_FORMATS", "RuleInfo", "RunInfo", "github", "junit", "markdown", "render", "sarif",
           "statistics_text", "summary_line", "use_colour"]


@dataclass(frozen=True)
class RuleInfo:
    """What an output format may say about a rule (SARIF lists it in the driver)."""

    code: str
    name: str
    severity: str
    summary: str = ""
    rationale: str = ""
    kind: str = ""
    # The rule itself (a rule of rules/*.yaml or a BuiltinRule, severity as configured): SARIF renders
    # its page (ucheck.ruledoc) as the rule's help.
    declaration: object = field(default=None, compare=False, repr=False)


@dataclass
class RunInfo:
    """The context of a run that some formats show besides the findings."""

    title: str = ""
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    # (article id or None, file) of every file checked: JUnit gives each a test suite, so a clean
    # article is a passing suite rather than nothing.
    checked: list[tuple[str | None, str]] = field(default_factory=list)
    # The data root (absolute): SARIF and GitHub annotations give paths relative to the repository
    # that holds it, and SARIF reads the located lines for the end of each region. None: paths as they are.
    root: Path | None = None
    # SARIF: keep waived findings, as results with an accepted suppression (GitHub would open alerts).
    sarif_waived: bool = False
    # Waived findings that are not among those rendered (check hides them): the summary line counts them.
    acknowledged: int = 0
    # The review page (html): the loaded corpus (ucheck.load.corpus.Corpus: seed texts, figures,
    # ignored mentions, stated rules); without it the page lists the findings only.
    corpus: object = field(default=None, repr=False)
    # Called as progress(step, done, total) while a long document is built (the terminal's progress bar).
    progress: object = field(default=None, repr=False)
    # The language of headings and labels (ucheck.i18n); the findings' messages are already in it.
    lang: str = "en"


def render(findings: list[Finding], fmt: str, *, colour: bool = False, statistics: bool = False, title: str = "",
           info: RunInfo | None = None, width: int | None = None) -> str:
    """The document of ``findings`` in ``fmt``; ``statistics`` is appended to the text formats only
    (for the machine formats the caller prints :func:`statistics_text` elsewhere); ``width`` is the
    terminal's, for wrapping the full format (default 100 columns)."""
    info = info or RunInfo(title=title)
    title = title or info.title
    if fmt == "json":
        doc = {"version": JSON_FORMAT_VERSION, "tool": {"name": "ucheck", "version": __version__}, "findings": [f.to_dict() for f in findings]}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "sarif":
        return json.dumps(sarif(findings, info), ensure_ascii=False, indent=2) + "\n"
    if fmt == "github":
        return github(findings, info)
    if fmt == "junit":
        return junit(findings, info)
    if fmt == "markdown":
        return markdown(findings, title, statistics, lang=info.lang)
    if fmt == "html":
        from ucheck.report.html import html  # Jinja2 is imported only for the page

        return html(findings, info)
    if fmt == "concise":
        text = concise(findings, info.acknowledged, info.lang)
    elif fmt == "full":
        text = full(findings, colour, title, width, info.acknowledged, info.lang)
    else:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if statistics:
        text += "\n" + statistics_text(findings)
    return text
