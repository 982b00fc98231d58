"""``check`` and ``report``: load the curated data (the files given, or all), run the rules, render the
findings; ``clean`` removes the load cache."""

from __future__ import annotations

import sys
from pathlib import Path

from ucheck.cli.common import (EXIT_CLEAN, EXIT_FINDINGS, UsageError, is_inside, known_rules, lang_of, root_of, rule_directories, settings_of,
                               show_path, split_codes)
from ucheck.cli.output import data_inputs, refuse_input, write_atomically
from ucheck.i18n import phrases

# the steps the progress bar names (on a terminal, for a run of more than a second)
STEP = phrases(__name__, loading=("loading the curated files", "正在读取整理文件"), checking=("checking", "正在检查"))


def load_data(args, root: Path, cfg, rule_dirs: list[Path], scoped: bool):
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
            raise UsageError(f"{show_path(curated, root)} does not exist (no curated files to check)")
        return load_corpus([curated], root, seeds_dir=seeds, keys=figure_keys(), cache=cache_of(args, root), lang=lang_of(args, cfg)), None
    rule_dirs_r = [d.resolve() for d in rule_dirs]  # the packaged one too: it is rules/ of an editable install
    curated_r = curated.resolve()
    to_load: list[Path] = []
    scope, everything, need_curated = Scope(), False, False
    for p in args.paths:
        if not p.exists():
            raise UsageError(f"{p} does not exist")
        rp = p.resolve()
        if scoped and is_inside(rp, curated_r):
            need_curated = True
        elif scoped and any(is_inside(rp, d) for d in rule_dirs_r):
            everything = True
            continue
        else:
            to_load.append(p)
        (scope.dirs if p.is_dir() else scope.files).add(show_path(p, root))
    if need_curated or everything:
        if not curated.exists():
            raise UsageError(f"{show_path(curated, root)} does not exist (no curated files to check)")
        to_load.insert(0, curated)
    cache = cache_of(args, root)
    if scoped and not everything and cache is not None and args.command == "check" and (args.format or cfg.format or "concise") != "html":
        # a check of a few files: read from the corpus entry of the load cache what the rules need
        # for them (ucheck.load.snapshot; the review page shows every seed, so it loads everything)
        from ucheck.load.snapshot import load as load_for_scope

        corpus = load_for_scope(to_load, root, seeds, figure_keys(), cache, lang_of(args, cfg))
    else:
        corpus = load_corpus(to_load, root, seeds_dir=seeds, keys=figure_keys(), cache=cache, lang=lang_of(args, cfg))
    if everything or not scoped:
        return corpus, None
    arts = corpus.articles
    if len(arts):
        chosen = set(arts["article"][scope.mask(arts["file"])].tolist())
        if hasattr(corpus, "load_seeds"):  # their seeds, as they are now
            corpus.load_seeds(chosen)
            arts = corpus.articles
        for article, seed in zip(arts["article"], arts["seed"]):
            if isinstance(seed, str) and seed and article in chosen:
                scope.files.add(seed)
    return corpus, scope


def _run_info(corpus, vocab, severity: dict[str, str], title: str, scope, lang: str = "en"):
    from dataclasses import replace

    from ucheck.builtin import BUILTIN
    from ucheck.finding import configured_level
    from ucheck.report import RuleInfo, RunInfo

    rules = {r.code: RuleInfo(r.code, r.name, r.severity, r.text("summary", lang), r.text("rationale", lang), r.kind, r) for r in vocab.rules}
    for b in BUILTIN.values():
        sev = configured_level(severity, b.code, b.name, b.severity)
        rules[b.code] = RuleInfo(b.code, b.name, sev, b.text("summary", lang), b.text("rationale", lang), b.kind, replace(b, severity=sev))
    checked = []
    if len(corpus.articles):
        checked = [(a, f) for a, f in zip(corpus.articles["article"], corpus.articles["file"]) if scope is None or scope.contains(f)]
    return RunInfo(title=title, rules=rules, checked=checked, lang=lang)


def check_command(args) -> int:
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

    root, cfg = settings_of(args)
    lang = lang_of(args, cfg)
    rule_dirs = rule_directories(args, root, cfg)
    vocab = load_rules(rule_dirs, root, cache=rules_cache_of(args, root))
    for note in vocab.notes:
        print(f"ucheck: note: {note}", file=sys.stderr)
    known = known_rules(vocab)
    cfg.check_rule_refs(known)
    for option, refs in (("--select", split_codes(args.select)), ("--ignore", split_codes(args.ignore))):
        for s in sorted(refs):
            if not rule_matches(s, known):  # a code, a name, or a code prefix (UC1) that matches a rule
                raise UsageError(unknown_rule(s, known, f" in {option}"))
    selection = Selection(expand_rule_refs(split_codes(args.select) if args.select else cfg.select, known),
                          expand_rule_refs(split_codes(args.ignore) if args.ignore else cfg.ignore, known))
    progress.start(args.format or cfg.format or ("full" if args.command == "report" else "concise"))
    progress.update(STEP.loading(lang))
    corpus, scope = load_data(args, root, cfg, rule_dirs, scoped=True)
    usage = progress.ticks(STEP.checking(lang), sum(1 for r in vocab.rules if selection.wants(r.code, r.name)))  # filled rule by rule
    findings = run(corpus, vocab, selection, use_waivers=not args.no_waivers, severity=cfg.severity, usage=usage, lang=lang, scope=scope)
    if args.usage:
        progress.write(_usage_text(usage, findings))
    findings = restrict(findings, scope)
    shown = findings if args.command == "report" else [f for f in findings if not f.waived]
    fmt = args.format or cfg.format or ("full" if args.command == "report" else "concise")
    stream = sys.stdout
    colour = fmt == "full" and args.output_file is None and use_colour(stream, args.color)
    title = ""
    if args.command == "report":
        ran = sum(1 for r in vocab.rules if selection.wants(r.code, r.name))
        from ucheck.report.text import report_title

        title = report_title(lang, len(corpus.articles), len(corpus.figures), ran)
    info = _run_info(corpus, vocab, cfg.severity, title, scope, lang)
    info.root, info.sarif_waived = root, getattr(args, "sarif_waived", False)
    info.corpus, info.progress, info.acknowledged = corpus, progress.update, len(findings) - len(shown)
    text = render(shown, fmt, colour=colour, statistics=args.statistics and fmt not in MACHINE_FORMATS, info=info,
                  width=terminal_width(stream) if args.output_file is None else None)
    progress.close()  # the bar is erased before the document is written
    if args.output_file:
        refuse_input(args.output_file, data_inputs(root, cfg, rule_dirs))
        write_atomically(args.output_file, text)
    else:
        stream.write(text)
    if args.statistics and fmt in MACHINE_FORMATS:
        sys.stderr.write(statistics_text(shown))
    if args.command == "report" or getattr(args, "exit_zero", False):
        return EXIT_CLEAN
    level = SEVERITY_RANK[args.fail_level or cfg.fail_level or "warning"]
    failing = [f for f in findings if not f.waived and SEVERITY_RANK[f.severity] >= level]
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _usage_text(usage: dict, findings: list) -> str:
    """One line a rule: combinations judged, findings, and of those the ones a waiver acknowledges (so a
    rule whose findings are all acknowledged is not mistaken for one the gate fails on); the rules that
    judged nothing listed last."""
    from collections import Counter

    waived = Counter(f.code for f in findings if f.waived)
    rows = sorted(usage.items(), key=lambda kv: (kv[1][1] == 0, kv[0]))
    lines = [f"{'rule':<6} {'name':<42} {'judged':>8} {'findings':>8} {'waived':>7}"]
    lines += [f"{code:<6} {name:<42} {n:>8} {k:>8} {waived[code]:>7}" + ("  (matched nothing)" if n == 0 else "")
              for code, (name, n, k) in rows]
    idle = sum(1 for _, (_, n, _) in rows if n == 0)
    lines.append(f"{len(rows)} rules ran; {idle} matched nothing in this corpus")
    return "\n".join(lines) + "\n"


def cache_of(args, root: Path):
    """The load cache of the root, unless --no-cache (commands without the flag read afresh)."""
    if getattr(args, "no_cache", True):
        return None
    from ucheck.load.cache import LoadCache

    return LoadCache(root)


def rules_cache_of(args, root: Path):
    """The cache of parsed rule files beside the load cache, unless --no-cache."""
    if getattr(args, "no_cache", True):
        return None
    from ucheck.load.cache import RulesCache

    return RulesCache(root)


def clean_command(args) -> int:
    from ucheck.load.cache import clean

    root = root_of(args)
    try:
        removed = clean(root)
    except OSError as exc:
        raise UsageError(f"cannot remove {exc.filename or root}: {exc.strerror or exc}") from None
    print(f"removed {removed}" if removed else f"no cache in {root}")
    return EXIT_CLEAN
