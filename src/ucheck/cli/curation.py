"""The curator's commands: ``draft`` (a curated file proposed from a seed) and ``coverage`` (numeric
mentions of the seeds that are curated or ignored)."""

from __future__ import annotations

import sys

from ucheck.cli.common import EXIT_CLEAN, UsageError, rule_directories, settings_of
from ucheck.cli.output import data_inputs, refuse_input, write_atomically
from ucheck.cli.check import load_data


def draft_command(args) -> int:
    from ucheck.authoring.draft import draft_article
    from ucheck.ruleset import load_rules

    root, cfg = settings_of(args)
    if not args.seed.exists():
        raise UsageError(f"seed {args.seed} does not exist")
    # a symbolic link, dangling or not, is there: without --force it is not replaced
    if args.output and (args.output.exists() or args.output.is_symlink()) and not args.force:
        raise UsageError(f"{args.output} exists{' (a symbolic link)' if args.output.is_symlink() else ''}: not overwritten (use --force)")
    vocab = load_rules(rule_directories(args, root, cfg), root)
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
        refuse_input(args.output, data_inputs(root, cfg, rule_directories(args, root, cfg)) + [args.seed], new_ok=cfg.curated or root / "curated")
        write_atomically(args.output, out)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(out)
    return EXIT_CLEAN


def coverage_command(args) -> int:
    from ucheck.authoring.coverage import coverage_report

    from ucheck.ruleset import load_rules

    root, cfg = settings_of(args)
    rule_dirs = rule_directories(args, root, cfg)
    load_rules(rule_dirs, root)  # a broken rule file is an error here too
    corpus, _ = load_data(args, root, cfg, rule_dirs, scoped=False)
    threshold = args.threshold if args.threshold is not None else cfg.coverage_threshold
    return coverage_report(corpus, threshold, args.format, args.list)
