"""What every check kind shares: the implementations it runs and the problems it reports.

A check kind supplies a *judge*: given the student's plain results on one case, it returns a
`Problem` or None. The student's code runs in sandbox children (`StudentCode`); the reference,
accepted variants and known-wrong versions run in the grader's process (`Implementation`).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from grader.cases import DrawnCase
from grader.course import Course
from grader.program.steps import Program
from grader.sandbox.executor import Executor
from grader.sandbox.outcome import ProgramResult
from grader.sandbox.policy import Protections
from grader.sandbox.session import Crashed, Failure, ImportFailed, Limits, Session, TimedOut, Zygote, ZygoteLost
from grader.sandbox.values import to_plain
from grader.results import CheckResult, Problem
from grader.spec import ExerciseSpec, Misconception, Tolerance

MAX_TIMEOUTS = 2


class GraderBug(Exception):
    """Our own code or course data misbehaved (a reference raised, say): never blamed on the student."""


@dataclass(frozen=True)
class Evidence:
    """What a failed check saw, kept so that diagnosis can ask which known mistake explains it.

    `problem` is the judge's finding on `case`, or None when the student's code raised there
    (`result.error`). `others` are the check's other cases with the student's results on them,
    so that diagnosis can tell misconceptions apart without running the student's code again.
    """

    check: object
    """The spec check that failed (its program and name)."""
    case: DrawnCase
    result: ProgramResult
    problem: Problem | None
    judge: Judge | None = None
    errors_are_results: bool = False
    others: tuple[tuple[DrawnCase, ProgramResult], ...] = ()


@dataclass(frozen=True)
class CheckOutcome:
    """A check's verdict and, when it failed on the student's code, the evidence for diagnosis."""

    result: CheckResult
    evidence: Evidence | None = None


_IN_PROCESS = threading.Lock()


class Implementation:
    """Trusted code (the reference, a variant, a known-wrong version) run in the grader's process.

    Runs are serialised: programs may seed numpy's global random state, which two exercises
    graded in parallel threads would otherwise share.
    """

    def __init__(self, name: str, module: ModuleType) -> None:
        self.name = name
        self._executor = Executor(module)

    def run(self, program: Program, inputs: dict[str, object]) -> ProgramResult:
        with _IN_PROCESS:
            return self._executor.run(program, copy.deepcopy(inputs))


class StudentCode:
    """The student's exercise file, run in sandbox children; a failed child is replaced on the next run.

    `workspace` is the submission's snapshot. A child that dies because the zygote died is not
    the student's doing: that raises `ZygoteLost`, and the engine grades the exercise again.
    """

    def __init__(
        self,
        zygote: Zygote,
        *,
        workspace: Path,
        exercise_id: str,
        limits: Limits,
        packages: tuple[str, ...] = ("numpy",),
        strict: bool = False,
    ) -> None:
        self._zygote = zygote
        self._workspace = workspace
        self._exercise_id = exercise_id
        self._limits = limits
        self._packages = packages
        self._strict = strict
        self._session: Session | None = None
        self.import_problem: ImportFailed | Failure | None = None
        self.timeouts = 0
        self.protections: Protections | None = None
        self._output: list[str] = []

    def run(self, program: Program, inputs: dict[str, object]) -> ProgramResult | ImportFailed | Failure:
        results = self.run_batch(program, [inputs])
        return results[0] if isinstance(results, list) else results

    def run_batch(
        self, program: Program, batch: list[dict[str, object]], *, stop_on_error: bool = False
    ) -> list[ProgramResult] | ImportFailed | Failure:
        """Run a program on several input sets in one round trip to the sandbox (see `Session.run_batch`)."""
        if self.import_problem is not None:
            return self.import_problem
        if self.timeouts >= MAX_TIMEOUTS:
            return TimedOut(self._limits.time_s)
        if self._session is None or self._session.closed:
            self._collect_output()
            self._session = Session(
                self._zygote, workspace=self._workspace, exercise_id=self._exercise_id, limits=self._limits,
                packages=self._packages, strict=self._strict,
            )
            problem = self._session.start()
            if self.protections is None:
                self.protections = self._session.protections
            if problem is not None:
                self._check_zygote(problem)
                self.import_problem = problem
                if isinstance(problem, TimedOut):
                    self.timeouts += 1
                return problem
        results = self._session.run_batch(
            program, [{n: to_plain(v) for n, v in inputs.items()} for inputs in batch], stop_on_error=stop_on_error
        )
        self._check_zygote(results)
        if isinstance(results, TimedOut):
            self.timeouts += 1
        return results

    def _check_zygote(self, outcome: object) -> None:
        if isinstance(outcome, Crashed) and not self._zygote.alive():
            raise ZygoteLost("the sandbox zygote stopped while it ran this exercise")

    def _collect_output(self) -> None:
        if self._session is not None:
            if not self._session.closed:
                self._session.close()
            if self._session.output:
                self._output.append(self._session.output)
            self._session = None

    def close(self) -> str:
        """End the child; return everything it printed (trimmed)."""
        self._collect_output()
        return "\n".join(self._output)


@dataclass
class CheckContext:
    """Everything a check needs: the exercise, the student's code and the trusted implementations."""

    course: Course
    exercise: ExerciseSpec
    student: StudentCode
    workspace: Path
    """The submission's snapshot (its `exercises/` and `data/`), not the student's live folder."""
    _implementations: dict[str, Implementation] = field(default_factory=dict)

    @property
    def reference(self) -> Implementation:
        return self._implementation("reference", lambda: self.course.reference(self.exercise.id))

    def variants(self) -> list[Implementation]:
        return [
            self._implementation(f"variant:{v.id}", lambda v=v: self.course.variant(self.exercise.id, v.id))
            for v in self.exercise.variants
        ]

    def misconceptions(self, check_name: str) -> list[tuple[Misconception, Implementation]]:
        return [
            (m, self._implementation(f"wrong:{m.id}", lambda m=m: self.course.misconception(self.exercise.id, m.id)))
            for m in self.exercise.misconceptions
            if not m.checks or check_name in m.checks
        ]

    def _implementation(self, key: str, load: Callable[[], ModuleType]) -> Implementation:
        if key not in self._implementations:
            self._implementations[key] = Implementation(key, load())
        return self._implementations[key]

    def tolerance(self, override: Tolerance | None) -> Tolerance:
        return override or self.exercise.tolerance

    @property
    def student_file(self) -> Path:
        return self.workspace / "exercises" / f"{self.exercise.id}.py"


Judge = Callable[[DrawnCase, ProgramResult], Problem | None]


def reference_result(ctx: CheckContext, program: Program, case: DrawnCase) -> ProgramResult:
    """Run the reference; an exception there is a bug in the course, not the student's doing."""
    result = ctx.reference.run(program, case.values)
    if result.error is not None:
        raise GraderBug(
            f"the reference for {ctx.exercise.id} raised {result.error.headline()} in {result.error.step}"
        )
    return result
