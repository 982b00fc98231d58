"""The ``ucheck`` command line.

Exit status: 0 clean, 1 findings at or above the fail level (``check``), or coverage below the
threshold (``coverage``), 2 usage, configuration or internal error. pandas and pandera are imported
only by the commands that load data, so ``ucheck rules`` and ``ucheck --help`` start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ucheck import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ucheck",
        description="Validate figures curated from Chinese reports: parse each printed quantity as an interval, "
        "validate the curated YAML, and apply the declarative rules of rules/.",
        epilog="Exit status: 0 clean, 1 findings at or above the fail level, 2 usage, configuration or internal error.",
    )
    p.add_argument("--version", action="version", version=f"ucheck {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def data_args(sp, default_format):
        sp.add_argument("paths", nargs="*", type=Path, help="curated files or directories (default: curated/)")
        sp.add_argument("--root", type=Path, default=None, help="repository root (default: the current directory)")
        sp.add_argument("--rules", type=Path, action="append", default=None, help="rules directory (default: rules/); repeatable")
        sp.add_argument("--format", choices=["full", "concise", "json"], default=default_format)
        sp.add_argument("--output-file", "-o", type=Path, help="write the findings here instead of standard output")
        sp.add_argument("--select", action="append", default=[], help="only these rule codes or names (comma-separated, repeatable)")
        sp.add_argument("--ignore", action="append", default=[], help="skip these rule codes or names")
        sp.add_argument("--no-waivers", action="store_true", help="show waived findings as open")
        sp.add_argument("--statistics", action="store_true", help="append a count of findings per rule")

    c = sub.add_parser("check", help="the gate: exit 1 on findings at or above the fail level")
    data_args(c, "concise")
    c.add_argument("--fail-level", choices=["info", "warning", "error"], default="warning")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    r = sub.add_parser("report", help="the findings list, grouped by article, with quotes and arithmetic")
    data_args(r, "full")
    rl = sub.add_parser("rules", help="list the rules")
    rl.add_argument("--root", type=Path, default=None)
    rl.add_argument("--rules", type=Path, action="append", default=None)
    rl.add_argument("--format", choices=["text", "json"], default="text")
    one = sub.add_parser("rule", help="explain one rule: what, why, examples")
    one.add_argument("code", help="rule code or name")
    one.add_argument("--root", type=Path, default=None)
    one.add_argument("--rules", type=Path, action="append", default=None)
    d = sub.add_parser("draft", help="draft a curated YAML from a seed article")
    d.add_argument("seed", type=Path)
    d.add_argument("-o", "--output", type=Path, help="write here (refuses to overwrite without --force)")
    d.add_argument("--force", action="store_true")
    d.add_argument("--root", type=Path, default=None)
    d.add_argument("--rules", type=Path, action="append", default=None)
    cv = sub.add_parser("coverage", help="share of numeric mentions in each seed that are curated or ignored")
    cv.add_argument("paths", nargs="*", type=Path)
    cv.add_argument("--root", type=Path, default=None)
    cv.add_argument("--rules", type=Path, action="append", default=None)
    cv.add_argument("--threshold", type=float, default=None, help="exit 1 when an article's coverage (percent) is below this")
    cv.add_argument("--format", choices=["text", "json"], default="text")
    cv.add_argument("--list", action="store_true", help="list every uncovered mention")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_ERROR
    try:
        return _dispatch(args)
    except UsageError as exc:
        print(f"ucheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR
    except Exception as exc:  # the last line of defence: never a traceback unless asked
        from ucheck.rules.spec import RuleConfigError

        if isinstance(exc, RuleConfigError):
            print(f"ucheck: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
        if os.environ.get("UCHECK_DEBUG"):
            raise
        print(f"ucheck: internal error: {type(exc).__name__}: {exc} (set UCHECK_DEBUG=1 for a traceback)", file=sys.stderr)
        return EXIT_ERROR


def _root(args) -> Path:
    root = (args.root or Path.cwd()).resolve()
    if not root.is_dir():
        raise UsageError(f"root {root} is not a directory")
    return root


def _rule_dirs(args, root: Path) -> list[Path]:
    from ucheck.paths import packaged_rules_dir

    if args.rules:
        for d in args.rules:
            if not d.is_dir():
                raise UsageError(f"rules directory {d} does not exist")
        return [packaged_rules_dir(), *args.rules]
    dirs = [packaged_rules_dir()]
    local = root / "rules"
    if local.is_dir() and local.resolve() != packaged_rules_dir().resolve():
        dirs.append(local)
    return dirs


def _split(values: list[str]) -> set[str]:
    return {v.strip() for item in values for v in item.split(",") if v.strip()}


def _dispatch(args) -> int:
    if args.command in ("check", "report"):
        return _check(args)
    if args.command == "rules":
        return _rules(args)
    if args.command == "rule":
        return _rule(args)
    if args.command == "draft":
        return _draft(args)
    if args.command == "coverage":
        return _coverage(args)
    raise UsageError(f"unknown command {args.command}")


def _load(args, root: Path):
    from ucheck.corpus import load_corpus
    from ucheck.rules.spec import load_rules

    vocab = load_rules(_rule_dirs(args, root), root)
    paths = args.paths or [root / "curated"]
    for p in paths:
        if not p.exists():
            raise UsageError(f"{p} does not exist")
    corpus = load_corpus([Path(p) for p in paths], root, seeds_dir=root / "seeds")
    return corpus, vocab


def _check(args) -> int:
    from ucheck.engine import Selection, run
    from ucheck.finding import SEVERITY_RANK
    from ucheck.output import render, use_colour

    root = _root(args)
    corpus, vocab = _load(args, root)
    known = {r.code for r in vocab.rules} | {r.name for r in vocab.rules}
    from ucheck.rules.builtin import BUILTIN

    known |= set(BUILTIN) | {b.name for b in BUILTIN.values()}
    selection = Selection(_split(args.select), _split(args.ignore))
    for s in selection.select | selection.ignore:
        if s not in known:
            raise UsageError(f"unknown rule {s!r} in --select/--ignore (see `ucheck rules`)")
    findings = run(corpus, vocab, selection, use_waivers=not args.no_waivers)
    shown = findings if args.command == "report" else [f for f in findings if not f.waived]
    stream = sys.stdout
    colour = args.output_file is None and use_colour(stream)
    title = ""
    if args.command == "report":
        title = f"ucheck report: {len(corpus.articles)} articles, {len(corpus.figures)} figures, {len(vocab.rules)} rules"
    text = render(shown, args.format, colour=colour, statistics=args.statistics, title=title)
    if args.output_file:
        args.output_file.write_text(text, encoding="utf-8")
    else:
        stream.write(text)
    if args.command == "report" or getattr(args, "exit_zero", False):
        return EXIT_CLEAN
    level = SEVERITY_RANK[args.fail_level]
    failing = [f for f in findings if not f.waived and SEVERITY_RANK[f.severity] >= level]
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _all_rules(args):
    from ucheck.rules.builtin import BUILTIN
    from ucheck.rules.spec import load_rules

    root = _root(args)
    vocab = load_rules(_rule_dirs(args, root), root)
    return vocab, list(BUILTIN.values())


def _rules(args) -> int:
    import json

    vocab, builtin = _all_rules(args)
    rows = [(b.code, b.name, b.kind, b.severity, b.summary) for b in builtin] + [(r.code, r.name, r.kind, r.severity, r.summary) for r in vocab.rules]
    if args.format == "json":
        print(json.dumps([dict(zip(("code", "name", "kind", "severity", "summary"), r)) for r in rows], ensure_ascii=False, indent=2))
    else:
        for code, name, kind, sev, summary in rows:
            print(f"{code}  {name:40s} {kind:12s} {sev:8s} {summary}")
    return EXIT_CLEAN


def _rule(args) -> int:
    import yaml

    vocab, builtin = _all_rules(args)
    for b in builtin:
        if args.code in (b.code, b.name):
            print(f"{b.code} {b.name}  ({b.kind}, {b.severity})\n\n{b.summary}\n\nWhy: {b.rationale}")
            return EXIT_CLEAN
    for r in vocab.rules:
        if args.code in (r.code, r.name):
            out = [f"{r.code} {r.name}  ({r.kind}, {r.severity}; defined in {r.file}:{r.line})", "", r.summary, "", "Why:", _indent(r.rationale)]
            opts = {k: v for k, v in r.options.items() if v not in (None, [], {})}
            if opts:
                out += ["", "Definition:", _indent(yaml.safe_dump(_plain(opts), allow_unicode=True, sort_keys=False).rstrip())]
            for label, key in (("Anti-pattern (fires)", "bad"), ("Best practice (does not fire)", "good")):
                ex = r.examples.get(key) or []
                if ex:
                    out += ["", f"{label}:"] + [_indent(yaml.safe_dump(_plain(e), allow_unicode=True, default_flow_style=True, width=1000).strip()) for e in ex]
            print("\n".join(out))
            return EXIT_CLEAN
    raise UsageError(f"no rule {args.code!r} (see `ucheck rules`)")


def _plain(x):
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    if isinstance(x, str):
        return str(x)
    return x


def _indent(text: str, n: int = 2) -> str:
    return "\n".join(" " * n + line for line in text.splitlines())


def _draft(args) -> int:
    from ucheck.draft import draft_article
    from ucheck.rules.spec import load_rules

    root = _root(args)
    if not args.seed.is_file():
        raise UsageError(f"seed {args.seed} does not exist")
    if args.output and args.output.exists() and not args.force:
        raise UsageError(f"{args.output} exists: not overwritten (use --force)")
    vocab = load_rules(_rule_dirs(args, root), root)
    from ucheck import yamlsafe

    try:
        text = yamlsafe.decode(args.seed.read_bytes())
    except yamlsafe.YamlProblem as exc:
        raise UsageError(f"{args.seed}:{exc.line}: {exc}") from None
    try:
        rel = args.seed.resolve().relative_to(root).as_posix()
    except ValueError:
        rel = args.seed.as_posix()
    out = draft_article(text, rel, vocab.keywords, vocab.regions, vocab.metrics)
    if args.output:
        args.output.write_text(out, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(out)
    return EXIT_CLEAN


def _coverage(args) -> int:
    from ucheck.coverage import coverage_report

    root = _root(args)
    corpus, vocab = _load(args, root)
    return coverage_report(corpus, args.threshold, args.format, args.list)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
