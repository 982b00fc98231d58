"""The package's layers: every import (at module level or inside a function) goes to the same
layer or one below it, and a rule kind imports no other kind — so adding a kind touches only its
module, its YAML rules and its cases.

    python -m pytest tests/test_layers.py -q      # the check; the table below is the architecture
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "ucheck"

# bottom to top: a module may import from its own layer and the layers listed before it
LAYERS = [
    ["ucheck", "ucheck.finding", "ucheck.paths"],  # the finding model, where the rule library lives
    ["ucheck.builtin"],  # the built-in codes (UC001…) of loading and the curated format
    ["ucheck.numbers"],  # printed numbers: quantities, intervals, numeric mentions in text
    ["ucheck.load"],  # safe YAML, seeds, curated files → frames, the pandera schema
    ["ucheck.expr"],  # the rule expression grammar
    ["ucheck.kinds"],  # the rule kinds and what they share (the Context of a check)
    ["ucheck.ruleset"],  # rules/*.yaml → the vocabulary and the rules, validated against the kinds
    ["ucheck.check"],  # one run: enrich, prepare, every rule, waivers
    ["ucheck.testing", "ucheck.ruledoc", "ucheck.schemas"],  # the public harness for rule examples; a rule's page, its examples run; JSON Schemas
    ["ucheck.report"],  # one module per output format
    ["ucheck.authoring"],  # draft and coverage: helping curators
    ["ucheck.config"],  # ucheck.toml / [tool.ucheck]
    ["ucheck.cli", "ucheck.__main__"],
]


def layer_of(module: str) -> int:
    best = None
    for i, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and (best is None or len(name) > len(best[1])):
                best = (i, name)
    assert best is not None, f"{module} is in no layer: add it to LAYERS"
    return best[0]


def modules() -> dict[str, Path]:
    out = {}
    for p in sorted(SRC.rglob("*.py")):
        parts = p.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


def imports(module: str, path: Path) -> list[tuple[int, str]]:
    """(line, imported ucheck module) of every import in the file, wherever it stands."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "ucheck"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] == "ucheck":
                known = modules()
                for a in node.names:  # `from ucheck.load import yamlsafe` imports the module ucheck.load.yamlsafe
                    out.append((node.lineno, f"{base}.{a.name}" if f"{base}.{a.name}" in known else base))
    return out


def test_no_import_runs_upward():
    upward = []
    for module, path in modules().items():
        here = layer_of(module)
        for line, target in imports(module, path):
            if layer_of(target) > here:
                upward.append(f"{path.relative_to(SRC.parent)}:{line}: {module} (layer {here}) imports {target} (layer {layer_of(target)})")
    assert not upward, "\n".join(upward)


def test_a_kind_imports_no_other_kind():
    # the common ground of kinds: what a kind is, the columns it reads, frame helpers, and the
    # arithmetic of a message in words (ranges, units, the names of metric kinds)
    shared = {"ucheck.kinds", "ucheck.kinds.base", "ucheck.kinds.columns", "ucheck.kinds.frame", "ucheck.kinds.arithmetic"}
    crossing = []
    for module, path in modules().items():
        if module.startswith("ucheck.kinds.") and module not in shared:
            for line, target in imports(module, path):
                if target.startswith("ucheck.kinds") and target not in shared and target != module:
                    crossing.append(f"{path.relative_to(SRC.parent)}:{line}: {module} imports {target}")
    assert not crossing, "\n".join(crossing)


def test_every_module_is_in_a_layer():
    for module in modules():
        layer_of(module)
