"""The one model of a finding that every rule produces and every output format renders."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


# The version of the --format json document ({"version", "tool", "findings"}: ucheck.schemas.findings_schema);
# raised when a field changes meaning or goes away, not when one is added.
JSON_FORMAT_VERSION = 1


def configured_level(severity: dict[str, str], code: str, name: str, default: str | None) -> str | None:
    """The level the configuration gives a rule (by its code, else its name), else ``default``."""
    return severity.get(code) or severity.get(name) or default


@dataclass
class FigureRef:
    id: str
    value: str
    quote: str
    seed_line: int | None = None
    interval: str | None = None


@dataclass
class Finding:
    code: str
    name: str
    severity: str
    article: str | None
    file: str
    line: int
    message: str
    column: int = 1
    figures: list[FigureRef] = field(default_factory=list)
    waived: bool = False
    waiver_reason: str | None = None
    # What makes two runs' findings "the same" beyond rule + article + figure ids (e.g. the
    # field of a schema failure, or the text of a damaged seed paragraph); never a line number.
    key: str = ""
    # For a finding on a seed's text: every article curated from that seed, so that a waiver in any
    # of them may acknowledge it (a seed can hold two articles).
    seed_articles: list[str] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        ids = ",".join(sorted(f.id for f in self.figures))
        raw = "\x1f".join([self.code, self.article or self.file, ids, self.key])
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("key")
        d.pop("seed_articles")
        d["fingerprint"] = self.fingerprint
        return d

    def sort_key(self):
        return (self.file, self.line, self.column, self.code, self.message)
