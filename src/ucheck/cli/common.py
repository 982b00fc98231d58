"""What the commands share: the usage error, exit statuses, the data root and its configuration, the rule
directories, the rules as configured."""

from __future__ import annotations

from pathlib import Path


EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE, EXIT_INTERRUPTED = 128 + 13, 128 + 2  # as after SIGPIPE and SIGINT (Ctrl-C), like other CLIs


class UsageError(Exception):
    pass


def root_of(args) -> Path:
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


def settings_of(args):
    """The root and its configuration (ucheck.toml or [tool.ucheck] of pyproject.toml)."""
    from ucheck.config import load_config

    root = root_of(args)
    return root, load_config(root, getattr(args, "config", None))


def lang_of(args, cfg) -> str:
    """The language of the run: --lang, else the configuration's lang, else the locale (ucheck.i18n)."""
    from ucheck.i18n import resolve_lang

    return resolve_lang(getattr(args, "lang", None), cfg.lang)


def rule_directories(args, root: Path, cfg) -> list[Path]:
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
                raise cfg.error(f"rules directory {show_path(d, root)} does not exist", "rules")
        return [std, *(d for d in cfg.rules if d.resolve() != std.resolve())]
    dirs = [std]
    local = root / "rules"
    if local.is_dir() and local.resolve() != std.resolve():
        dirs.append(local)
    return dirs


def show_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def is_inside(path: Path, directory: Path) -> bool:
    return path == directory or directory in path.parents


def split_codes(values: list[str]) -> set[str]:
    return {v.strip() for item in values for v in item.split(",") if v.strip()}


def all_rules(args):
    """The rules (and built-in codes) as configured: severities of the configuration applied."""
    from dataclasses import replace

    from ucheck.builtin import BUILTIN
    from ucheck.check.engine import set_severities
    from ucheck.finding import configured_level
    from ucheck.ruleset import load_rules

    root, cfg = settings_of(args)
    vocab = load_rules(rule_directories(args, root, cfg), root)
    cfg.check_rule_refs(known_rules(vocab))
    set_severities(vocab, cfg.severity)
    builtin = [replace(b, severity=configured_level(cfg.severity, b.code, b.name, b.severity)) for b in BUILTIN.values()]
    return vocab, builtin


def known_rules(vocab) -> set[str]:
    from ucheck.builtin import BUILTIN

    return {r.code for r in vocab.rules} | {r.name for r in vocab.rules} | set(BUILTIN) | {b.name for b in BUILTIN.values()}
