"""What exercise specs and quiz questions share: the strict model base, the id type, error messages.

Both spec languages are TOML read into pydantic models. They are strict in the same way (an
unknown key is an error, a validated spec cannot change, every field documents itself from the
docstring under it) and name things with the same lower-case ids. `describe_validation_error`
turns a validation error into one line with the field path written as the spec writes it,
without pydantic's union tags (the course loader uses it for exercise specs and the course map).
"""

from __future__ import annotations

import difflib
import inspect
import types
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError
from pydantic.fields import FieldInfo

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""A lower-case snake_case id (`conv_layers`, `no_max_shift`): exercises, topics, misconceptions,
variants and figures are named with it, and it doubles as a file name."""


class StrictModel(BaseModel):
    """Base of every spec model: unknown keys are errors, values are frozen, field docstrings are
    the field descriptions (`field_descriptions`, read when asked for)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def field_descriptions(model: type[BaseModel]) -> dict[str, str]:
    """Every field of `model` with its description: the docstring written under it.

    Pydantic's `use_attribute_docstrings` does this at import, re-reading the source once per
    class (about 1 ms each, which `grade` would pay on every start for text only a reference or a
    course check reads). Here each module's source is read once, the first time it is asked for.
    """
    for klass in reversed(model.__mro__):
        if _documentable(klass) and klass.__module__ not in _DOCUMENTED:
            _DOCUMENTED.add(klass.__module__)
            _document_fields(klass.__module__)
    return {name: field.description or "" for name, field in model.__pydantic_fields__.items()}


_DOCUMENTED: set[str] = set()


def _documentable(klass: object) -> bool:
    """A model class of ours (not pydantic's own base)."""
    return isinstance(klass, type) and issubclass(klass, BaseModel) and klass is not BaseModel


def _document_fields(module_name: str) -> None:
    """Make the docstring under each field of the module's models that field's description."""
    import ast
    import sys

    module = sys.modules[module_name]
    try:
        source = Path(module.__file__).read_text(encoding="utf-8")
    except (OSError, TypeError):
        return
    for node in ast.parse(source).body:
        model = getattr(module, node.name, None) if isinstance(node, ast.ClassDef) else None
        if not _documentable(model):
            continue
        fields = model.__pydantic_fields__
        for statement, following in zip(node.body, node.body[1:]):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and statement.target.id in fields
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
                and not fields[statement.target.id].description
            ):
                fields[statement.target.id].description = inspect.cleandoc(following.value.value)
    for model in vars(module).values():  # a subclass holds its own copies of inherited fields
        if _documentable(model) and model.__module__ == module_name:
            for base in model.__mro__[1:]:
                if _documentable(base) and base.__module__ not in _DOCUMENTED:
                    _DOCUMENTED.add(base.__module__)
                    _document_fields(base.__module__)
            for name, field in model.__pydantic_fields__.items():
                if not field.description:
                    field.description = next(
                        (f.description for base in model.__mro__[1:]
                         if (f := getattr(base, "__pydantic_fields__", {}).get(name)) is not None and f.description),
                        None,
                    )


def relative_name(path: Path, root: Path) -> str:
    """`path` as the course names it: relative to the course root when inside it."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except (ValueError, OSError):
        return str(path)


class Problems:
    """Where a loader puts what it finds wrong, as one-line `file: field: reason` messages.

    Loading for a run raises the first problem at once (as `error`, with a count of the other
    validation problems of that file); checking a course collects them all in `lines`.
    """

    def __init__(self, root: Path, error: type[Exception], *, collect: bool) -> None:
        self.root, self.error, self.collect = root, error, collect
        self.lines: list[str] = []

    def add(self, path: Path, message: str) -> None:
        line = f"{relative_name(path, self.root)}: {message}"
        if not self.collect:
            raise self.error(line)
        self.lines.append(line)

    def invalid(self, path: Path, model: Any, error: ValidationError, *, note: Callable[[tuple], str] | None = None) -> None:
        """Record a validation error of the file at `path`; `note` may add a word to a location (a question's id)."""
        if not self.collect:
            where, reason = validation_problem(model, error, note=note)
            raise self.error(f"{relative_name(path, self.root)}: {where or '(top level)'}: {reason}")
        for where, reason in validation_problems(model, error, note=note):
            self.lines.append(f"{relative_name(path, self.root)}: {where or '(top level)'}: {reason}")

    def readable(self, path: Path) -> dict | None:
        """The TOML data of `path`, or None (recorded) if it is missing or broken."""
        import tomllib

        try:
            with path.open("rb") as handle:
                return tomllib.load(handle)
        except FileNotFoundError:
            self.add(path, "file not found")
        except tomllib.TOMLDecodeError as exc:
            self.add(path, f"not valid TOML ({exc})")
        except OSError as exc:
            self.add(path, f"cannot be read ({exc.strerror})")
        return None


def require_unique(what: str, values: list[str]) -> None:
    """Raise a `ValueError` naming every value that appears more than once (`check names must be unique; 'x' is used twice`)."""
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        counted = ", ".join(f"{v!r} is used {values.count(v)} times" if values.count(v) > 2 else f"{v!r} is used twice" for v in repeated)
        raise ValueError(f"{what} must be unique; {counted}")


def describe_validation_error(model: Any, error: ValidationError) -> str:
    """The error of validating `model` (a model class or a type) as one line, `field.path: reason`."""
    where, reason = validation_problem(model, error)
    return f"{where or '(top level)'}: {reason}"


def validation_problem(model: Any, error: ValidationError, *, note: Callable[[tuple], str] | None = None) -> tuple[str, str]:
    """Where the first problem is (`checks[0].compar`, empty at the top level) and why, with a count of the others."""
    problems = validation_problems(model, error, note=note)
    where, reason = problems[0]
    more = len(problems) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return where, reason + suffix


def validation_problems(model: Any, error: ValidationError, *, note: Callable[[tuple], str] | None = None) -> list[tuple[str, str]]:
    """Every problem of the error as (where, why), causes first.

    A misspelt key causes two errors, the unknown key and the key it should have been (when that
    one is required); the unknown key is the cause, so it is the one reported, with the closest
    real key as a suggestion, and the missing key it suggests is not reported again.
    """
    errors = error.errors(include_url=False)
    # A list whose only items failed is also "too short"; the items' own errors are the cause.
    errors = [e for e in errors if not (e["type"] == "too_short" and any(
        len(o["loc"]) > len(e["loc"]) and o["loc"][: len(e["loc"])] == e["loc"] for o in errors))]
    suggested: set[tuple] = set()
    problems: list[tuple[int, str, str]] = []
    for order, entry in enumerate(errors):
        where, owner = spec_location(model, entry["loc"])
        reason = " ".join(str(entry["msg"]).split()).removeprefix("Value error, ")
        if entry["type"] == "extra_forbidden" and owner is not None and entry["loc"]:
            reason, close = _unknown_key(str(entry["loc"][-1]), owner)
            if close is not None:
                suggested.add((*entry["loc"][:-1], close))
            order -= len(errors)  # causes first
        problems.append((order, where, reason + (note(entry["loc"]) if note else "")))
    # The location as written (without union tags) of every key an unknown one was suggested for.
    suggested_at = {spec_location(model, loc)[0] for loc in suggested}
    kept = [
        (order, where, reason)
        for (order, where, reason), entry in zip(problems, errors)
        if not (entry["type"] == "missing" and where in suggested_at)
    ]
    return [(where, reason) for _, where, reason in sorted(kept, key=lambda p: p[0])]


def _unknown_key(key: str, owner: type[BaseModel]) -> tuple[str, str | None]:
    """The reason for an unknown key, and the real key it is probably a misspelling of."""
    known = list(owner.model_fields)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key, did you mean `{close[0]}`?", close[0]
    return f"unknown key (the keys here are {', '.join(known)})", None


def spec_location(model: Any, loc: tuple[int | str, ...]) -> tuple[str, type[BaseModel] | None]:
    """Render a pydantic error location as the spec writes it (`checks[2].cases[0].x`).

    Pydantic puts the tag of a tagged union into the location (`checks[0].compare.cases`), which
    reads like a field and hides a real field of the same name. The location is therefore walked
    along the model's types, and a part is dropped exactly where a tagged union picks its member.
    Also returns the model whose key the last part is (to suggest a key for a misspelt one).
    """
    parts: list[str] = []
    current: Any = model
    metadata: list[Any] = []
    owner: type[BaseModel] | None = None
    for part in loc:
        current, metadata = _settle(current, metadata)
        member = _tagged_member(current, metadata, part)
        if member is not None:
            current, metadata = member, []
            continue
        metadata = []
        owner = None
        if isinstance(part, int):
            parts.append(f"[{part}]")
            current = _item_type(current, part)
        elif isinstance(current, type) and issubclass(current, BaseModel):
            parts.append(f".{part}" if parts else part)
            owner = current
            info = current.model_fields.get(part)
            current, metadata = (info.annotation, [info, *info.metadata]) if info else (Any, [])
        else:
            parts.append(f".{part}" if parts else str(part))
            current = get_args(current)[1] if get_origin(current) is dict else Any
    return "".join(parts), owner


def _settle(current: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """Strip `Annotated` (keeping its metadata) and `| None`, which add nothing to a location."""
    while True:
        if get_origin(current) is Annotated:
            current, *extra = get_args(current)
            metadata = [*metadata, *extra]
        elif _is_union(current) and not _discriminator(metadata):
            members = [m for m in get_args(current) if m is not type(None)]
            if len(members) != 1:
                return current, metadata
            current = members[0]
        else:
            return current, metadata


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def _discriminator(metadata: list[Any]) -> Discriminator | str | None:
    for item in metadata:
        if isinstance(item, Discriminator):
            return item
        if isinstance(item, FieldInfo) and item.discriminator is not None:
            return item.discriminator
    return None


def _tagged_member(current: Any, metadata: list[Any], part: int | str) -> Any:
    """The union member that `part` selects when `current` is a tagged union, else None."""
    discriminator = _discriminator(metadata)
    if discriminator is None or not _is_union(current) or isinstance(part, int):
        return None
    for member in get_args(current):
        if isinstance(discriminator, str):
            inner, _ = _settle(member, [])
            info = getattr(inner, "model_fields", {}).get(discriminator)
            if info is not None and get_origin(info.annotation) is Literal and part in get_args(info.annotation):
                return member
        elif get_origin(member) is Annotated and any(isinstance(m, Tag) and m.tag == part for m in get_args(member)[1:]):
            return member
    return None


def _item_type(container: Any, index: int) -> Any:
    origin, args = get_origin(container), get_args(container)
    if origin in (list, set, frozenset) and args:
        return args[0]
    if origin is tuple and args:
        if len(args) == 2 and args[1] is Ellipsis:
            return args[0]
        return args[index] if index < len(args) else Any
    return Any
