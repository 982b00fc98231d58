"""Markdown: a table per article, for a job summary or a pull-request comment."""

from __future__ import annotations

import re

from ucheck.finding import Finding
from ucheck.report.escape import visible
from ucheck.report.text import counts, groups, summary_line

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def _md(s) -> str:
    """Text for a table cell: markup characters escaped, HTML neutralised, line breaks as <br>,
    every other control or bidi character a visible escape."""
    s = _MD_SPECIAL.sub(r"\\\1", str(s))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<br>".join(visible(line) for line in s.replace("\r\n", "\n").split("\n"))


def _code(s: str) -> str:
    """A file name inside a code span: backticks cannot close it, controls are visible."""
    return visible(s).replace("`", "'")


def markdown(findings: list[Finding], title: str = "", statistics: bool = False) -> str:
    out: list[str] = [f"# {_md(title)}\n\n" if title else "# ucheck\n\n"]
    for (article, file), items in groups(findings).items():
        out.append(f"## {_md(article)} (`{_code(file)}`)\n\n" if article else f"## `{_code(file)}`\n\n")
        out.append("| Location | Severity | Rule | Message | Figures | Status |\n|---|---|---|---|---|---|\n")
        for f in items:
            figs = "<br>".join(
                _md(f"{r.id}: {r.value}" + (f" {r.interval}" if r.interval else "") + (f", seed line {r.seed_line}" if r.seed_line else ""))
                + " — “" + _md(r.quote) + "”"
                for r in f.figures
            )
            status = f"acknowledged: {_md(f.waiver_reason or '')}" if f.waived else "open"
            out.append(f"| `{_code(f.file)}:{f.line}:{f.column}` | {f.severity} | {f.code} {_md(f.name)} | {_md(f.message)} | {figs} | {status} |\n")
        out.append("\n")
    out.append(f"**{summary_line(findings)}**\n")
    if statistics:
        rows = counts(findings)
        out.append("\n| Count | Rule | Name |\n|---:|---|---|\n" + "".join(f"| {n} | {code} | {_md(name)} |\n" for n, code, name in rows) if rows else "")
    return "".join(out)
