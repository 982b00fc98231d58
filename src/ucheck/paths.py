"""Where the standard rule library lives: rules/ of this repository, packaged as ``ucheck.stdrules``."""

from __future__ import annotations

from pathlib import Path


def packaged_rules_dir() -> Path:
    import ucheck.stdrules as std

    return Path(next(iter(std.__path__)))


def shown_rules_file(file: str) -> str:
    """A rules file as a user is shown it: a file of the packaged library outside the root by its name
    (library/regions.yaml), any other as given (relative to the root)."""
    p = Path(file)
    return f"library/{p.name}" if p.is_absolute() and p.resolve().parent == packaged_rules_dir().resolve() else file
