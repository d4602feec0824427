"""Exact, safe evaluation of the small formulas a parameterised question declares.

A formula is Python expression syntax over the question's integer parameters, e.g.
`(H + 2*P - F) // S + 1` or, for a constraint, `(H + 2*P - F) % S == 0 and F <= H`. It is parsed
with `ast` and only arithmetic (`+ - * / // % **`), comparisons, `and`/`or`/`not`, parentheses and
the functions `min`, `max` and `abs` are allowed. Values are `Fraction`s, so `/` is exact.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from grader.quiz.expressions import ARITHMETIC

Value = Fraction | bool

_FUNCTIONS: dict[str, Callable[..., Fraction]] = {"min": min, "max": max, "abs": abs}
_MAX_POWER = 64


class FormulaError(ValueError):
    """A formula that cannot be read, uses an unknown name, or cannot be evaluated (e.g. `/ 0`)."""


@dataclass(frozen=True)
class Formula:
    """A checked formula ready to evaluate; build it with `compile_formula`."""

    text: str
    """The formula as written in the spec."""
    tree: ast.expr
    """Its checked syntax tree."""

    def evaluate(self, values: Mapping[str, int | Fraction]) -> Value:
        """The exact value for the given parameter values; raises `FormulaError` where undefined."""
        return _evaluate(self.tree, {name: Fraction(value) for name, value in values.items()})


def compile_formula(text: str, names: tuple[str, ...]) -> Formula:
    """Parse `text` and check that it uses only allowed syntax and the given names."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as error:
        raise FormulaError(f"cannot read formula {text!r}: {error.msg}") from None
    for node in ast.walk(tree):
        _check(node, names)
    return Formula(text=text, tree=tree)


_ALLOWED = (
    ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Constant, ast.Name, ast.Call, ast.Load,
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.USub, ast.UAdd,
    ast.Not, ast.And, ast.Or, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE,
)


def _check(node: ast.AST, names: tuple[str, ...]) -> None:
    if not isinstance(node, _ALLOWED):
        raise FormulaError(f"{type(node).__name__} is not allowed in a formula")
    match node:
        case ast.Constant(value=value) if isinstance(value, bool) or not isinstance(value, int | float):
            raise FormulaError(f"constant {value!r} is not a number")
        case ast.Call(func=ast.Name(id=name), keywords=[]) if name in _FUNCTIONS:
            pass
        case ast.Call():
            raise FormulaError("only min(), max() and abs() may be called in a formula")
        case ast.Name(id=name) if name not in names and name not in _FUNCTIONS:
            raise FormulaError(f"unknown name {name!r} (parameters: {', '.join(names)})")


def _evaluate(node: ast.expr, values: Mapping[str, Fraction]) -> Value:
    match node:
        case ast.Constant(value=value):
            return Fraction(str(value))
        case ast.Name(id=name):
            return values[name]
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            return not _evaluate(operand, values)
        case ast.UnaryOp(op=ast.USub(), operand=operand):
            return -_number(_evaluate(operand, values))
        case ast.UnaryOp(operand=operand):
            return _number(_evaluate(operand, values))
        case ast.BoolOp(op=ast.And(), values=operands):
            return all(_evaluate(operand, values) for operand in operands)
        case ast.BoolOp(values=operands):
            return any(_evaluate(operand, values) for operand in operands)
        case ast.Compare(left=left, ops=ops, comparators=comparators):
            return _compare(_evaluate(left, values), ops, [_evaluate(c, values) for c in comparators])
        case ast.BinOp(op=op, left=left, right=right):
            return _arithmetic(op, _number(_evaluate(left, values)), _number(_evaluate(right, values)))
        case ast.Call(func=ast.Name(id=name), args=args):
            return Fraction(_FUNCTIONS[name](*(_number(_evaluate(a, values)) for a in args)))
    raise FormulaError(f"cannot evaluate {ast.dump(node)}")


def _number(value: Value) -> Fraction:
    if isinstance(value, bool):
        raise FormulaError("a comparison was used where a number is needed")
    return value


def _compare(left: Value, ops: list[ast.cmpop], rights: list[Value]) -> bool:
    for op, right in zip(ops, rights, strict=True):
        a, b = _number(left), _number(right)
        match op:
            case ast.Eq():
                holds = a == b
            case ast.NotEq():
                holds = a != b
            case ast.Lt():
                holds = a < b
            case ast.LtE():
                holds = a <= b
            case ast.Gt():
                holds = a > b
            case _:
                holds = a >= b
        if not holds:
            return False
        left = right
    return True


def _arithmetic(op: ast.operator, a: Fraction, b: Fraction) -> Fraction:
    if isinstance(op, ast.Div | ast.FloorDiv | ast.Mod) and b == 0:
        raise FormulaError("division by zero")
    if isinstance(op, ast.Add | ast.Sub | ast.Mult | ast.Div):
        return ARITHMETIC[type(op)](a, b)  # type: ignore[return-value]
    match op:
        case ast.FloorDiv():
            return Fraction(a // b)
        case ast.Mod():
            return a % b
        case ast.Pow():
            if b.denominator != 1 or abs(b) > _MAX_POWER or (a == 0 and b < 0):
                raise FormulaError("powers need a whole exponent of at most 64")
            return a ** int(b)
    raise FormulaError(f"unsupported operator {op!r}")
