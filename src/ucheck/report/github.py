"""GitHub Actions workflow commands (``::error file=…,line=…::message``): annotations on the pull
request's files."""

from __future__ import annotations

from ucheck.finding import Finding
from ucheck.report.escape import visible

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding]) -> str:
    """Workflow commands, one a finding; line breaks in a message are the command's own %0A, every
    other control or bidi character from the data a visible escape."""
    out = []
    for f in findings:
        cmd = "notice" if f.waived else COMMAND[f.severity]
        title = f"{f.code} {f.name}" + (" (acknowledged)" if f.waived else "")
        message = f.message + (f" — acknowledged: {f.waiver_reason}" if f.waived else "")
        message = visible(message, keep_breaks=True)
        props = f"file={_property(visible(f.file))},line={int(f.line)},col={int(f.column)},title={_property(visible(title))}"
        out.append(f"::{cmd} {props}::{_data(message)}\n")
    return "".join(out)
