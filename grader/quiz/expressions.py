"""Read a mathematical expression typed by a student, safely and without sympy.

The text is tokenised by hand, multiplication signs are inserted where a student leaves them out
(`2x`, `2(x + y)`, `(x + 1)(x - 1)`, `xy` when `x` and `y` are declared), `^` becomes a power, and
the result is parsed by Python's `ast` module and checked node by node: only numbers, the declared
variables, the declared functions, `+ - * / ^` and parentheses are allowed. Nothing is ever
`eval`-ed. The parsed tree can be evaluated with floats (for spot checks) here, and turned into a
sympy expression by `grader.quiz.symbolic`.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, get_args

from grader.quiz.parsing import MAX_ANSWER_LENGTH, AnswerFormatError

ARITHMETIC: dict[type[ast.operator], Callable[[object, object], object]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
"""The four operations and powers, shared by every evaluator of answer and formula trees
(fractions, floats, sympy); each adds its own guards (division by zero, exponent limits)."""

FunctionName = Literal["exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid"]
"""Functions a symbolic question may allow students to use."""

FUNCTION_NAMES: tuple[str, ...] = get_args(FunctionName)

MAX_EXPONENT = 64
"""A constant exponent larger than this (in absolute value) is refused: it only makes work."""

MAX_DEGREE = 64
"""Nested powers whose exponents multiply to more than this are refused for the same reason."""

_FLOAT_FUNCTIONS: dict[str, Callable[[float], float]] = {
    "exp": math.exp,
    "log": math.log,
    "sqrt": math.sqrt,
    "sin": math.sin,
    "cos": math.cos,
    "tanh": math.tanh,
    "sigmoid": lambda u: 1.0 / (1.0 + math.exp(-u)),
}

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+\.?\d*|\.\d+)|(?P<name>[A-Za-z_][A-Za-z_0-9]*)"
    r"|(?P<op>\*\*|[-+*/^(),]))"
)
_LOOK_ALIKES = {"\u2212": "-", "\u2013": "-", "\u00d7": "*", "\u00b7": "*", "\u22c5": "*",
                "\u00b2": "^2", "\u00b3": "^3", "\uff08": "(", "\uff09": ")", "[": "(", "]": ")"}


@dataclass(frozen=True)
class Expression:
    """A validated expression: the Python-syntax text it was read as, and its syntax tree."""

    text: str
    """The normalised text, e.g. `2 * (x + y)` for the input `2(x + y)`."""
    tree: ast.expr
    """The checked syntax tree; only the node types listed in the module docstring occur."""
    variables: tuple[str, ...]
    """The variables the expression may use (the question's declared ones)."""

    def evaluate(self, values: Mapping[str, float]) -> float:
        """The value at a point, with floats; raises `ArithmeticError` or `ValueError` where undefined."""
        return _evaluate_float(self.tree, values)


def parse_expression(
    raw: str, *, variables: tuple[str, ...], functions: tuple[str, ...] = ()
) -> Expression:
    """Read `raw` as an expression in the declared variables and functions, or raise `AnswerFormatError`.

    If the answer is written as an equation (`dz/dx = 2(x + y)`), its right-hand side is read.
    """
    if len(raw) > MAX_ANSWER_LENGTH:
        raise AnswerFormatError(f"that answer is too long ({len(raw)} characters)")
    text = "".join(_LOOK_ALIKES.get(ch, ch) for ch in raw.strip())
    if text.count("=") == 1:
        text = text.split("=", 1)[1].strip()
    if not text:
        raise AnswerFormatError("type an expression, e.g. 2*(x + y)")
    tokens = _tokenise(text, variables, functions)
    spaced = " ".join(_insert_multiplication(tokens, functions)).replace("^", "**")
    try:
        tree = ast.parse(spaced, mode="eval").body
    except SyntaxError:
        raise AnswerFormatError(f"could not read {raw.strip()!r} as an expression") from None
    _check_node(tree, variables, functions)
    _check_powers(tree)
    return Expression(text=ast.unparse(tree), tree=tree, variables=variables)


def _tokenise(text: str, variables: tuple[str, ...], functions: tuple[str, ...]) -> list[tuple[str, str]]:
    """Split into (kind, text) tokens; an undeclared run of letters is split into declared variables."""
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            rest = text[position:].strip()
            if not rest:
                break
            raise AnswerFormatError(f"unexpected character {rest[0]!r} in {text!r}")
        position = match.end()
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "number" and len(value.replace(".", "")) > 15:
            raise AnswerFormatError("that number has too many digits")
        if kind == "name" and value not in variables and value not in functions:
            tokens.extend(("name", part) for part in _split_name(value, variables, functions))
        else:
            tokens.append((kind, value))
    return tokens


def _split_name(name: str, variables: tuple[str, ...], functions: tuple[str, ...]) -> list[str]:
    """`xy` → `x`, `y` when both are declared single-letter variables; otherwise an unknown name."""
    if all(ch in variables for ch in name):
        return list(name)
    allowed = ", ".join([*variables, *(f"{f}()" for f in functions)])
    raise AnswerFormatError(f"unknown name {name!r}: use only {allowed}")


def _insert_multiplication(tokens: list[tuple[str, str]], functions: tuple[str, ...]) -> list[str]:
    """Add the `*` a student leaves out: between a number, name or `)` and a following operand."""
    out: list[str] = []
    previous: tuple[str, str] | None = None
    for token in tokens:
        kind, value = token
        starts_operand = kind in {"number", "name"} or value == "("
        if previous is not None and starts_operand:
            prev_kind, prev_value = previous
            ends_operand = prev_kind == "number" or prev_value == ")" or (
                prev_kind == "name" and prev_value not in functions
            )
            if ends_operand:
                out.append("*")
        out.append(value)
        previous = token
    return out


_BINARY_OPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)


def _check_node(node: ast.AST, variables: tuple[str, ...], functions: tuple[str, ...]) -> None:
    """Allow only numbers, declared names, declared one-argument functions and arithmetic."""
    match node:
        case ast.Constant(value=int() | float()) if not isinstance(node.value, bool):
            return
        case ast.Name(id=name) if name in variables:
            return
        case ast.Name(id=name):
            raise AnswerFormatError(f"{name}() is a function: give it an argument, e.g. {name}(x)")
        case ast.UnaryOp(op=ast.UAdd() | ast.USub(), operand=operand):
            _check_node(operand, variables, functions)
        case ast.BinOp(op=op, left=left, right=right) if isinstance(op, _BINARY_OPS):
            _check_node(left, variables, functions)
            _check_node(right, variables, functions)
        case ast.Call(func=ast.Name(id=name), args=[argument], keywords=[]) if name in functions:
            _check_node(argument, variables, functions)
        case ast.Call(func=ast.Name(id=name)):
            raise AnswerFormatError(f"{name}() takes exactly one argument")
        case _:
            raise AnswerFormatError("only numbers, the given variables, + - * / ^ and ( ) are allowed")


def constant_value(node: ast.expr) -> Fraction | None:
    """The exact value of a subtree without variables or functions, or None."""
    match node:
        case ast.Constant(value=value):
            return Fraction(str(value))
        case ast.UnaryOp(op=op, operand=operand):
            inner = constant_value(operand)
            if inner is None:
                return None
            return -inner if isinstance(op, ast.USub) else inner
        case ast.BinOp(op=op, left=left, right=right):
            a, b = constant_value(left), constant_value(right)
            if a is None or b is None:
                return None
            return _fold(op, a, b)
        case _:
            return None


def _fold(op: ast.operator, a: Fraction, b: Fraction) -> Fraction | None:
    if isinstance(op, ast.Div) and b == 0:
        return None
    if isinstance(op, ast.Pow):
        if b.denominator != 1 or abs(b) > MAX_EXPONENT or (a == 0 and b < 0):
            return None
        size = max(a.numerator.bit_length(), a.denominator.bit_length())
        return a ** int(b) if size * abs(b) <= 4096 else None
    action = ARITHMETIC.get(type(op))
    return action(a, b) if action is not None else None  # type: ignore[return-value]


def _check_powers(node: ast.expr, degree: Fraction = Fraction(1)) -> None:
    """Refuse powers that would make huge numbers or huge polynomials (`9^9^9`, `(x+1)^64^64`)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        exponent = constant_value(node.right)
        if exponent is None:
            _check_powers(node.left, degree)
        else:
            if abs(exponent) > MAX_EXPONENT or abs(exponent * degree) > MAX_DEGREE:
                raise AnswerFormatError(f"exponents are limited to {MAX_EXPONENT}")
            base = constant_value(node.left)
            if base is not None and exponent.denominator == 1:
                size = max(base.numerator.bit_length(), base.denominator.bit_length())
                if size * abs(exponent) > 4096:
                    raise AnswerFormatError("that number is too large")
            _check_powers(node.left, degree * max(abs(exponent), Fraction(1)))
        _check_powers(node.right, Fraction(1))
        return
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.expr):
            _check_powers(child, degree)


def _evaluate_float(node: ast.expr, values: Mapping[str, float]) -> float:
    match node:
        case ast.Constant(value=int() | float() as value):
            return float(value)
        case ast.Name(id=name):
            return values[name]
        case ast.UnaryOp(op=ast.USub(), operand=operand):
            return -_evaluate_float(operand, values)
        case ast.UnaryOp(operand=operand):
            return _evaluate_float(operand, values)
        case ast.BinOp(op=op, left=left, right=right):
            a, b = _evaluate_float(left, values), _evaluate_float(right, values)
            return _float_op(op, a, b)
        case ast.Call(func=ast.Name(id=name), args=[argument]):
            return _FLOAT_FUNCTIONS[name](_evaluate_float(argument, values))
    raise ValueError(f"unsupported node {ast.dump(node)}")


def _float_op(op: ast.operator, a: float, b: float) -> float:
    action = ARITHMETIC.get(type(op))
    if action is None:
        raise ValueError(f"unsupported operator {op!r}")
    result = action(a, b)
    if isinstance(result, complex):
        raise ValueError("complex power")
    return result  # type: ignore[return-value]
