"""The ``ucheck`` command line.

Exit status: 0 clean, 1 findings at or above the fail level (``check``), or coverage below the
threshold (``coverage``), 2 usage, configuration or internal error. pandas and pandera are imported
only by the commands that load data, so ``ucheck rules`` and ``ucheck --help`` start fast.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from ucheck import __version__
from ucheck.report import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE, EXIT_INTERRUPTED = 128 + 13, 128 + 2  # as after SIGPIPE and SIGINT (Ctrl-C), like other CLIs


class UsageError(Exception):
    pass


def _percentage(text: str) -> float:
    """A percentage from 0 to 100 (argparse type): NaN, infinities and values outside are refused."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 100:  # False for NaN too
        raise argparse.ArgumentTypeError(f"must be a percentage between 0 and 100, not {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ucheck",
        description="Validate figures curated from Chinese reports: parse each printed quantity as an interval, "
        "validate the curated YAML, and apply the declarative rules of rules/.",
        epilog="Exit status: 0 clean, 1 findings at or above the fail level, 2 usage, configuration or internal error.",
    )
    p.add_argument("-V", "--version", action="version", version=f"ucheck {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def common(sp):
        sp.add_argument("--root", type=Path, default=None, help="repository root (default: the current directory)")
        sp.add_argument("--config", type=Path, default=None,
                        help="configuration file (default: ucheck.toml, else [tool.ucheck] of pyproject.toml, in the root)")
        sp.add_argument("--rules", type=Path, action="append", default=None,
                        help="rules directory, read after the packaged library (default: rules/); repeatable")

    def data_args(sp, default_format):
        sp.add_argument("paths", nargs="*", type=Path,
                        help="report only findings in these curated files or directories (the whole corpus is still "
                        "loaded, so cross-file rules see everything); default: all of curated/")
        common(sp)
        sp.add_argument("--format", choices=FORMATS, default=None, help=f"output format (default: {default_format})")
        sp.add_argument("--output-file", "-o", type=Path, help="write the findings here instead of standard output")
        sp.add_argument("--select", action="append", default=[],
                        help="only these rule codes, names or code prefixes (UC1: every UC1xx rule; comma-separated, repeatable)")
        sp.add_argument("--ignore", action="append", default=[], help="skip these rule codes, names or code prefixes")
        sp.add_argument("--color", "--colour", choices=["auto", "always", "never"], default="auto",
                        help="colour the full format: auto (on a terminal, unless NO_COLOR is set or when FORCE_COLOR is), "
                        "always, never (default: auto; a file of --output-file is never coloured)")
        sp.add_argument("--no-waivers", action="store_true", help="show waived findings as open")
        sp.add_argument("--no-cache", action="store_true",
                        help="read every curated file afresh, without the load cache .ucheck_cache/ (the findings are the same)")
        sp.add_argument("--usage", action="store_true",
                        help="print, on standard error, how many figures or combinations each rule judged and how many findings it gave "
                        "(a rule that judged nothing matched nothing in this corpus)")
        sp.add_argument("--statistics", action="store_true",
                        help="count open findings per rule (appended to full, concise and markdown; on standard error for the others)")

    c = sub.add_parser("check", help="the gate: exit 1 on findings at or above the fail level",
                       description="Exit status: 0 clean, 1 open findings at or above the fail level, 2 usage, configuration or internal error.")
    data_args(c, "concise")
    c.add_argument("--fail-level", choices=["info", "warning", "error"], default=None, help="default: warning")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    r = sub.add_parser("report", help="the findings list, grouped by article, with quotes and arithmetic")
    data_args(r, "full")
    r.add_argument("--sarif-waived", action="store_true",
                   help="SARIF: keep waived findings, as results with an accepted suppression and the waiver's reason "
                   "(left out by default: GitHub code scanning does not honour suppressions and opens an alert for each)")
    rl = sub.add_parser("rules", help="list the rules")
    common(rl)
    rl.add_argument("--format", choices=["text", "json"], default="text")
    me = sub.add_parser("metrics", help="list the metric vocabulary, or search it by a word",
                        description="The metrics curated figures may name (rules/*.yaml `metrics:`, the packaged library's "
                        "and your own): id, kind, units, Chinese and English labels, the file that declares it. With WORD, "
                        "those whose id, Chinese or English label contains it (case ignored). Exit status: 0, 1 when no "
                        "metric matches (as grep), 2 usage or configuration error.")
    me.add_argument("word", nargs="?", default=None, metavar="WORD", help="part of an id (patent), a Chinese label (专利) or an English one")
    common(me)
    me.add_argument("--format", choices=["text", "json"], default="text")
    one = sub.add_parser("rule", help="explain one rule: what it does, why, an example that fires and its fix, options, waivers",
                         description="The page of one rule, from its declaration; its first examples are run to show the "
                         "message it gives (this loads pandas: a few tenths of a second more).")
    one.add_argument("code", help="rule code or name")
    common(one)
    tr = sub.add_parser("test-rules", help="run the examples of the rules: bad ones must fire, good ones must not",
                        description="Exit status: 0 every example behaves, 1 an example does not, 2 a broken rule file "
                        "or another usage or configuration error.")
    tr.add_argument("dirs", nargs="*", type=Path, metavar="DIR",
                    help="test the rules of these rule directories (read after the packaged library); default: every "
                    "rule as configured (the packaged library, the built-in codes, the local or configured rules)")
    tr.add_argument("--root", type=Path, default=None, help="repository root (default: the current directory)")
    tr.add_argument("--config", type=Path, default=None,
                    help="configuration file (default: ucheck.toml, else [tool.ucheck] of pyproject.toml, in the root)")
    d = sub.add_parser("draft", help="draft a curated YAML from a seed article")
    d.add_argument("seed", type=Path)
    d.add_argument("-o", "--output", type=Path, help="write here (refuses to overwrite without --force)")
    d.add_argument("--force", action="store_true")
    common(d)
    sc = sub.add_parser("schema", help="print the JSON Schema of curated files (with this repository's vocabulary) or of --format json")
    sc.add_argument("which", choices=["curated", "findings"])
    sc.add_argument("-o", "--output-file", type=Path, default=None, help="write the schema here instead of standard output")
    common(sc)
    cl = sub.add_parser("clean", help="remove the load cache (.ucheck_cache/ of the data repository)")
    cl.add_argument("--root", type=Path, default=None, help="repository root (default: found as for check)")
    cv = sub.add_parser("coverage", help="share of numeric mentions in each seed that are curated or ignored")
    cv.add_argument("paths", nargs="*", type=Path)
    common(cv)
    cv.add_argument("--threshold", type=_percentage, default=None, metavar="P",
                    help="exit 1 when an article's coverage (percent, 0 to 100) is below this (default: coverage-threshold "
                    "of the configuration)")
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
        code = _dispatch(args)
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return code
    except UsageError as exc:
        print(f"ucheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # the reader went away (`ucheck rule UC101 | head -1`): stop quietly, as a program killed by
        # SIGPIPE would, and keep Python from complaining about the unflushed stdout at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:  # the last line of defence: never a traceback unless asked
        return _failed(exc)


def _failed(exc: Exception) -> int:
    """A configuration error, a standard output that cannot be written, or an internal error: one
    line on standard error, exit 2."""
    from ucheck.config import ConfigError
    from ucheck.load.yamlsafe import InputError
    from ucheck.ruleset import RuleConfigError

    if isinstance(exc, (RuleConfigError, ConfigError, InputError)):  # InputError: a directory that cannot be listed, no curated file
        print(f"ucheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EBADF, errno.EIO, errno.EPIPE):
        print(f"ucheck: error: cannot write standard output: {exc.strerror}", file=sys.stderr)
        try:  # what is still buffered would fail again when the interpreter flushes it at exit (status 120)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_ERROR
    if os.environ.get("UCHECK_DEBUG"):
        raise exc
    print(f"ucheck: internal error: {type(exc).__name__}: {exc} (set UCHECK_DEBUG=1 for a traceback)", file=sys.stderr)
    return EXIT_ERROR


def _root(args) -> Path:
    """--root, else the nearest directory upwards from the current one that is a data repository
    (as ruff and pre-commit find theirs): one with ucheck.toml, or a pyproject.toml with
    [tool.ucheck], or a curated/ directory; else the current directory."""
    if args.root is not None:
        root = args.root.resolve()
        if not root.is_dir():
            raise UsageError(f"root {root} is not a directory")
        return root
    return find_root(Path.cwd().resolve())


def find_root(start: Path) -> Path:
    from ucheck.config import find_config

    for d in (start, *start.parents):
        if find_config(d) is not None or (d / "curated").is_dir():
            return d
    return start


def _settings(args):
    """The root and its configuration (ucheck.toml or [tool.ucheck] of pyproject.toml)."""
    from ucheck.config import load_config

    root = _root(args)
    return root, load_config(root, getattr(args, "config", None))


def _rule_dirs(args, root: Path, cfg) -> list[Path]:
    """The packaged rule library first, then --rules, else the configured rules, else rules/ of the
    root: a later rule with the same code replaces an earlier one."""
    from ucheck.paths import packaged_rules_dir

    std = packaged_rules_dir()
    if args.rules:
        for d in args.rules:
            if not d.is_dir():
                raise UsageError(f"rules directory {d} does not exist")
        return [std, *args.rules]
    if cfg.rules is not None:
        for d in cfg.rules:
            if not d.is_dir():
                raise cfg.error(f"rules directory {_show(d, root)} does not exist", "rules")
        return [std, *(d for d in cfg.rules if d.resolve() != std.resolve())]
    dirs = [std]
    local = root / "rules"
    if local.is_dir() and local.resolve() != std.resolve():
        dirs.append(local)
    return dirs


def _show(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _inside(path: Path, directory: Path) -> bool:
    return path == directory or directory in path.parents


def _split(values: list[str]) -> set[str]:
    return {v.strip() for item in values for v in item.split(",") if v.strip()}


def _dispatch(args) -> int:
    if args.command in ("check", "report"):
        return _check(args)
    if args.command == "rules":
        return _rules(args)
    if args.command == "metrics":
        return _metrics(args)
    if args.command == "rule":
        return _rule(args)
    if args.command == "test-rules":
        return _test_rules(args)
    if args.command == "draft":
        return _draft(args)
    if args.command == "coverage":
        return _coverage(args)
    if args.command == "schema":
        return _schema(args)
    if args.command == "clean":
        return _clean(args)
    raise UsageError(f"unknown command {args.command}")


def _load(args, root: Path, cfg, rule_dirs: list[Path], scoped: bool):
    """Load the corpus; with ``scoped``, PATHS restrict what is reported, not what is loaded.

    A path inside the curated directory loads the whole directory (cross-file rules see every
    article) and reports only the findings located in that file or directory, or in the seed of an
    article there. A path inside a local rules directory means a rule changed: everything is
    reported. Any other path is loaded on its own. Returns (corpus, scope or None for all).
    """
    from ucheck.check.engine import Scope
    from ucheck.kinds import figure_keys
    from ucheck.load.corpus import load_corpus

    curated = cfg.curated or root / "curated"
    seeds = cfg.seeds or root / "seeds"
    if not args.paths:
        if not curated.exists():
            raise UsageError(f"{_show(curated, root)} does not exist (no curated files to check)")
        return load_corpus([curated], root, seeds_dir=seeds, keys=figure_keys(), cache=_cache(args, root)), None
    rule_dirs_r = [d.resolve() for d in rule_dirs]  # the packaged one too: it is rules/ of an editable install
    curated_r = curated.resolve()
    to_load: list[Path] = []
    scope, everything, need_curated = Scope(), False, False
    for p in args.paths:
        if not p.exists():
            raise UsageError(f"{p} does not exist")
        rp = p.resolve()
        if scoped and _inside(rp, curated_r):
            need_curated = True
        elif scoped and any(_inside(rp, d) for d in rule_dirs_r):
            everything = True
            continue
        else:
            to_load.append(p)
        (scope.dirs if p.is_dir() else scope.files).add(_show(p, root))
    if need_curated or everything:
        if not curated.exists():
            raise UsageError(f"{_show(curated, root)} does not exist (no curated files to check)")
        to_load.insert(0, curated)
    corpus = load_corpus(to_load, root, seeds_dir=seeds, keys=figure_keys(), cache=_cache(args, root))
    if everything or not scoped:
        return corpus, None
    arts = corpus.articles
    if len(arts):
        for file, seed in zip(arts["file"], arts["seed"]):
            if isinstance(seed, str) and seed and scope.contains(file):
                scope.files.add(seed)
    return corpus, scope


def _known(vocab) -> set[str]:
    from ucheck.builtin import BUILTIN

    return {r.code for r in vocab.rules} | {r.name for r in vocab.rules} | set(BUILTIN) | {b.name for b in BUILTIN.values()}


def _run_info(corpus, vocab, severity: dict[str, str], title: str, scope):
    from dataclasses import replace

    from ucheck.builtin import BUILTIN
    from ucheck.finding import configured_level
    from ucheck.report import RuleInfo, RunInfo

    rules = {r.code: RuleInfo(r.code, r.name, r.severity, r.summary, r.rationale, r.kind, r) for r in vocab.rules}
    for b in BUILTIN.values():
        sev = configured_level(severity, b.code, b.name, b.severity)
        rules[b.code] = RuleInfo(b.code, b.name, sev, b.summary, b.rationale, b.kind, replace(b, severity=sev))
    checked = []
    if len(corpus.articles):
        checked = [(a, f) for a, f in zip(corpus.articles["article"], corpus.articles["file"]) if scope is None or scope.contains(f)]
    return RunInfo(title=title, rules=rules, checked=checked)


def _check(args) -> int:
    from ucheck.report.text import Progress

    with Progress(sys.stderr) as progress:  # drawn only on a terminal, for a format a person reads, after a second
        return _check_run(args, progress)


def _check_run(args, progress) -> int:
    from ucheck.check.engine import Selection, restrict, run
    from ucheck.config import expand_rule_refs, rule_matches, unknown_rule
    from ucheck.finding import SEVERITY_RANK
    from ucheck.report import MACHINE_FORMATS, render, statistics_text, use_colour
    from ucheck.report.text import terminal_width
    from ucheck.ruleset import load_rules

    root, cfg = _settings(args)
    rule_dirs = _rule_dirs(args, root, cfg)
    vocab = load_rules(rule_dirs, root)
    known = _known(vocab)
    cfg.check_rule_refs(known)
    for option, refs in (("--select", _split(args.select)), ("--ignore", _split(args.ignore))):
        for s in sorted(refs):
            if not rule_matches(s, known):  # a code, a name, or a code prefix (UC1) that matches a rule
                raise UsageError(unknown_rule(s, known, f" in {option}"))
    selection = Selection(expand_rule_refs(_split(args.select) if args.select else cfg.select, known),
                          expand_rule_refs(_split(args.ignore) if args.ignore else cfg.ignore, known))
    progress.start(args.format or cfg.format or ("full" if args.command == "report" else "concise"))
    progress.update("loading the curated files")
    corpus, scope = _load(args, root, cfg, rule_dirs, scoped=True)
    usage = progress.ticks("checking", sum(1 for r in vocab.rules if selection.wants(r.code, r.name)))  # filled rule by rule
    findings = run(corpus, vocab, selection, use_waivers=not args.no_waivers, severity=cfg.severity, usage=usage)
    if args.usage:
        progress.write(_usage_text(usage))
    findings = restrict(findings, scope)
    shown = findings if args.command == "report" else [f for f in findings if not f.waived]
    fmt = args.format or cfg.format or ("full" if args.command == "report" else "concise")
    stream = sys.stdout
    colour = fmt == "full" and args.output_file is None and use_colour(stream, args.color)
    title = ""
    if args.command == "report":
        ran = sum(1 for r in vocab.rules if selection.wants(r.code, r.name))
        title = f"ucheck report: {len(corpus.articles)} articles, {len(corpus.figures)} figures, {ran} rules"
    info = _run_info(corpus, vocab, cfg.severity, title, scope)
    info.root, info.sarif_waived = root, getattr(args, "sarif_waived", False)
    info.corpus, info.progress, info.acknowledged = corpus, progress.update, len(findings) - len(shown)
    text = render(shown, fmt, colour=colour, statistics=args.statistics and fmt not in MACHINE_FORMATS, info=info,
                  width=terminal_width(stream) if args.output_file is None else None)
    progress.close()  # the bar is erased before the document is written
    if args.output_file:
        _refuse_input(args.output_file, _inputs(root, cfg, rule_dirs))
        _write_atomically(args.output_file, text)
    else:
        stream.write(text)
    if args.statistics and fmt in MACHINE_FORMATS:
        sys.stderr.write(statistics_text(shown))
    if args.command == "report" or getattr(args, "exit_zero", False):
        return EXIT_CLEAN
    level = SEVERITY_RANK[args.fail_level or cfg.fail_level or "warning"]
    failing = [f for f in findings if not f.waived and SEVERITY_RANK[f.severity] >= level]
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _inputs(root: Path, cfg, rule_dirs: list[Path]) -> list[Path]:
    """What ucheck reads: the curated and seed directories, the rule directories, the configuration."""
    return [cfg.curated or root / "curated", cfg.seeds or root / "seeds", *rule_dirs,
            root / "ucheck.toml", root / "pyproject.toml", *([cfg.path] if getattr(cfg, "path", None) else [])]


def _refuse_input(target: Path, inputs: list[Path], new_ok: Path | None = None) -> None:
    """An output never replaces what ucheck reads (a curated file, a seed, a rule file, the
    configuration) — that would destroy the data it checks — nor lands where it would be read as one;
    except a new file in ``new_ok`` (a draft written as a new curated file)."""
    real = target.resolve()
    for p in inputs:
        rp = Path(p).resolve()
        if real == rp or (rp.is_dir() and rp in real.parents):
            if new_ok is not None and not target.exists() and Path(new_ok).resolve() == rp:
                continue
            raise UsageError(f"refusing to write {target}: it is {'inside ' if real != rp else ''}{p}, which ucheck reads")


def _write_atomically(target: Path, text: str) -> None:
    """Write to a temporary file beside the target, then rename it over the target: a run that is
    interrupted, or several runs at once, never leave a half-written or interleaved file."""
    import tempfile

    if target.is_dir():
        raise UsageError(f"cannot write {target}: it is a directory")
    if not target.parent.is_dir():
        raise UsageError(f"cannot write {target}: directory {target.parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, os.stat(target).st_mode & 0o7777 if target.exists() else 0o666 & ~umask)  # as a plain write would
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None


def _usage_text(usage: dict) -> str:
    """One line a rule: combinations judged, findings; the rules that judged nothing listed last."""
    rows = sorted(usage.items(), key=lambda kv: (kv[1][1] == 0, kv[0]))
    lines = [f"{'rule':<6} {'name':<42} {'judged':>8} {'findings':>8}"]
    lines += [f"{code:<6} {name:<42} {n:>8} {k:>8}" + ("  (matched nothing)" if n == 0 else "") for code, (name, n, k) in rows]
    idle = sum(1 for _, (_, n, _) in rows if n == 0)
    lines.append(f"{len(rows)} rules ran; {idle} matched nothing in this corpus")
    return "\n".join(lines) + "\n"


def _all_rules(args):
    """The rules (and built-in codes) as configured: severities of the configuration applied."""
    from dataclasses import replace

    from ucheck.builtin import BUILTIN
    from ucheck.check.engine import set_severities
    from ucheck.finding import configured_level
    from ucheck.ruleset import load_rules

    root, cfg = _settings(args)
    vocab = load_rules(_rule_dirs(args, root, cfg), root)
    cfg.check_rule_refs(_known(vocab))
    set_severities(vocab, cfg.severity)
    builtin = [replace(b, severity=configured_level(cfg.severity, b.code, b.name, b.severity)) for b in BUILTIN.values()]
    return vocab, builtin


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


def _schema(args) -> int:
    import json

    from ucheck.schemas import curated_schema, findings_schema

    if args.which == "curated":
        root, cfg = _settings(args)
        rule_dirs = _rule_dirs(args, root, cfg)
        from ucheck.ruleset import load_rules

        doc = curated_schema(load_rules(rule_dirs, root))
    else:
        root, cfg, rule_dirs = None, None, []
        doc = findings_schema()
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if args.output_file:
        if root is not None:
            _refuse_input(args.output_file, _inputs(root, cfg, rule_dirs))
        _write_atomically(args.output_file, text)
    else:
        sys.stdout.write(text)
    return EXIT_CLEAN


def _metrics(args) -> int:
    """The metric vocabulary, or the metrics whose id or label contains WORD (case ignored)."""
    import json
    import unicodedata

    from ucheck.paths import packaged_rules_dir
    from ucheck.report.escape import one_line
    from ucheck.ruleset import load_rules
    from ucheck.suggest import closest

    root, cfg = _settings(args)
    vocab = load_rules(_rule_dirs(args, root, cfg), root)
    library = packaged_rules_dir().resolve()

    def declared_in(file: str) -> str:  # a file of the packaged library outside the root: by its name
        p = Path(file)
        return f"library/{p.name}" if p.is_absolute() and p.resolve().parent == library else file

    rows = [{"id": mid, "zh": m["zh"], "en": m["en"], "kind": m["kind"], "units": m["units"], "additive": m["additive"],
             "file": declared_in(m["file"])} for mid, m in sorted(vocab.metrics.items())]
    if args.word is not None:
        word = args.word.strip().casefold()
        found = [r for r in rows if word in r["id"].casefold() or word in r["zh"].casefold() or word in r["en"].casefold()]
        if not found:
            close = closest(args.word, [r["id"] for r in rows] + [r["zh"] for r in rows if r["zh"]], n=3)
            hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
            print(f"ucheck: no metric matches {one_line(repr(args.word))}{one_line(hint)}; `ucheck metrics` lists all {len(rows)}",
                  file=sys.stderr)
            return EXIT_FINDINGS
        rows = found
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_CLEAN

    def columns(text: str) -> int:  # the display width: a Chinese character takes two columns
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    def cell(text: str, width: int) -> str:
        return text + " " * max(0, width - columns(text))

    table = [(r["id"], r["kind"], ", ".join(r["units"]), f"{r['zh']} / {r['en']}", r["file"]) for r in rows]
    table = [tuple(one_line(c) for c in row) for row in table]
    width = max([len("metric"), *(columns(t[0]) for t in table)])
    units = max([len("units"), *(columns(t[2]) for t in table)])
    print(f"{cell('metric', width)}  {cell('kind', 12)} {cell('units', units)}  zh / en  (file)")
    for mid, kind, unit, label, file in table:
        print(f"{cell(mid, width)}  {cell(kind, 12)} {cell(unit, units)}  {label}  ({file})")
    return EXIT_CLEAN


def _rule(args) -> int:
    from ucheck.ruledoc import render

    vocab, builtin = _all_rules(args)
    for r in [*builtin, *vocab.rules]:
        if args.code in (r.code, r.name):
            sys.stdout.write(render(r, vocab))
            return EXIT_CLEAN
    from ucheck.suggest import did_you_mean

    names = [r.code for r in [*builtin, *vocab.rules]] + [r.name for r in [*builtin, *vocab.rules]]
    raise UsageError(f"no rule {args.code!r}{did_you_mean(args.code, names)} (see `ucheck rules`)")


def _test_rules(args) -> int:
    """Run the examples of the rules: of the given directories, else of every rule as configured."""
    from ucheck.paths import packaged_rules_dir
    from ucheck.ruleset import load_rules
    from ucheck.testing import check_examples, cases

    root, cfg = _settings(args)
    if args.dirs:
        for d in args.dirs:
            if not d.is_dir():
                raise UsageError(f"rules directory {d} does not exist")
        std = packaged_rules_dir()
        dirs = [std] + [d for d in args.dirs if d.resolve() != std.resolve()]
        vocab = load_rules(dirs, root)
        wanted = [d.resolve() for d in args.dirs]
        located = lambda r: (Path(r.file) if Path(r.file).is_absolute() else root / r.file).resolve()
        rules = [r for r in vocab.rules if any(_inside(located(r), d) for d in wanted)]
    else:
        args.rules = None
        vocab, builtin = _all_rules(args)
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


def _draft(args) -> int:
    from ucheck.authoring.draft import draft_article
    from ucheck.ruleset import load_rules

    root, cfg = _settings(args)
    if not args.seed.exists():
        raise UsageError(f"seed {args.seed} does not exist")
    # a symbolic link, dangling or not, is there: without --force it is not replaced
    if args.output and (args.output.exists() or args.output.is_symlink()) and not args.force:
        raise UsageError(f"{args.output} exists{' (a symbolic link)' if args.output.is_symlink() else ''}: not overwritten (use --force)")
    vocab = load_rules(_rule_dirs(args, root, cfg), root)
    from ucheck.load import yamlsafe

    try:  # bounded as a seed of the corpus is: a regular file of at most 10 MB (UCHECK_MAX_FILE_MB)
        text = yamlsafe.decode(yamlsafe.read_bytes(args.seed))
    except yamlsafe.YamlProblem as exc:
        raise UsageError(f"{args.seed}:{exc.line}: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{args.seed}: cannot be read: {exc.strerror or exc}") from None
    try:
        rel = args.seed.resolve().relative_to(root).as_posix()
    except ValueError:
        rel = args.seed.as_posix()
    out = draft_article(text, rel, vocab.keywords, vocab.regions, vocab.metrics)
    if args.output:
        _refuse_input(args.output, _inputs(root, cfg, _rule_dirs(args, root, cfg)) + [args.seed], new_ok=cfg.curated or root / "curated")
        _write_atomically(args.output, out)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(out)
    return EXIT_CLEAN


def _cache(args, root: Path):
    """The load cache of the root, unless --no-cache (commands without the flag read afresh)."""
    if getattr(args, "no_cache", True):
        return None
    from ucheck.load.cache import LoadCache

    return LoadCache(root)


def _clean(args) -> int:
    from ucheck.load.cache import clean

    root = _root(args)
    try:
        removed = clean(root)
    except OSError as exc:
        raise UsageError(f"cannot remove {exc.filename or root}: {exc.strerror or exc}") from None
    print(f"removed {removed}" if removed else f"no cache in {root}")
    return EXIT_CLEAN


def _coverage(args) -> int:
    from ucheck.authoring.coverage import coverage_report

    from ucheck.ruleset import load_rules

    root, cfg = _settings(args)
    rule_dirs = _rule_dirs(args, root, cfg)
    load_rules(rule_dirs, root)  # a broken rule file is an error here too
    corpus, _ = _load(args, root, cfg, rule_dirs, scoped=False)
    threshold = args.threshold if args.threshold is not None else cfg.coverage_threshold
    return coverage_report(corpus, threshold, args.format, args.list)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
