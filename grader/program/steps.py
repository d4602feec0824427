"""The steps of a program and the references to live objects they use, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass

MAX_NUMGRAD_ELEMENTS = 5000
"""A numerical-gradient step refuses targets larger than this (each element costs two calls)."""


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


# --- how steps read in messages ----------------------------------------------------------


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


