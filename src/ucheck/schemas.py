"""JSON Schemas of what ucheck reads and writes, generated from the declarations the code uses.

* :func:`curated_schema` — a curated file: the sections and keys the curated reader accepts
  (``ucheck.load.corpus``, the core figure keys and those the rule kinds declare,
  ``ucheck.load.keys``), the fields the pandera model requires (``ucheck.load.schema``), and the
  vocabulary of the rules in use: metric names with their labels and measure words, the gazetteer's
  regions as suggestions, the rule codes a waiver may name. An editor with a YAML language server
  validates and completes curated files with it (README, "Editor support").
* :func:`findings_schema` — the document of ``--format json``: its format version, the tool, the
  findings.

Both are JSON Schema 2020-12. The schema is a help for editors; ``ucheck check`` stays the judge (it
also checks what a schema cannot say: seeds, quotes, links between figures).
"""

from __future__ import annotations

from ucheck import __version__

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_SCALAR = {"type": ["string", "number", "integer"]}
_TEXT = {"type": ["string", "number"]}

_ARTICLE_DOCS = {
    "id": "the article's id, unique in the repository",
    "seed": "the source text, a path under seeds/ (seeds/001_….txt)",
    "title": "the article's title as printed",
    "subtitle": "a subtitle, if printed",
    "region": "the region the article reports on (a gazetteer name)",
    "organisation": "the organisation that issued the article",
    "authors": "who wrote it",
    "source": "where it was published (a URL or a publication)",
    "date": "when it was published",
    "period": "the period it reports on",
    "note": "a curator's remark",
}
_IGNORED_DOCS = {"value": "the numeric mention as printed", "quote": "the sentence it stands in",
                 "reason": "why it is not a figure (a date, an ordinal, a law's number …)"}
_WAIVER_DOCS = {"rule": "the rule code acknowledged (UC301)", "figures": "the ids of the figures of the finding",
                "text": "for a finding on the seed text: the text it points at", "reason": "why the finding is acknowledged rather than fixed"}
_STATED_DOCS = {"id": "the stated rule's id", "per": "the unit each quota is per (每个工种, 每年)",
                "units": "the ids of the figures that count the units", "quote": "the sentence stating the rule",
                "yields": "what each unit yields: quota (as printed) → total (a figure id)", "note": "a curator's remark"}


def _object(props: dict, required=(), extra: dict | None = None) -> dict:
    out = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = sorted(required)
    out.update(extra or {})
    return out


def _described(docs: dict, schema=None) -> dict:
    return {k: {**(schema or _TEXT), "description": v} for k, v in docs.items()}


def curated_schema(vocab) -> dict:
    """The JSON Schema of a curated file under the vocabulary ``vocab`` (a ``ucheck.ruleset.Vocabulary``)."""
    from ucheck.builtin import BUILTIN
    from ucheck.kinds import figure_keys
    from ucheck.load.corpus import ARTICLE_KEYS, IGNORED_KEYS, STATED_KEYS, TOP_KEYS, WAIVER_KEYS, YIELD_KEYS
    from ucheck.load.keys import CORE_FIGURE_DOCS, CORE_FIGURE_KEYS
    from ucheck.load.schema import ID_PATTERN, ArticleModel, FigureModel
    from ucheck.numbers.periods import PERIOD_NORM_PATTERN

    assert set(_ARTICLE_DOCS) == ARTICLE_KEYS and set(_IGNORED_DOCS) == IGNORED_KEYS
    assert set(_WAIVER_DOCS) == WAIVER_KEYS and set(_STATED_DOCS) == STATED_KEYS
    fmodel, amodel = FigureModel.to_schema().columns, ArticleModel.to_schema().columns

    names = sorted(vocab.metrics)
    labels = []
    for n in names:
        m = vocab.metrics[n]
        label = " / ".join(str(m[k]) for k in ("zh", "en") if m.get(k))
        units = "、".join(m.get("units") or []) or "no measure word"
        labels.append(f"{label + ': ' if label else ''}{m.get('kind', '?')}, {units}")
    metric = {"type": "string", "enum": names, "enumDescriptions": labels, "description": CORE_FIGURE_DOCS["metric"]}
    region = {"type": "string", "minLength": 1, "description": CORE_FIGURE_DOCS["region"], "examples": sorted(vocab.regions)}

    figure_props: dict = {}
    for k in CORE_FIGURE_KEYS:
        figure_props[k] = {**_TEXT, "description": CORE_FIGURE_DOCS[k]}
    figure_props["id"] = {"type": "string", "pattern": ID_PATTERN, "description": CORE_FIGURE_DOCS["id"]}
    figure_props["period_norm"] = {**_TEXT, "pattern": PERIOD_NORM_PATTERN, "description": CORE_FIGURE_DOCS["period_norm"]}
    figure_props["metric"] = metric
    figure_props["region"] = region
    for k in figure_keys():
        doc = k.doc + (f" — e.g. {k.example}" if k.example else "")
        if k.read == "choice":
            figure_props[k.name] = {"type": "string", "enum": list(k.choices), "description": doc}
        elif k.read == "parse":
            figure_props[k.name] = {"type": ["string", "object"], "description": doc}
        else:
            figure_props[k.name] = {**_TEXT, "description": doc}
    required = [c for c, col in fmodel.items() if not col.nullable and c in figure_props]
    figure = _object(figure_props, required)

    article_props = _described(_ARTICLE_DOCS)
    article_props["id"] = {"type": "string", "pattern": ID_PATTERN, "description": _ARTICLE_DOCS["id"]}
    article_props["region"] = {**region, "description": _ARTICLE_DOCS["region"]}
    article_props["authors"] = {"anyOf": [_TEXT, {"type": "array", "items": {"type": "string"}}], "description": _ARTICLE_DOCS["authors"]}
    article_required = ["id", *(c for c, col in amodel.items() if not col.nullable and c in article_props)]

    codes = sorted({r.code for r in vocab.rules} | set(BUILTIN))
    waiver_props = _described(_WAIVER_DOCS)
    waiver_props["rule"] = {"type": "string", "enum": codes, "description": _WAIVER_DOCS["rule"]}
    waiver_props["figures"] = {"type": "array", "items": {"type": "string"}, "description": _WAIVER_DOCS["figures"]}
    waiver = _object(waiver_props, ["rule", "reason"])

    stated_props = _described(_STATED_DOCS)
    stated_props["units"] = {"type": "array", "items": {"type": "string"}, "description": _STATED_DOCS["units"]}
    stated_props["yields"] = {"type": "array", "description": _STATED_DOCS["yields"],
                              "items": _object(_described({k: k for k in sorted(YIELD_KEYS)}), ["quota", "total"])}
    sections = {
        "article": _object(article_props, article_required, {"description": "the source article"}),
        "figures": {"type": "array", "items": figure, "description": "the figures, each as printed, with the sentence it came from"},
        "ignored": {"type": "array", "items": _object(_described(_IGNORED_DOCS), ["value", "reason"]),
                    "description": "numeric mentions of the seed that are not figures, each with a reason"},
        "waivers": {"type": "array", "items": waiver, "description": "findings acknowledged, each with a reason"},
        "stated_rules": {"type": "array", "items": _object(stated_props, ["id", "per", "quote", "yields"]),
                         "description": "rules the text states (十佳 of each trade): totals they imply"},
    }
    assert set(sections) == TOP_KEYS
    return {
        "$schema": DIALECT,
        "title": "ucheck curated file",
        "description": f"A curated file of figures from one source article (ucheck {__version__}).",
        **_object(sections, ["article"]),
    }


def findings_schema() -> dict:
    """The JSON Schema of ``ucheck check/report --format json``."""
    nullable_text = {"type": ["string", "null"]}
    figure = _object({
        "id": {"type": "string"}, "value": {"type": "string"}, "quote": {"type": "string"},
        "seed_line": {"type": ["integer", "null"], "minimum": 1}, "interval": nullable_text,
    }, ["id", "value", "quote"])
    finding = _object({
        "code": {"type": "string", "pattern": r"^UC\d{3}$"},
        "name": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
        "article": nullable_text,
        "file": {"type": "string", "description": "relative to the data root, / separated"},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
        "message": {"type": "string"},
        "figures": {"type": "array", "items": figure},
        "waived": {"type": "boolean"},
        "waiver_reason": nullable_text,
        "fingerprint": {"type": "string", "description": "stable across runs and line moves: for baselines"},
    }, ["code", "name", "severity", "file", "line", "column", "message", "figures", "waived", "fingerprint"])
    from ucheck.finding import JSON_FORMAT_VERSION

    return {
        "$schema": DIALECT,
        "title": "ucheck findings (--format json)",
        **_object({
            "version": {"const": JSON_FORMAT_VERSION, "description": "the version of this document's format"},
            "tool": _object({"name": {"const": "ucheck"}, "version": {"type": "string"}}, ["name", "version"]),
            "findings": {"type": "array", "items": finding, "description": "sorted by file, line, column and code"},
        }, ["version", "tool", "findings"]),
    }
