"""Rendering findings in every output format of ``check`` and ``report``, one module a format:

* ``full``, ``concise`` — :mod:`ucheck.report.text`, for a person at a terminal;
* ``json`` — an array of findings (:meth:`ucheck.finding.Finding.to_dict`);
* ``sarif`` — :mod:`ucheck.report.sarif` (SARIF 2.1.0, for code scanning);
* ``github`` — :mod:`ucheck.report.github` (workflow commands: annotations);
* ``junit`` — :mod:`ucheck.report.junit` (a test suite per article, a test case per finding);
* ``markdown`` — :mod:`ucheck.report.markdown` (a table per article).

Every format is deterministic: findings come sorted, paths are relative, there are no timestamps.
Text from the data goes through :mod:`ucheck.report.escape` in every text format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ucheck.finding import Finding
from ucheck.report.github import github
from ucheck.report.junit import junit
from ucheck.report.markdown import markdown
from ucheck.report.sarif import sarif
from ucheck.report.text import concise, full, statistics_text, summary_line, use_colour

FORMATS = ("full", "concise", "json", "sarif", "github", "junit", "markdown")
# Formats that are documents for a program: --statistics goes to standard error, not into them.
MACHINE_FORMATS = frozenset({"json", "sarif", "github", "junit"})

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


@dataclass
class RunInfo:
    """The context of a run that some formats show besides the findings."""

    title: str = ""
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    # (article id or None, file) of every file checked: JUnit gives each a test suite, so a clean
    # article is a passing suite rather than nothing.
    checked: list[tuple[str | None, str]] = field(default_factory=list)


def render(findings: list[Finding], fmt: str, *, colour: bool = False, statistics: bool = False, title: str = "",
           info: RunInfo | None = None) -> str:
    """The document of ``findings`` in ``fmt``; ``statistics`` is appended to the text formats only
    (for the machine formats the caller prints :func:`statistics_text` elsewhere)."""
    info = info or RunInfo(title=title)
    title = title or info.title
    if fmt == "json":
        return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
    if fmt == "sarif":
        return json.dumps(sarif(findings, info), ensure_ascii=False, indent=2) + "\n"
    if fmt == "github":
        return github(findings)
    if fmt == "junit":
        return junit(findings, info)
    if fmt == "markdown":
        return markdown(findings, title, statistics)
    if fmt == "concise":
        text = concise(findings)
    elif fmt == "full":
        text = full(findings, colour, title)
    else:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if statistics:
        text += "\n" + statistics_text(findings)
    return text
