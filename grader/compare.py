"""Compare a student's plain value with the expected one and say precisely how they differ.

The result of a comparison is `None` (they agree) or a `Mismatch` that names the first thing that
is wrong, in the order a student should fix it: the type, the shape, the dtype, then the values
(first differing index with both values, and the largest error).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grader.sandbox.values import ArrayValue, MappingValue, OpaqueValue, ScalarValue, SequenceValue, Value
from grader.spec import CompareMode, Tolerance
from grader.program.names import ROUNDS


@dataclass(frozen=True)
class Mismatch:
    """Why `got` is not `expected`: a one-line summary and the lines that show it."""

    summary: str
    details: tuple[str, ...] = ()


def fmt_array(a: np.ndarray, *, limit: int = 12) -> str:
    """A compact, single-line rendering of an array for messages."""
    a = np.asarray(a)
    if a.dtype.kind in "fc":
        text = np.array2string(a, precision=8, separator=", ", threshold=limit, edgeitems=3, max_line_width=10_000)
    else:
        text = np.array2string(a, separator=", ", threshold=limit, edgeitems=3, max_line_width=10_000)
    return " ".join(text.split())


def describe(value: Value) -> str:
    """A short description of a plain value: `float64 array of shape (2, 3)`, `int 7`, `list of 3 items`."""
    match value:
        case ArrayValue(data=data, type_name=type_name):
            prefix = "" if type_name == "numpy.ndarray" else f"{type_name} "
            return f"{prefix}{data.dtype} array of shape {data.shape}"
        case ScalarValue(value=v, type_name=type_name):
            return f"{type_name} {v!r}"
        case SequenceValue(items=items, type_name=type_name):
            return f"{type_name} of {len(items)} items"
        case MappingValue(items=items):
            return f"dict with keys {sorted(items)}"
        case OpaqueValue(type_name=type_name):
            return f"a {type_name} object"
    return repr(value)


def show(value: Value) -> str:
    """The value itself, compactly, for `expected:`/`got:` lines."""
    match value:
        case ArrayValue(data=data):
            return fmt_array(data)
        case ScalarValue(value=v):
            return repr(v)
        case SequenceValue(items=items, type_name=type_name):
            inner = ", ".join(show(i) for i in items[:6]) + (", ..." if len(items) > 6 else "")
            return f"({inner})" if type_name == "tuple" else f"[{inner}]"
        case MappingValue(items=items):
            return "{" + ", ".join(f"{k!r}: {show(v)}" for k, v in list(items.items())[:6]) + "}"
        case OpaqueValue(type_name=type_name, text=text):
            return f"<{type_name}> {text}"
    return repr(value)


def show_live(value: object) -> str:
    """Render an input (a live numpy or Python value) for messages."""
    if isinstance(value, np.ndarray):
        return fmt_array(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {show_live(v)}" for k, v in value.items()) + "}"
    return repr(value)


def compare(got: Value, expected: Value, *, mode: CompareMode = "close", tol: Tolerance = Tolerance()) -> Mismatch | None:
    """Compare one recorded value with the expected one under `mode`."""
    if isinstance(expected, MappingValue):
        return _compare_mapping(got, expected, mode, tol)
    if isinstance(expected, SequenceValue) and expected.type_name == ROUNDS:
        return _compare_rounds(got, expected, mode, tol)
    if mode in ("scalar", "integer") and isinstance(expected, ScalarValue):
        return _compare_scalar(got, expected, mode, tol)
    if isinstance(expected, ArrayValue):
        return _compare_array(got, expected, mode, tol)
    if isinstance(expected, ScalarValue):
        return _compare_scalar(got, expected, "scalar", tol)
    if isinstance(got, type(expected)) and show(got) == show(expected):
        return None
    return Mismatch(f"returned {describe(got)}, expected {describe(expected)}")


def _compare_mapping(got: Value, expected: MappingValue, mode: CompareMode, tol: Tolerance) -> Mismatch | None:
    if not isinstance(got, MappingValue):
        return Mismatch(f"returned {describe(got)}, expected a dict with keys {sorted(expected.items)}")
    missing = sorted(set(expected.items) - set(got.items))
    if missing:
        return Mismatch(f"the dict has no {', '.join(repr(k) for k in missing)} (keys: {sorted(got.items)})")
    for key, item in expected.items.items():
        mismatch = compare(got.items[key], item, mode=mode, tol=tol)
        if mismatch is not None:
            return Mismatch(f"[{key!r}] {mismatch.summary}", mismatch.details)
    return None


def _compare_rounds(got: Value, expected: SequenceValue, mode: CompareMode, tol: Tolerance) -> Mismatch | None:
    if not isinstance(got, SequenceValue) or len(got.items) != len(expected.items):
        return Mismatch(f"recorded {describe(got)} over the rounds, expected {len(expected.items)}")
    for index, (g, e) in enumerate(zip(got.items, expected.items)):
        mismatch = compare(g, e, mode=mode, tol=tol)
        if mismatch is not None:
            return Mismatch(f"after step {index + 1}: {mismatch.summary}", mismatch.details)
    return None


def _compare_scalar(got: Value, expected: ScalarValue, mode: CompareMode, tol: Tolerance) -> Mismatch | None:
    exp = expected.value
    if isinstance(got, ArrayValue):
        if got.data.ndim == 0 and got.is_plain_ndarray and mode != "integer":
            got = ScalarValue(got.data.item(), f"0-d {got.data.dtype} array")
        else:
            return Mismatch(
                f"returned {describe(got)}, expected a single number ({expected.type_name} {exp!r})",
                (f"got: {show(got)}", "return a scalar: for example float(total), or index the single element"),
            )
    if not isinstance(got, ScalarValue) or isinstance(got.value, (str, type(None), complex)):
        return Mismatch(f"returned {describe(got)}, expected a number like {exp!r}")
    value = got.value
    if mode == "integer" and not (isinstance(value, int) and not isinstance(value, bool)):
        if isinstance(value, float) and float(exp) == value:  # type: ignore[arg-type]
            return Mismatch(f"returned the float {value!r}; an integer ({int(exp)}) was expected")  # type: ignore[arg-type]
        return Mismatch(f"returned {describe(got)}, expected the integer {exp!r}")
    if mode == "integer" or isinstance(exp, bool):
        if value != exp:
            return Mismatch(f"returned {value!r}, expected {exp!r}")
        return None
    if isinstance(value, bool):
        return Mismatch(f"returned the boolean {value!r}, expected a number like {exp!r}")
    if not _close_scalar(float(value), float(exp), tol):  # type: ignore[arg-type]
        return Mismatch(
            f"returned {value!r}, expected {exp!r}",
            (f"difference {abs(float(value) - float(exp)):.3g} (allowed {tol.atol + tol.rtol * abs(float(exp)):.3g})",),  # type: ignore[arg-type]
        )
    return None


def _close_scalar(a: float, b: float, tol: Tolerance) -> bool:
    if np.isnan(a) or np.isnan(b):
        return bool(np.isnan(a) and np.isnan(b))
    if np.isinf(a) or np.isinf(b):
        return a == b
    return abs(a - b) <= tol.atol + tol.rtol * abs(b)


def _compare_array(got: Value, expected: ArrayValue, mode: CompareMode, tol: Tolerance) -> Mismatch | None:
    exp = expected.data
    if isinstance(got, SequenceValue) and got.type_name in ("list", "tuple"):
        return Mismatch(
            f"returned a Python {got.type_name}, expected a numpy array of shape {exp.shape}",
            ("wrap the result in np.array(...) or build it with numpy operations",),
        )
    if not isinstance(got, ArrayValue):
        return Mismatch(f"returned {describe(got)}, expected a {exp.dtype} array of shape {exp.shape}")
    if not got.is_plain_ndarray:
        return Mismatch(
            f"returned a {got.type_name}, a subclass of numpy.ndarray; return a plain numpy array",
            ("np.asarray(result) converts it",),
        )
    data = got.data
    if data.shape != exp.shape:
        hint = ()
        if data.size == exp.size:
            hint = ("same number of elements: check a reshape, a transpose or keepdims",)
        return Mismatch(f"returned shape {data.shape}, expected {exp.shape}", hint)
    if mode == "argmax":
        return _compare_argmax(data, exp)
    kind = data.dtype.kind
    if mode == "integer" and kind not in "iu":
        return Mismatch(
            f"returned dtype {data.dtype}, expected an integer dtype",
            ("convert with .astype(int)" if kind in "bf" else "",),
        )
    if mode not in ("numeric",) and kind == "b" and exp.dtype.kind != "b":
        return Mismatch(f"returned a boolean array, expected {exp.dtype} values", ("convert with .astype(int) or .astype(float)",))
    if kind not in "biuf":
        return Mismatch(f"returned dtype {data.dtype}, expected {exp.dtype}")
    if mode in ("exact", "integer"):
        wrong = data != exp
    else:
        g, e = data.astype(np.float64), exp.astype(np.float64)
        with np.errstate(invalid="ignore", over="ignore"):
            wrong = ~np.isclose(g, e, rtol=tol.rtol, atol=tol.atol, equal_nan=True)
    if not wrong.any():
        return None
    return _value_mismatch(data, exp, wrong)


def _num(value: object) -> str:
    """A number as a student would write it (no `np.float64(...)` wrapper)."""
    if isinstance(value, (np.floating, float)):
        return f"{float(value):.8g}"
    if isinstance(value, (np.integer, int, np.bool_, bool)):
        return str(value.item() if isinstance(value, np.generic) else value)
    return repr(value)


def _value_mismatch(data: np.ndarray, exp: np.ndarray, wrong: np.ndarray) -> Mismatch:
    index = tuple(int(i) for i in np.argwhere(wrong)[0]) if wrong.ndim else ()
    where = f"[{', '.join(map(str, index))}]" if index else "the value"
    count = int(wrong.sum())
    details = [f"first difference at {where}: expected {_num(exp[index])}, got {_num(data[index])}"]
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.abs(data.astype(np.float64) - exp.astype(np.float64))
    finite = wrong & np.isfinite(diff)
    if finite.any():
        details.append(f"max abs error {float(diff[finite].max()):.3g} ({count} of {wrong.size} elements differ)")
    else:
        details.append(f"{count} of {wrong.size} elements differ")
    for bad, word in ((np.isnan, "nan"), (np.isinf, "inf")):
        if data.dtype.kind == "f" and bad(data).any() and not bad(exp).any():
            return Mismatch(f"returned {word} where the expected values are finite", tuple(details))
    return Mismatch(f"wrong values at {count} of {wrong.size} positions", tuple(details))


def _compare_argmax(data: np.ndarray, exp: np.ndarray) -> Mismatch | None:
    got_arg, exp_arg = np.argmax(data, axis=-1), np.argmax(exp, axis=-1)
    if np.array_equal(got_arg, exp_arg):
        return None
    wrong = got_arg != exp_arg
    return _value_mismatch(np.atleast_1d(got_arg), np.atleast_1d(exp_arg), np.atleast_1d(wrong))


def values_match(a: Value, b: Value, *, rtol: float, atol: float = 1e-9) -> bool:
    """Loose equality used to decide whether a student's failure is a known misconception."""
    if isinstance(a, ArrayValue) and isinstance(b, ArrayValue):
        if a.data.shape != b.data.shape or a.data.dtype.kind not in "biuf" or b.data.dtype.kind not in "biuf":
            return False
        return bool(np.allclose(a.data.astype(float), b.data.astype(float), rtol=rtol, atol=atol, equal_nan=True))
    if isinstance(a, ScalarValue) and isinstance(b, ScalarValue):
        if type(a.value) is not type(b.value) and not (isinstance(a.value, (int, float)) and isinstance(b.value, (int, float))):
            return False
        if isinstance(a.value, (int, float)) and isinstance(b.value, (int, float)):
            if isinstance(a.value, float) != isinstance(b.value, float):
                return False
            return _close_scalar(float(a.value), float(b.value), Tolerance(rtol=rtol, atol=atol))
        return a.value == b.value
    if isinstance(a, SequenceValue) and isinstance(b, SequenceValue):
        return len(a.items) == len(b.items) and all(values_match(x, y, rtol=rtol, atol=atol) for x, y in zip(a.items, b.items))
    if isinstance(a, MappingValue) and isinstance(b, MappingValue):
        return a.items.keys() == b.items.keys() and all(values_match(a.items[k], b.items[k], rtol=rtol, atol=atol) for k in a.items)
    if isinstance(a, OpaqueValue) and isinstance(b, OpaqueValue):
        return a.type_name == b.type_name
    return False
