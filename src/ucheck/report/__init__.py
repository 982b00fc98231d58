"""Rendering findings in every output format of ``check`` and ``report``.

* ``full`` — grouped by article, with the figures, their intervals, quotes and seed lines; coloured
  only when writing to a terminal and ``NO_COLOR`` is unset;
* ``concise`` — one line a finding: ``file:line:col: CODE [severity] message``;
* ``json`` — an array of findings (:meth:`ucheck.finding.Finding.to_dict`);
* ``sarif`` — SARIF 2.1.0, the rules of the findings listed in the driver, URIs relative to the
  repository root (``uriBaseId: SRCROOT``), waived findings as in-source suppressions;
* ``github`` — GitHub Actions workflow commands (``::error file=…,line=…::message``);
* ``junit`` — JUnit XML: a test suite per article, a test case per finding;
* ``markdown`` — a table per article (for a job summary or a pull-request comment).

Every format is deterministic: findings come sorted, paths are relative, there are no timestamps.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field

from ucheck import __version__
from ucheck.finding import Finding

FORMATS = ("full", "concise", "json", "sarif", "github", "junit", "markdown")
# Formats that are documents for a program: --statistics goes to standard error, not into them.
MACHINE_FORMATS = frozenset({"json", "sarif", "github", "junit"})

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}


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


def use_colour(stream) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # a closed or detached stream
        return False


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
        text = "".join(f"{f.file}:{f.line}:{f.column}: {f.code} [{f.severity}{', waived' if f.waived else ''}] {_one_line(f.message)}\n" for f in findings)
    elif fmt == "full":
        text = _full(findings, colour, title)
    else:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if statistics:
        text += "\n" + statistics_text(findings)
    return text


# --------------------------------------------------------------------------- full, concise


def _one_line(s: str) -> str:
    """Line breaks (of a multi-line waiver reason, say) folded, for the line-oriented formats."""
    return re.sub(r"\s*[\r\n]+\s*", " ", s)


def _paint(s: str, what: str, colour: bool) -> str:
    return f"{_COLOURS[what]}{s}{_COLOURS['reset']}" if colour else s


def _groups(findings: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.article or "", f.file), []).append(f)
    return groups


def _full(findings: list[Finding], colour: bool, title: str) -> str:
    out: list[str] = []
    if title:
        out.append(_paint(title, "bold", colour) + "\n\n")
    for (article, file), items in _groups(findings).items():
        head = f"{article}  ({file})" if article else file
        out.append(_paint(head, "bold", colour) + "\n")
        for f in items:
            sev = _paint(f.severity, f.severity, colour)
            mark = "  " + _paint("[acknowledged: " + _one_line(f.waiver_reason or "") + "]", "dim", colour) if f.waived else ""
            out.append(f"  {f.file}:{f.line}:{f.column}  {sev}  {f.code} {f.name}{mark}\n")
            out.append(f"      {_one_line(f.message)}\n")
            for r in f.figures:
                where = f", seed line {r.seed_line}" if r.seed_line else ""
                interval = f" {r.interval}" if r.interval else ""
                out.append(_paint(f"      · {r.id}: {r.value}{interval}{where}", "dim", colour) + "\n")
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


def _counts(findings: list[Finding]) -> list[tuple[int, str, str]]:
    c = Counter((f.code, f.name) for f in findings if not f.waived)
    return [(n, code, name) for (code, name), n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]


def statistics_text(findings: list[Finding]) -> str:
    """Open findings per rule, most frequent first: ``count  CODE  name`` lines."""
    return "".join(f"{n:6d}  {code}  {name}\n" for n, code, name in _counts(findings))


# --------------------------------------------------------------------------- SARIF 2.1.0


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


def sarif(findings: list[Finding], info: RunInfo) -> dict:
    codes = sorted({f.code for f in findings})
    index = {c: i for i, c in enumerate(codes)}
    rules = []
    for c in codes:
        r = info.rules.get(c)
        if r is None:
            f = next(x for x in findings if x.code == c)
            r = RuleInfo(c, f.name, f.severity)
        d: dict = {"id": r.code, "name": r.name}
        if r.summary:
            d["shortDescription"] = {"text": r.summary}
        if r.rationale:
            d["fullDescription"] = {"text": r.rationale}
        d["defaultConfiguration"] = {"level": SARIF_LEVEL[r.severity]}
        if r.kind:
            d["properties"] = {"kind": r.kind}
        rules.append(d)
    results = []
    for f in findings:
        res: dict = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.file), "uriBaseId": "SRCROOT"},
                    "region": {"startLine": max(1, int(f.line)), "startColumn": max(1, int(f.column))},
                }
            }],
            "partialFingerprints": {"ucheck/v1": f.fingerprint},
        }
        props: dict = {}
        if f.article:
            props["article"] = f.article
        if f.figures:
            props["figures"] = [{k: v for k, v in (("id", r.id), ("value", r.value), ("quote", r.quote), ("seed_line", r.seed_line), ("interval", r.interval)) if v is not None} for r in f.figures]
        if props:
            res["properties"] = props
        if f.waived:
            res["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": f.waiver_reason or ""}]
        results.append(res)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ucheck", "version": __version__, "semanticVersion": __version__, "rules": rules}},
            "originalUriBaseIds": {"SRCROOT": {"description": {"text": "The root of the repository of curated data."}}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


# --------------------------------------------------------------------------- GitHub Actions


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding]) -> str:
    """Workflow commands, one a finding: annotations on the pull request's files."""
    out = []
    for f in findings:
        cmd = "notice" if f.waived else GITHUB_COMMAND[f.severity]
        title = f"{f.code} {f.name}" + (" (acknowledged)" if f.waived else "")
        message = f.message + (f" — acknowledged: {f.waiver_reason}" if f.waived else "")
        props = f"file={_gh_property(f.file)},line={int(f.line)},col={int(f.column)},title={_gh_property(title)}"
        out.append(f"::{cmd} {props}::{_gh_data(message)}\n")
    return "".join(out)


# --------------------------------------------------------------------------- JUnit XML

# Characters that XML 1.0 cannot carry at all, even escaped.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(s) -> str:
    return _XML_BAD.sub("\ufffd", str(s))


def _detail(f: Finding) -> str:
    lines = [f"{f.file}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"]
    for r in f.figures:
        where = f", seed line {r.seed_line}" if r.seed_line else ""
        interval = f" {r.interval}" if r.interval else ""
        lines.append(f"  · {r.id}: {r.value}{interval}{where}")
        lines.append(f"    “{r.quote}”")
    return "\n".join(lines)


def junit(findings: list[Finding], info: RunInfo) -> str:
    """A test suite per article (per file when it has no article), a test case per finding, named
    by code, rule and line, its class name the file; only the attributes of the common JUnit schemas.

    An open finding is a ``failure`` (its ``type`` is the severity), an acknowledged one is
    ``skipped`` with the waiver's reason, and an article without findings has one passing case —
    so a clean run is still a valid, non-empty report.
    """
    import xml.etree.ElementTree as ET

    suites: dict[tuple[str, str], list[Finding]] = {}
    for article, file in info.checked:
        suites.setdefault((article or "", file), [])
    for f in findings:
        suites.setdefault((f.article or "", f.file), []).append(f)
    root = ET.Element("testsuites", {"name": "ucheck"})
    total = failures = skipped = 0
    for (article, file), items in sorted(suites.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        n_fail = sum(1 for f in items if not f.waived)
        n_skip = len(items) - n_fail
        tests = max(1, len(items))
        suite = ET.SubElement(root, "testsuite", {"name": _xml(article or file), "tests": str(tests), "failures": str(n_fail),
                                                   "errors": "0", "skipped": str(n_skip)})
        if not items:
            ET.SubElement(suite, "testcase", {"name": "no findings", "classname": _xml(file)})
        for f in items:
            case = ET.SubElement(suite, "testcase", {"name": _xml(f"{f.code} {f.name} (line {f.line})"), "classname": _xml(f.file)})
            if f.waived:
                ET.SubElement(case, "skipped", {"message": _xml(f"acknowledged: {f.waiver_reason or ''}")})
            else:
                fail = ET.SubElement(case, "failure", {"message": _xml(f.message), "type": f.severity})
                fail.text = _xml(_detail(f))
        total += tests
        failures += n_fail
        skipped += n_skip
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("skipped", str(skipped))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def _md(s) -> str:
    """Text for a table cell: markup characters escaped, HTML neutralised, line breaks as <br>."""
    s = _MD_SPECIAL.sub(r"\\\1", str(s))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace("\r\n", "\n").replace("\n", "<br>")


def markdown(findings: list[Finding], title: str = "", statistics: bool = False) -> str:
    out: list[str] = [f"# {_md(title)}\n\n" if title else "# ucheck\n\n"]
    for (article, file), items in _groups(findings).items():
        out.append(f"## {_md(article)} (`{file}`)\n\n" if article else f"## `{file}`\n\n")
        out.append("| Location | Severity | Rule | Message | Figures | Status |\n|---|---|---|---|---|---|\n")
        for f in items:
            figs = "<br>".join(
                _md(f"{r.id}: {r.value}" + (f" {r.interval}" if r.interval else "") + (f", seed line {r.seed_line}" if r.seed_line else ""))
                + " — “" + _md(r.quote) + "”"
                for r in f.figures
            )
            status = f"acknowledged: {_md(f.waiver_reason or '')}" if f.waived else "open"
            out.append(f"| `{f.file}:{f.line}:{f.column}` | {f.severity} | {f.code} {_md(f.name)} | {_md(f.message)} | {figs} | {status} |\n")
        out.append("\n")
    out.append(f"**{summary_line(findings)}**\n")
    if statistics:
        rows = _counts(findings)
        out.append("\n| Count | Rule | Name |\n|---:|---|---|\n" + "".join(f"| {n} | {code} | {_md(name)} |\n" for n, code, name in rows) if rows else "")
    return "".join(out)
