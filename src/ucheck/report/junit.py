"""JUnit XML: a test suite per article, a test case per finding; its few words in the run's language."""

from __future__ import annotations

import re

from ucheck.finding import Finding
from ucheck.i18n import phrases
from ucheck.report.text import SAY as WORDS

SAY = phrases(
    __name__,
    no_findings=("no findings", "没有发现"),
    case=("{code} {name} (line {line})", "{code} {name}（第 {line} 行）"),
    skipped=("acknowledged: {reason}", "已确认：{reason}"),
)

# Characters that XML 1.0 cannot carry at all, even escaped.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(s) -> str:
    return _XML_BAD.sub("\ufffd", str(s))


def _detail(f: Finding, lang: str = "en") -> str:
    lines = [f"{f.file}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"]
    for r in f.figures:
        where = WORDS.seed_line(lang, n=r.seed_line) if r.seed_line else ""
        interval = f" {r.interval}" if r.interval else ""
        lines.append(f"  · {r.id}: {r.value}{interval}{where}")
        lines.append(f"    “{r.quote}”")
    return "\n".join(lines)


def junit(findings: list[Finding], info) -> str:
    """A test suite per article (per file when it has no article), a test case per finding, named
    by code, rule and line, its class name the file; only what Jenkins' junit-10.xsd (the schema
    pytest's JUnit XML is checked against) allows.

    An open finding is a ``failure`` (its ``type`` is the severity), an acknowledged one is
    ``skipped`` with the waiver's reason, and an article without findings has one passing case —
    so a clean run is still a valid, non-empty report.
    """
    import xml.etree.ElementTree as ET

    lang = getattr(info, "lang", "en")
    suites: dict[tuple[str, str], list[Finding]] = {}
    for article, file in info.checked:
        suites.setdefault((article or "", file), [])
    for f in findings:
        suites.setdefault((f.article or "", f.file), []).append(f)
    root = ET.Element("testsuites", {"name": "ucheck"})
    total = failures = 0
    for (article, file), items in sorted(suites.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        n_fail = sum(1 for f in items if not f.waived)
        n_skip = len(items) - n_fail
        tests = max(1, len(items))
        suite = ET.SubElement(root, "testsuite", {"name": _xml(article or file), "tests": str(tests), "failures": str(n_fail),
                                                   "errors": "0", "skipped": str(n_skip)})
        if not items:
            ET.SubElement(suite, "testcase", {"name": SAY.no_findings(lang), "classname": _xml(file)})
        for f in items:
            case = ET.SubElement(suite, "testcase", {"name": _xml(SAY.case(lang, code=f.code, name=f.name, line=f.line)), "classname": _xml(f.file)})
            if f.waived:
                ET.SubElement(case, "skipped", {"message": _xml(SAY.skipped(lang, reason=f.waiver_reason or ""))})
            else:
                fail = ET.SubElement(case, "failure", {"message": _xml(f.message), "type": f.severity})
                fail.text = _xml(_detail(f, lang))
        total += tests
        failures += n_fail
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")  # no "skipped" here: junit-10.xsd has it on <testsuite> only
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
