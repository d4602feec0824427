"""The step language of specs: Python statements, and tables for loops, gradient probes, timing.

A spec says what to run the way a student would write it:

    steps = ["layer = Affine(W, b)", "out = layer.forward(x)", "dx = layer.backward(dout)", "dW = layer.dW"]

Each string is parsed with `ast` into typed steps: a call whose result is kept (`out = ...`), a
value read and recorded (`dW = layer.dW`), an in-place write (`net.params['W1'][...] = W1`),
`seed(0)` for numpy's global random state, and `callback.square_sum()` for functions handed to
the code under test. Three table forms, validated as the models below, add loops (`repeat`),
gradient probes (`numgrad`) and timing (`timed`). Names bound by earlier steps or the case's
inputs are variables; other names are looked up in the exercise module. A call result saved
under a name starting with `_` (`_grads = grads_of(params)`) is a variable only: it is not
recorded or sent back.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, Discriminator, Field, Tag, TypeAdapter, ValidationError

from grader.program import callbacks
from grader.program.names import ProbeNames
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
from grader.spec_base import StrictModel, validation_problem

T = TypeVar("T")

SaveName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=64)]
"""A variable name a table binds its result to (a Python name)."""


class RepeatStep(StrictModel):
    """A loop: run the inner steps several times in a row, e.g. `{ repeat = 30, steps = [...] }`.

    Values recorded inside the loop become sequences with one item per round, so an optimiser's
    whole path can be compared with the reference's.
    """

    repeat: int = Field(ge=1)
    """How many rounds, e.g. 30 updates of an optimiser."""
    steps: list[StepSpec] = Field(min_length=1)
    """The steps of one round, in the same language as the check's steps (loops may nest)."""


class NumGradStep(StrictModel):
    """A numerical gradient: central differences of a scalar objective with respect to every element
    of `numgrad`, e.g. `{ numgrad = "x", steps = ["out = layer.forward(x)"], objective = "out",
    weight = "dout", save = "g" }`. Gradient checks write these for you from their `probes`."""

    numgrad: str
    """What to perturb, element by element: an input or a path such as `net.params['W1']`."""
    steps: list[StepSpec] = Field(min_length=1)
    """Steps re-run after each perturbation; they must bind `objective`."""
    objective: str
    """The name (bound by `steps`) of the value that is summed, after multiplying by `weight`."""
    weight: str | None = None
    """An input or earlier value the objective is multiplied by before summing (the upstream
    gradient `dout`); unset, the objective is summed as it is."""
    save: SaveName
    """Name under which the probes are recorded (as `<save>.plus` and `<save>.minus`)."""
    h: float = Field(1e-5, gt=0, le=1)
    """The step of the central differences: each element is moved by +h and -h."""


class TimedStep(StrictModel):
    """A timing: run one call several times and record the fastest wall time in seconds, e.g.
    `{ timed = "im2col(x, 5, 5, 1, 2)", save = "t", repeat = 3 }`. Speed notes write this for you."""

    timed: str
    """The call to time, written as in a step (`layer.forward(x)`); its result is not kept."""
    save: SaveName
    """Name under which the fastest time (seconds) is recorded."""
    repeat: int = Field(3, ge=1, le=20)
    """How many times the call runs; the fastest run counts."""


StepTable = RepeatStep | NumGradStep | TimedStep

_TABLE_KEYS = {"numgrad": NumGradStep, "timed": TimedStep, "repeat": RepeatStep}
"""A table's form is chosen by the first of these keys it has (a timing has a `repeat` key too)."""


def _known_table(value: Any) -> Any:
    """Say what a table without a `repeat`, `numgrad` or `timed` key has instead, and what it may mean."""
    if isinstance(value, Mapping) and not any(key in value for key in _TABLE_KEYS):
        keys = [str(key) for key in value]
        close = [m for key in keys for m in difflib.get_close_matches(key, _TABLE_KEYS, n=1, cutoff=0.6)]
        guess = f", did you mean `{close[0]}`?" if close else ""
        has = f"this one has {', '.join(f'`{key}`' for key in keys)}" if keys else "this one is empty"
        raise ValueError(f"a step table has a `repeat`, `numgrad` or `timed` key; {has}{guess}")
    return value


def _step_form(value: Any) -> str | None:
    if isinstance(value, str):
        return "statement"
    if isinstance(value, Mapping):
        return next((key for key in _TABLE_KEYS if key in value), None)
    return next((key for key, model in _TABLE_KEYS.items() if isinstance(value, model)), None)


StepSpec = Annotated[
    Annotated[str, Tag("statement")]
    | Annotated[RepeatStep, Tag("repeat")]
    | Annotated[NumGradStep, Tag("numgrad")]
    | Annotated[TimedStep, Tag("timed")],
    Discriminator(
        _step_form,
        custom_error_type="step_form",
        custom_error_message="a step is a string of Python or a table with a `repeat`, `numgrad` or `timed` key",
    ),
    BeforeValidator(_known_table),
]
"""One step as a spec writes it: a statement in Python syntax, or one of the table forms."""

RepeatStep.model_rebuild()
NumGradStep.model_rebuild()


class StatementError(Exception):
    """A step cannot be understood; the message says which and why."""


@cache
def _step_adapter() -> TypeAdapter[Any]:
    return TypeAdapter(StepSpec)


def compile_steps(raw: Iterable[str | StepTable | Mapping[str, Any]], variables: Iterable[str]) -> tuple[tuple[Step, ...], frozenset[str]]:
    """Compile spec steps; return them and every variable name they bind.

    Tables may also be given as plain dicts (as a test writes them); they are validated first.
    """
    known = set(variables)
    steps = _compile_all(raw, known, "step ")
    return steps, frozenset(known)


def _compile_all(raw: Iterable[object], known: set[str], prefix: str) -> tuple[Step, ...]:
    """Compile a list of steps numbered `<prefix>1`, `<prefix>2`...; the inner steps of step 2
    of a table are `step 2.1`, `step 2.2`..."""
    return tuple(_compile_one(item, known, f"{prefix}{index + 1}") for index, item in enumerate(raw))


def _compile_one(item: object, known: set[str], where: str) -> Step:
    if isinstance(item, Mapping):
        try:
            item = _step_adapter().validate_python(item)
        except ValidationError as exc:
            field, reason = validation_problem(StepSpec, exc)
            raise StatementError(f"{where}: {field + ': ' if field else ''}{reason}") from None
    if isinstance(item, str):
        try:
            return _statement(item, known)
        except StatementError as exc:
            raise StatementError(f"{where} `{item}`: {exc}") from None
    if isinstance(item, RepeatStep | NumGradStep | TimedStep):
        return _table(item, known, where)
    raise StatementError(f"{where}: a step is a string of Python or a table, not {type(item).__name__}")


def _table(item: StepTable, known: set[str], where: str) -> Step:
    match item:
        case RepeatStep():
            return Repeat(item.repeat, _compile_all(item.steps, known, f"{where}."))
        case NumGradStep():
            wrt = _operand(item.numgrad, f"{where} numgrad", lambda node: _path(node, known))
            inner = set(known)
            body = _compile_all(item.steps, inner, f"{where}.")
            if item.objective not in inner:
                raise StatementError(f"{where}: objective `{item.objective}` is not bound by the numgrad steps")
            weight = None if item.weight is None else _operand(item.weight, f"{where} weight", lambda node: _arg(node, known))
            known.add(ProbeNames(item.save).plus)
            known.add(ProbeNames(item.save).minus)
            return NumGrad(wrt, body, item.objective, item.save, weight, item.h)
        case TimedStep():
            try:
                call = _statement(item.timed, known)
            except StatementError as exc:
                raise StatementError(f"{where} timed `{item.timed}`: {exc}") from None
            if not isinstance(call, Call):
                raise StatementError(f"{where}: `timed` must be a call")
            return Timed(Call(call.target, call.args, call.kwargs, None, False), item.save, item.repeat)


def _operand(source: str, where: str, convert: Callable[[ast.expr], T]) -> T:
    """Parse a Python expression of a table (what to perturb, the weight) and convert it."""
    try:
        node = ast.parse(source.strip(), mode="eval").body
    except SyntaxError as exc:
        raise StatementError(f"{where} `{source}`: not valid Python ({exc.msg})") from None
    try:
        return convert(node)
    except StatementError as exc:
        raise StatementError(f"{where} `{source}`: {exc}") from None


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
