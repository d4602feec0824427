"""Run a program against one implementation module: the reference in the grader, the student's in the child.

Values a program records are turned into plain values (`values.to_plain`) at the moment they are
recorded, so later mutation cannot change them. This module runs inside the child: it depends on
numpy and the stdlib only.
"""

from __future__ import annotations

import os
import time
import warnings
from types import ModuleType

import numpy as np

from grader.program.steps import (
    MAX_NUMGRAD_ELEMENTS,
    Arg,
    Assign,
    Attr,
    Call,
    Callback,
    Const,
    DictOf,
    Let,
    ListOf,
    NumGrad,
    Path,
    Program,
    Record,
    Repeat,
    Seed,
    Timed,
    describe_call,
)
from grader.program import callbacks
from grader.sandbox.outcome import ProgramResult, StepError
from grader.sandbox.tracebacks import step_error
from grader.sandbox.values import SequenceValue, Value, to_plain
from grader.program.names import ROUNDS, ProbeNames



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
        values.update({name: SequenceValue(tuple(items), ROUNDS) for name, items in state.rounds.items()})
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
        state.record(ProbeNames(step.save).plus, to_plain(plus), False)
        state.record(ProbeNames(step.save).minus, to_plain(minus), False)

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

