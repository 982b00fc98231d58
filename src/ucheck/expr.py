"""The expression language of rules: a whitelist over Python's ``ast``, never ``eval``.

Two dialects share one parser:

* a **relation** is arithmetic over bound figures with one comparison at the top:
  ``benefit / patents >= 1000``, ``part / whole * 100 == share``. It evaluates on
  :class:`~ucheck.numbers.intervals.IntervalArray` columns and yields a verdict per row.
* a **filter** selects figures by their parsed columns: ``unit == '个百分点' and metric_kind ==
  'growth'``. It evaluates on a DataFrame to a boolean Series.

Anything else — attribute access, calls, subscripts, lambdas, comprehensions, f-strings, imports,
names that are not bound — is refused with the offending piece and its column.

What would fail or run away when the rules run is refused when they load, so that a rules file is
judged once, at its line, and a run never ends in an internal error:

* an expression is at most 2000 characters and nests at most :data:`MAX_DEPTH` levels (the checks
  and the evaluation recurse: ``a+a+…`` of 995 terms was a RecursionError);
* a number is finite as a float (a 400-digit constant, ``1e999``);
* a division by a constant that is zero (``1 / 0``, ``x / (2 - 2)``);
* in a filter, where the columns' types are known (:data:`COLUMN_TYPES`): arithmetic or a minus
  sign on text (``'x' * 50000 * 40000`` allocated 2 GB; ``value + 1``), a minus sign on a flag,
  and comparing text with a number or a flag (``unit > 5`` fails, ``unit == 5`` never holds);
* a relation splits at most :data:`MAX_SLICED` repeated variables into slices (each combination
  of slices is evaluated: 2 ** n of them).
"""

from __future__ import annotations

import ast
import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

_ARITH = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_CMP = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
# Functions of a relation. positive(x): x is known to be more than 0 (a base-period count, the
# denominator of a growth rate) — its interval without the values ≤ 0; none left: the relation fails.
# abs(x): the distance from 0, exact on intervals (a difference of either sign: abs(a - b) <= 8).
FUNCTIONS = {"positive", "abs"}
# Slices per repeated variable (by how many variables repeat): 16 slices leave at most 1/16 of the
# dependency error; 16², 8³ … combinations are evaluated as whole columns each.
SLICES = {1: 16, 2: 8, 3: 4}
# At most this many repeated variables are sliced (2 slices each beyond three: 2 ** 8 combinations);
# the others are judged whole, which widens their intervals and so never makes a false finding.
MAX_SLICED = 8
MAX_LENGTH = 2000  # characters of an expression
MAX_DEPTH = 64  # levels of nesting of an expression: its checks and its evaluation recurse
# The type of each name a filter may use (the figure columns of ucheck.kinds.columns.FILTER_COLUMNS,
# which a test holds equal): text, number, or flag (true or false).
COLUMN_TYPES = {
    "value": "text", "unit": "text", "qualifier": "text", "kind": "text", "numeral": "text", "metric": "text",
    "metric_kind": "text", "subject": "text", "region": "text", "period": "text", "quote": "text", "base": "text",
    "scale": "number", "step": "number", "low": "number", "high": "number", "point": "number", "region_population": "number",
    "per_resident_max": "number", "per_resident_min": "number", "growth_max": "number", "national_low": "number", "national_high": "number", "fullwidth": "flag", "mixed_digits": "flag", "stacked": "flag",
}


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
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"syntax error: {exc.msg}", exc.offset) from None
    except (RecursionError, MemoryError):
        raise ExpressionError(f"expression nested deeper than {MAX_DEPTH} levels") from None
    _check_depth(tree.body)
    return tree.body


def _check_depth(body: ast.expr) -> None:
    """Refuse nesting deeper than MAX_DEPTH, walking without recursion (what comes after recurses)."""
    stack = [(body, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExpressionError(f"expression nested deeper than {MAX_DEPTH} levels (a chain of that many operations: split the rule)")
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node) if isinstance(child, ast.expr))


def _check_number(node: ast.Constant) -> None:
    """A number of an expression must be finite as a float (a 400-digit constant, 1e999 are not)."""
    try:
        finite = math.isfinite(float(node.value))
    except OverflowError:
        finite = False
    if not finite:
        shown = ast.unparse(node)
        raise ExpressionError(f"a number too large: {shown[:12] + '…' if len(shown) > 12 else shown} is not a finite number",
                              node.col_offset + 1)


def _constant_value(node: ast.AST) -> float | None:
    """The value of a part of an expression that holds no name (``2 - 2``), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):  # bool too
        try:
            return float(node.value)
        except OverflowError:
            return None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = _constant_value(node.operand)
        return None if v is None else (-v if isinstance(node.op, ast.USub) else v)
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
        a, b = _constant_value(node.left), _constant_value(node.right)
        if a is None or b is None:
            return None
        op = type(node.op)
        try:
            return a + b if op is ast.Add else a - b if op is ast.Sub else a * b if op is ast.Mult else a / b
        except ZeroDivisionError:
            return None
    return None


def _check_division(node: ast.BinOp) -> None:
    if isinstance(node.op, ast.Div) and _constant_value(node.right) == 0:
        shown = "" if isinstance(node.right, ast.Constant) else f" ({ast.unparse(node.right)} is 0)"
        raise ExpressionError(f"division by zero{shown}", node.right.col_offset + 1)


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
        repeated = repeated[:MAX_SLICED]  # 2 ** n combinations: the others are judged whole
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
        _check_division(node)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        _check_arith(node.operand, allowed, names)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        _check_number(node)
    elif isinstance(node, ast.Name):
        if node.id not in allowed:
            raise ExpressionError(f"unknown name {node.id!r} (bound: {', '.join(sorted(allowed)) or 'none'})", node.col_offset + 1)
        names.add(node.id)
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS
          and len(node.args) == 1 and not node.keywords):
        _check_arith(node.args[0], allowed, names)
    elif isinstance(node, ast.Call):
        raise ExpressionError(f"a function call is not allowed in a rule expression (except {', '.join(f + '(x)' for f in sorted(FUNCTIONS))})",
                              node.col_offset + 1)
    else:
        raise _refuse(node, _describe(node))


def _abs(v):
    """|x| over each interval: the interval itself where it is ≥ 0, mirrored where ≤ 0, and from 0 to
    the farther end where it holds 0 (each end keeps the openness of the end it comes from)."""
    from ucheck.numbers.intervals import IntervalArray

    pos, neg = v.lo >= 0, v.hi <= 0
    a, b = np.abs(v.lo), np.abs(v.hi)
    lo = np.where(pos, v.lo, np.where(neg, -v.hi, 0.0))
    hi = np.maximum(a, b)
    lo_open = np.where(pos, v.lo_open, np.where(neg, v.hi_open, False))
    hi_open = np.where(a > b, v.lo_open, np.where(b > a, v.hi_open, v.lo_open & v.hi_open))
    return IntervalArray(lo, hi, np.abs(v.point), lo_open, hi_open)


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
    if isinstance(node, ast.Call) and node.func.id == "abs":
        return _abs(_eval_interval(node.args[0], env, n, empty))
    if isinstance(node, ast.Call):  # positive(x)
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


def parse_filter(text: str, allowed_names: set[str], types: dict[str, str] | None = None) -> Filter:
    """A filter over the names ``allowed_names``; ``types`` (name → text, number or flag; default
    :data:`COLUMN_TYPES`) lets a comparison of text with a number be refused here, not when it runs."""
    body = _parse(text)
    names: set[str] = set()
    _check_filter(body, allowed_names, names, COLUMN_TYPES if types is None else types)
    return Filter(text, body, frozenset(names))


_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _check_filter(node: ast.AST, allowed: set[str], names: set[str], types: dict[str, str]) -> str:
    """Refuse what the grammar does not allow; return the type of ``node``: text, number, flag, none,
    or any (a name whose type is not known)."""
    if isinstance(node, ast.BoolOp):
        for v in node.values:
            _check_filter(v, allowed, names, types)
        return "flag"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _check_filter(node.operand, allowed, names, types)
        return "flag"
    if isinstance(node, ast.Compare):
        left, left_type = node.left, _check_filter(node.left, allowed, names, types)
        for op, comp in zip(node.ops, node.comparators):
            if isinstance(op, (ast.In, ast.NotIn)):
                if not isinstance(comp, (ast.List, ast.Tuple)) or not all(isinstance(e, ast.Constant) for e in comp.elts):
                    raise _refuse(comp, "'in' with anything but a list of constants")
                for e in comp.elts:
                    _comparable(left, left_type, ast.Eq(), e, _check_filter(e, allowed, names, types))
                left, left_type = comp, "any"
            elif type(op) not in _CMP:
                raise _refuse(node, f"the comparison {type(op).__name__}")
            else:
                right_type = _check_filter(comp, allowed, names, types)
                _comparable(left, left_type, op, comp, right_type)
                left, left_type = comp, right_type
        return "flag"
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
        for side in (node.left, node.right):
            t = _check_filter(side, allowed, names, types)
            if t in ("text", "none"):
                raise ExpressionError(f"arithmetic on {_show(side, t)} is not allowed in a filter (only on numbers)", side.col_offset + 1)
        _check_division(node)
        return "number"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        t = _check_filter(node.operand, allowed, names, types)
        if t not in ("number", "any"):
            raise ExpressionError(f"a minus sign before {_show(node.operand, t)} is not allowed (only before a number)", node.col_offset + 1)
        return "number"
    if isinstance(node, ast.Constant) and type(node.value) in (int, float, str, bool, type(None)):
        v = node.value
        if type(v) in (int, float):
            _check_number(node)
            return "number"
        return "text" if isinstance(v, str) else "flag" if isinstance(v, bool) else "none"
    if isinstance(node, ast.Name):
        if node.id not in allowed:
            raise ExpressionError(f"unknown name {node.id!r} (known: {', '.join(sorted(allowed))})", node.col_offset + 1)
        names.add(node.id)
        return types.get(node.id, "any")
    raise _refuse(node, _describe(node))


def _comparable(left: ast.AST, left_type: str, op: ast.cmpop, right: ast.AST, right_type: str) -> None:
    """Refuse a comparison that fails when it runs (text ordered against a number, anything ordered
    against None) or can never hold (text equal to a number or a flag)."""
    pair = {left_type, right_type}
    if "any" in pair:
        return
    if "none" in pair and isinstance(op, _ORDERING):
        other = left if right_type == "none" else right
        raise ExpressionError(f"the filter orders {_show(other, right_type if right_type != 'none' else left_type)} against None: "
                              "a missing value is not ordered", left.col_offset + 1)
    if "text" in pair and pair & {"number", "flag"}:
        outcome = "it always holds" if isinstance(op, ast.NotEq) else "it can never hold"
        raise ExpressionError(f"the filter compares {_show(left, left_type)} with {_show(right, right_type)}: {outcome}",
                              left.col_offset + 1)


def _show(node: ast.AST, kind: str) -> str:
    """``text ('unit')``, ``a number (5)``, ``a flag ('stacked')`` — a piece of a filter and its type."""
    if isinstance(node, ast.Name):
        what = repr(node.id)
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        what = repr(node.value if len(node.value) <= 20 else node.value[:20] + "…")
    else:
        what = ast.unparse(node)
        what = what if len(what) <= 30 else what[:30] + "…"
    if kind == "none":
        return "None"
    return {"text": "text", "number": "a number", "flag": "a flag"}.get(kind, "a value") + f" ({what})"


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
                missing = _missing(left, right)
                if missing is not None:  # `x == None` holds where x is missing (pandas' == None never holds)
                    part = missing if sym == "==" else ~missing if hasattr(missing, "__invert__") and not isinstance(missing, bool) else not missing
                    result = part if result is None else (_as_bool(result) & _as_bool(part))
                    left = right
                    continue
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


def _missing(left, right):
    """Where a comparison with None holds as equality: the side compared with None is missing there
    (a Series' isna, or a plain value that is None); None if neither side is the constant None."""
    import pandas as pd

    other = left if right is None else right if left is None else _NO_NONE
    if other is _NO_NONE:
        return None
    return other.isna() if isinstance(other, pd.Series) else (other is None)


_NO_NONE = object()


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
