"""A relation's arithmetic in words, with units: what a curator reads beside the article.

``benefit / patents >= 1000`` over 290多万元 and 1.1万项 reads

    290多万元 ÷ 1.1万项 ≈ 252–286 元/项, below the floor of 1,000 元/项
    290多万元 ÷ 1.1万项 ≈ 252–286 元/项，低于 1,000 元/项的下限

* each variable is shown as printed (its literal), operators as ÷ × + −;
* the unit of each side is worked out from the figures' measure words: a quotient of 元 by 项 is
  元/项, equal units cancel (人 ÷ 人 is a pure number, × 100 of it a percentage beside a share in %),
  a sum of unlike units has none; a constant takes the unit of the side it is compared with;
* a range is printed with three significant digits, rounded outward (the low end down, the high
  end up), so that the words never claim a narrower range than the arithmetic found.
"""

from __future__ import annotations

import ast
import math
from collections import Counter

from ucheck.i18n import phrases

_OPS = {ast.Add: ("+", 1), ast.Sub: ("−", 1), ast.Mult: ("×", 2), ast.Div: ("÷", 2)}
SAY = phrases(
    __name__,
    floor=("{left}, below the floor of {right}", "{left}，低于 {right}的下限"),
    ceiling=("{left}, above the ceiling of {right}", "{left}，高于 {right}的上限"),
    unequal=("{left}, which cannot equal {right}", "{left}，与 {right} 不符"),
    equal=("{left}, which must differ from {right}", "{left}，但应与 {right} 不同"),
    strained=("{words} — only inside the rounding of the printed figures",
              "{words}——仅在所印数字的舍入范围内成立"),
)
# the kinds of metrics (rules/metrics.yaml `kind`), as a message names them
KIND = phrases(
    __name__,
    count=("count", "计数"), money=("money", "金额"), duration=("duration", "时长"), ratio=("ratio", "比值"),
    rate=("rate", "比率"), growth=("growth", "增长率"), rate_change=("rate_change", "百分点变动"),
    contribution=("contribution", "拉动"), index=("index", "指数"), contribution_rate=("contribution rate", "贡献率"),
)
_PHRASE = {">=": "floor", ">": "floor", "<=": "ceiling", "<": "ceiling", "==": "unequal", "!=": "equal"}

# A unit: the measure words above and below the fraction bar (元/项: ({元: 1}, {项: 1})); None: unknown
# (a sum of unlike units).
Unit = tuple[Counter, Counter] | None
NONE: Unit = (Counter(), Counter())


def _unit_of_word(word) -> Unit:
    if not isinstance(word, str) or not word:
        return NONE
    return Counter({word: 1}), Counter()


def unit_of(node: ast.AST, units: dict) -> Unit:
    """The unit of an arithmetic node, from the measure words of the variables (``units``)."""
    if isinstance(node, ast.Name):
        return _unit_of_word(units.get(node.id))
    if isinstance(node, ast.Constant):
        return NONE
    if isinstance(node, ast.UnaryOp):
        return unit_of(node.operand, units)
    if isinstance(node, ast.Call):
        return unit_of(node.args[0], units)
    if isinstance(node, ast.BinOp):
        a, b = unit_of(node.left, units), unit_of(node.right, units)
        if a is None or b is None:
            return None
        if isinstance(node.op, (ast.Add, ast.Sub)):
            if a == b:
                return a
            if a == NONE and isinstance(node.left, ast.Constant):  # 1 + growth / 100
                return b
            if b == NONE and isinstance(node.right, ast.Constant):
                return a
            return None
        num, den = (a[0] + b[0], a[1] + b[1]) if isinstance(node.op, ast.Mult) else (a[0] + b[1], a[1] + b[0])
        common = num & den
        return num - common, den - common
    return None


def unit_text(unit: Unit) -> str:
    if unit is None:
        return ""
    num = "·".join(w if n == 1 else f"{w}^{n}" for w, n in sorted(unit[0].items()))
    den = "·".join(w if n == 1 else f"{w}^{n}" for w, n in sorted(unit[1].items()))
    if den:
        return f"{num or '1'}/{den}"
    return num


def words(node: ast.AST, literals: dict, parent: int = 0, right_side: bool = False) -> str:
    """The arithmetic with each variable as printed: 290多万元 ÷ 1.1万项."""
    if isinstance(node, ast.Name):
        return str(literals.get(node.id, node.id))
    if isinstance(node, ast.Constant):
        return number(float(node.value), exact=True)
    if isinstance(node, ast.UnaryOp):
        inner = words(node.operand, literals, 3)
        return f"−{inner}" if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.Call):
        return words(node.args[0], literals, parent, right_side)
    if isinstance(node, ast.BinOp):
        sym, prec = _OPS[type(node.op)]
        text = f"{words(node.left, literals, prec)} {sym} {words(node.right, literals, prec, True)}"
        # a - (b - c), a ÷ (b × c): the right operand of − and ÷ keeps its brackets at equal precedence
        if prec < parent or (prec == parent and right_side):
            return f"({text})"
        return text
    return ast.unparse(node)


def number(x: float, exact: bool = False, up: bool | None = None, sig: int = 3) -> str:
    """A number as a reader writes it: 1,000 · 14.5 · 1.45万 · 3.2亿; ``sig`` significant digits
    (three; rounded down, or up with ``up``) unless ``exact``."""
    if x is None or math.isnan(x):
        return "?"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    ax, scale, word = abs(x), 1.0, ""
    # 14,400 · 14.5万 · 3.2亿: a scale word from 10万 and from 1亿 up; a constant of a rule (1,000,
    # 10,000) as written
    for s, w, start in ((1e8, "亿", 1e8), (1e4, "万", 1e5)):
        if not exact and ax >= start:
            scale, word = s, w
            break
    v = x / scale
    if not exact and v != 0:
        digits = sig - 1 - math.floor(math.log10(abs(v)))
        q = 10 ** digits
        r = v * q
        if abs(r - round(r)) < 1e-6:  # an end widened by a few ulps (intervals round outward) is the round number
            r = round(r)
        v = (math.floor(r) if up is False else math.ceil(r) if up else round(r)) / q
        v = round(v, max(digits, 0) + 1)
    text = f"{v:,.6f}".rstrip("0").rstrip(".") if v != int(v) or abs(v) >= 1e15 else f"{int(v):,}"
    if word:
        text = text.replace(",", "")  # 1.45万, never 1,234万
    return text + word


def span(lo: float, hi: float, sig: int = 3) -> str:
    """A range rounded outward: 252–286; one number when both ends print alike."""
    a, b = number(lo, up=False, sig=sig), number(hi, up=True, sig=sig)
    if not math.isfinite(hi):
        return f"≥ {a}"
    if not math.isfinite(lo):
        return f"≤ {b}"
    return a if a == b else f"{a}–{b}"


def with_unit(text: str, unit: str) -> str:
    """A number and its unit: "264 元/项" (the number alone where there is none)."""
    return f"{text} {unit}" if unit else text


def approx(lo: float, hi: float, unit: str = "", sig: int = 3) -> str:
    """A computed range in words: "≈ 3.86–3.88 %" (:func:`span`: rounded outward), or "≥ 47.9 项目"
    where it has no upper end (1万人以上)."""
    text = with_unit(span(lo, hi, sig), unit)
    return text if text.startswith(("≥", "≤")) else f"≈ {text}"


def approx_apart(a: tuple[float, float], b: tuple[float, float], unit: str = "") -> tuple[str, str]:
    """Two disjoint ranges in words, each rounded outward to the fewest significant digits (three at
    least, six at most) at which they still read as disjoint: 1203.88亿–1205.26亿 beside
    1208.76亿–1210.94亿 is "≈ 1203亿–1206亿" and "≈ 1208亿–1211亿", not two ranges that seem to overlap."""
    def reads_apart(sig: int) -> bool:
        lo_a, hi_a = _rounded(a[0], False, sig), _rounded(a[1], True, sig)
        lo_b, hi_b = _rounded(b[0], False, sig), _rounded(b[1], True, sig)
        return hi_a < lo_b or hi_b < lo_a

    sig = next((k for k in range(3, 7) if reads_apart(k)), 6)
    return approx(a[0], a[1], unit, sig), approx(b[0], b[1], unit, sig)


def _rounded(x: float, up: bool, sig: int) -> float:
    """``x`` rounded outward to ``sig`` significant digits, as :func:`number` prints it."""
    if not math.isfinite(x) or x == 0:
        return x
    q = 10 ** (sig - 1 - math.floor(math.log10(abs(x))))
    r = x * q
    if abs(r - round(r)) < 1e-6:
        r = round(r)
    return (math.ceil(r) if up else math.floor(r)) / q


def kind_word(kind, lang: str) -> str:
    """A metric kind in ``lang`` (as it is where the table has no word for it; "" for none)."""
    k = kind if isinstance(kind, str) else ""
    return KIND.entries[k](lang) if k in KIND.entries else k


def describe(relation, literals: dict, units: dict, left: tuple[float, float], right: tuple[float, float],
             lang: str, strained: bool = False) -> str:
    """The relation of one tuple of figures in words, as it failed."""
    lu, ru = unit_of(relation.left, units), unit_of(relation.right, units)
    # a side without a unit (a constant, a pure number) is read in the other side's unit
    if lu == NONE and ru not in (None, NONE):
        lu = ru
    if ru == NONE and lu not in (None, NONE):
        ru = lu
    lunit, runit = unit_text(lu), unit_text(ru)

    def side(node, lo, hi, unit):
        if isinstance(node, ast.Name):  # one figure: as printed, it carries its own unit
            return words(node, literals)
        if isinstance(node, (ast.Constant, ast.UnaryOp)) and not any(isinstance(n, ast.Name) for n in ast.walk(node)):
            return with_unit(words(node, literals), unit)
        return f"{words(node, literals)} {approx(lo, hi, unit)}"

    text = SAY.entries[_PHRASE[relation.op]](lang, left=side(relation.left, *left, lunit), right=side(relation.right, *right, runit))
    return SAY.strained(lang, words=text) if strained else text
