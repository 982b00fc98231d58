"""The expression language of rules: a whitelist over Python's ``ast``, never ``eval``.

Two dialects share one parser:

* a **relation** is arithmetic over bound figures with one comparison at the top:
  ``benefit / patents >= 1000``, ``part / whole * 100 == share``. It evaluates on
  :class:`~ucheck.numbers.intervals.IntervalArray` columns and yields a verdict per row.
* a **filter** selects figures by their parsed columns: ``unit == '个百分点' and metric_kind ==
  'growth'``. It evaluates on a DataFrame to a boolean Series.

Anything else — attribute access, calls, subscripts, lambdas, comprehensions, f-strings, imports,
names that are not bound — is refused with the offending piece and its column.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

_ARITH = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_CMP = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}


class ExpressionError(ValueError):
    """An expression that the grammar refuses; ``column`` is 1-based within the expression."""

    def __init__(self, message: str, column: int | None = None):
        super().__init__(message)
        self.column = column


def _refuse(node: ast.AST, what: str) -> ExpressionError:
    col = getattr(node, "col_offset", None)
    return ExpressionError(f"{what} is not allowed in a rule expression", None if col is None else col + 1)


def _parse(text: str) -> ast.expr:
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("empty expression")
    if len(text) > 2000:
        raise ExpressionError("expression longer than 2000 characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"syntax error: {exc.msg}", exc.offset) from None
    return tree.body


@dataclass(frozen=True)
class Relation:
    """``left OP right`` over bound names; ``names`` are the figure variables it uses."""

    text: str
    left: ast.expr
    op: str
    right: ast.expr
    names: frozenset[str]

    def evaluate(self, env: dict[str, Any]):
        """Return (verdicts, left IntervalArray, right IntervalArray)."""
        n = len(next(iter(env.values()))) if env else 1
        left = _eval_interval(self.left, env, n)
        right = _eval_interval(self.right, env, n)
        return left.compare(self.op, right), left, right


def parse_relation(text: str, allowed_names: set[str]) -> Relation:
    body = _parse(text)
    if not isinstance(body, ast.Compare) or len(body.ops) != 1:
        raise ExpressionError("a relation is one comparison: <arithmetic> (<, <=, >, >=, ==, !=) <arithmetic>", getattr(body, "col_offset", 0) + 1)
    op = _CMP.get(type(body.ops[0]))
    if op is None:
        raise _refuse(body, f"the comparison {type(body.ops[0]).__name__}")
    names: set[str] = set()
    for side in (body.left, body.comparators[0]):
        _check_arith(side, allowed_names, names)
    return Relation(text, body.left, op, body.comparators[0], frozenset(names))


def _check_arith(node: ast.AST, allowed: set[str], names: set[str]) -> None:
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
        _check_arith(node.left, allowed, names)
        _check_arith(node.right, allowed, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        _check_arith(node.operand, allowed, names)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        pass
    elif isinstance(node, ast.Name):
        if node.id not in allowed:
            raise ExpressionError(f"unknown name {node.id!r} (bound: {', '.join(sorted(allowed)) or 'none'})", node.col_offset + 1)
        names.add(node.id)
    else:
        raise _refuse(node, _describe(node))


def _eval_interval(node: ast.AST, env: dict[str, Any], n: int):
    from ucheck.numbers.intervals import IntervalArray

    if isinstance(node, ast.BinOp):
        a, b = _eval_interval(node.left, env, n), _eval_interval(node.right, env, n)
        op = _ARITH[type(node.op)]
        return a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a / b
    if isinstance(node, ast.UnaryOp):
        v = _eval_interval(node.operand, env, n)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.Constant):
        return IntervalArray.constant(node.value, n)
    return env[node.id]


# -- filters ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    text: str
    body: ast.expr
    names: frozenset[str]

    def evaluate(self, frame):
        """Boolean Series over ``frame`` (missing values never match)."""
        import pandas as pd

        out = _eval_filter(self.body, frame)
        if not isinstance(out, pd.Series):
            out = pd.Series(bool(out), index=frame.index)
        return out.fillna(False).astype(bool)


def parse_filter(text: str, allowed_names: set[str]) -> Filter:
    body = _parse(text)
    names: set[str] = set()
    _check_filter(body, allowed_names, names)
    return Filter(text, body, frozenset(names))


def _check_filter(node: ast.AST, allowed: set[str], names: set[str]) -> None:
    if isinstance(node, ast.BoolOp):
        for v in node.values:
            _check_filter(v, allowed, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _check_filter(node.operand, allowed, names)
    elif isinstance(node, ast.Compare):
        _check_filter(node.left, allowed, names)
        for op, comp in zip(node.ops, node.comparators):
            if isinstance(op, (ast.In, ast.NotIn)):
                if not isinstance(comp, (ast.List, ast.Tuple)) or not all(isinstance(e, ast.Constant) for e in comp.elts):
                    raise _refuse(comp, "'in' with anything but a list of constants")
            elif type(op) not in _CMP:
                raise _refuse(node, f"the comparison {type(op).__name__}")
            else:
                _check_filter(comp, allowed, names)
    elif isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
        _check_filter(node.left, allowed, names)
        _check_filter(node.right, allowed, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        _check_filter(node.operand, allowed, names)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float, str, bool, type(None)):
        pass
    elif isinstance(node, ast.Name):
        if node.id not in allowed:
            raise ExpressionError(f"unknown name {node.id!r} (known: {', '.join(sorted(allowed))})", node.col_offset + 1)
        names.add(node.id)
    else:
        raise _refuse(node, _describe(node))


def _eval_filter(node: ast.AST, frame):
    if isinstance(node, ast.BoolOp):
        vals = [_as_bool(_eval_filter(v, frame)) for v in node.values]
        out = vals[0]
        for v in vals[1:]:
            out = (out & v) if isinstance(node.op, ast.And) else (out | v)
        return out
    if isinstance(node, ast.UnaryOp):
        v = _eval_filter(node.operand, frame)
        return ~_as_bool(v) if isinstance(node.op, ast.Not) else -v
    if isinstance(node, ast.Compare):
        left = _eval_filter(node.left, frame)
        result = None
        for op, comp in zip(node.ops, node.comparators):
            if isinstance(op, (ast.In, ast.NotIn)):
                values = [e.value for e in comp.elts]
                part = left.isin(values) if hasattr(left, "isin") else (left in values)
                if isinstance(op, ast.NotIn):
                    part = ~part if hasattr(part, "__invert__") and not isinstance(part, bool) else (not part)
                right = None
            else:
                right = _eval_filter(comp, frame)
                sym = _CMP[type(op)]
                part = {
                    "<": lambda a, b: a < b,
                    "<=": lambda a, b: a <= b,
                    ">": lambda a, b: a > b,
                    ">=": lambda a, b: a >= b,
                    "==": lambda a, b: a == b,
                    "!=": lambda a, b: a != b,
                }[sym](left, right)
            result = part if result is None else (_as_bool(result) & _as_bool(part))
            left = right
        return result
    if isinstance(node, ast.BinOp):
        a, b = _eval_filter(node.left, frame), _eval_filter(node.right, frame)
        op = _ARITH[type(node.op)]
        return a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a / b
    if isinstance(node, ast.Constant):
        return node.value
    return frame[node.id]


def _as_bool(v):
    import pandas as pd

    if isinstance(v, pd.Series):
        return v.fillna(False).astype(bool)
    return bool(v)


def _describe(node: ast.AST) -> str:
    return {
        ast.Attribute: "attribute access",
        ast.Call: "a function call",
        ast.Subscript: "subscripting",
        ast.Lambda: "a lambda",
        ast.ListComp: "a comprehension",
        ast.GeneratorExp: "a comprehension",
        ast.JoinedStr: "an f-string",
        ast.NamedExpr: "assignment",
        ast.Starred: "unpacking",
        ast.IfExp: "a conditional expression",
    }.get(type(node), f"{type(node).__name__}")
