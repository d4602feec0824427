"""Typed results of a grading run: per check, per exercise, per run."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from grader.sandbox.policy import Protections
from grader.spec.checks import CheckKind
from grader.sandbox.values import Value


class ExerciseStatus(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    NOT_STARTED = "not_started"


class CheckStatus(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"


class Reason(StrEnum):
    """Why a check ended as it did; finer than `CheckStatus`, used to derive the exercise status."""

    OK = "ok"
    WRONG = "wrong"
    RAISED = "raised"
    NOT_IMPLEMENTED = "not_implemented"
    MISSING = "missing"
    TIMEOUT = "timeout"
    CRASHED = "crashed"
    SKIPPED = "skipped"

    @property
    def status(self) -> CheckStatus:
        return {
            Reason.OK: CheckStatus.PASSED,
            Reason.WRONG: CheckStatus.FAILED,
            Reason.NOT_IMPLEMENTED: CheckStatus.FAILED,
            Reason.SKIPPED: CheckStatus.SKIPPED,
        }.get(self, CheckStatus.ERROR)


class GraderKind(StrEnum):
    """Results the grader gives that belong to no check of the spec."""

    FILE = "file"
    """The exercise file is missing."""
    INTERNAL = "internal"
    """The grader itself failed on this exercise."""


ResultKind = CheckKind | GraderKind
"""What kind of check (or of grader verdict) a result is."""


@dataclass(frozen=True)
class Problem:
    """What a check's judge found wrong with one case's results; `observation` is what diagnosis compares."""

    summary: str
    details: tuple[str, ...] = ()
    observation: dict[str, Value] = field(default_factory=dict)
    subject: str | None = None


@dataclass(frozen=True, kw_only=True)
class CheckResult:
    """The verdict on one check, with everything the student needs to act on it."""

    name: str
    kind: ResultKind
    reason: Reason
    points: float
    max_points: float
    summary: str = ""
    details: tuple[str, ...] = ()
    hint: str | None = None
    misconception: str | None = None
    notes: tuple[str, ...] = ()
    visibility: str = "visible"
    """Who sees it on Gradescope (the spec's `visibility`)."""
    measure: float | None = None
    """A number the check measured, for a leaderboard (the Iris test accuracy)."""
    position: int = 0
    """The check's place in its exercise's spec, from 1 (0 for a check the grader made up)."""

    @property
    def status(self) -> CheckStatus:
        return self.reason.status

    @property
    def passed(self) -> bool:
        return self.reason is Reason.OK

    @property
    def message(self) -> str:
        """The full explanation: summary, the lines that show it, the targeted hint, notes."""
        lines = [self.summary] if self.summary else []
        lines += [f"  {line}" for line in self.details]
        if self.hint:
            lines.append(f"hint: {self.hint}")
        lines += [f"note: {note}" for note in self.notes]
        return "\n".join(lines)


@dataclass(frozen=True, kw_only=True)
class ExerciseResult:
    """The verdict on one exercise."""

    id: str
    title: str
    topic: str
    status: ExerciseStatus
    score: float
    max_score: float
    duration_s: float
    checks: tuple[CheckResult, ...]
    feedback: str = ""
    output: str = ""
    protections: Protections | None = None
    """What the sandbox had in force while this exercise ran (None when no child was started)."""
    position: int = 0
    """The exercise's place in the course order, from 1 (stable whichever exercises were graded)."""

    @property
    def passed_checks(self) -> int:
        return sum(1 for c in self.checks if c.passed)

    @property
    def first_problem(self) -> CheckResult | None:
        return next((c for c in self.checks if not c.passed), None)


@dataclass(frozen=True)
class SandboxReport:
    """How a run was confined: graded (strict) or self-study, and the protections in force."""

    strict: bool
    protections: Protections | None

    @property
    def mode(self) -> str:
        return "graded" if self.strict else "self-study"


@dataclass(frozen=True)
class GradeRun:
    """All exercises graded by one `grade` invocation."""

    workspace: Path
    results: tuple[ExerciseResult, ...]
    started_at: datetime
    duration_s: float
    revealed_hints: dict[str, tuple[str, ...]] = field(default_factory=dict)
    course_fingerprint: str = ""
    """A hash of the trusted implementations the run compared against."""
    sandbox: SandboxReport | None = None

    @property
    def score(self) -> float:
        return sum(r.score for r in self.results)

    @property
    def max_score(self) -> float:
        return sum(r.max_score for r in self.results)

    @property
    def all_passed(self) -> bool:
        return all(r.status is ExerciseStatus.PASSED for r in self.results)


def exercise_status(checks: tuple[CheckResult, ...], *, import_failed: bool = False, import_timed_out: bool = False) -> ExerciseStatus:
    """One status for the exercise from its checks (see `docs/cli.md`)."""
    if import_timed_out:
        return ExerciseStatus.TIMEOUT
    if import_failed:
        return ExerciseStatus.ERROR
    reasons = [c.reason for c in checks if c.kind is not CheckKind.IMPORTS]
    if reasons and all(r in (Reason.NOT_IMPLEMENTED, Reason.SKIPPED) for r in reasons) and Reason.NOT_IMPLEMENTED in reasons:
        return ExerciseStatus.NOT_STARTED
    if any(r is Reason.TIMEOUT for r in reasons):
        return ExerciseStatus.TIMEOUT
    if any(r in (Reason.RAISED, Reason.CRASHED, Reason.MISSING) for r in reasons):
        return ExerciseStatus.ERROR
    if all(c.passed for c in checks):
        return ExerciseStatus.PASSED
    return ExerciseStatus.FAILED
