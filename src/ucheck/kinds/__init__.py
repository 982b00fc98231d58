"""Rule kinds: one module per kind, each registering a :class:`~ucheck.kinds.base.RuleKind`.

Kinds are discovered: a new module in this package is a new kind, with no list to edit.
"""

from __future__ import annotations

_SHARED = {"base", "columns", "frame"}  # the kinds' common ground, not kinds


def discover() -> dict[str, type]:
    """Import every kind module of this package; the registry, kind name → class."""
    import importlib
    import pkgutil

    from ucheck.kinds.base import KINDS

    global _found
    if not _found:  # the package is listed once a process (a run asks some sixty times)
        for mod in pkgutil.iter_modules(__path__):
            if mod.name not in _SHARED:
                importlib.import_module(f"{__name__}.{mod.name}")
        _found = True
    return KINDS


_found = False


def figure_keys() -> tuple:
    """The keys of curated figures every kind declares (``RuleKind.figure_keys``), merged: what the
    curated reader accepts beyond the core keys."""
    from ucheck.load.keys import merge

    return merge({name: cls.figure_keys for name, cls in discover().items()})
