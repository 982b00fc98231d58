"""Writing a document a command produced (``--output-file``, ``draft -o``, ``schema -o``): never onto a
file ucheck reads, and atomically (a temporary file in the same directory, then a rename)."""

from __future__ import annotations

import os
from pathlib import Path

from ucheck.cli.common import UsageError


def data_inputs(root: Path, cfg, rule_dirs: list[Path]) -> list[Path]:
    """What ucheck reads: the curated and seed directories, the rule directories, the configuration."""
    return [cfg.curated or root / "curated", cfg.seeds or root / "seeds", *rule_dirs,
            root / "ucheck.toml", root / "pyproject.toml", *([cfg.path] if getattr(cfg, "path", None) else [])]


def refuse_input(target: Path, inputs: list[Path], new_ok: Path | None = None) -> None:
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


def write_atomically(target: Path, text: str) -> None:
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
