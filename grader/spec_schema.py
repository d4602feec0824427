"""The spec formats described for readers outside `grade`: JSON Schemas for editors, a Markdown reference.

Instructors write three kinds of TOML file, each validated by a pydantic model: exercise specs,
quiz banks and the course map. Both outputs are generated from those models, so they say what the
validator accepts: the JSON Schemas (draft-07, the dialect taplo / Even Better TOML validate
with) give completion, hover text and red squiggles in an editor, and `reference_markdown` is
`docs/spec-reference.md`. Field descriptions are the docstrings under the fields, loaded here on
first use (`grader.spec_base.field_descriptions`), never when `grade` starts.

Regenerate the reference with `python -m grader.spec_schema --write-reference docs/spec-reference.md`.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import itertools
import json
import re
import sys
import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Literal,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

from annotated_types import GroupedMetadata
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

from grader.spec_base import field_descriptions

if TYPE_CHECKING:
    from pydantic_core import core_schema

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
"""The dialect of the schemas: taplo validates with draft-07 (and older) keywords only."""

SCHEMA_FILES: dict[str, str] = {
    "exercise-spec": "grade-exercise.schema.json",
    "quiz-bank": "grade-quiz-bank.schema.json",
    "course": "grade-course.schema.json",
}
"""The file each schema is written to, by the name `schemas()` gives it."""

_TITLES: dict[str, str] = {
    "exercise-spec": "grade exercise spec (course/exercises/<id>.toml)",
    "quiz-bank": "grade quiz bank (course/quizzes/*.toml)",
    "course": "grade course map (course/course.toml)",
}

REGENERATE = "python -m grader.spec_schema --write-reference docs/spec-reference.md"
"""The command that rewrites the reference from the models."""


def root_models() -> dict[str, type[BaseModel]]:
    """The model of each kind of file, by the name of its schema (imported on call, not at import)."""
    from grader.quiz.models import QuizFile
    from grader.spec import CourseSpec, ExerciseSpec

    return {"exercise-spec": ExerciseSpec, "quiz-bank": QuizFile, "course": CourseSpec}


def spec_models() -> list[type[BaseModel]]:
    """Every model a spec file can contain: the roots and, recursively, the models in their fields."""
    found: set[type[BaseModel]] = set()
    pending: list[Any] = list(root_models().values())
    while pending:
        tp = pending.pop()
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp not in found:
                found.add(tp)
                pending.extend(field.annotation for field in tp.model_fields.values())
        elif get_origin(tp) is not Literal:
            pending.extend(arg for arg in get_args(tp) if isinstance(arg, type) or get_origin(arg) is not None)
    return sorted(found, key=lambda model: (model.__module__, model.__qualname__))


# --- JSON Schema ------------------------------------------------------------------------------


class _DescribedSchema(GenerateJsonSchema):
    """Pydantic's generator, with each field's lazily loaded description and without generated titles.

    Descriptions loaded after a model was built are not in its core schema, so pydantic would
    leave them out; they are taken from the fields here, model by model, nested ones included.
    """

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        model = schema["cls"]
        descriptions = field_descriptions(model)
        json_schema = super().model_schema(schema)
        properties = json_schema.get("properties", {})
        for name, field in model.__pydantic_fields__.items():
            key = field.alias or name
            if key in properties and descriptions[name]:
                properties[key] = {**properties[key], "description": descriptions[name]}
        return json_schema

    def field_title_should_be_set(self, schema: Any) -> bool:
        """Never: a title made from the field name ("Time S") says less than the key itself."""
        return False


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each kind of spec file: `exercise-spec`, `quiz-bank` and `course`."""
    return {name: _schema(name, model) for name, model in root_models().items()}


def _schema(name: str, model: type[BaseModel]) -> dict[str, Any]:
    generated = model.model_json_schema(ref_template="#/definitions/{model}", schema_generator=_DescribedSchema)
    body = _draft7(generated)
    if "$defs" in body:
        body["definitions"] = body.pop("$defs")
    return {"$schema": DRAFT_07, "$id": f"urn:grade:schema:{name}", **body, "title": _TITLES[name]}


_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "definitions", "$defs"})
_SCHEMA_LISTS = frozenset({"anyOf", "oneOf", "allOf", "prefixItems"})
_SCHEMA_VALUES = frozenset({"items", "additionalProperties", "propertyNames", "not"})


def _draft7(node: Any) -> Any:
    """Rewrite pydantic's draft 2020-12 output in draft-07 terms that taplo understands.

    Tuples use `items` as a list, `$ref` stands alone (a description beside it moves into an
    `allOf` wrapper, the form taplo shows on hover), `null` branches go (TOML has no null: an unset
    optional key is left out), a dict's key pattern becomes `propertyNames`, and pydantic's
    OpenAPI `discriminator` keyword is dropped (each member's `const` tag already selects it).
    Only schema positions are rewritten; defaults and constants are data and stay as they are.
    """
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "discriminator":
            continue
        if key in _SCHEMA_MAPS:
            value = {name: _draft7(item) for name, item in value.items()}
        elif key in _SCHEMA_LISTS:
            value = [_draft7(item) for item in value]
        elif key in _SCHEMA_VALUES:
            value = [_draft7(item) for item in value] if isinstance(value, list) else _draft7(value)
        out[key] = value
    if "prefixItems" in out:
        out["items"] = out.pop("prefixItems")
    return _lone_ref(_keys_by_pattern(_without_null(out)))


def _without_null(node: dict[str, Any]) -> dict[str, Any]:
    if node.get("default", ...) is None:
        node = {key: value for key, value in node.items() if key != "default"}
    members = node.get("anyOf")
    if not members or {"type": "null"} not in members:
        return node
    rest = [member for member in members if member != {"type": "null"}]
    others = {key: value for key, value in node.items() if key != "anyOf"}
    return {**rest[0], **others} if len(rest) == 1 else {**others, "anyOf": rest}


def _keys_by_pattern(node: dict[str, Any]) -> dict[str, Any]:
    patterns = node.get("patternProperties")
    if not patterns or len(patterns) != 1 or "properties" in node or "additionalProperties" in node:
        return node
    (pattern, values), = patterns.items()
    rest = {key: value for key, value in node.items() if key != "patternProperties"}
    return {**rest, "additionalProperties": values, "propertyNames": {**node.get("propertyNames", {}), "pattern": pattern}}


def _lone_ref(node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" not in node or len(node) == 1:
        return node
    rest = {key: value for key, value in node.items() if key != "$ref"}
    return {"allOf": [{"$ref": node["$ref"]}], **rest}


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the file holds it: indented JSON with sorted keys and a final newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write the three schemas into `folder` (created if missing); return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / SCHEMA_FILES[name]
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


# --- the Markdown reference -------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One model in the reference and how a spec writes it."""

    model: str
    written: str


@dataclass(frozen=True)
class _Group:
    """A part of the reference: the models of one file, or of one tagged union."""

    title: str
    intro: str
    entries: tuple[_Entry, ...]


def _kinds(table: str, models: Sequence[tuple[str, str]]) -> tuple[_Entry, ...]:
    return tuple(_Entry(model, f"a `{table}` table with `kind = \"{kind}\"`") for model, kind in models)


_GROUPS: tuple[_Group, ...] = (
    _Group(
        "Exercise specs",
        "One file per exercise, `course/exercises/<id>.toml`. The top-level keys are those of "
        "`ExerciseSpec`; its tables are described after it.",
        (
            _Entry("ExerciseSpec", "the whole file"),
            _Entry("NameSpec", "a `[[names]]` table"),
            _Entry("Limits", "the `[limits]` table"),
            _Entry("Tolerance", "the `[tolerance]` table, or `tolerance = { ... }` in a check or an assertion"),
            _Entry("Misconception", "a `[[misconceptions]]` table"),
            _Entry("Variant", "a `[[variants]]` table"),
        ),
    ),
    _Group(
        "Checks",
        "Each `[[checks]]` table has a `kind` that selects one of the models below. Every kind has "
        "`name` and `points`; the kinds that run steps on cases also have `cases`, `repeat` and `steps`.",
        _kinds("[[checks]]", [
            ("CompareCheck", "compare"), ("ExpectCheck", "expect"), ("RaisesCheck", "raises"),
            ("UnchangedCheck", "unchanged"), ("GradientCheck", "gradient"), ("HypothesisCheck", "hypothesis"),
            ("AccuracyCheck", "accuracy"), ("ImportsCheck", "imports"),
        ]) + (
            _Entry("Assertion", "an item of an `expect` check's `expect` list"),
            _Entry("Probe", "a `[[checks.probes]]` table of a `gradient` check"),
            _Entry("SpeedNote", "the `[checks.speed]` table of a `compare` check"),
            _Entry("IrisSplit", "the `[checks.data]` table of an `accuracy` check"),
        ),
    ),
    _Group(
        "Inputs",
        "A case maps input names to inputs: `cases = [{ x = { normal = [4, 3] }, t = 2 }]`. An input "
        "is a TOML scalar, used as it is, or a table whose marking key (`array`, `normal`, ...) selects "
        "one of the models below. Random inputs are drawn with a fixed seed for every repeat of a case.",
        tuple(_Entry(model, f"an input table with the key `{key}`") for model, key in [
            ("ArrayInput", "array"), ("NormalInput", "normal"), ("UniformInput", "uniform"),
            ("IntegersInput", "integers"), ("ProbabilitiesInput", "probabilities"), ("LabelsInput", "labels"),
            ("ChoiceInput", "choice"), ("ExprInput", "expr"), ("StrategyInput", "hypothesis"),
        ]),
    ),
    _Group(
        "Steps",
        "A step is a string of Python or a table. The strings are single statements: "
        "`name = call(...)` keeps a call's result, `name = obj.attr` or `name = obj['key']` records a "
        "value, `name = value` binds a constant or another value, `obj.attr = value` and "
        "`obj[...] = value` write into an object, a bare call runs for its effect, `seed(0)` seeds "
        "numpy's global random state and `callback.<name>(...)` hands the code one of these functions: "
        "{callbacks}. Names bound by earlier steps or by the case are variables; other names come from "
        "the exercise module. A result saved under a name starting with `_` is used but not recorded. "
        "A table is selected by its first key among `numgrad`, `timed` and `repeat`.",
        (
            _Entry("RepeatStep", "a step table with the key `repeat` (and no `numgrad` or `timed`)"),
            _Entry("NumGradStep", "a step table with the key `numgrad`"),
            _Entry("TimedStep", "a step table with the key `timed`"),
        ),
    ),
    _Group(
        "Quiz banks",
        "Any number of files `course/quizzes/*.toml`, each a title and `[[questions]]` tables whose "
        "`kind` selects one of the question models. Every question kind has `id`, `topic`, `section`, "
        "`prompt`, `explanation` and an optional `figure`.",
        (_Entry("QuizFile", "the whole file"),) + _kinds("[[questions]]", [
            ("SingleChoiceQuestion", "single_choice"), ("MultipleSelectQuestion", "multiple_select"),
            ("TrueFalseQuestion", "true_false"), ("NumericQuestion", "numeric"),
            ("ParameterisedNumericQuestion", "parameterised_numeric"), ("SymbolicQuestion", "symbolic"),
            ("CodeChoiceQuestion", "code_choice"), ("MatchingQuestion", "matching"),
            ("OrderingQuestion", "ordering"), ("FreeTextQuestion", "free_text"),
        ]) + (
            _Entry("FigureRef", "a question's `figure = { ... }` table"),
            _Entry("Choice", "an item of the `options` of a `single_choice` or `multiple_select` question"),
            _Entry("CodeChoice", "an item of the `options` of a `code_choice` question"),
            _Entry("KnownWrongNumber", "an item of a `numeric` question's `wrong_answers`"),
            _Entry("IntParameter", "an item of a `parameterised_numeric` question's `parameters`"),
            _Entry("KnownWrongFormula", "an item of a `parameterised_numeric` question's `wrong_formulas`"),
            _Entry("KnownWrongExpression", "an item of a `symbolic` question's `wrong_answers`"),
            _Entry("MatchItem", "an item of a `matching` question's `items`"),
            _Entry("KnownWrongOrder", "an item of an `ordering` question's `wrong_orders`"),
        ),
    ),
    _Group(
        "The course map",
        "`course/course.toml`: the course's title, its topics and the order of its exercises.",
        (_Entry("CourseSpec", "the whole file"), _Entry("Topic", "a `[[topics]]` table")),
    ),
)
"""The order and grouping of the reference; every spec model appears exactly once."""

_ALIASES: tuple[tuple[str, str], ...] = (
    ("grader.spec_base", "Identifier"),
    ("grader.spec.exercise", "PythonName"),
    ("grader.spec.exercise", "ModuleName"),
    ("grader.spec.checks", "Check"),
    ("grader.spec.checks", "CompareMode"),
    ("grader.spec.checks", "Visibility"),
    ("grader.spec.inputs", "Case"),
    ("grader.spec.inputs", "InputSpec"),
    ("grader.spec.inputs", "InputName"),
    ("grader.spec.inputs", "ExprSource"),
    ("grader.spec.inputs", "ScalarLiteral"),
    ("grader.spec.inputs", "Dim"),
    ("grader.statements", "StepSpec"),
    ("grader.statements", "SaveName"),
    ("grader.quiz.models", "Question"),
    ("grader.quiz.models", "QuestionId"),
    ("grader.quiz.models", "Text"),
    ("grader.quiz.models", "VariableName"),
    ("grader.quiz.expressions", "FunctionName"),
)
"""The named value types the reference refers to by name, with the module that defines each."""

_ALIAS_NOTES: dict[str, str] = {
    "Check": "See [Checks](#checks).",
    "InputSpec": "See [Inputs](#inputs).",
    "StepSpec": "See [Steps](#steps).",
    "Question": "See [Quiz banks](#quiz-banks).",
    "ExprSource": "See [Expressions](#expressions) for what it may use.",
}
"""Where the reference explains a named type at length."""


def reference_markdown() -> str:
    """The spec reference, `docs/spec-reference.md`: an intro, then one table per model."""
    models = {model.__name__: model for model in spec_models()}
    _check_layout(models)
    labels = _Labels(_aliases())
    parts = [_preamble(), _editor_section(), _expression_section()]
    parts += [_group_section(group, models, labels) for group in _GROUPS]
    parts.append(_aliases_section(labels))
    return "\n\n".join(part.strip() for part in parts) + "\n"


def _check_layout(models: dict[str, type[BaseModel]]) -> None:
    """Refuse a reference that would leave out a model or list one twice (or one that is gone)."""
    placed = [entry.model for group in _GROUPS for entry in group.entries]
    missing = sorted(set(models) - set(placed))
    unknown = sorted(set(placed) - set(models))
    twice = sorted({name for name in placed if placed.count(name) > 1})
    if missing or unknown or twice:
        raise ValueError(f"grader.spec_schema._GROUPS is out of date: missing {missing}, unknown {unknown}, twice {twice}")


def _preamble() -> str:
    contents = "\n".join(f"- [{title}](#{_anchor(title)})" for title in (
        "Checking specs in an editor", "Expressions", *(group.title for group in _GROUPS), "Value types"))
    return f"""
# Spec reference

<!-- Generated from the spec models by `{REGENERATE}`. Do not edit: change the docstrings under the fields and regenerate. -->

*Generated from the spec models by `{REGENERATE}`; do not edit this file by hand.*

Every key an instructor can write in an exercise spec, a quiz bank or `course/course.toml`, with
its type, its default and what it means. A key not listed here is an error: the models reject
unknown keys. In the types, `list[X]` is a TOML array, `dict[K, V]` a table with keys of type `K`,
`[A, B]` an array of exactly two values, and `"a" | "b"` one of the listed values. A default of
*unset* means the key may be left out and nothing takes its place.

{contents}
"""


def _editor_section() -> str:
    files = "\n".join(f"| {_TITLES[name]} | `{file}` |" for name, file in SCHEMA_FILES.items())
    return f"""
## Checking specs in an editor

The same models are exported as JSON Schemas (draft-07), one per kind of file:

| File | Schema |
|---|---|
{files}

Write them with `grade course schema -o DIR` (`grade course new course` writes them into the new
course's `course/schemas/`). Editors that use
[taplo](https://taplo.tamasfe.dev) (the Even Better TOML extension for VS Code, and taplo's
language server elsewhere) then complete keys, show these descriptions on hover and mark unknown
keys and wrong types as you type. Point a file at its schema with a `#:schema` directive on its
first line (only other comments and directives may come before it):

```toml
#:schema ./grade-exercise.schema.json
id = "softmax"
```

A relative path is resolved from the folder of the TOML file, so with the schemas written to
`course/schemas/` an exercise spec says `#:schema ../schemas/grade-exercise.schema.json`. To avoid
a directive in every file, a `.taplo.toml` at the project root can assign the schemas by path:

```toml
[[rule]]
include = ["course/exercises/*.toml"]
schema.path = "course/schemas/grade-exercise.schema.json"
```

The schemas check structure (keys, types, ranges, patterns). What needs the models' own checks
(steps and expressions that compile, points that add up, ids that exist) is reported by
`grade course check`.
"""


def _expression_section() -> str:
    from grader import expr
    from grader.quiz.expressions import FUNCTION_NAMES

    functions = ", ".join(f"`{name}`" for name in sorted(expr.FUNCTIONS))
    methods = ", ".join(f"`.{name}()`" for name in sorted(expr.METHODS))
    attributes = ", ".join(f"`.{name}`" for name in sorted(expr.ATTRIBUTES))
    dtypes = ", ".join(f"`{name}`" for name in sorted(expr.DTYPES))
    symbolic = ", ".join(f"`{name}`" for name in FUNCTION_NAMES)
    return f"""
## Expressions

Fields typed [ExprSource](#exprsource) (an `expr` input, an assertion's `that`, `close` and
`show`, a hypothesis check's `assume`) hold a small numpy expression over the case's inputs and
the values the steps recorded, e.g. `abs(y.sum(axis=-1) - 1).max() < 1e-6` or `one_hot(t, 3)`.
It is read with Python's syntax when the spec is loaded and checked against a whitelist, so a
mistake is reported with the field it is in, and nothing outside the whitelist can be reached.

- Values: numbers, strings, `True`/`False`/`None`, `...`, the names of inputs and recorded values,
  tuples and lists.
- Operators: `+ - * / // % ** @`, unary `-`, `+`, `~` and `not`, comparisons `< <= > >= == !=`
  (chains allowed), `and`, `or`, `a if condition else b`, indexing and slicing (`x[0]`, `x[:, 1:]`).
- Functions: {functions}.
- Methods: {methods}.
- Attributes: {attributes}.
- Type names, e.g. for `.astype(...)`: {dtypes}.

Anything else (other names called as functions, other attributes, lambdas, comprehensions,
assignments) is refused.

Quiz banks have two smaller languages of their own. The `formula` and `constraints` of a
`parameterised_numeric` question are Python syntax over its parameters, with exact fractions:
arithmetic `+ - * / // % **`, comparisons, `and`/`or`/`not`, parentheses and `min`, `max`, `abs`.
The answers of a `symbolic` question use only its declared `variables`, `+ - * / ^` and
parentheses, and the `functions` it allows (of {symbolic}).
"""


def _group_section(group: _Group, models: dict[str, type[BaseModel]], labels: _Labels) -> str:
    intro = group.intro
    if "{callbacks}" in intro:
        from grader.program.callbacks import LIBRARY

        intro = intro.replace("{callbacks}", ", ".join(f"`{name}`" for name in sorted(LIBRARY)))
    body = "\n\n".join(_model_section(entry, models[entry.model], labels) for entry in group.entries)
    return f"## {group.title}\n\n{_wrap(intro)}\n\n{body}"


def _model_section(entry: _Entry, model: type[BaseModel], labels: _Labels) -> str:
    hints = get_type_hints(model, include_extras=True)
    descriptions = field_descriptions(model)
    rows = [
        f"| `{name}` | {_cell(labels.field(hints[name], field))} | {_cell(_default(field))} | {_cell(descriptions[name])} |"
        for name, field in model.model_fields.items()
    ]
    doc = inspect.cleandoc(model.__doc__ or "")
    table = "\n".join(["| Key | Type | Default | Description |", "|---|---|---|---|", *rows])
    return f"### {model.__name__}\n\nWritten as {entry.written}. {doc}\n\n{table}"


def _aliases_section(labels: _Labels) -> str:
    parts = ["## Value types", "Named types used in the tables above."]
    for name, (alias, doc) in labels.aliases.items():
        note = _ALIAS_NOTES.get(name, "")
        parts.append(f"### {name}\n\n`{name}` = {labels.definition(alias)}. {_wrap(doc)} {note}".rstrip())
    return "\n\n".join(parts)


def _aliases() -> dict[str, tuple[Any, str]]:
    """Each named value type: the type itself and the docstring under its definition."""
    found = {}
    for module_name, name in _ALIASES:
        __import__(module_name)
        module = sys.modules[module_name]
        found[name] = (getattr(module, name), _module_docstrings(module_name).get(name, ""))
    return found


@cache
def _module_docstrings(module_name: str) -> dict[str, str]:
    """The docstring written under each module-level assignment of a module."""
    source = Path(sys.modules[module_name].__file__ or "").read_text(encoding="utf-8")
    body = ast.parse(source).body
    docs = {}
    for statement, following in itertools.pairwise(body):
        target = statement.targets[0] if isinstance(statement, ast.Assign) and len(statement.targets) == 1 else None
        target = statement.target if isinstance(statement, ast.AnnAssign) else target
        if isinstance(target, ast.Name) and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant) and isinstance(following.value.value, str):
            docs[target.id] = inspect.cleandoc(following.value.value)
    return docs


class _Labels:
    """Readable types: `list[Check]`, `"a" | "b"`, `0 < float ≤ 600`, with links to the tables."""

    def __init__(self, aliases: dict[str, tuple[Any, str]]) -> None:
        self.aliases = aliases

    def field(self, hint: Any, field: FieldInfo) -> str:
        """A field's type with the constraints the field adds to it."""
        shown = _without_none(hint)
        alias = self._alias_name(shown)
        own: list[Any] = []
        if alias is None and get_origin(shown) is Annotated:
            shown = get_args(shown)[0]
        elif alias is not None:
            own = list(get_args(shown)[1:]) if get_origin(shown) is Annotated else []
        bounds = _bounds(field.metadata)
        for key, value in _bounds(own).items():
            if bounds.get(key) == value:
                del bounds[key]
        return _constrained(self.label(shown), bounds, _is_number(shown))

    def definition(self, alias: Any) -> str:
        """What a named type stands for, written out one level deep."""
        if get_origin(alias) is Annotated:
            inner, *extra = get_args(alias)
            return _constrained(self.label(inner), _bounds(extra), _is_number(inner))
        return self._structure(alias)

    def label(self, tp: Any) -> str:
        """The type as a reader of the spec would name it."""
        name = self._alias_name(tp)
        if name is not None:
            return f"[{name}](#{_anchor(name)})"
        if get_origin(tp) is Annotated:
            inner, *extra = get_args(tp)
            return _constrained(self.label(inner), _bounds(extra), _is_number(inner))
        return self._structure(tp)

    def _structure(self, tp: Any) -> str:
        origin, args = get_origin(tp), get_args(tp)
        if _is_union(tp):
            return " | ".join(self.label(arg) for arg in args if arg is not type(None))
        if origin is Literal:
            return " | ".join(json.dumps(arg.value if isinstance(arg, Enum) else arg) for arg in args)
        if origin in (list, set, frozenset) or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
            return f"list[{self.label(args[0])}]"
        if origin is tuple:
            return "[" + ", ".join(self.label(arg) for arg in args) + "]"
        if origin is dict:
            return f"dict[{self.label(args[0])}, {self.label(args[1])}]"
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return f"[{tp.__name__}](#{_anchor(tp.__name__)})"
        if tp is Any:
            return "any"
        return getattr(tp, "__name__", str(tp))

    def _alias_name(self, tp: Any) -> str | None:
        return next((name for name, (alias, _) in self.aliases.items() if tp is alias or _same(tp, alias)), None)


def _same(tp: Any, alias: Any) -> bool:
    try:
        return bool(tp == alias)
    except TypeError:
        return False


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def _without_none(tp: Any) -> Any:
    """`X | None` as `X`: TOML has no null, an unset key is simply left out."""
    if _is_union(tp):
        members = [arg for arg in get_args(tp) if arg is not type(None)]
        if len(members) == 1:
            return members[0]
    return tp


def _is_number(tp: Any) -> bool:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp in (int, float)


def _flat(metadata: Iterable[Any]) -> Iterator[Any]:
    for item in metadata:
        if isinstance(item, FieldInfo):
            yield from _flat(item.metadata)
        elif isinstance(item, GroupedMetadata):
            yield from _flat(item)
        else:
            yield item


_BOUND_KEYS = ("gt", "ge", "lt", "le", "min_length", "max_length", "pattern")


def _bounds(metadata: Iterable[Any]) -> dict[str, Any]:
    """The numeric bounds, lengths and pattern among pydantic's constraint objects."""
    found = {}
    for item in _flat(metadata):
        for key in _BOUND_KEYS:
            value = getattr(item, key, None)
            if value is not None:
                found[key] = value
    return found


def _constrained(base: str, bounds: dict[str, Any], numeric: bool) -> str:
    """`base` with its bounds: `0 < float ≤ 600`, `float ≥ 0`, `str, 3–80 chars`, `list[X], non-empty`."""
    text = _numeric_range(base, bounds) if numeric else base
    if "pattern" in bounds:
        text += f" matching `{bounds['pattern']}`"
    low, high = bounds.get("min_length"), bounds.get("max_length")
    unit = "chars" if base == "str" else "items"
    if low is not None and high is not None:
        text += f", {low}–{high} {unit}"
    elif low == 1 and unit == "items":
        text += ", non-empty"
    elif low is not None:
        text += f", ≥ {low} {unit}"
    elif high is not None:
        text += f", ≤ {high} {unit}"
    return text


def _numeric_range(base: str, bounds: dict[str, Any]) -> str:
    low = ("<", bounds["gt"]) if "gt" in bounds else ("≤", bounds["ge"]) if "ge" in bounds else None
    high = ("<", bounds["lt"]) if "lt" in bounds else ("≤", bounds["le"]) if "le" in bounds else None
    if low and high:
        return f"{_number(low[1])} {low[0]} {base} {high[0]} {_number(high[1])}"
    if low:
        return f"{base} {'>' if low[0] == '<' else '≥'} {_number(low[1])}"
    if high:
        return f"{base} {high[0]} {_number(high[1])}"
    return base


def _number(value: float) -> str:
    return str(value) if isinstance(value, int) else f"{value:g}"


def _default(field: FieldInfo) -> str:
    """`required`, *unset* (no value), or the default as TOML would write it."""
    if field.is_required():
        return "**required**"
    value = field.get_default(call_default_factory=True)
    return "*unset*" if value is None else f"`{_toml(value)}`"


def _toml(value: Any) -> str:
    """A value in TOML's inline syntax."""
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_toml(item)}" for key, item in value.items()) + " }" if value else "{}"
    return repr(value)


def _cell(text: str) -> str:
    """Text for one cell of a Markdown table: one line, with `|` escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _wrap(text: str) -> str:
    return " ".join(text.split())


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


# --- command line -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m grader.spec_schema --write-reference FILE --write-schemas DIR` (either or both)."""
    parser = argparse.ArgumentParser(prog="python -m grader.spec_schema", description="Write the spec reference and the JSON Schemas.")
    parser.add_argument("--write-reference", metavar="FILE", type=Path, help="write the Markdown reference (docs/spec-reference.md)")
    parser.add_argument("--write-schemas", metavar="DIR", type=Path, help="write the three JSON Schemas into DIR")
    args = parser.parse_args(argv)
    if args.write_reference is None and args.write_schemas is None:
        parser.error("give --write-reference FILE, --write-schemas DIR, or both")
    written: list[Path] = []
    if args.write_reference is not None:
        args.write_reference.write_text(reference_markdown(), encoding="utf-8")
        written.append(args.write_reference)
    if args.write_schemas is not None:
        written += write_schemas(args.write_schemas)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
