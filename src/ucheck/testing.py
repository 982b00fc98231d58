"""A public harness for rule examples: build a tiny corpus from an example and run one rule.

Every rule's ``examples: {bad: [...], good: [...]}`` are tests: a bad example must produce a finding
of that rule, a good one none. Rule packs outside this repository can test themselves the same way
(``ucheck.testing.check_examples(rule, vocab)``; ``ucheck test-rules DIR`` on the command line).

An example is turned into curated files — the documents a curator writes, an ``article`` with its
``figures`` (and ``stated_rules``, ``ignored``, ``waivers``) — and a seed, and these are read by the
real reader (:func:`ucheck.load.corpus.load_corpus`), so an example accepts every key a curated file
accepts. An example is

* a string — one figure with that literal (literal rules);
* a mapping with ``value`` and any other keys of a curated figure (metric, unit, subject, region,
  period, quote, part_of, parts, of, within, base, direction, breakdown …) — one figure;
* a mapping with ``seed: <text>`` alone — a seed text (text rules);
* a mapping with ``figures: [...]`` and optionally ``seed: <text>`` — several figures (relation,
  restatement, provenance rules). Figures default to id f1, f2 … (numbered across the example),
  subject S, region R, period P and a quote equal to the literal; ``article: a2`` on a figure puts
  it in another article (each article is its own curated file, all curated from the one seed);
  ``stated_rules``, ``ignored`` and ``waivers`` beside ``figures`` are those sections, in the curated
  format, of the first article (of another with ``article:`` on the entry);
* a mapping with ``curated: <the text of a curated file>`` and optionally ``seed: <text>`` — the file
  exactly as written (its ``article.seed`` is read from seeds/example.txt when it names that).

Beside the example itself, a case may say why it is there and what it must give:

* ``why: <text>`` — what the case shows (a near miss that must stay quiet, a control that must fire);
* ``expect: {figures: [f1, f2], message: <fragment>}`` — on a bad case: one finding of the rule
  names exactly these figures and its message contains the fragment (either key may be left out).

A finding that a waiver of the example acknowledges does not count as firing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

SEED_PATH = "seeds/example.txt"
CASE_KEYS = ("why", "expect")  # beside the example: what the case shows, what it must give
SECTIONS = ("stated_rules", "ignored", "waivers")  # sections of the curated format an example may carry
FIGURE_DEFAULTS = {"subject": "S", "region": "R", "period": "P"}


@dataclass
class Case:
    """One example of a rule: ``bad`` (must fire) or ``good`` (must not), numbered from 1 in its list."""

    rule: object
    kind: str
    index: int
    example: object  # the example itself, without why and expect
    why: str | None = None
    expect: dict | None = None

    @property
    def label(self) -> str:
        return f"{self.rule.code} {self.rule.name}: {self.kind} example {self.index}"


@dataclass
class Outcome:
    """What running one example gave: the rule's findings (waived ones marked) and the problems that
    reading the example's curated files reported (UC001 … of a malformed example)."""

    findings: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def open(self) -> list:
        return [f for f in self.findings if not f.waived]


def split_case(case) -> tuple[object, str | None, dict | None]:
    """(the example, its ``why``, its ``expect``) of a case as written in a rule's ``examples``."""
    if isinstance(case, dict) and any(k in case for k in CASE_KEYS):
        why, expect = case.get("why"), case.get("expect")
        return {k: v for k, v in case.items() if k not in CASE_KEYS}, (str(why) if why is not None else None), expect
    return case, None, None


def cases(rule) -> list[Case]:
    """Every example of a rule (a rule of rules/*.yaml or a built-in code), bad ones first."""
    out = []
    examples = getattr(rule, "examples", None) or {}
    for kind in ("bad", "good"):
        for i, case in enumerate(examples.get(kind) or [], 1):
            example, why, expect = split_case(case)
            out.append(Case(rule, kind, i, example, why, plain(expect) if expect is not None else None))
    return out


def plain(x):
    """Plain Python data (dict, list, str, bool, None) from what the YAML reader built: its mappings
    remember lines, its numbers keep their text (``1.10`` stays "1.10", as a literal must)."""
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, str):
        return str(x)
    if isinstance(x, bool) or x is None or isinstance(x, bytes):
        return x
    return str(x)


def curated_files(example) -> tuple[dict[str, str | bytes], str | None]:
    """The curated files (path → text) an example stands for, and its seed text (or None)."""
    import yaml

    example = plain(example)
    if isinstance(example, str):
        example = {"value": example}
    if not isinstance(example, dict):
        raise ValueError(f"an example is a literal or a mapping, not {example!r}")
    seed = example.get("seed")
    seed = None if seed is None else str(seed)
    if "curated" in example:
        return {"curated/example.yaml": example["curated"]}, seed
    if "figures" in example:
        figures = example["figures"] or []
    elif "value" in example:  # one figure: the example's own keys
        figures = [{k: v for k, v in example.items() if k not in ("seed", *SECTIONS)}]
    else:
        figures = []
    articles: dict[str, list[dict]] = {}
    for i, fig in enumerate(figures, 1):
        if not isinstance(fig, dict):
            raise ValueError(f"each figure of an example is a mapping, not {fig!r}")
        fig = dict(fig)
        article = str(fig.pop("article", "example"))
        value = fig.get("value")
        full = {"id": f"f{i}", **FIGURE_DEFAULTS, **({"quote": value} if value is not None else {})}
        full.update(fig)
        articles.setdefault(article, []).append({k: full[k] for k in _figure_order(full)})
    if not articles:
        articles["example"] = []
    first = next(iter(articles))
    sections: dict[str, dict[str, list]] = {}  # article -> section -> items
    for key in SECTIONS:
        items = example.get(key)
        if items is not None and not isinstance(items, list):  # as written: the reader reports it
            sections.setdefault(first, {})[key] = items
            continue
        for item in items or []:
            where = str(item.pop("article", first)) if isinstance(item, dict) else first
            sections.setdefault(where, {}).setdefault(key, []).append(item)
            articles.setdefault(where, [])
    files: dict[str, str | bytes] = {}
    for n, (article, figs) in enumerate(articles.items()):
        doc: dict = {"article": {"id": article, "seed": SEED_PATH}, "figures": figs, **sections.get(article, {})}
        name = re.sub(r"[^\w.-]+", "-", article).strip(".") or "article"
        name = name if f"curated/{name}.yaml" not in files else f"{name}-{n + 1}"
        files[f"curated/{name}.yaml"] = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    return files, seed


def _figure_order(fig: dict) -> list[str]:
    first = ["id", "subject", "region", "metric", "period", "value", "quote"]
    return [k for k in first if k in fig] + [k for k in fig if k not in first]


def corpus_from_example(example, lang: str = "en"):
    """The corpus of an example, read from its curated files by the curated reader (its problems'
    messages in ``lang``)."""
    import tempfile

    from ucheck.kinds import figure_keys
    from ucheck.load.corpus import load_corpus

    files, seed = curated_files(example)
    with tempfile.TemporaryDirectory(prefix="ucheck-example-") as tmp:
        root = Path(tmp)
        (root / "curated").mkdir()
        (root / "seeds").mkdir()
        for rel, text in files.items():
            data = text if isinstance(text, bytes) else str(text).encode("utf-8")
            (root / rel).write_bytes(data)
        if seed is not None:
            (root / SEED_PATH).write_bytes(seed.encode("utf-8"))
        corpus = load_corpus([root / "curated"], root, seeds_dir=root / "seeds", keys=figure_keys(), lang=lang)
    corpus.root = Path(".")
    return corpus


def _is_builtin(rule) -> bool:
    return getattr(rule, "impl", None) is None


def outcome(rule, vocab, example, lang: str = "en") -> Outcome:
    """Run one example (a case with ``why``/``expect`` is accepted too) through the rule.

    A rule of rules/*.yaml runs alone on the example's corpus; a built-in code (UC001 …) is what
    loading and a run report: a run is made of it and of the rules that the example's waivers name.
    Waivers of the example apply; messages in ``lang``."""
    example, _, _ = split_case(example)
    corpus = corpus_from_example(example, lang)
    if _is_builtin(rule):  # the code, and the rules that the example's waivers name (UC010 judges those)
        from ucheck.check.engine import Selection, run

        named = {str(w) for w in corpus.waivers["rule"].dropna()} if len(corpus.waivers) else set()
        found = run(corpus, vocab, Selection(select={rule.code, *named}), lang=lang)
        return Outcome([f for f in found if f.code == rule.code], list(corpus.problems))
    from ucheck.check.context import build
    from ucheck.check.engine import apply_waivers

    ctx, _ = build(corpus, vocab, lang)
    found = [f for f in rule.impl.check(ctx) if f.code == rule.code]
    found = [f for f in apply_waivers(found, corpus, True, {rule.code, rule.name}) if f.code == rule.code]
    return Outcome(found, list(corpus.problems))


def run_example(rule, vocab, example, lang: str = "en") -> list:
    """The findings of ``rule`` on one example (waived ones included, marked), messages in ``lang``."""
    return outcome(rule, vocab, example, lang).findings


def check_case(case: Case, vocab) -> str | None:
    """The problem with one case, or None: a bad case that does not fire (or not as its ``expect``
    says), a good case that fires, an example that is not valid curated data."""
    rule = case.rule
    try:
        got = outcome(rule, vocab, case.example)
    except Exception as exc:  # noqa: BLE001 - a broken example is a failure of that example, not of the run
        return f"{case.label} cannot run: {type(exc).__name__}: {exc}: {brief(case.example)}"
    if not _is_builtin(rule):
        has_seed = isinstance(case.example, dict) and case.example.get("seed") is not None
        bad_data = [p for p in got.problems if has_seed or not (p.code == "UC008" and SEED_PATH in p.message)]
        if bad_data:
            p = bad_data[0]
            return f"{case.label} is not valid curated data: {p.code} {p.file}:{p.line}: {p.message}: {brief(case.example)}"
    fired = got.open
    if case.kind == "bad":
        if not fired:
            return f"{case.label} does not fire: {brief(case.example)}" + (f" (why: {case.why})" if case.why else "")
        if case.expect and not any(expected(f, case.expect) for f in fired):
            want = describe_expect(case.expect)
            gave = "; ".join(f"[{', '.join(sorted(r.id for r in f.figures))}] {f.message}" for f in fired)
            return f"{case.label} fires, but not as expected ({want}): it gave {gave}"
        return None
    if fired:
        return f"{case.label} fires: {brief(case.example)}: {fired[0].message}" + (f" (why it should not: {case.why})" if case.why else "")
    return None


def expected(finding, expect: dict) -> bool:
    """Whether a finding is the one ``expect`` describes: exactly these figure ids, this fragment."""
    ids = expect.get("figures")
    if ids is not None and sorted(str(i) for i in ids) != sorted(r.id for r in finding.figures):
        return False
    message = expect.get("message")
    return message is None or str(message) in finding.message


def describe_expect(expect: dict) -> str:
    parts = []
    if expect.get("figures") is not None:
        parts.append(f"figures [{', '.join(str(i) for i in expect['figures'])}]")
    if expect.get("message") is not None:
        parts.append(f"a message containing {str(expect['message'])!r}")
    return " and ".join(parts) or "a finding"


def check_examples(rule, vocab) -> list[str]:
    """Problems with a rule's examples: bad ones that do not fire, good ones that do."""
    return [p for p in (check_case(c, vocab) for c in cases(rule)) if p]


_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


def _plain_scalar(s: str) -> bool:
    """Whether a text can stand unquoted in a YAML flow collection (conservatively)."""
    return (bool(s) and s == s.strip() and s[0] not in _INDICATORS and not any(c in s for c in ",[]{}\n\t")
            and ": " not in s and " #" not in s and not s.endswith(":"))


def brief(example) -> str:
    """An example on one line: a one-figure example of a literal alone as the literal."""
    if isinstance(example, dict) and list(example) == ["value"]:
        example = example["value"]
    return show(example)


def show(x) -> str:
    """An example on one line, in YAML flow style (a text with line breaks is quoted, \\n inside)."""
    x = plain(x)
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in x.items()) + "}"
    if isinstance(x, list):
        return "[" + ", ".join(show(v) for v in x) + "]"
    if isinstance(x, bytes):
        return repr(x)
    if x is None:
        return "null"
    if isinstance(x, bool):
        return "true" if x else "false"
    return x if _plain_scalar(x) else json.dumps(x, ensure_ascii=False)
