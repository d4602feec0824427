"""The spec models: what an exercise file in `course/exercises/*.toml` and `course/course.toml` may say.

Strict pydantic models (unknown keys are errors, everything frozen, every field documented by
the docstring under it). Check kinds and input kinds are tagged unions, so adding an exercise of
a known kind is a matter of writing data. Steps and expressions are compiled while the spec is
validated, so a typo in a spec is reported with its field path before any student code runs.

The models live by topic in `inputs`, `checks` and `exercise` (and the step tables in
`grader.statements`); everything is importable from here.
"""

from __future__ import annotations

from grader.spec.checks import (
    AccuracyCheck,
    Assertion,
    Check,
    CheckKind,
    CompareCheck,
    CompareMode,
    ExpectCheck,
    GradientCheck,
    HypothesisCheck,
    ImportsCheck,
    IrisSplit,
    Probe,
    RaisesCheck,
    SpeedNote,
    Tolerance,
    UnchangedCheck,
)
from grader.spec.exercise import (
    RESERVED_IDS,
    CourseSpec,
    ExerciseSpec,
    Limits,
    Misconception,
    NameSpec,
    PythonName,
    Topic,
    Variant,
)
from grader.spec.inputs import (
    ArrayInput,
    Case,
    ChoiceInput,
    Dim,
    ExprInput,
    ExprSource,
    InputName,
    InputSpec,
    IntegersInput,
    LabelsInput,
    NormalInput,
    ProbabilitiesInput,
    ScalarLiteral,
    StrategyInput,
    UniformInput,
)
from grader.spec_base import Identifier, StrictModel
from grader.statements import NumGradStep, RepeatStep, StepSpec, StepTable, TimedStep

__all__ = [
    "RESERVED_IDS",
    "AccuracyCheck",
    "ArrayInput",
    "Assertion",
    "Case",
    "Check",
    "CheckKind",
    "ChoiceInput",
    "CompareCheck",
    "CompareMode",
    "CourseSpec",
    "Dim",
    "ExerciseSpec",
    "ExpectCheck",
    "ExprInput",
    "ExprSource",
    "GradientCheck",
    "HypothesisCheck",
    "Identifier",
    "ImportsCheck",
    "InputName",
    "InputSpec",
    "IntegersInput",
    "IrisSplit",
    "LabelsInput",
    "Limits",
    "Misconception",
    "NameSpec",
    "NormalInput",
    "NumGradStep",
    "ProbabilitiesInput",
    "Probe",
    "PythonName",
    "RaisesCheck",
    "RepeatStep",
    "ScalarLiteral",
    "SpeedNote",
    "StepSpec",
    "StepTable",
    "StrategyInput",
    "StrictModel",
    "TimedStep",
    "Tolerance",
    "Topic",
    "UnchangedCheck",
    "UniformInput",
    "Variant",
]
