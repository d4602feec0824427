"""Small numpy expressions written in specs: derived inputs and properties of results.

`x + 1000`, `one_hot(t, 4)`, `abs(mean(out == 0) - 0.3)`, `vdot(col, y)`... are parsed once
with `ast` and checked against a whitelist, then evaluated in the grader's process over plain
data. Nothing a spec writes can reach attributes or functions outside the whitelist.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np


class ExprError(Exception):
    """An expression is malformed or uses something outside the whitelist."""


class ExprTypeError(Exception):
    """An expression could not be evaluated on the values it was given (e.g. a list where an array was needed)."""


def _one_hot(labels, classes: int) -> np.ndarray:
    labels = np.asarray(labels, dtype=int)
    return np.eye(int(classes))[labels]


FUNCTIONS: dict[str, Callable] = {
    "abs": np.abs,
    "sum": np.sum,
    "mean": np.mean,
    "std": np.std,
    "var": np.var,
    "min": np.min,
    "max": np.max,
    "all": np.all,
    "any": np.any,
    "isfinite": np.isfinite,
    "isnan": np.isnan,
    "argmax": np.argmax,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "sign": np.sign,
    "vdot": np.vdot,
    "dot": np.dot,
    "where": np.where,
    "zeros_like": np.zeros_like,
    "ones_like": np.ones_like,
    "zeros": np.zeros,
    "ones": np.ones,
    "full": np.full,
    "array": np.array,
    "maximum": np.maximum,
    "minimum": np.minimum,
    "allclose": np.allclose,
    "array_equal": np.array_equal,
    "one_hot": _one_hot,
    "shape": np.shape,
    "size": np.size,
    "ndim": np.ndim,
    "float": float,
    "int": int,
    "len": len,
    "round": round,
    "corrcoef": lambda a, b: float(np.corrcoef(np.ravel(a), np.ravel(b))[0, 1]),
}

ATTRIBUTES = frozenset({"T", "shape", "ndim", "size"})
METHODS = frozenset({"sum", "mean", "std", "max", "min", "reshape", "astype", "copy", "ravel", "argmax", "any", "all", "transpose"})
DTYPES = {"float64": np.float64, "int64": np.int64, "float32": np.float32, "bool": np.bool_, "int": int, "float": float}

_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.MatMult: operator.matmul,
}
_COMPARE = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Not: operator.not_, ast.Invert: operator.invert}


@dataclass(frozen=True)
class Expr:
    """A parsed, whitelisted expression and the variable names it reads."""

    source: str
    tree: ast.Expression
    names: frozenset[str]

    def __call__(self, env: Mapping[str, object]) -> object:
        try:
            with np.errstate(all="ignore"):
                return _eval(self.tree.body, env)
        except ExprTypeError:
            raise
        except (TypeError, ValueError, IndexError, KeyError, ZeroDivisionError, AttributeError, OverflowError) as exc:
            raise ExprTypeError(f"`{self.source}` could not be evaluated: {exc}") from exc


def parse_expr(source: str) -> Expr:
    """Parse and whitelist-check an expression; raise ExprError with a readable reason."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"not a valid expression: {source!r} ({exc.msg})") from exc
    names: set[str] = set()
    for node in ast.walk(tree):
        _validate(node, names)
    return Expr(source, tree, frozenset(names))


def _validate(node: ast.AST, names: set[str]) -> None:
    allowed = (
        ast.Expression, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Call, ast.Name, ast.Load,
        ast.Constant, ast.Attribute, ast.Subscript, ast.Slice, ast.Tuple, ast.List, ast.keyword,
        ast.IfExp, ast.And, ast.Or,
    ) + tuple(_BINARY) + tuple(_COMPARE) + tuple(_UNARY)
    if not isinstance(node, allowed):
        raise ExprError(f"`{type(node).__name__}` is not allowed in spec expressions")
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name):
            if func.id not in FUNCTIONS:
                raise ExprError(f"unknown function `{func.id}` (known: {', '.join(sorted(FUNCTIONS))})")
        elif isinstance(func, ast.Attribute):
            if func.attr not in METHODS:
                raise ExprError(f"method `.{func.attr}()` is not allowed (allowed: {', '.join(sorted(METHODS))})")
        else:
            raise ExprError("only named functions and array methods can be called")
    elif isinstance(node, ast.Attribute):
        if node.attr not in ATTRIBUTES and node.attr not in METHODS:
            raise ExprError(f"attribute `.{node.attr}` is not allowed")
    elif isinstance(node, ast.Name) and node.id not in FUNCTIONS and node.id not in DTYPES:
        names.add(node.id)
    elif isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, bool, str, type(None), type(...))):
        raise ExprError(f"constant {node.value!r} is not allowed")


def _eval(node: ast.AST, env: Mapping[str, object]) -> object:
    match node:
        case ast.Constant(value=value):
            return value
        case ast.Name(id=name):
            if name in env:
                return env[name]
            if name in DTYPES:
                return DTYPES[name]
            if name in FUNCTIONS:
                return FUNCTIONS[name]
            raise ExprTypeError(f"no value named `{name}`")
        case ast.BinOp(left=left, op=op, right=right):
            return _BINARY[type(op)](_eval(left, env), _eval(right, env))
        case ast.UnaryOp(op=op, operand=operand):
            return _UNARY[type(op)](_eval(operand, env))
        case ast.BoolOp(op=op, values=values):
            results = [bool(_eval(v, env)) for v in values]
            return all(results) if isinstance(op, ast.And) else any(results)
        case ast.Compare(left=left, ops=ops, comparators=comparators):
            current = _eval(left, env)
            outcome: object = True
            for op, right in zip(ops, comparators):
                value = _eval(right, env)
                step = _COMPARE[type(op)](current, value)
                outcome = step if outcome is True else np.logical_and(outcome, step)
                current = value
            return outcome
        case ast.IfExp(test=test, body=body, orelse=orelse):
            return _eval(body, env) if bool(_eval(test, env)) else _eval(orelse, env)
        case ast.Call(func=ast.Name(id=name), args=args, keywords=keywords):
            return FUNCTIONS[name](*[_eval(a, env) for a in args], **{k.arg: _eval(k.value, env) for k in keywords})
        case ast.Call(func=ast.Attribute(value=owner, attr=method), args=args, keywords=keywords):
            target = np.asarray(_eval(owner, env))
            return getattr(target, method)(*[_eval(a, env) for a in args], **{k.arg: _eval(k.value, env) for k in keywords})
        case ast.Attribute(value=owner, attr=attr):
            return getattr(np.asarray(_eval(owner, env)), attr)
        case ast.Subscript(value=owner, slice=index):
            return _eval(owner, env)[_eval(index, env)]  # type: ignore[index]
        case ast.Slice(lower=lower, upper=upper, step=step):
            return slice(*(None if part is None else _eval(part, env) for part in (lower, upper, step)))
        case ast.Tuple(elts=elts):
            return tuple(_eval(e, env) for e in elts)
        case ast.List(elts=elts):
            return [_eval(e, env) for e in elts]
    raise ExprError(f"cannot evaluate {ast.dump(node)}")
