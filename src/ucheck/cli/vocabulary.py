"""The commands about the rule library and its vocabulary: ``rules``, ``rule CODE``, ``metrics [WORD]``,
``test-rules``, ``schema``. ``rules`` and ``rule`` speak the run's language (``--lang``, else ``lang``
of the configuration, else the locale): the rules' summaries, and the page of a rule; ``metrics``
shows both labels of a metric whatever the language."""

from __future__ import annotations

import sys
from pathlib import Path

from ucheck.cli.common import EXIT_CLEAN, EXIT_FINDINGS, UsageError, all_rules, is_inside, lang_of, rule_directories, settings_of
from ucheck.cli.output import data_inputs, refuse_input, write_atomically


def rules_command(args) -> int:
    import json

    vocab, builtin = all_rules(args)
    lang = lang_of(args, settings_of(args)[1])
    rows = [(r.code, r.name, r.kind, r.severity, r.text("summary", lang)) for r in [*builtin, *vocab.rules]]
    if args.format == "json":
        print(json.dumps([dict(zip(("code", "name", "kind", "severity", "summary"), r)) for r in rows], ensure_ascii=False, indent=2))
    else:
        for code, name, kind, sev, summary in rows:
            print(f"{code}  {name:40s} {kind:12s} {sev:8s} {summary}")
    return EXIT_CLEAN


def schema_command(args) -> int:
    import json

    from ucheck.schemas import curated_schema, findings_schema

    if args.which == "curated":
        root, cfg = settings_of(args)
        rule_dirs = rule_directories(args, root, cfg)
        from ucheck.ruleset import load_rules

        doc = curated_schema(load_rules(rule_dirs, root))
    else:
        root, cfg, rule_dirs = None, None, []
        doc = findings_schema()
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if args.output_file:
        if root is not None:
            refuse_input(args.output_file, data_inputs(root, cfg, rule_dirs))
        write_atomically(args.output_file, text)
    else:
        sys.stdout.write(text)
    return EXIT_CLEAN


def _plain(v):
    """A vocabulary value as JSON data: mappings with text keys, lists, plain numbers and texts."""
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    n = getattr(v, "number", None)
    if n is not None and not isinstance(v, (int, float)):
        return float(n)
    return v if v is None or isinstance(v, (str, int, float, bool)) else str(v)


def metrics_command(args) -> int:
    """The metric vocabulary, or the metrics whose id, label or a draft keyword contains WORD (case ignored)."""
    from ucheck.paths import shown_rules_file
    from ucheck.report.escape import one_line
    from ucheck.ruleset import load_rules

    root, cfg = settings_of(args)
    vocab = load_rules(rule_directories(args, root, cfg), root)
    # with what a curator's own metric may copy: the growth basis, the related metrics, mixed, the
    # ceiling per resident (the JSON shows them; the table keeps to what tells metrics apart)
    # the draft's keywords for each metric (rules/lexicon.yaml): 来访 finds petitions_handled, whose labels say 受理
    words: dict[str, list[str]] = {}
    for word, metric in sorted(vocab.keywords.items()):
        words.setdefault(metric, []).append(word)
    rows = [{"id": mid, "zh": m["zh"], "en": m["en"], "words": words.get(mid, []), "kind": m["kind"], "units": m["units"], "additive": m["additive"],
             "nonnegative": m.get("nonnegative"), "growth_basis": m.get("growth_basis"), "related": dict(m.get("related") or {}),
             "mixed": bool(m.get("mixed")), "per_resident_max": m.get("per_resident_max"),
             "per_resident_min": m.get("per_resident_min"), "growth_max": m.get("growth_max"),
             "level_can_be_negative": bool(m.get("level_can_be_negative")), "national": _plain(m.get("national")),
             "file": shown_rules_file(m["file"])} for mid, m in sorted(vocab.metrics.items())]
    rows = _listed(args, rows, ("id", "zh", "en", "words"), "metric", "metrics")
    if isinstance(rows, int):
        return rows
    table = [(r["id"], r["kind"], ", ".join(r["units"]), f"{r['zh']} / {r['en']}", r["file"]) for r in rows]
    table = [tuple(one_line(c) for c in row) for row in table]
    width = max([len("metric"), *(_columns(t[0]) for t in table)])
    units = max([len("units"), *(_columns(t[2]) for t in table)])
    print(f"{_cell('metric', width)}  {_cell('kind', 12)} {_cell('units', units)}  zh / en  (file)")
    for mid, kind, unit, label, file in table:
        print(f"{_cell(mid, width)}  {_cell(kind, 12)} {_cell(unit, units)}  {label}  ({file})")
    return EXIT_CLEAN


def regions_command(args) -> int:
    """The gazetteer, or the regions whose name, alias or parent contains WORD."""
    from ucheck.paths import shown_rules_file
    from ucheck.report.escape import one_line
    from ucheck.ruleset import load_rules

    root, cfg = settings_of(args)
    vocab = load_rules(rule_directories(args, root, cfg), root)
    rows = []
    for name, r in vocab.regions.items():
        file, line = vocab.region_lines.get(name, ("", 0))
        pop = r.get("population") or {}
        rows.append({"id": name, "level": r["level"], "parent": r.get("parent") or "", "aliases": list(r.get("aliases") or []),
                     "population": pop.get("literal", ""), "year": pop.get("year", ""), "source": pop.get("source", ""),
                     "file": f"{shown_rules_file(file)}:{line}" if file else ""})
    rows = _listed(args, rows, ("id", "parent", "aliases"), "region", "regions")
    if isinstance(rows, int):
        return rows
    table = [(r["id"] + (f" ({'、'.join(r['aliases'])})" if r["aliases"] else ""), r["level"], r["parent"],
              f"{r['population']} ({r['year']})" if r["population"] else "—", r["file"]) for r in rows]
    table = [tuple(one_line(c) for c in row) for row in table]
    widths = [max(_columns(h), *(_columns(t[k]) for t in table)) for k, h in enumerate(("region", "level", "parent", "population"))]
    print("  ".join(_cell(h, w) for h, w in zip(("region", "level", "parent", "population"), widths)) + "  file")
    for row in table:
        print("  ".join(_cell(c, w) for c, w in zip(row, widths)) + f"  {row[4]}")
    return EXIT_CLEAN


def _listed(args, rows: list[dict], fields, noun: str, command: str) -> list[dict] | int:
    """The rows to show as a table — those whose ``fields`` contain WORD (case ignored; a list field:
    any item), all without one — or the exit status once done: printed as JSON, or none matches (a
    message names the closest)."""
    import json

    from ucheck.report.escape import one_line
    from ucheck.suggest import closest

    word = args.word
    if word is None:
        found = rows
    else:
        found = _matching(word, rows, fields)
        if not found:
            close = closest(word, [r["id"] for r in rows] + ([r["zh"] for r in rows if r.get("zh")]), n=3)
            hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
            print(f"ucheck: no {noun} matches {one_line(repr(word))}{one_line(hint)}; `ucheck {command}` lists all {len(rows)}",
                  file=sys.stderr)
            return EXIT_FINDINGS
    if args.format == "json":
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return EXIT_CLEAN
    return found


def _matching(word: str, rows: list[dict], fields) -> list[dict]:

    def texts(r):
        for f in fields:
            yield from (r[f] if isinstance(r[f], list) else [r[f]])

    w = word.strip().casefold()
    return [r for r in rows if any(w in str(t).casefold() for t in texts(r))]


def _columns(text: str) -> int:
    """The display width: a Chinese character takes two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(text: str, width: int) -> str:
    return text + " " * max(0, width - _columns(text))


def rule_command(args) -> int:
    from ucheck.ruledoc import render

    vocab, builtin = all_rules(args)
    for r in [*builtin, *vocab.rules]:
        if args.code in (r.code, r.name):
            sys.stdout.write(render(r, vocab, lang=lang_of(args, settings_of(args)[1])))
            return EXIT_CLEAN
    from ucheck.suggest import did_you_mean

    names = [r.code for r in [*builtin, *vocab.rules]] + [r.name for r in [*builtin, *vocab.rules]]
    raise UsageError(f"no rule {args.code!r}{did_you_mean(args.code, names)} (see `ucheck rules`)")


def test_rules_command(args) -> int:
    """Run the examples of the rules: of the given directories, else of every rule as configured."""
    from ucheck.paths import packaged_rules_dir
    from ucheck.ruleset import load_rules
    from ucheck.testing import check_examples, cases

    root, cfg = settings_of(args)
    if args.dirs:
        for d in args.dirs:
            if not d.is_dir():
                raise UsageError(f"rules directory {d} does not exist")
        std = packaged_rules_dir()
        dirs = [std] + [d for d in args.dirs if d.resolve() != std.resolve()]
        vocab = load_rules(dirs, root)
        wanted = [d.resolve() for d in args.dirs]
        located = lambda r: (Path(r.file) if Path(r.file).is_absolute() else root / r.file).resolve()
        rules = [r for r in vocab.rules if any(is_inside(located(r), d) for d in wanted)]
    else:
        args.rules = None
        vocab, builtin = all_rules(args)
        rules = [*builtin, *vocab.rules]
    problems, failing, n = [], set(), 0
    for r in rules:
        n += len(cases(r))
        found = check_examples(r, vocab)
        problems += found
        if found:
            failing.add(r.code)
    for p in problems:
        print(p)
    if not problems:
        print(f"{len(rules)} rules, {n} examples: every bad example fires, no good one does.")
        return EXIT_CLEAN
    print(f"{len(problems)} of {n} examples fail, in {len(failing)} of {len(rules)} rules.")
    return EXIT_FINDINGS
