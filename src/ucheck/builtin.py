"""The codes of findings that come from loading and validating, not from rules/*.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from ucheck.finding import Finding


@dataclass(frozen=True)
class BuiltinRule:
    code: str
    name: str
    severity: str
    summary: str
    rationale: str
    kind: str = "schema"


BUILTIN: dict[str, BuiltinRule] = {
    r.code: r
    for r in (
        BuiltinRule("UC001", "file-unreadable", "error", "A curated file is not valid UTF-8 YAML data.",
                    "Malformed YAML, a byte that is not UTF-8, a duplicate key, a tag that would build an object "
                    "(!!python/object…) or aliases that expand without bound: the file is reported at the line of the "
                    "problem and the other files are still checked.", "load"),
        BuiltinRule("UC002", "field-missing-or-invalid", "error", "A required field is missing, empty or of the wrong type.",
                    "Every figure needs id, subject, region, metric, value (the literal as printed) and quote; every article "
                    "needs id and seed. Without them the rules cannot bind or locate the figure."),
        BuiltinRule("UC003", "duplicate-id", "error", "Two figures of one article (or two articles) share an id.",
                    "Ids name figures in waivers, findings and fingerprints; a duplicate makes them ambiguous."),
        BuiltinRule("UC004", "unknown-metric", "error", "A figure names a metric that is not in the vocabulary.",
                    "Rules bind figures by metric; a misspelt metric silently escapes every rule. Add the metric to "
                    "rules/metrics.yaml with its kind and units, or use an existing one."),
        BuiltinRule("UC005", "unit-incompatible-with-metric", "error", "A figure's measure word is not one its metric allows.",
                    "A count of enterprises printed in 人, or money without 元, means the metric or the literal is wrong; "
                    "arithmetic across figures assumes each metric's unit."),
        BuiltinRule("UC006", "literal-unparseable", "error", "The literal is not a quantity ucheck can read.",
                    "The literal must be the figure exactly as printed (e.g. 290多万元); if it is, and ucheck cannot read it, "
                    "that is a bug to report."),
        BuiltinRule("UC007", "unknown-key", "error", "A key that the curated format does not have (a typo?).",
                    "An unknown key is usually a misspelt known one whose value is then silently ignored."),
        BuiltinRule("UC008", "seed-missing", "error", "The article's seed file is missing, unreadable or outside the repository.",
                    "Provenance checks need the source text; a seed path outside the repository is refused."),
        BuiltinRule("UC009", "waiver-invalid", "error", "A waiver without a reason or without a rule code.",
                    "A waiver acknowledges a confirmed source error; the reason is what the next curator reads."),
        BuiltinRule("UC010", "waiver-unused", "warning", "A waiver that matches no finding.",
                    "The data or the rule changed and the waiver no longer applies; stale waivers hide future findings."),
    )
}


def problem(code: str, file: str, line: int, message: str, article: str | None = None, column: int = 1, key: str = "") -> Finding:
    """A finding of a built-in code (loading, the curated format, references between records)."""
    meta = BUILTIN[code]
    return Finding(code, meta.name, meta.severity, article, file, line, message, column=column, key=key or message)
