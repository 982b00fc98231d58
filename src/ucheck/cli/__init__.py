"""The ``ucheck`` command line.

Exit status: 0 clean, 1 findings at or above the fail level (``check``), or coverage below the
threshold (``coverage``), 2 usage, configuration or internal error. pandas and pandera are imported
only by the commands that load data, so ``ucheck rules`` and ``ucheck --help`` start fast.
"""

from __future__ import annotations

import errno
import os
import sys

from ucheck.cli.common import EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_INTERRUPTED, UsageError
from ucheck.cli.parser import build_parser
from ucheck.cli.check import check_command, clean_command
from ucheck.cli.vocabulary import metrics_command, regions_command, rule_command, rules_command, schema_command, test_rules_command
from ucheck.cli.curation import coverage_command, draft_command

__all__ = ["console", "main"]


def console() -> None:
    """The ``ucheck`` executable (and ``python -m ucheck``): :func:`main` in a process of its own.

    Validating a frame loads pandera's pandas backend, which loads its data-synthesis strategies
    and, through them, hypothesis wherever it is installed (a developer's or a CI venv with the test
    extra): about 0.15 s of every start-up, for something no command uses. The command's own
    process blocks that import — ``sys.modules[name] = None`` makes it raise ImportError, which
    pandera reads as hypothesis not installed, as in a venv without it. ``main()`` called from Python
    (a test, a notebook) leaves the importer alone."""
    if "hypothesis" not in sys.modules:
        sys.modules["hypothesis"] = None  # type: ignore[assignment]
    sys.exit(main())


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
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


def _dispatch(args) -> int:
    if args.command in ("check", "report"):
        return check_command(args)
    if args.command == "rules":
        return rules_command(args)
    if args.command == "metrics":
        return metrics_command(args)
    if args.command == "regions":
        return regions_command(args)
    if args.command == "rule":
        return rule_command(args)
    if args.command == "test-rules":
        return test_rules_command(args)
    if args.command == "draft":
        return draft_command(args)
    if args.command == "coverage":
        return coverage_command(args)
    if args.command == "schema":
        return schema_command(args)
    if args.command == "clean":
        return clean_command(args)
    raise UsageError(f"unknown command {args.command}")
