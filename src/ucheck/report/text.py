"""The formats a person reads in a terminal: ``full`` (grouped by article, with figures, intervals,
quotes and seed lines; coloured only on a terminal without ``NO_COLOR``) and ``concise`` (one line a
finding: ``file:line:col: CODE [severity] message``); the summary line and ``--statistics``."""

from __future__ import annotations

import os
from collections import Counter

from ucheck.finding import Finding
from ucheck.report.escape import one_line, visible

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}


def use_colour(stream) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # a closed or detached stream
        return False


def _paint(s: str, what: str, colour: bool) -> str:
    return f"{_COLOURS[what]}{s}{_COLOURS['reset']}" if colour else s


def groups(findings: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
    """Findings by (article, file), in the order they come."""
    out: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        out.setdefault((f.article or "", f.file), []).append(f)
    return out


def concise(findings: list[Finding]) -> str:
    return "".join(
        f"{visible(f.file)}:{f.line}:{f.column}: {f.code} [{f.severity}{', waived' if f.waived else ''}] {one_line(f.message)}\n"
        for f in findings
    )


def full(findings: list[Finding], colour: bool, title: str) -> str:
    out: list[str] = []
    if title:
        out.append(_paint(visible(title), "bold", colour) + "\n\n")
    for (article, file), items in groups(findings).items():
        head = f"{visible(article)}  ({visible(file)})" if article else visible(file)
        out.append(_paint(head, "bold", colour) + "\n")
        for f in items:
            sev = _paint(f.severity, f.severity, colour)
            mark = "  " + _paint("[acknowledged: " + one_line(f.waiver_reason or "") + "]", "dim", colour) if f.waived else ""
            out.append(f"  {visible(f.file)}:{f.line}:{f.column}  {sev}  {f.code} {visible(f.name)}{mark}\n")
            out.append(f"      {one_line(f.message)}\n")
            for r in f.figures:
                where = f", seed line {r.seed_line}" if r.seed_line else ""
                interval = f" {r.interval}" if r.interval else ""
                out.append(_paint(visible(f"      · {r.id}: {r.value}{interval}{where}"), "dim", colour) + "\n")
                out.append(f"        “{visible(r.quote)}”\n")
        out.append("\n")
    out.append(summary_line(findings) + "\n")
    return "".join(out)


def summary_line(findings: list[Finding]) -> str:
    open_ = [f for f in findings if not f.waived]
    c = Counter(f.severity for f in open_)
    waived = len(findings) - len(open_)
    if not findings:
        return "No findings."
    parts = [f"{c[s]} {s}{'s' if c[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info") if c[s]]
    text = f"{len(open_)} open finding{'s' if len(open_) != 1 else ''}" + (f" ({', '.join(parts)})" if parts else "")
    if waived:
        text += f"; {waived} acknowledged by waivers"
    return text + "."


def counts(findings: list[Finding]) -> list[tuple[int, str, str]]:
    """(count, code, name) of the open findings per rule, most frequent first."""
    c = Counter((f.code, f.name) for f in findings if not f.waived)
    return [(n, code, name) for (code, name), n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]


def statistics_text(findings: list[Finding]) -> str:
    """Open findings per rule, most frequent first: ``count  CODE  name`` lines."""
    return "".join(f"{n:6d}  {code}  {visible(name)}\n" for n, code, name in counts(findings))
