"""Where the standard rule library lives: rules/ of this repository, packaged as ``ucheck.stdrules``."""

from __future__ import annotations

from pathlib import Path


def packaged_rules_dir() -> Path:
    import ucheck.stdrules as std

    return Path(next(iter(std.__path__)))
