"""An exercise spec (`course/exercises/<id>.toml`) and the course map (`course/course.toml`).

The exercise spec says what the student implements (the names, their signatures), what they get
(time and memory, ordered hints), what the grader knows about wrong answers (misconceptions) and
other right ones (variants), and the checks with their points.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from grader.spec.checks import Check, Tolerance
from grader.spec_base import Identifier, StrictModel, require_unique

RESERVED_IDS = frozenset({"init", "list", "hint", "reset", "watch", "progress", "quiz", "course", "batch", "stats", "gradescope", "help"})
"""Subcommands of `grade`, which `grade <exercise>` could not tell from an exercise id."""

PythonName = Annotated[str, Field(pattern=r"^(?:[a-z][a-z0-9_]*|[A-Z][A-Za-z0-9_]*)$", max_length=64)]
"""A function name in snake_case (`softmax`) or a class name in CapWords (`Affine`)."""

ModuleName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
"""The top-level name of an installed package (`numpy`, `scipy`)."""


class Limits(StrictModel):
    """Resources the student's code gets, e.g. `[limits]` with `time_s = 5` and `memory_mb = 512`."""

    time_s: float = Field(5.0, gt=0, le=600)
    """Wall-clock seconds for one check's run, importing the file included (default 5, at most 600)."""
    memory_mb: int = Field(512, ge=64, le=16384)
    """Address space the child may add on top of a bare interpreter with numpy, in MiB (default 512)."""


class NameSpec(StrictModel):
    """A function or class the grader calls, e.g. `{ name = "softmax", signature = "softmax(x) -> ndarray" }`."""

    name: PythonName
    """The name as it appears in the stub: snake_case for a function, CapWords for a class."""
    signature: str
    """How it is called, for the student's eyes (e.g. `softmax(x) -> ndarray`)."""


class Misconception(StrictModel):
    """A known wrong behaviour, given as a wrong implementation, and the message that explains it.

    The implementation lives in `course/misconceptions/<exercise>/<id>.py` and may define only
    the names it gets wrong; the others come from the reference. When a check fails and the
    wrong implementation fails it the same way on the same input, the student sees `message`.
    """

    id: Identifier
    """Name of the file with the wrong implementation, without `.py`."""
    message: str = Field(min_length=10)
    """The targeted hint (at least 10 characters): what the mistake is and how to fix it."""
    checks: tuple[str, ...] = ()
    """Names of the checks it explains; empty means any."""
    match_rtol: float | None = None
    """Relative tolerance for "fails the same way", e.g. 1e-3; the check's own tolerance when unset."""


class Variant(StrictModel):
    """Another correct convention (in `course/variants/<exercise>/<id>.py`) that checks also accept."""

    id: Identifier
    """Name of the file with the alternative implementation, without `.py`."""
    description: str
    """What convention it stands for, e.g. "ReLU's derivative at 0 taken as 1"."""


class ExerciseSpec(StrictModel):
    """One exercise: what the student implements and every check of it."""

    format_version: Literal[1] = 1
    """Version of this spec format; 1, the only one so far."""
    id: Identifier
    """The exercise id; the stub is `exercises/<id>.py`, the reference `solutions/<id>.py`, the spec
    `course/exercises/<id>.toml`. It cannot be a `grade` subcommand (init, list, hint...)."""
    title: str
    """The exercise's name as lists and reports show it, e.g. "Layers with forward and backward"."""
    summary: str = Field(min_length=10, max_length=200)
    """One line (10 to 200 characters) on what the student builds."""
    topic: Identifier
    """A topic id from `course/course.toml`."""
    section: str
    """Where the notes cover it, e.g. "Day 1 §3"."""
    points: float = Field(gt=0)
    """The exercise's total; must equal the sum of the checks' points."""
    requires: list[Identifier] = []
    """Exercises this one builds on; each must come earlier in the course order."""
    names: list[NameSpec] = Field(min_length=1)
    """The functions and classes the student writes, as `[[names]]` tables."""
    tolerance: Tolerance = Tolerance()
    """Default tolerance for float comparisons; a check or an assertion may override it."""
    limits: Limits = Limits()
    """Time and memory for one check's run."""
    hints: list[str] = Field(min_length=1)
    """From a nudge to nearly the answer, revealed one at a time (`grade hint`)."""
    misconceptions: list[Misconception] = []
    """Known wrong implementations with their targeted messages, as `[[misconceptions]]` tables."""
    variants: list[Variant] = []
    """Other correct conventions the checks accept, as `[[variants]]` tables."""
    checks: list[Check] = Field(min_length=1)
    """The checks, run in this order, as `[[checks]]` tables with a `kind`."""

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_IDS:
            raise ValueError(f"`{value}` is a grade subcommand and cannot be an exercise id")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ExerciseSpec:
        names = [c.name for c in self.checks]
        require_unique("check names", names)
        total = sum(c.points for c in self.checks)
        if abs(total - self.points) > 1e-9:
            raise ValueError(f"points is {self.points:g} but the checks add up to {total:g}")
        require_unique("misconception and variant ids", [m.id for m in self.misconceptions] + [v.id for v in self.variants])
        for misconception in self.misconceptions:
            unknown = [c for c in misconception.checks if c not in names]
            if unknown:
                raise ValueError(f"misconception {misconception.id} names unknown checks {unknown}")
        if self.id in self.requires:
            raise ValueError("an exercise cannot require itself")
        return self


class Topic(StrictModel):
    """A course topic: exercises and quiz questions are grouped by it, and progress is shown per topic."""

    id: Identifier
    """The topic id that exercises and questions name in their `topic` key."""
    title: str
    """The topic's name as shown, e.g. "Neurons and activation functions"."""
    section: str
    """Where the notes cover it, e.g. "Day 1 §1-2"."""


class CourseSpec(StrictModel):
    """`course/course.toml`: the course's title, topics and exercise order."""

    format_version: Literal[1] = 1
    """Version of this file's format; 1, the only one so far."""
    title: str
    """The course's name, shown by `grade` and the app."""
    topics: list[Topic] = Field(min_length=1)
    """The topics in course order, as `[[topics]]` tables."""
    exercises: list[Identifier] = Field(min_length=1)
    """Exercise ids in course order; each has `course/exercises/<id>.toml`."""
    packages: list[ModuleName] = ["numpy"]
    """Installed third-party packages that exercise code may import. The sandbox's filesystem view
    holds only these (and the standard library): any other package is not there to import."""

    @model_validator(mode="after")
    def _unique(self) -> CourseSpec:
        require_unique("topic ids", [t.id for t in self.topics])
        require_unique("exercise ids", list(self.exercises))
        return self
