"""Programs: the small scripts of calls a check runs against an implementation.

A check never calls student code directly. It builds a `Program` (construct a layer, call
`forward`, call `backward`, read `dW`...), and the same program is executed by `Executor` against
the reference in the grader's process and against the student's module in the sandbox child.
Values a program records are turned into plain values (`values.to_plain`) at the moment they are
recorded, so later mutation cannot change them. This module runs inside the child: it depends on
numpy and the stdlib only.
"""

from __future__ import annotations

import linecache
import os
import time
import traceback
import warnings
from dataclasses import dataclass, field, fields, is_dataclass
from types import ModuleType

import numpy as np

from grader.sandbox import callbacks
from grader.sandbox.values import SequenceValue, Value, to_plain

MAX_NUMGRAD_ELEMENTS = 5000
MAX_TRACEBACK_FRAMES = 6


# --- references to live objects --------------------------------------------------------------


@dataclass(frozen=True)
class Attr:
    """`.name` on the object reached so far."""

    name: str


@dataclass(frozen=True)
class Key:
    """`[key]` on the object reached so far (a dict key or an int index)."""

    key: str | int


@dataclass(frozen=True)
class Path:
    """A live object: a program variable (`$layer.dW`) or a member of the implementation (`softmax`)."""

    root: str
    member: bool = False
    parts: tuple[Attr | Key, ...] = ()

    def __str__(self) -> str:
        text = self.root
        for part in self.parts:
            text += f".{part.name}" if isinstance(part, Attr) else f"[{part.key!r}]"
        return text


# --- arguments -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Const:
    """A JSON scalar passed as it is."""

    value: bool | int | float | str | None


@dataclass(frozen=True)
class ListOf:
    items: tuple[Arg, ...]


@dataclass(frozen=True)
class DictOf:
    items: tuple[tuple[str, Arg], ...]


@dataclass(frozen=True)
class Callback:
    """A function from `callbacks` (built with the given arguments) handed to the code under test."""

    name: str
    args: tuple[Arg, ...] = ()


Arg = Path | Const | ListOf | DictOf | Callback


# --- steps -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """Call `target(*args, **kwargs)`; keep the result as variable `save` and record it if asked."""

    target: Path
    args: tuple[Arg, ...] = ()
    kwargs: tuple[tuple[str, Arg], ...] = ()
    save: str | None = None
    record: bool = True


@dataclass(frozen=True)
class Let:
    """Bind a variable to an argument value (a dict of arrays for an optimizer, say)."""

    save: str
    value: Arg


@dataclass(frozen=True)
class Record:
    """Bind `save` to the current value of `source` and record a snapshot of it."""

    source: Path
    save: str


@dataclass(frozen=True)
class Assign:
    """Write `value` into `target`: an attribute, a key, or every element (`whole=True`: `t[...] = v`)."""

    target: Path
    value: Arg
    whole: bool = False


@dataclass(frozen=True)
class Seed:
    """Seed numpy's global random state, as a student's `np.random` calls will use it."""

    seed: int


@dataclass(frozen=True)
class Repeat:
    """Run `body` `times` times; values recorded inside become sequences, one item per round."""

    times: int
    body: tuple[Step, ...]


@dataclass(frozen=True)
class NumGrad:
    """Central-difference probes of a scalar objective with respect to every element of `wrt`.

    For each element the element is moved by +h and -h in place, `body` is run, and the
    objective (`sum(objective * weight)`, or the objective itself when there is no weight) is
    recorded as `<save>.plus` / `<save>.minus`. The grader turns the probes into a gradient.
    A weight that is an input is taken as the case gave it: a backward that wrote into `dout`
    (allowed, with a note) does not change the objective.
    """

    wrt: Path
    body: tuple[Step, ...]
    objective: str
    save: str
    weight: Arg | None = None
    h: float = 1e-5


@dataclass(frozen=True)
class Timed:
    """Run `call` `repeat` times and record the fastest wall time in seconds as `save`."""

    call: Call
    save: str
    repeat: int = 3


Step = Call | Let | Record | Assign | Seed | Repeat | NumGrad | Timed


@dataclass(frozen=True)
class Program:
    """Steps to run in order; `track` names inputs whose state after the run is reported."""

    steps: tuple[Step, ...]
    track: tuple[str, ...] = ()


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepError:
    """Code under test raised (or was missing a name) while a step ran."""

    step: str
    exc_type: str
    message: str
    traceback: tuple[str, ...] = ()
    exc_bases: tuple[str, ...] = ()
    """The exception's classes from its own up to BaseException (`ValueError` for a subclass of it)."""
    not_implemented: bool = False
    origin: str | None = None
    missing_name: str | None = None

    def headline(self) -> str:
        text = f"{self.exc_type}: {self.message}" if self.message else self.exc_type
        return text.splitlines()[0] if text else self.exc_type


@dataclass(frozen=True)
class ProgramResult:
    values: dict[str, Value] = field(default_factory=dict)
    inputs_after: dict[str, Value] = field(default_factory=dict)
    error: StepError | None = None
    warnings: tuple[str, ...] = ()
    durations: dict[str, float] = field(default_factory=dict)


# --- execution -------------------------------------------------------------------------------


class _Stop(Exception):
    def __init__(self, error: StepError) -> None:
        self.error = error


class Executor:
    """Runs programs against one implementation module.

    `student_dir`, when given, is the folder of exercise files: tracebacks are cut to frames in
    it, and `NotImplementedError` raised from `own_file` marks the exercise as not started.
    """

    def __init__(self, module: ModuleType, *, student_dir: str | None = None, own_file: str | None = None):
        self.module = module
        self.student_dir = os.path.realpath(student_dir) if student_dir else None
        self.own_file = os.path.realpath(own_file) if own_file else None

    def run(self, program: Program, inputs: dict[str, object]) -> ProgramResult:
        env: dict[str, object] = dict(inputs)
        state = _RunState()
        state.given = {
            step.weight.root: (inputs[step.weight.root], np.array(inputs[step.weight.root], copy=True))
            for step in program.steps
            if isinstance(step, NumGrad) and isinstance(step.weight, Path) and not step.weight.member
            and not step.weight.parts and isinstance(inputs.get(step.weight.root), np.ndarray)
        }
        error = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                self._run_steps(program.steps, env, state, repeated=False)
            except _Stop as stop:
                error = stop.error
        values = dict(state.values)
        values.update({name: SequenceValue(tuple(items), "rounds") for name, items in state.rounds.items()})
        after = {name: to_plain(env[name]) for name in program.track if name in env}
        notes = []
        for w in caught:
            text = f"{w.category.__name__}: {w.message}"
            if text not in notes:
                notes.append(text)
        return ProgramResult(values, after, error, tuple(notes[:5]), state.durations)

    # Steps ---------------------------------------------------------------------------------

    def _run_steps(self, steps, env, state, *, repeated: bool) -> None:
        for step in steps:
            match step:
                case Call():
                    result = self._call(step, env)
                    if step.save is not None:
                        env[step.save] = result
                        if step.record:
                            state.record(step.save, to_plain(result), repeated)
                case Let(save=save, value=value):
                    env[save] = self._arg(value, env, label=save)
                case Record(source=source, save=save):
                    env[save] = self._resolve(source, env, label=str(source))
                    state.record(save, to_plain(env[save]), repeated)
                case Assign():
                    self._assign(step, env)
                case Seed(seed=seed):
                    np.random.seed(seed)
                case Repeat(times=times, body=body):
                    for _ in range(times):
                        self._run_steps(body, env, state, repeated=True)
                case NumGrad():
                    self._numgrad(step, env, state)
                case Timed(call=call, save=save, repeat=repeat):
                    best = float("inf")
                    for _ in range(max(1, repeat)):
                        start = time.perf_counter()
                        self._call(call, env)
                        best = min(best, time.perf_counter() - start)
                    state.durations[save] = best
                case _:
                    raise TypeError(f"unknown step {step!r}")

    def _call(self, step: Call, env) -> object:
        label = describe_call(step)
        func = self._resolve(step.target, env, label=label)
        args = [self._arg(a, env, label=label) for a in step.args]
        kwargs = {name: self._arg(a, env, label=label) for name, a in step.kwargs}
        if not callable(func):
            raise _Stop(StepError(label, "TypeError", f"{step.target} is not callable"))
        try:
            return func(*args, **kwargs)
        except BaseException as exc:  # student code may raise anything, SystemExit included
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise _Stop(self._error(label, exc)) from None

    def _numgrad(self, step: NumGrad, env, state) -> None:
        label = f"numerical gradient with respect to {step.wrt}"
        target = self._resolve(step.wrt, env, label=label)
        if type(target) is not np.ndarray or target.dtype.kind != "f":
            raise _Stop(StepError(label, "TypeError", f"{step.wrt} is not a float ndarray"))
        if not target.flags.writeable:
            raise _Stop(StepError(label, "ValueError", f"{step.wrt} is read-only, so it cannot be nudged for a gradient check"))
        if target.size > MAX_NUMGRAD_ELEMENTS:
            raise _Stop(StepError(label, "ValueError", f"{step.wrt} is too large for a gradient check"))
        weight = self._arg(step.weight, env, label=label) if step.weight is not None else None
        given = state.given.get(step.weight.root) if isinstance(step.weight, Path) and not step.weight.parts else None
        if given is not None and env.get(step.weight.root) is given[0]:  # still the input, not rebound by a step
            weight = given[1]
        plus = np.empty(target.shape)
        minus = np.empty(target.shape)
        for index in np.ndindex(target.shape):  # element by element, so any memory layout works (a transposed view too)
            original = target[index]
            for sign, out in ((1.0, plus), (-1.0, minus)):
                target[index] = original + sign * step.h
                self._run_steps(step.body, env, _RunState(), repeated=False)
                out[index] = self._objective(step, env, weight, label)
            target[index] = original
        state.record(step.save + ".plus", to_plain(plus), False)
        state.record(step.save + ".minus", to_plain(minus), False)

    def _objective(self, step: NumGrad, env, weight, label: str) -> float:
        value = env.get(step.objective)
        try:
            array = np.asarray(value, dtype=float)
            if weight is not None:
                return float(np.sum(array * np.asarray(weight, dtype=float)))
            return float(array)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise _Stop(StepError(label, "TypeError", f"the result is not a float array ({exc})")) from None

    def _assign(self, step: Assign, env) -> None:
        label = f"setting {step.target}"
        value = self._arg(step.value, env, label=label)
        if step.whole:
            target = self._resolve(step.target, env, label=label)
            try:
                target[...] = value  # type: ignore[index]
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                raise _Stop(self._error(label, exc)) from None
            return
        if not step.target.parts:
            env[step.target.root] = value
            return
        owner = self._resolve(Path(step.target.root, step.target.member, step.target.parts[:-1]), env, label=label)
        last = step.target.parts[-1]
        try:
            if isinstance(last, Attr):
                setattr(owner, last.name, value)
            else:
                owner[last.key] = value  # type: ignore[index]
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise _Stop(self._error(label, exc)) from None

    # Values --------------------------------------------------------------------------------

    def _resolve(self, path: Path, env, *, label: str) -> object:
        if path.member:
            if not hasattr(self.module, path.root):
                raise _Stop(
                    StepError(
                        label,
                        "AttributeError",
                        f"the exercise file defines no `{path.root}`",
                        missing_name=path.root,
                    )
                )
            obj = getattr(self.module, path.root)
        else:
            if path.root not in env:
                raise _Stop(StepError(label, "NameError", f"no value named {path.root}"))
            obj = env[path.root]
        walked = path.root
        for part in path.parts:
            try:
                if isinstance(part, Attr):
                    walked += f".{part.name}"
                    obj = getattr(obj, part.name)
                else:
                    walked += f"[{part.key!r}]"
                    obj = obj[part.key]  # type: ignore[index]
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                if isinstance(exc, (AttributeError, KeyError, IndexError, TypeError)):
                    raise _Stop(
                        StepError(label, type(exc).__name__, f"could not read {walked}", missing_name=walked)
                    ) from None
                raise _Stop(self._error(label, exc)) from None
        return obj

    def _arg(self, arg: Arg, env, *, label: str) -> object:
        match arg:
            case Path():
                return self._resolve(arg, env, label=label)
            case Const(value=value):
                return value
            case ListOf(items=items):
                return [self._arg(item, env, label=label) for item in items]
            case DictOf(items=items):
                return {key: self._arg(item, env, label=label) for key, item in items}
            case Callback(name=name, args=args):
                factory = callbacks.LIBRARY[name]
                return factory(*[self._arg(a, env, label=label) for a in args])
        raise TypeError(f"unknown argument {arg!r}")

    # Errors --------------------------------------------------------------------------------

    def _error(self, label: str, exc: BaseException) -> StepError:
        return step_error(label, exc, student_dir=self.student_dir, own_file=self.own_file)


class _RunState:
    def __init__(self) -> None:
        self.values: dict[str, Value] = {}
        self.rounds: dict[str, list[Value]] = {}
        self.durations: dict[str, float] = {}
        self.given: dict[str, tuple[object, np.ndarray]] = {}
        """Inputs used as gradient-probe weights: the object and a copy taken before any step ran."""

    def record(self, name: str, value: Value, repeated: bool) -> None:
        if repeated:
            self.rounds.setdefault(name, []).append(value)
        else:
            self.values[name] = value


def step_error(label: str, exc: BaseException, *, student_dir: str | None, own_file: str | None) -> StepError:
    """Describe an exception raised by code under test, keeping only frames of exercise files."""
    frames = traceback.extract_tb(exc.__traceback__)
    origin = None
    base = os.path.dirname(student_dir) if student_dir else None
    if student_dir is not None:
        frames = [f for f in frames if _inside(f.filename, student_dir)]
        if frames:
            origin = os.path.relpath(os.path.realpath(frames[-1].filename), base)
    elif frames:
        origin = frames[-1].filename
    lines = []
    if isinstance(exc, SyntaxError) and exc.filename and student_dir is not None and _inside(exc.filename, student_dir):
        shown = os.path.relpath(os.path.realpath(exc.filename), base)
        origin = shown
        lines.append(f'File "{shown}", line {exc.lineno}')
        if exc.text:
            lines.append(f"    {exc.text.rstrip()}")
            if exc.offset:
                indent = len(exc.text) - len(exc.text.lstrip())
                lines.append("    " + " " * max(0, exc.offset - 1 - indent) + "^")
    for frame in frames[-MAX_TRACEBACK_FRAMES:]:
        shown = os.path.relpath(os.path.realpath(frame.filename), base) if base else frame.filename
        lines.append(f'File "{shown}", line {frame.lineno}, in {frame.name}')
        code = frame.line or linecache.getline(frame.filename, frame.lineno or 0).strip()
        if code:
            lines.append(f"    {code}")
    not_implemented = isinstance(exc, NotImplementedError) and bool(frames) and (
        own_file is None or os.path.realpath(frames[-1].filename) == os.path.realpath(own_file)
    )
    try:
        message = str(exc)
    except BaseException:
        message = "<unprintable message>"
    if isinstance(exc, SystemExit):
        message = f"the code called sys.exit({exc.code!r})"
    return StepError(
        label,
        type(exc).__name__,
        message[:500],
        tuple(lines),
        exc_bases=exception_lineage(type(exc)),
        not_implemented=not_implemented,
        origin=origin,
    )


def exception_lineage(cls: type) -> tuple[str, ...]:
    """Class names along the MRO: builtins by their plain name, others as `module.Name`."""
    names = []
    for klass in getattr(cls, "__mro__", (cls,)):
        module = getattr(klass, "__module__", "")
        names.append(klass.__name__ if module == "builtins" else f"{module}.{klass.__qualname__}")
    return tuple(names)


def _inside(filename: str, folder: str) -> bool:
    try:
        return os.path.commonpath([os.path.realpath(filename), folder]) == folder
    except ValueError:
        return False


def describe_arg(arg: Arg) -> str:
    match arg:
        case Path():
            return str(arg)
        case Const(value=value):
            return repr(value)
        case ListOf(items=items):
            return "[" + ", ".join(describe_arg(i) for i in items) + "]"
        case DictOf(items=items):
            return "{" + ", ".join(f"{k!r}: {describe_arg(v)}" for k, v in items) + "}"
        case Callback(name=name):
            return name
    return "?"


def describe_call(call: Call) -> str:
    parts = [describe_arg(a) for a in call.args]
    parts += [f"{name}={describe_arg(a)}" for name, a in call.kwargs]
    return f"{call.target}({', '.join(parts)})"


# --- JSON form of programs (the child receives them this way) --------------------------------

_CLASSES = {
    cls.__name__: cls
    for cls in (Attr, Key, Path, Const, ListOf, DictOf, Callback, Call, Let, Record, Assign, Seed, Repeat, NumGrad, Timed, Program)
}


def program_to_json(node: object) -> object:
    if is_dataclass(node):
        out: dict[str, object] = {"_": type(node).__name__}
        for f in fields(node):
            out[f.name] = program_to_json(getattr(node, f.name))
        return out
    if isinstance(node, tuple):
        return [program_to_json(item) for item in node]
    return node


def program_from_json(node: object) -> object:
    if isinstance(node, dict):
        cls = _CLASSES[node["_"]]
        kwargs = {}
        for f in fields(cls):
            if f.name in node:
                kwargs[f.name] = program_from_json(node[f.name])
        return cls(**kwargs)
    if isinstance(node, list):
        return tuple(program_from_json(item) for item in node)
    return node
