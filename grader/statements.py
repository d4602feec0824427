"""Turn the steps a spec writes in Python syntax into a sandbox `Program`.

A spec says what to run the way a student would write it:

    steps = ["layer = Affine(W, b)", "out = layer.forward(x)", "dx = layer.backward(dout)", "dW = layer.dW"]

Each string is parsed with `ast` into typed steps: a call whose result is kept (`out = ...`), a
value read and recorded (`dW = layer.dW`), an in-place write (`net.params['W1'][...] = W1`),
`seed(0)` for numpy's global random state, and `callback.square_sum()` for functions handed to
the code under test. Tables add loops (`repeat`), gradient probes (`numgrad`) and timing
(`timed`). Names bound by earlier steps or the case's inputs are variables; other names are
looked up in the exercise module. A call result saved under a name starting with `_`
(`_grads = grads_of(params)`) is a variable only: it is not recorded or sent back.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from grader.program import callbacks
from grader.program.steps import (
    Arg,
    Assign,
    Attr,
    Call,
    Callback,
    Const,
    DictOf,
    Key,
    Let,
    ListOf,
    NumGrad,
    Path,
    Record,
    Repeat,
    Seed,
    Step,
    Timed,
)


class StatementError(Exception):
    """A step cannot be understood; the message says which and why."""


def compile_steps(raw: Iterable[object], variables: Iterable[str]) -> tuple[tuple[Step, ...], frozenset[str]]:
    """Compile spec steps; return them and every variable name they bind."""
    known = set(variables)
    steps = tuple(_compile_one(item, known, index) for index, item in enumerate(raw))
    return steps, frozenset(known)


def _compile_one(item: object, known: set[str], index: int) -> Step:
    where = f"step {index + 1}"
    if isinstance(item, str):
        try:
            return _statement(item, known)
        except StatementError as exc:
            raise StatementError(f"{where} `{item}`: {exc}") from None
    if isinstance(item, dict):
        return _table(item, known, where)
    raise StatementError(f"{where}: a step is a string of Python or a table, not {type(item).__name__}")


def _table(item: dict, known: set[str], where: str) -> Step:
    if "repeat" in item and "steps" in item and set(item) <= {"repeat", "steps"}:
        times = item["repeat"]
        if not isinstance(times, int) or times < 1:
            raise StatementError(f"{where}: `repeat` must be a positive integer")
        body, names = compile_steps(item["steps"], known)
        known |= names
        return Repeat(times, body)
    if "numgrad" in item:
        allowed = {"numgrad", "steps", "objective", "weight", "save", "h"}
        if not set(item) <= allowed or not {"steps", "objective", "save"} <= set(item):
            raise StatementError(f"{where}: a numgrad table has keys numgrad, steps, objective, save and optionally weight, h")
        wrt = _path(_parse_expr(item["numgrad"], where), known)
        body, inner = compile_steps(item["steps"], known)
        if item["objective"] not in inner:
            raise StatementError(f"{where}: objective `{item['objective']}` is not bound by the numgrad steps")
        weight = _arg(_parse_expr(item["weight"], where), known) if "weight" in item else None
        known.add(item["save"] + ".plus")
        known.add(item["save"] + ".minus")
        return NumGrad(wrt, body, item["objective"], item["save"], weight, float(item.get("h", 1e-5)))
    if "timed" in item:
        if not set(item) <= {"timed", "save", "repeat"} or "save" not in item:
            raise StatementError(f"{where}: a timed table has keys timed, save and optionally repeat")
        call = _statement(item["timed"], known)
        if not isinstance(call, Call):
            raise StatementError(f"{where}: `timed` must be a call")
        return Timed(Call(call.target, call.args, call.kwargs, None, False), item["save"], int(item.get("repeat", 3)))
    raise StatementError(f"{where}: unknown step table with keys {sorted(item)}")


def _parse_expr(source: object, where: str) -> ast.expr:
    if not isinstance(source, str):
        raise StatementError(f"{where}: expected a string")
    try:
        return ast.parse(source.strip(), mode="eval").body
    except SyntaxError as exc:
        raise StatementError(f"{where}: `{source}` is not valid Python ({exc.msg})") from None


def _statement(source: str, known: set[str]) -> Step:
    try:
        module = ast.parse(source.strip(), mode="exec")
    except SyntaxError as exc:
        raise StatementError(f"not valid Python ({exc.msg})") from None
    if len(module.body) != 1:
        raise StatementError("write exactly one statement per step")
    node = module.body[0]
    if isinstance(node, ast.Expr):
        if isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name) and node.value.func.id == "seed":
            return _seed(node.value)
        if isinstance(node.value, ast.Call):
            return _call(node.value, known, save=None)
        raise StatementError("a step without `=` must be a call")
    if isinstance(node, ast.Assign):
        if len(node.targets) != 1:
            raise StatementError("assign to one target per step")
        target, value = node.targets[0], node.value
        if isinstance(target, ast.Name):
            name = target.id
            if isinstance(value, ast.Call) and not _is_callback(value):
                step: Step = _call(value, known, save=name)
                if name.startswith("_"):
                    step = Call(step.target, step.args, step.kwargs, name, record=False)
            elif isinstance(value, (ast.Attribute, ast.Subscript)):
                step = Record(_path(value, known), name)
            else:
                step = Let(name, _arg(value, known))
            known.add(name)
            return step
        if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) and target.slice.value is Ellipsis:
            return Assign(_path(target.value, known), _arg(value, known), whole=True)
        if isinstance(target, (ast.Attribute, ast.Subscript)):
            return Assign(_path(target, known), _arg(value, known))
    raise StatementError("use `name = call(...)`, `name = obj.attr`, `obj[...] = value` or a bare call")


def _seed(node: ast.Call) -> Seed:
    if len(node.args) != 1 or node.keywords or not isinstance(node.args[0], ast.Constant) or not isinstance(node.args[0].value, int):
        raise StatementError("seed() takes one integer")
    return Seed(node.args[0].value)


def _call(node: ast.Call, known: set[str], *, save: str | None) -> Call:
    target = _path(node.func, known)
    args = tuple(_arg(a, known) for a in node.args)
    if any(k.arg is None for k in node.keywords):
        raise StatementError("`**kwargs` is not supported")
    kwargs = tuple((k.arg, _arg(k.value, known)) for k in node.keywords if k.arg)
    return Call(target, args, kwargs, save)


def _is_callback(node: ast.Call) -> bool:
    func = node.func
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "callback"


def _path(node: ast.expr, known: set[str]) -> Path:
    parts: list[Attr | Key] = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(Attr(node.attr))
            node = node.value
        elif isinstance(node, ast.Subscript):
            key = node.slice
            if not isinstance(key, ast.Constant) or not isinstance(key.value, (str, int)):
                raise StatementError("only constant keys like ['W1'] or [0] can be used in a path")
            parts.append(Key(key.value))
            node = node.value
        elif isinstance(node, ast.Name):
            return Path(node.id, member=node.id not in known, parts=tuple(reversed(parts)))
        else:
            raise StatementError(f"`{ast.unparse(node)}` is not a name, attribute or key")


def _arg(node: ast.expr, known: set[str]) -> Arg:
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, (bool, int, float, str, type(None))):
            raise StatementError(f"constant {node.value!r} is not supported")
        return Const(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        value = node.operand.value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return Const(-value)
    if isinstance(node, (ast.List, ast.Tuple)):
        return ListOf(tuple(_arg(item, known) for item in node.elts))
    if isinstance(node, ast.Dict):
        items = []
        for key, value in zip(node.keys, node.values):
            if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
                raise StatementError("dict keys must be strings")
            items.append((key.value, _arg(value, known)))
        return DictOf(tuple(items))
    if isinstance(node, ast.Call) and _is_callback(node):
        name = node.func.attr  # type: ignore[union-attr]
        if name not in callbacks.LIBRARY:
            raise StatementError(f"unknown callback `{name}` (known: {', '.join(sorted(callbacks.LIBRARY))})")
        return Callback(name, tuple(_arg(a, known) for a in node.args))
    if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)):
        path = _path(node, known)
        if path.member and not path.parts and isinstance(node, ast.Name):
            raise StatementError(f"`{node.id}` is neither an input nor a value bound by an earlier step")
        return path
    raise StatementError(f"`{ast.unparse(node)}` cannot be passed as an argument (use an input or an earlier step's value)")
