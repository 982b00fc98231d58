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
import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

_ARITH = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_CMP = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
# Functions of a relation. positive(x): x is known to be more than 0 (a base-period count, the
# denominator of a growth rate) — its interval without the values ≤ 0; none left: the relation fails.
FUNCTIONS = {"positive"}
# Slices per repeated variable (by how many variables repeat): 16 slices leave at most 1/16 of the
# dependency error; 16², 8³ … combinations are evaluated as whole columns each.
SLICES = {1: 16, 2: 8, 3: 4}


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
        """Return (verdicts, left IntervalArray, right IntervalArray).

        Interval arithmetic treats each occurrence of a variable as independent (the dependency
        problem: ``total - added`` with ``added`` also in the numerator loses the bound), so a
        variable that occurs more than once is split into slices and the relation judged on each
        combination of slices: violated only when it is violated on every one. The error shrinks
        with the slice width (``SLICES``); a variable with an infinite end is not split."""
        from ucheck.numbers.intervals import VIOLATED

        n = len(next(iter(env.values()))) if env else 1
        verdict, left, right = self._judge(env, n)
        repeated = [v for v in sorted(self.repeated) if v in env and np.isfinite(env[v].lo).all() and np.isfinite(env[v].hi).all()]
        if not repeated:
            return verdict, left, right
        k = SLICES.get(len(repeated), 2)
        all_violated = np.ones(n, bool)
        lo, hi = np.full(n, np.inf), np.full(n, -np.inf)
        rlo, rhi = np.full(n, np.inf), np.full(n, -np.inf)
        for combo in itertools.product(range(k), repeat=len(repeated)):
            sliced = dict(env)
            for var, i in zip(repeated, combo):
                sliced[var] = _slice(env[var], i, k)
            v, l, r = self._judge(sliced, n)
            all_violated &= v == VIOLATED
            lo, hi = np.minimum(lo, l.lo), np.maximum(hi, l.hi)
            rlo, rhi = np.minimum(rlo, r.lo), np.maximum(rhi, r.hi)
        from ucheck.numbers.intervals import IntervalArray

        verdict = np.where(all_violated, VIOLATED, np.where(verdict == VIOLATED, "strained", verdict))
        left = IntervalArray(lo, hi, left.point, left.lo_open, left.hi_open)
        right = IntervalArray(rlo, rhi, right.point, right.lo_open, right.hi_open)
        return verdict, left, right

    def _judge(self, env, n):
        empty = np.zeros(n, bool)  # positive() of an interval with no positive value: nothing satisfies
        left = _eval_interval(self.left, env, n, empty)
        right = _eval_interval(self.right, env, n, empty)
        verdict = left.compare(self.op, right)
        from ucheck.numbers.intervals import VIOLATED

        return np.where(empty, VIOLATED, verdict), left, right

    @property
    def repeated(self) -> set[str]:
        """The variables that occur more than once in the relation."""
        counts: dict[str, int] = {}
        for side in (self.left, self.right):
            for node in ast.walk(side):
                if isinstance(node, ast.Name) and node.id not in FUNCTIONS:
                    counts[node.id] = counts.get(node.id, 0) + 1
        return {v for v, c in counts.items() if c > 1}


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
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS
          and len(node.args) == 1 and not node.keywords):
        _check_arith(node.args[0], allowed, names)
    elif isinstance(node, ast.Call):
        raise ExpressionError(f"a function call is not allowed in a rule expression (except {', '.join(sorted(FUNCTIONS))}(x))",
                              node.col_offset + 1)
    else:
        raise _refuse(node, _describe(node))


def _slice(iv, i: int, k: int):
    """The i-th of k equal slices of each interval (closed between slices; the ends keep their openness)."""
    from ucheck.numbers.intervals import IntervalArray

    step = (iv.hi - iv.lo) / k
    lo = iv.lo + step * i
    hi = np.where(i == k - 1, iv.hi, iv.lo + step * (i + 1))
    return IntervalArray(lo, hi, iv.point, iv.lo_open & (i == 0), iv.hi_open & (i == k - 1))


def _eval_interval(node: ast.AST, env: dict[str, Any], n: int, empty: np.ndarray):
    from ucheck.numbers.intervals import IntervalArray

    if isinstance(node, ast.BinOp):
        a, b = _eval_interval(node.left, env, n, empty), _eval_interval(node.right, env, n, empty)
        op = _ARITH[type(node.op)]
        return a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a / b
    if isinstance(node, ast.UnaryOp):
        v = _eval_interval(node.operand, env, n, empty)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.Constant):
        return IntervalArray.constant(node.value, n)
    if isinstance(node, ast.Call):  # positive(x), the only function the grammar admits
        v = _eval_interval(node.args[0], env, n, empty)
        empty |= v.hi <= 0
        tiny = np.where(v.hi > 0, np.minimum(v.hi, np.finfo(float).tiny), 1.0)
        return IntervalArray(np.where(v.lo > 0, v.lo, tiny), np.where(v.hi > 0, v.hi, 1.0), v.point, v.lo_open | (v.lo <= 0), v.hi_open)
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
