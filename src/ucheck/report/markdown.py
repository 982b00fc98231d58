"""Markdown: a table per article, for a job summary (kept under GitHub's 1 MiB step limit) or a pull-request comment."""

from __future__ import annotations

import re
from collections import Counter

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


# GitHub refuses a step summary above 1 MiB ("$GITHUB_STEP_SUMMARY upload aborted, supports content up
# to a size of 1024k") and then shows none of it: the document stays a little below, so a line or two
# more from the same step still fit.
SUMMARY_LIMIT = 1_000_000  # bytes of UTF-8


def _row(f: Finding) -> str:
    figs = "<br>".join(
        _md(f"{r.id}: {r.value}" + (f" {r.interval}" if r.interval else "") + (f", seed line {r.seed_line}" if r.seed_line else ""))
        + " — “" + _md(r.quote) + "”"
        for r in f.figures
    )
    status = f"acknowledged: {_md(f.waiver_reason or '')}" if f.waived else "open"
    return f"| `{_code(f.file)}:{f.line}:{f.column}` | {f.severity} | {f.code} {_md(f.name)} | {_md(f.message)} | {figs} | {status} |\n"


def _left_out(items: list[Finding]) -> str:
    """A note counting the findings that did not fit: open ones by severity, and the acknowledged."""
    n = len(items)
    open_ = Counter(f.severity for f in items if not f.waived)
    parts = [f"{open_[s]} {s}{'s' if open_[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info") if open_[s]]
    waived = n - sum(open_.values())
    what = ", ".join(parts) + (f"{'; ' if parts else ''}{waived} acknowledged" if waived else "")
    return (f"*… {n} more finding{'s' if n != 1 else ''} ({what}) not shown: GitHub holds a step summary to "
            f"1 MiB. `ucheck report` lists them all.*\n\n")


def markdown(findings: list[Finding], title: str = "", statistics: bool = False, limit: int = SUMMARY_LIMIT) -> str:
    """A table per article, then the summary line (and, with ``statistics``, the count per rule).

    At most ``limit`` bytes (UTF-8): when the tables do not fit, the findings that come last are
    left out and a note counts them (by severity, and how many are acknowledged); the summary line
    and the statistics always cover every finding."""
    head = f"# {_md(title)}\n\n" if title else "# ucheck\n\n"
    tail = f"**{summary_line(findings)}**\n"
    if statistics:
        rows = counts(findings)
        tail += "\n| Count | Rule | Name |\n|---:|---|---|\n" + "".join(f"| {n} | {code} | {_md(name)} |\n" for n, code, name in rows) if rows else ""
    # room for the tables: what is left once the frame and the longest note are set aside
    budget = limit - len((head + tail + _left_out(findings)).encode("utf-8"))
    out: list[str] = [head]
    used, shown = 0, set()
    full = True
    for (article, file), items in groups(findings).items():
        start = (f"## {_md(article)} (`{_code(file)}`)\n\n" if article else f"## `{_code(file)}`\n\n") \
            + "| Location | Severity | Rule | Message | Figures | Status |\n|---|---|---|---|---|---|\n"
        piece = [start]
        cost = len(start.encode("utf-8")) + 1  # and the blank line that closes the table
        for f in items:
            row = _row(f)
            size = len(row.encode("utf-8"))
            if used + cost + size > budget:
                full = False
                break
            piece.append(row)
            cost += size
            shown.add(id(f))
        if len(piece) > 1:
            out += piece
            out.append("\n")
            used += cost
        if not full:
            break
    if not full:
        out.append(_left_out([f for f in findings if id(f) not in shown]))
    out.append(tail)
    return "".join(out)
