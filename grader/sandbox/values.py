"""Plain values: what a run of exercise code turns into before anyone judges it.

Whatever student code returns is converted, at the moment it is recorded, into one of these
frozen shapes holding only numpy arrays of plain dtypes and Python scalars. The child process
sends them to the grader in this form, and the grader compares nothing else, so an object with a
lying `__eq__`, an ndarray subclass or a patched numpy in the child cannot influence a verdict.
This module is imported by the sandbox child too, so it depends on numpy and the stdlib only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_ITEMS = 10_000
MAX_DEPTH = 8
MAX_REPR = 200


@dataclass(frozen=True, eq=False)
class ArrayValue:
    """A numpy array (its data copied out), with the type the code really returned."""

    data: np.ndarray
    type_name: str = "numpy.ndarray"

    @property
    def is_plain_ndarray(self) -> bool:
        return self.type_name == "numpy.ndarray"


@dataclass(frozen=True)
class ScalarValue:
    """A Python or numpy scalar, or None; `type_name` says which (`int`, `numpy.float64`, ...)."""

    value: bool | int | float | complex | str | None
    type_name: str


@dataclass(frozen=True)
class SequenceValue:
    """A list or tuple, converted item by item."""

    items: tuple[Value, ...]
    type_name: str


@dataclass(frozen=True)
class MappingValue:
    """A dict with string keys, converted value by value."""

    items: dict[str, Value]
    type_name: str = "dict"


@dataclass(frozen=True)
class OpaqueValue:
    """Anything else: only its type name and a short repr survive."""

    type_name: str
    text: str


Value = ArrayValue | ScalarValue | SequenceValue | MappingValue | OpaqueValue


def type_name_of(obj: object) -> str:
    cls = type(obj)
    module = cls.__module__
    if module in ("builtins", None):
        return cls.__qualname__
    if module.startswith("numpy"):
        module = "numpy"
    return f"{module}.{cls.__qualname__}"


def _safe_repr(obj: object) -> str:
    try:
        text = repr(obj)
    except BaseException as exc:  # student __repr__ may raise anything, even SystemExit
        text = f"<{type_name_of(obj)} whose repr raised {type(exc).__name__}>"
    if not isinstance(text, str):
        text = f"<{type_name_of(obj)}>"
    return text if len(text) <= MAX_REPR else text[: MAX_REPR - 3] + "..."


def to_plain(obj: object, *, depth: int = 0) -> Value:
    """Convert a live object into a plain value, copying array data.

    Exact type checks (not isinstance) decide what counts as a scalar or container, so a
    subclass of `float` or `dict` is reported as what it is instead of being trusted.
    """
    cls = type(obj)
    if issubclass(cls, np.ndarray):
        base = np.ndarray.view(obj, np.ndarray)
        if base.dtype.hasobject or base.dtype.fields is not None or base.dtype.kind not in "biufcUSMm":
            return OpaqueValue(type_name_of(obj) + f"[dtype={base.dtype}]", _safe_repr(obj))
        dtype = base.dtype if base.dtype.isnative else base.dtype.newbyteorder("=")
        return ArrayValue(np.array(base, dtype=dtype, copy=True, order="C"), type_name_of(obj))
    if obj is None or cls in (bool, int, float, complex, str):
        if cls is str and len(obj) > MAX_REPR:  # type: ignore[arg-type]
            obj = obj[:MAX_REPR]  # type: ignore[index]
        return ScalarValue(obj, cls.__name__)  # type: ignore[arg-type]
    if issubclass(cls, np.generic) and cls.__module__ == "numpy":
        if issubclass(cls, (np.bool_, np.integer, np.floating, np.complexfloating)):
            return ScalarValue(obj.item(), type_name_of(obj))
    if depth < MAX_DEPTH and cls in (list, tuple):
        items = obj[:MAX_ITEMS]  # type: ignore[index]
        return SequenceValue(tuple(to_plain(item, depth=depth + 1) for item in items), cls.__name__)
    if depth < MAX_DEPTH and cls is dict:
        converted: dict[str, Value] = {}
        for key in list(obj)[:MAX_ITEMS]:  # type: ignore[call-overload]
            if type(key) is not str:
                return OpaqueValue("dict with non-string keys", _safe_repr(obj))
            converted[key] = to_plain(obj[key], depth=depth + 1)  # type: ignore[index]
        return MappingValue(converted)
    return OpaqueValue(type_name_of(obj), _safe_repr(obj))


def to_live(value: Value) -> object:
    """Turn a plain value back into an ordinary Python/numpy object (arrays are copied)."""
    match value:
        case ArrayValue(data=data):
            return data.copy()
        case ScalarValue(value=v):
            return v
        case SequenceValue(items=items, type_name=name):
            converted = [to_live(item) for item in items]
            return tuple(converted) if name == "tuple" else converted
        case MappingValue(items=items):
            return {key: to_live(item) for key, item in items.items()}
        case OpaqueValue():
            raise ValueError(f"cannot rebuild a {value.type_name} from plain data")
    raise TypeError(value)
