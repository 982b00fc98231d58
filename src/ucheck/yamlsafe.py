"""Safe YAML reading with line numbers: libyaml composes, we construct only plain data.

PyYAML's C composer gives nodes with their marks; we build dicts, lists and scalars from them
ourselves so that every key keeps its line, duplicate keys are caught, no tag outside the YAML core
schema is honoured (``!!python/object`` is refused, not built), and alias expansion is bounded.
"""

from __future__ import annotations

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

_CORE = "tag:yaml.org,2002:"
MAX_NODES = 2_000_000
MAX_DEPTH = 64


class YamlProblem(ValueError):
    """A YAML file that cannot be read as data; ``line``/``column`` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.line = line
        self.column = column


class LineDict(dict):
    """A mapping that remembers its own line and each key's line (1-based)."""

    line: int = 1
    column: int = 1

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.key_lines: dict = {}

    def line_of(self, key) -> int:
        return self.key_lines.get(key, (self.line, self.column))[0]

    def column_of(self, key) -> int:
        return self.key_lines.get(key, (self.line, self.column))[1]


class LineList(list):
    line: int = 1
    column: int = 1


def decode(data: bytes) -> str:
    """UTF-8 text of a file (a leading BOM is dropped); YamlProblem at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        col = exc.start - (head.rfind(b"\n") + 1) + 1
        raise YamlProblem(f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded", line, col) from None


def load(text: str):
    """Plain data (LineDict / LineList / scalars) of one YAML document; YamlProblem if it is not."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = " ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        raise YamlProblem(f"invalid YAML: {msg}", (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem(f"invalid YAML: nesting too deep") from None
    if node is None:
        return None
    budget = [MAX_NODES]
    return _build(node, 0, budget)


def _build(node, depth: int, budget: list[int]):
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlProblem(f"document expands to more than {MAX_NODES:,} nodes (aliases?)", node.start_mark.line + 1)
    if depth > MAX_DEPTH:
        raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", node.start_mark.line + 1, node.start_mark.column + 1)
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    tag = node.tag or ""
    if isinstance(node, yaml.MappingNode):
        if tag != _CORE + "map":
            raise YamlProblem(f"tag {tag!r} is not allowed", line, col)
        out = LineDict()
        out.line, out.column = line, col
        for knode, vnode in node.value:
            if knode.tag == _CORE + "merge":
                raise YamlProblem("merge keys (<<) are not supported", knode.start_mark.line + 1)
            key = _build(knode, depth + 1, budget)
            if isinstance(key, (dict, list)):
                raise YamlProblem("a mapping key must be a scalar", knode.start_mark.line + 1, knode.start_mark.column + 1)
            if key in out:
                raise YamlProblem(f"duplicate key {key!r} (first on line {out.line_of(key)})", knode.start_mark.line + 1, knode.start_mark.column + 1)
            out[key] = _build(vnode, depth + 1, budget)
            out.key_lines[key] = (knode.start_mark.line + 1, knode.start_mark.column + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        if tag != _CORE + "seq":
            raise YamlProblem(f"tag {tag!r} is not allowed", line, col)
        out = LineList(_build(n, depth + 1, budget) for n in node.value)
        out.line, out.column = line, col
        return out
    return _scalar(node, tag, line, col)


def _scalar(node, tag: str, line: int, col: int):
    v = node.value
    if tag in (_CORE + "str", _CORE + "timestamp", _CORE + "binary"):
        return v
    if tag == _CORE + "null":
        return None
    if tag == _CORE + "bool":
        return v.lower() in ("true", "yes", "on")
    if tag == _CORE + "int":
        return RawNumber(v, _int(v))
    if tag == _CORE + "float":
        return RawNumber(v, _float(v))
    raise YamlProblem(f"tag {tag!r} is not allowed", line, col)


class RawNumber(str):
    """A YAML number that keeps its text: ``value: 1.10`` must stay "1.10" for a literal."""

    def __new__(cls, text: str, number):
        s = super().__new__(cls, text)
        s.number = number
        return s


def _int(v: str):
    s = v.replace("_", "")
    try:
        if s.lower().startswith(("0x", "-0x", "+0x")):
            return int(s, 16)
        if s.lower().startswith(("0o", "-0o", "+0o")):
            return int(s, 8)
        return int(s)
    except ValueError:
        return None


def _float(v: str):
    s = v.replace("_", "").lower()
    if s in (".inf", "+.inf"):
        return float("inf")
    if s == "-.inf":
        return float("-inf")
    if s == ".nan":
        return float("nan")
    try:
        return float(s)
    except ValueError:
        return None
