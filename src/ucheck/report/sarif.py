"""SARIF 2.1.0: the rules of the findings listed in the driver, URIs relative to the repository root
(``uriBaseId: SRCROOT``), waived findings as in-source suppressions."""

from __future__ import annotations

from urllib.parse import quote

from ucheck import __version__
from ucheck.finding import Finding

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    return quote(path, safe="/")


def sarif(findings: list[Finding], info) -> dict:
    from ucheck.report import RuleInfo

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
        d["defaultConfiguration"] = {"level": LEVEL[r.severity]}
        if r.kind:
            d["properties"] = {"kind": r.kind}
        rules.append(d)
    results = []
    for f in findings:
        res: dict = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVEL[f.severity],
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
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ucheck", "version": __version__, "semanticVersion": __version__, "rules": rules}},
            "originalUriBaseIds": {"SRCROOT": {"description": {"text": "The root of the repository of curated data."}}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
