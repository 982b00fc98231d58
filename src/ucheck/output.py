"""Rendering findings: full (grouped by article, with quotes and arithmetic), concise, json."""

from __future__ import annotations

import json
import os
from collections import Counter

from ucheck.finding import Finding

FORMATS = ("full", "concise", "json")

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}


def use_colour(stream) -> bool:
    return hasattr(stream, "isatty") and stream.isatty() and "NO_COLOR" not in os.environ


def render(findings: list[Finding], fmt: str, *, colour: bool = False, statistics: bool = False, title: str = "") -> str:
    if fmt == "json":
        text = json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
    elif fmt == "concise":
        text = "".join(f"{f.file}:{f.line}:{f.column}: {f.code} [{f.severity}{', waived' if f.waived else ''}] {f.message}\n" for f in findings)
    else:
        text = _full(findings, colour, title)
    if statistics and fmt != "json":
        text += _statistics(findings)
    return text


def _paint(s: str, what: str, colour: bool) -> str:
    return f"{_COLOURS[what]}{s}{_COLOURS['reset']}" if colour else s


def _full(findings: list[Finding], colour: bool, title: str) -> str:
    out: list[str] = []
    if title:
        out.append(_paint(title, "bold", colour) + "\n\n")
    groups: dict[tuple, list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.article or "", f.file), []).append(f)
    for (article, file), items in groups.items():
        head = f"{article}  ({file})" if article else file
        out.append(_paint(head, "bold", colour) + "\n")
        for f in items:
            sev = _paint(f.severity, f.severity, colour)
            mark = "  " + _paint("[acknowledged: " + (f.waiver_reason or "") + "]", "dim", colour) if f.waived else ""
            out.append(f"  {f.file}:{f.line}:{f.column}  {sev}  {f.code} {f.name}{mark}\n")
            out.append(f"      {f.message}\n")
            for r in f.figures:
                where = f", seed line {r.seed_line}" if r.seed_line else ""
                interval = f" {r.interval}" if r.interval else ""
                out.append(_paint(f"      · {r.id}: {r.value}{interval}{where}\n", "dim", colour))
                out.append(f"        “{r.quote}”\n")
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


def _statistics(findings: list[Finding]) -> str:
    c = Counter((f.code, f.name) for f in findings if not f.waived)
    lines = [f"{n:6d}  {code}  {name}" for (code, name), n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n" + "\n".join(lines) + ("\n" if lines else "")
