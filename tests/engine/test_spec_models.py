"""The spec models document themselves, share one strict base, and tag checks with `CheckKind`."""

from __future__ import annotations

import subprocess
import sys
from typing import get_args

import pytest
from pydantic import ValidationError

from grader.spec import (
    Check,
    CheckKind,
    CompareCheck,
    ExerciseSpec,
    GradientCheck,
    NumGradStep,
    RepeatStep,
    SpeedNote,
    TimedStep,
)
from grader.spec_base import StrictModel, field_descriptions, spec_location
from grader.spec_schema import spec_models
from grader.statements import StatementError, compile_steps

MODELS = spec_models()  # every model reachable from the exercise spec, the course map and the quiz bank


def test_the_walk_reaches_nested_models():
    names = {model.__name__ for model in MODELS}
    # one from each corner: step tables (through a recursive union), gradient probes, inputs in a
    # dict of a list of a union member, the quiz's questions and their parts
    expected = {"RepeatStep", "NumGradStep", "TimedStep", "Probe", "SpeedNote", "IrisSplit", "StrategyInput",
                "ExprInput", "Topic", "FreeTextQuestion", "IntParameter", "FigureRef", "KnownWrongOrder"}
    assert expected <= names
    assert len(MODELS) >= 50


def test_every_field_of_every_spec_model_is_described():
    undocumented = [
        f"{model.__module__}.{model.__qualname__}.{name}"
        for model in MODELS
        for name, description in field_descriptions(model).items()
        if not description.strip()
    ]
    assert undocumented == [], "fields without a docstring under them: " + ", ".join(undocumented)


def test_every_spec_model_has_its_own_docstring():
    missing = [model.__qualname__ for model in MODELS if not (model.__dict__.get("__doc__") or "").strip()]
    assert missing == []


def test_every_spec_model_is_strict_and_frozen():
    assert all(issubclass(model, StrictModel) for model in MODELS)
    with pytest.raises(ValidationError, match="Extra inputs"):
        TimedStep.model_validate({"timed": "f(x)", "save": "t", "sav": "u"})
    step = TimedStep(timed="f(x)", save="t")
    with pytest.raises(ValidationError, match="frozen"):
        step.save = "u"  # type: ignore[misc]


def test_check_kinds_are_an_enum_that_equals_its_toml_string():
    members = [get_args(model.model_fields["kind"].annotation)[0] for model in get_args(get_args(Check)[0])]
    assert sorted(members) == sorted(CheckKind)
    assert all(isinstance(member, CheckKind) for member in members)
    check = CompareCheck.model_validate(
        {"kind": "compare", "name": "twice", "points": 1, "steps": ["y = f(x)"], "compare": ["y"], "cases": [{"x": 1.0}]}
    )
    assert check.kind is CheckKind.COMPARE and check.kind == "compare" and f"{check.kind}" == "compare"


def test_step_tables_validate_into_models():
    check = CompareCheck.model_validate({
        "kind": "compare", "name": "loop", "points": 1, "compare": ["y", "z"], "cases": [{"x": 1.0}],
        "steps": ["y = f(x)", {"repeat": 2, "steps": ["y = f(y)", {"repeat": 3, "steps": ["z = f(y)"]}]}, {"timed": "f(x)", "save": "t"}],
    })
    loop, timing = check.steps[1], check.steps[2]
    assert isinstance(loop, RepeatStep) and loop.repeat == 2 and isinstance(loop.steps[1], RepeatStep)
    assert isinstance(timing, TimedStep) and timing.repeat == 3
    assert len(check.program.steps) == 3


def test_compile_steps_takes_models_and_plain_dicts_alike():
    table = {"numgrad": "x", "steps": ["out = f(x)"], "objective": "out", "save": "g", "h": 1e-4}
    from_model, _ = compile_steps([NumGradStep.model_validate(table)], ["x", "f"])
    from_dict, bound = compile_steps([table], ["x", "f"])
    assert from_model == from_dict and from_dict[0].h == 1e-4
    assert {"g.plus", "g.minus"} <= bound


@pytest.mark.parametrize(
    ("table", "reason"),
    [
        ({"numgrad": "x", "steps": ["out = f(x)"], "objective": "nope", "save": "g"}, "step 1: objective `nope` is not bound by the numgrad steps"),
        ({"numgrad": "x", "steps": ["out = f(x)"], "save": "g"}, "step 1: objective: Field required"),
        ({"numgrad": "x(", "steps": ["out = f(x)"], "objective": "out", "save": "g"}, "step 1 numgrad `x(`: not valid Python"),
        ({"numgrad": "x + 1", "steps": ["out = f(x)"], "objective": "out", "save": "g"}, "step 1 numgrad `x + 1`: `x + 1` is not a name"),
        ({"numgrad": "x", "steps": ["out = f(x)"], "objective": "out", "weight": "w", "save": "g"}, "step 1 weight `w`: `w` is neither an input"),
        ({"timed": "t = x", "save": "t"}, "step 1: `timed` must be a call"),
        ({"timed": "f(q)", "save": "t"}, "step 1 timed `f(q)`: `q` is neither an input"),
        ({"repeat": 2, "steps": ["y = f(x)", "z = g(q)"]}, "step 1.2 `z = g(q)`: `q` is neither an input"),
        ({"repeat": 0, "steps": ["y = f(x)"]}, "step 1: repeat: Input should be greater than or equal to 1"),
        ({"loop": 2, "steps": ["y = f(x)"]}, "step 1: a step table has a `repeat`, `numgrad` or `timed` key; this one has `loop`, `steps`"),
    ],
)
def test_bad_step_tables_say_which_step_and_why(table, reason):
    with pytest.raises(StatementError) as caught:
        compile_steps([table], ["x", "f"])
    assert reason in str(caught.value)


def test_speed_note_and_probes_compile_through_the_table_models():
    note = SpeedNote.model_validate({"call": "f(x)", "inputs": {"x": {"normal": [3]}}, "repeat": 2})
    assert note.program.steps[-1].repeat == 2 and note.program.steps[-1].save == "t"
    with pytest.raises(ValidationError, match=r"probe 1: step 1: objective `nope` is not bound"):
        GradientCheck.model_validate({
            "kind": "gradient", "name": "grads", "points": 1, "cases": [{"x": {"normal": [3]}}], "steps": ["dx = g(x)"],
            "probes": [{"wrt": "x", "analytic": "dx", "forward": ["out = f(x)"], "objective": "nope"}],
        })


@pytest.mark.parametrize(
    ("loc", "where", "owner"),
    [
        (("checks", 0, "compare", "compare"), "checks[0].compare", CompareCheck),
        (("checks", 0, "compare", "compar"), "checks[0].compar", CompareCheck),
        (("checks", 1, "compare", "cases", 0, "x", "expr", "expr"), "checks[1].cases[0].x.expr", None),
        (("checks", 0, "compare", "steps", 2, "repeat", "steps", 0, "timed", "repeat"), "checks[0].steps[2].steps[0].repeat", TimedStep),
        (("names", 0, "name"), "names[0].name", None),
        ((), "", None),
    ],
)
def test_locations_drop_exactly_the_union_tags(loc, where, owner):
    rendered, found = spec_location(ExerciseSpec, loc)
    assert rendered == where
    if owner is not None:
        assert found is owner


def test_importing_the_specs_stays_light():
    code = "import sys, grader.spec; print(sorted(m for m in ('grader.sandbox', 'hypothesis', 'sympy', 'textual') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"
