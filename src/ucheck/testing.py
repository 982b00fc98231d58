"""A public harness for rule examples: build a tiny corpus from an example and run one rule.

Every rule's ``examples: {bad: [...], good: [...]}`` are tests: a bad example must produce a finding
of that rule, a good one none. Rule packs outside this repository can test themselves the same way
(``ucheck.testing.check_examples(rule, vocab)``). An example is

* a string — one figure with that literal (literal rules);
* a mapping with ``value`` (and optionally metric, unit, subject, region, period, quote) — one figure;
* a mapping with ``seed: <text>`` alone — a seed text (text rules);
* a mapping with ``figures: [...]`` and optionally ``seed: <text>`` — several figures of one article
  (relation, restatement and provenance rules); figures default to one subject, region and period;
  ``stated_rules: [...]`` beside them, in the curated format, names the figures by id (f1, f2 … by
  default).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ucheck.load import yamlsafe
from ucheck.load.corpus import FIGURE_COLUMNS, STATED_COLUMNS, Corpus, Seed, attach_quantities, read_stated_rules


def corpus_from_example(example) -> Corpus:
    if isinstance(example, str):
        example = {"figures": [{"value": example}]}
    elif isinstance(example, dict) and "figures" not in example:
        example = {"seed": example["seed"], "figures": []} if "seed" in example and "value" not in example else {"figures": [example]}
    seed_text = example.get("seed")
    seed_key = "seeds/example.txt" if seed_text is not None else None
    rows = []
    for i, fig in enumerate(example["figures"], 1):
        value = str(fig["value"])
        rows.append({
            "article": str(fig.get("article", "example")), "file": "curated/example.yaml", "line": i, "column": 5,
            "seed": seed_key, "id": str(fig.get("id", f"f{i}")), "subject": str(fig.get("subject", "S")),
            "region": str(fig.get("region", "R")), "organisation": None, "metric": fig.get("metric"),
            "period": str(fig.get("period", "P")), "period_norm": None, "value": value,
            "quote": str(fig.get("quote", value)), "unit_override": fig.get("unit"), "note": None,
            "part_of": fig.get("part_of"), "parts": tuple(sorted(fig["parts"].items())) if isinstance(fig.get("parts"), dict) else fig.get("parts"), "field_lines": {},
            **{k: fig.get(k) for k in ("breakdown", "of", "within", "base", "direction", "same_as")},
        })
    figures = attach_quantities(pd.DataFrame(rows, columns=FIGURE_COLUMNS))
    seeds = {seed_key: Seed.from_text(seed_key, str(seed_text))} if seed_key else {}
    articles = pd.DataFrame({"article": sorted(set(figures["article"]) or {"example"})})
    articles["seed"] = seed_key
    empty = pd.DataFrame()
    waivers = pd.DataFrame(columns=["article", "file", "line", "rule", "figures", "text", "reason"])
    problems: list = []
    stated_rows: list = []
    if example.get("stated_rules") is not None:
        items = example["stated_rules"]
        if not isinstance(items, yamlsafe.LineList):  # plain data (from a test): give it lines
            import yaml

            items = yamlsafe.load(yaml.safe_dump(items, allow_unicode=True))
        read_stated_rules(items, getattr(items, "line", 1), "example", "curated/example.yaml", seed_key, stated_rows, problems)
    stated = pd.DataFrame(stated_rows, columns=STATED_COLUMNS)
    return Corpus(Path("."), articles, figures, empty, waivers, seeds, problems, stated)


def run_example(rule, vocab, example) -> list:
    from ucheck.check.context import build

    ctx, _ = build(corpus_from_example(example), vocab)
    return [f for f in rule.impl.check(ctx) if f.code == rule.code]


def check_examples(rule, vocab) -> list[str]:
    """Problems with a rule's examples: bad ones that do not fire, good ones that do."""
    problems = []
    for ex in rule.examples.get("bad") or []:
        if not run_example(rule, vocab, ex):
            problems.append(f"{rule.code} {rule.name}: bad example does not fire: {ex!r}")
    for ex in rule.examples.get("good") or []:
        fired = run_example(rule, vocab, ex)
        if fired:
            problems.append(f"{rule.code} {rule.name}: good example fires: {ex!r}: {fired[0].message}")
    return problems
