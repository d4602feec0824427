"""Read a sandbox child's replies as untrusted data: every field checked, every string scrubbed.

Whatever the child sends may be forged by the student's code. Parsing either yields the typed
results the grader works with, or raises `WireError`; a field of the wrong type, a missing key,
an oversized list all end up there, never as another exception in the grader.
"""

from __future__ import annotations

from grader.safe_text import scrub
from grader.sandbox.outcome import ProgramResult, StepError
from grader.sandbox.values import Value
from grader.sandbox.wire import MAX_TEXT, WireError, Budget, decode_value

MAX_LINES = 64


def _str(node: dict, key: str, *, optional: bool = False) -> str | None:
    value = node.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise WireError(f"`{key}` is not a string")
    return scrub(value, MAX_TEXT)


def _strings(node: dict, key: str, limit: int = MAX_LINES) -> tuple[str, ...]:
    value = node.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise WireError(f"`{key}` is not a list of strings")
    return tuple(scrub(item, MAX_TEXT) for item in value[:limit])


def step_error(node: object) -> StepError:
    if not isinstance(node, dict):
        raise WireError("error is not an object")
    not_implemented = node.get("not_implemented", False)
    if not isinstance(not_implemented, bool):
        raise WireError("`not_implemented` is not a boolean")
    return StepError(
        step=_str(node, "step") or "",
        exc_type=_str(node, "exc_type") or "",
        message=_str(node, "message") or "",
        traceback=_strings(node, "traceback"),
        exc_bases=_strings(node, "exc_bases"),
        not_implemented=not_implemented,
        origin=_str(node, "origin", optional=True),
        missing_name=_str(node, "missing_name", optional=True),
    )


def _values(node: object, blobs: list, budget: Budget) -> dict[str, Value]:
    if not isinstance(node, dict):
        raise WireError("values are not an object")
    return {scrub(str(k), 200): decode_value(v, blobs, _budget=budget) for k, v in node.items()}


def program_result(node: object, blobs: list, budget: Budget) -> ProgramResult:
    if not isinstance(node, dict):
        raise WireError("result is not an object")
    durations = node.get("durations", {})
    if not isinstance(durations, dict) or not all(type(v) in (int, float) for v in durations.values()):
        raise WireError("`durations` is not an object of numbers")
    error = node.get("error")
    return ProgramResult(
        values=_values(node.get("values", {}), blobs, budget),
        inputs_after=_values(node.get("inputs_after", {}), blobs, budget),
        error=step_error(error) if error is not None else None,
        warnings=_strings(node, "warnings", limit=5),
        durations={scrub(str(k), 200): float(v) for k, v in durations.items()},
    )


def program_results(header: dict, blobs: list) -> list[ProgramResult]:
    """The results of one `run` request."""
    results = header.get("results")
    if not isinstance(results, list):
        raise WireError("`results` is not a list")
    budget = Budget()
    return [program_result(node, blobs, budget) for node in results]
