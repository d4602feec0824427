"""The JSON Schemas and the spec reference say what the models accept, and the reference is current.

`jsonschema` is not a dependency, so the shipped files are validated by `violations` below: a
small draft-07 validator for exactly the keywords the schemas use. It refuses a keyword it does
not know, so a schema that grows one fails here instead of being half-checked.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from grader import spec_schema
from grader.quiz.models import KINDS
from grader.spec import CheckKind
from grader.spec_schema import (
    DRAFT_07,
    REGENERATE,
    SCHEMA_FILES,
    reference_markdown,
    root_models,
    schema_text,
    schemas,
    spec_models,
    write_schemas,
)

ROOT = Path(__file__).resolve().parents[2]
COURSES = (ROOT / "course", ROOT / "tests" / "sample_course" / "course")
SCHEMAS = schemas()


def shipped_files() -> Iterator[tuple[str, Path]]:
    """Every spec file of the bundled and the sample course, with the schema it must satisfy."""
    for course in COURSES:
        if (course / "course.toml").exists():
            yield "course", course / "course.toml"
        for path in sorted((course / "exercises").glob("*.toml")):
            yield "exercise-spec", path
        for path in sorted((course / "quizzes").glob("*.toml")):
            yield "quiz-bank", path


SHIPPED = list(shipped_files())


# --- a small draft-07 validator -----------------------------------------------------------------

_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "default", "definitions"})

Check = Callable[[Any, dict[str, Any], Any, dict[str, Any], str], list[str]]


def violations(schema: dict[str, Any], instance: Any, root: dict[str, Any], where: str = "") -> list[str]:
    """Where `instance` breaks `schema` (empty when it is valid), as `path: reason` lines."""
    if "$ref" in schema:
        assert len(schema) == 1, f"{where}: draft-07 ignores keywords beside $ref: {sorted(schema)}"
        return violations(_resolve(root, schema["$ref"]), instance, root, where)
    found: list[str] = []
    for keyword, value in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        if keyword not in _KEYWORDS:
            raise AssertionError(f"the test validator does not know the keyword `{keyword}` (at {where or 'top'})")
        found += _KEYWORDS[keyword](value, schema, instance, root, where)
    return found


def _resolve(root: dict[str, Any], ref: str) -> dict[str, Any]:
    assert ref.startswith("#/"), ref
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def _is_type(instance: Any, name: str) -> bool:
    number = isinstance(instance, int | float) and not isinstance(instance, bool)
    return {
        "object": isinstance(instance, dict),
        "array": isinstance(instance, list),
        "string": isinstance(instance, str),
        "boolean": isinstance(instance, bool),
        "number": number,
        "integer": number and float(instance).is_integer(),
        "null": instance is None,
    }[name]


def _type(value: Any, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
    names = value if isinstance(value, list) else [value]
    return [] if any(_is_type(instance, name) for name in names) else [f"{where}: not of type {value}"]


def _properties(value: dict, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
    if not isinstance(instance, dict):
        return []
    return [error for key, sub in value.items() if key in instance for error in violations(sub, instance[key], root, f"{where}.{key}")]


def _additional(value: Any, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
    if not isinstance(instance, dict):
        return []
    extra = [key for key in instance if key not in schema.get("properties", {})]
    if value is False:
        return [f"{where}.{key}: unknown key" for key in extra]
    return [error for key in extra for error in violations(value, instance[key], root, f"{where}.{key}")]


def _required(value: list, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
    if not isinstance(instance, dict):
        return []
    return [f"{where}.{key}: required" for key in value if key not in instance]


def _property_names(value: dict, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
    if not isinstance(instance, dict):
        return []
    return [error for key in instance for error in violations(value, key, root, f"{where}[{key!r}]")]


def _items(value: Any, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
    if not isinstance(instance, list):
        return []
    pairs = zip(value, instance) if isinstance(value, list) else ((value, item) for item in instance)
    return [error for index, (sub, item) in enumerate(pairs) for error in violations(sub, item, root, f"{where}[{index}]")]


def _size(bound: str) -> Check:
    def check(value: int, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
        kind = list if bound.endswith("Items") else str
        if not isinstance(instance, kind):
            return []
        ok = len(instance) >= value if bound.startswith("min") else len(instance) <= value
        return [] if ok else [f"{where}: {bound} {value}"]
    return check


def _bound(name: str, holds: Callable[[float, float], bool]) -> Check:
    def check(value: float, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
        if not _is_type(instance, "number"):
            return []
        return [] if holds(instance, value) else [f"{where}: {instance} breaks {name} {value}"]
    return check


def _pattern(value: str, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
    if not isinstance(instance, str):
        return []
    return [] if re.search(value, instance) else [f"{where}: {instance!r} does not match {value}"]


def _const(value: Any, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
    return [] if instance == value and type(instance) is type(value) else [f"{where}: is not {value!r}"]


def _enum(value: list, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
    return [] if instance in value else [f"{where}: {instance!r} is not one of {value}"]


def _all_of(value: list, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
    return [error for sub in value for error in violations(sub, instance, root, where)]


def _any_of(value: list, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
    results = [violations(sub, instance, root, where) for sub in value]
    return [] if any(not errors for errors in results) else [f"{where}: matches none of {len(value)} choices"]


def _one_of(value: list, schema: dict, instance: Any, root: dict, where: str) -> list[str]:
    matching = sum(not violations(sub, instance, root, where) for sub in value)
    return [] if matching == 1 else [f"{where}: matches {matching} of {len(value)} choices, not exactly one"]


_KEYWORDS: dict[str, Check] = {
    "type": _type,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "propertyNames": _property_names,
    "items": _items,
    "minItems": _size("minItems"),
    "maxItems": _size("maxItems"),
    "minLength": _size("minLength"),
    "maxLength": _size("maxLength"),
    "minimum": _bound("minimum", lambda x, v: x >= v),
    "maximum": _bound("maximum", lambda x, v: x <= v),
    "exclusiveMinimum": _bound("exclusiveMinimum", lambda x, v: x > v),
    "exclusiveMaximum": _bound("exclusiveMaximum", lambda x, v: x < v),
    "pattern": _pattern,
    "const": _const,
    "enum": _enum,
    "allOf": _all_of,
    "anyOf": _any_of,
    "oneOf": _one_of,
}


# --- the schemas ----------------------------------------------------------------------------------


def object_schemas(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The root and every definition, by name."""
    yield "(root)", schema
    yield from schema.get("definitions", {}).items()


def undescribed(schema: dict[str, Any]) -> list[str]:
    """Every property of every table in the schema that has no description."""
    return [
        f"{name}.{key}"
        for name, node in object_schemas(schema)
        for key, prop in node.get("properties", {}).items()
        if not str(prop.get("description", "")).strip()
    ]


def subschemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every dict in a schema, defaults and constants included (enough for keyword checks)."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from subschemas(value)
    elif isinstance(node, list):
        for item in node:
            yield from subschemas(item)


def test_one_schema_per_kind_of_file_with_a_header():
    assert set(SCHEMAS) == set(SCHEMA_FILES) == set(root_models()) == {"exercise-spec", "quiz-bank", "course"}
    for name, schema in SCHEMAS.items():
        assert schema["$schema"] == DRAFT_07
        assert schema["$id"] == f"urn:grade:schema:{name}"
        assert schema["title"].startswith("grade ")
        assert schema["type"] == "object" and schema["additionalProperties"] is False


def test_top_level_properties_are_the_model_fields():
    for name, model in root_models().items():
        schema = SCHEMAS[name]
        assert set(schema["properties"]) == set(model.model_fields)
        assert set(schema.get("required", [])) == {key for key, field in model.model_fields.items() if field.is_required()}


def test_every_spec_model_is_in_a_schema():
    named = {schema["definitions"][key]["title"] for schema in SCHEMAS.values() for key in schema.get("definitions", {})}
    named |= {model.__name__ for model in root_models().values()}
    assert named == {model.__name__ for model in spec_models()}


def test_every_property_of_every_table_has_a_description():
    missing = [f"{name}: {where}" for name, schema in SCHEMAS.items() for where in undescribed(schema)]
    assert missing == [], "properties without a description: " + ", ".join(missing)


def test_a_missing_description_is_found():
    schema = copy.deepcopy(SCHEMAS["exercise-spec"])
    del schema["definitions"]["Probe"]["properties"]["wrt"]["description"]
    schema["properties"]["limits"]["description"] = " "
    assert undescribed(schema) == ["(root).limits", "Probe.wrt"]


def test_nested_descriptions_are_the_field_docstrings():
    exercise = SCHEMAS["exercise-spec"]
    probe = exercise["definitions"]["Probe"]["properties"]
    assert probe["wrt"]["description"].startswith("What to perturb")
    limits = exercise["properties"]["limits"]
    assert limits == {"allOf": [{"$ref": "#/definitions/Limits"}], "default": {"time_s": 5.0, "memory_mb": 512},
                      "description": "Time and memory for one check's run."}


def test_the_schemas_use_draft_07_keywords_only():
    for name, schema in SCHEMAS.items():
        text = json.dumps(schema)
        for word in ("$defs", "prefixItems", "discriminator", '{"type": "null"}'):
            assert word not in text, f"{name} still has {word}"
        lone = [sorted(node) for node in subschemas(schema) if "$ref" in node and len(node) > 1]
        assert lone == [], f"{name}: $ref with siblings, which draft-07 ignores: {lone}"
        titled = [key for _, node in object_schemas(schema) for key, prop in node.get("properties", {}).items() if "title" in prop]
        assert titled == [], f"{name}: generated field titles are left out"


def _members(union: dict[str, Any], schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [_resolve(schema, member["$ref"]) for member in union["oneOf"] if "$ref" in member]


def test_checks_and_questions_are_unions_tagged_by_kind():
    exercise, bank = SCHEMAS["exercise-spec"], SCHEMAS["quiz-bank"]
    checks = _members(exercise["properties"]["checks"]["items"], exercise)
    assert sorted(member["properties"]["kind"]["const"] for member in checks) == sorted(CheckKind)
    assert all("kind" in member["required"] for member in checks)
    questions = _members(bank["properties"]["questions"]["items"], bank)
    assert sorted(member["properties"]["kind"]["const"] for member in questions) == sorted(KINDS)


def test_inputs_and_steps_are_unions_of_their_forms():
    exercise = SCHEMAS["exercise-spec"]
    cases = exercise["definitions"]["CompareCheck"]["properties"]["cases"]["items"]
    assert cases["propertyNames"]["pattern"] == "^[A-Za-z][A-Za-z0-9_]*$"
    inputs = _members(cases["additionalProperties"], exercise)
    assert [member["title"] for member in inputs] == [
        "ArrayInput", "NormalInput", "UniformInput", "IntegersInput", "ProbabilitiesInput",
        "LabelsInput", "ChoiceInput", "ExprInput", "StrategyInput"]
    steps = exercise["definitions"]["CompareCheck"]["properties"]["steps"]["items"]["oneOf"]
    assert steps[0] == {"type": "string"}
    assert [member["title"] for member in _members({"oneOf": steps}, exercise)] == ["RepeatStep", "NumGradStep", "TimedStep"]


@pytest.mark.parametrize(("name", "path"), SHIPPED, ids=[str(path.relative_to(ROOT)) for _, path in SHIPPED])
def test_every_shipped_spec_file_satisfies_its_schema(name: str, path: Path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert violations(SCHEMAS[name], data, SCHEMAS[name]) == []


def test_the_shipped_files_are_all_there():
    kinds = [name for name, _ in SHIPPED]
    assert kinds.count("course") == 2 and kinds.count("exercise-spec") >= 16 and kinds.count("quiz-bank") >= 3


def _exercise() -> dict[str, Any]:
    return tomllib.loads((ROOT / "course" / "exercises" / "softmax.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda spec: spec.update(titel="x"), ".titel: unknown key"),
        (lambda spec: spec["checks"][0].update(compar=["y"]), ".checks[0]: matches 0 of 8 choices"),
        (lambda spec: spec["checks"][0].update(kind="comapre"), ".checks[0]: matches 0 of 8 choices"),
        (lambda spec: spec.pop("names"), ".names: required"),
        (lambda spec: spec.update(points="ten"), ".points: not of type number"),
        (lambda spec: spec.update(id="Softmax"), ".id: 'Softmax' does not match"),
        (lambda spec: spec.update(limits={"time_s": 0}), ".limits.time_s: 0 breaks exclusiveMinimum 0"),
        (lambda spec: spec["checks"][0]["cases"][0].update(x={"normal": [2], "sigma": 1}), ".checks[0]: matches 0 of 8"),
    ],
)
def test_the_schema_rejects_what_the_models_reject(change: Callable[[dict[str, Any]], Any], expected: str):
    spec = _exercise()
    assert violations(SCHEMAS["exercise-spec"], spec, SCHEMAS["exercise-spec"]) == []
    change(spec)
    found = violations(SCHEMAS["exercise-spec"], spec, SCHEMAS["exercise-spec"])
    assert any(expected in line for line in found), found


def test_input_names_follow_the_input_name_pattern():
    exercise = SCHEMAS["exercise-spec"]
    check = _exercise()["checks"][0]
    assert check["kind"] == "compare"
    check["cases"][0]["1x"] = 1.0
    found = violations(exercise["definitions"]["CompareCheck"], check, exercise)
    assert found == [".cases[0]['1x']: '1x' does not match ^[A-Za-z][A-Za-z0-9_]*$"]


def test_the_validator_refuses_a_keyword_it_does_not_know():
    with pytest.raises(AssertionError, match="does not know the keyword `uniqueItems`"):
        violations({"uniqueItems": True}, [1, 1], {})


def test_write_schemas_writes_three_stable_files(tmp_path: Path):
    first = write_schemas(tmp_path / "a")
    second = write_schemas(tmp_path / "b")
    assert [path.name for path in first] == ["grade-exercise.schema.json", "grade-quiz-bank.schema.json", "grade-course.schema.json"]
    for one, other, (name, schema) in zip(first, second, SCHEMAS.items()):
        text = one.read_text(encoding="utf-8")
        assert text == other.read_text(encoding="utf-8") == schema_text(schema)
        assert text.endswith("}\n") and json.loads(text) == schema
        assert list(json.loads(text)) == sorted(json.loads(text))


# --- the reference ------------------------------------------------------------------------------


def test_the_reference_is_up_to_date():
    written = (ROOT / "docs" / "spec-reference.md").read_text(encoding="utf-8")
    assert written == reference_markdown(), f"docs/spec-reference.md is out of date; regenerate it with `{REGENERATE}`"


def test_the_reference_has_a_table_for_every_model():
    text = reference_markdown()
    assert text.startswith("# Spec reference\n") and "do not edit" in text and REGENERATE in text
    for model in spec_models():
        section = text.split(f"\n### {model.__name__}\n", 1)[1].split("\n### ", 1)[0]
        for name in model.model_fields:
            assert f"\n| `{name}` | " in section, f"{model.__name__}.{name} is not in its table"
    assert "| `time_s` | 0 < float ≤ 600 | `5.0` |" in text
    assert "| `checks` | list[[Check](#check)], non-empty | **required** |" in text
    assert '| `exception` | "ValueError" \\| "TypeError"' in text
    assert "| `match_rtol` | float | *unset* |" in text
    assert "#:schema ./grade-exercise.schema.json" in text


def test_the_reference_refuses_to_leave_a_model_out(monkeypatch: pytest.MonkeyPatch):
    groups = tuple(spec_schema._GROUPS[:-1]) + (spec_schema._Group("The course map", "", (spec_schema._Entry("CourseSpec", "x"),)),)
    monkeypatch.setattr(spec_schema, "_GROUPS", groups)
    with pytest.raises(ValueError, match=r"missing \['Topic'\]"):
        reference_markdown()


def test_importing_the_module_loads_neither_models_nor_descriptions():
    code = (
        "import sys, grader.spec_schema\n"
        "print(sorted(m for m in ('grader.spec', 'grader.quiz.models', 'numpy') if m in sys.modules))\n"
        "from grader.spec import ExerciseSpec\n"
        "print(ExerciseSpec.model_fields['id'].description)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout.split("\n")
    assert out[:2] == ["[]", "None"]
