"""Markdown: a table per article, for a job summary (kept under GitHub's 1 MiB step limit) or a pull-request comment.
Its headings and labels are in the run's language (``SAY`` here and in :mod:`ucheck.report.text`)."""

from __future__ import annotations

import re
from collections import Counter

from ucheck.finding import Finding
from ucheck.i18n import phrases
from ucheck.report.escape import visible
from ucheck.report.text import SAY as WORDS
from ucheck.report.text import by_severity, count, counts, groups, severity_label, summary_line

SAY = phrases(
    __name__,
    header=("| Location | Severity | Rule | Message | Figures | Status |", "| 位置 | 严重程度 | 规则 | 信息 | 数字 | 状态 |"),
    statistics=("| Count | Rule | Name |", "| 次数 | 规则 | 名称 |"),
    status_waived=("acknowledged: {reason}", "已确认：{reason}"),
    left_out=("*… {findings} ({what}) not shown: GitHub holds a step summary to 1 MiB. `ucheck report` lists them all.*",
              "*……另有 {findings}（{what}）未列出：GitHub 的步骤摘要最多 1 MiB。`ucheck report` 列出全部。*"),
    more_1=("{n} more finding", "{n} 条发现"),
    more_n=("{n} more findings", "{n} 条发现"),
)

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


def _row(f: Finding, lang: str = "en") -> str:
    figs = "<br>".join(
        _md(f"{r.id}: {r.value}" + (f" {r.interval}" if r.interval else "") + (WORDS.seed_line(lang, n=r.seed_line) if r.seed_line else ""))
        + " — “" + _md(r.quote) + "”"
        for r in f.figures
    )
    status = SAY.status_waived(lang, reason=_md(f.waiver_reason or "")) if f.waived else WORDS.open(lang)
    return (f"| `{_code(f.file)}:{f.line}:{f.column}` | {severity_label(f.severity, lang)} | {f.code} {_md(f.name)} | {_md(f.message)} "
            f"| {figs} | {status} |\n")


def _left_out(items: list[Finding], lang: str = "en") -> str:
    """A note counting the findings that did not fit: open ones by severity, and the acknowledged."""
    n = len(items)
    open_ = Counter(f.severity for f in items if not f.waived)
    waived = n - sum(open_.values())
    what = by_severity(lang, open_)
    if waived:
        acknowledged = WORDS.acknowledged_n(lang, n=waived)
        what = WORDS.and_acknowledged(lang, text=what, acknowledged=acknowledged) if what else acknowledged
    return SAY.left_out(lang, findings=count(lang, n, "more", SAY), what=what) + "\n\n"


def markdown(findings: list[Finding], title: str = "", statistics: bool = False, limit: int = SUMMARY_LIMIT, lang: str = "en") -> str:
    """A table per article, then the summary line (and, with ``statistics``, the count per rule).

    At most ``limit`` bytes (UTF-8): when the tables do not fit, the findings that come last are
    left out and a note counts them (by severity, and how many are acknowledged); the summary line
    and the statistics always cover every finding."""
    head = f"# {_md(title)}\n\n" if title else "# ucheck\n\n"
    tail = f"**{summary_line(findings, lang)}**\n"
    if statistics:
        rows = counts(findings)
        tail += f"\n{SAY.statistics(lang)}\n|---:|---|---|\n" + "".join(f"| {n} | {code} | {_md(name)} |\n" for n, code, name in rows) if rows else ""
    # room for the tables: what is left once the frame and the longest note are set aside
    budget = limit - len((head + tail + _left_out(findings, lang)).encode("utf-8"))
    out: list[str] = [head]
    used, shown = 0, set()
    full = True
    for (article, file), items in groups(findings).items():
        start = (f"## {_md(article)} (`{_code(file)}`)\n\n" if article else f"## `{_code(file)}`\n\n") \
            + SAY.header(lang) + "\n|---|---|---|---|---|---|\n"
        piece = [start]
        cost = len(start.encode("utf-8")) + 1  # and the blank line that closes the table
        for f in items:
            row = _row(f, lang)
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
        out.append(_left_out([f for f in findings if id(f) not in shown], lang))
    out.append(tail)
    return "".join(out)
