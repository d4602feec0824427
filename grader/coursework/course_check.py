"""Check a whole course, as an instructor does before shipping it (rustlings' `dev check`, done fully).

Everything is loaded and every problem reported at once: the files (`course_lint`), the specs,
the question bank; then every reference must pass its own spec, every stub must be not started,
every accepted variant must pass, every misconception must fail *with its own message*, and every
question's right answer must be accepted and its declared wrong answers rejected. The
misconceptions also measure the checks: the *mutation score* of an exercise is the share of its
misconceptions caught with their own message, and a check that no misconception fails is flagged.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from grader.course import Course, checked_course, combined_source
from grader.course_lint import lint_course
from grader.engine import GradingOptions, grade_exercise
from grader.results import ExerciseResult, ExerciseStatus
from grader.workspace import Workspace, init_workspace


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the course, as one line: the file and what is wrong."""

    file: str
    message: str

    def line(self) -> str:
        return f"{self.file}: {self.message}"


@dataclass(frozen=True)
class MisconceptionCatch:
    """How the checks of an exercise did against one declared misconception."""

    id: str
    failing_checks: tuple[str, ...]
    """The checks its wrong implementation fails."""
    own_message: bool
    """Whether the student would be shown this misconception's own hint."""

    @property
    def caught(self) -> bool:
        return bool(self.failing_checks) and self.own_message


@dataclass(frozen=True)
class ExerciseAudit:
    """The mutation score of one exercise and what each of its checks catches."""

    id: str
    misconceptions: tuple[MisconceptionCatch, ...]
    checks: tuple[str, ...]

    @property
    def score(self) -> float | None:
        """The share of misconceptions caught with their own message (None without misconceptions)."""
        if not self.misconceptions:
            return None
        return sum(m.caught for m in self.misconceptions) / len(self.misconceptions)

    def alone(self, check: str) -> int:
        """How many misconceptions this check is the only one to catch."""
        return sum(m.failing_checks == (check,) for m in self.misconceptions)

    def catches(self, check: str) -> int:
        """How many misconceptions fail this check."""
        return sum(check in m.failing_checks for m in self.misconceptions)

    @property
    def idle_checks(self) -> tuple[str, ...]:
        """Checks that no misconception fails: nothing shows that they can fail."""
        return tuple(c for c in self.checks if self.misconceptions and not self.catches(c))


@dataclass
class CourseCheck:
    """Everything `grade course check` found."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    exercises: list[ExerciseAudit] = field(default_factory=list)
    questions: int = 0
    """How many questions were checked."""

    @property
    def ok(self) -> bool:
        return not self.problems


def check_course(root: Path, *, options: GradingOptions | None = None, jobs: int = 2) -> CourseCheck:
    """Check the course at `root`; never raises for a problem of the course, only reports it.

    Hidden checks run too: they are part of the course an autograder grades with.
    """
    options = options or GradingOptions(hidden_checks=True)
    report = CourseCheck(root)
    report.problems += [Problem(p.file, p.message) for p in lint_course(root)]
    course, loading = checked_course(root)
    report.problems += [_problem_from(line) for line in loading]
    bank = _checked_bank(root, report)
    if course is None:
        return report
    if bank is not None:
        _check_questions(bank, report)
    with tempfile.TemporaryDirectory(prefix="grade-course-check-") as tmp:
        solved = _solved_template(course, Path(tmp) / "solved")
        tasks: list[Callable[[], None]] = []
        audits: dict[str, list[MisconceptionCatch]] = {e: [] for e in course.exercises}
        for number, exercise_id in enumerate(course.exercises):
            tasks.append(lambda e=exercise_id, n=number: _check_reference_and_stub(course, e, solved, Path(tmp) / f"r{n}", report, options))
            spec = course.exercise(exercise_id)
            for variant in spec.variants:
                tasks.append(lambda e=exercise_id, v=variant.id: _check_variant(course, e, v, solved, Path(tmp) / f"v-{e}-{v}", report, options))
            for misconception in spec.misconceptions:
                tasks.append(lambda e=exercise_id, m=misconception: audits[e].append(
                    _catch(course, e, m.id, m.message, solved, Path(tmp) / f"m-{e}-{m.id}", report, options)))
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            for future in [pool.submit(task) for task in tasks]:
                future.result()
    for exercise_id, catches in audits.items():
        order = [m.id for m in course.exercise(exercise_id).misconceptions]
        catches.sort(key=lambda c: order.index(c.id))
        report.exercises.append(ExerciseAudit(exercise_id, tuple(catches), tuple(c.name for c in course.exercise(exercise_id).checks)))
    report.problems.sort(key=lambda p: (p.file, p.message))
    return report


def _problem_from(message: str) -> Problem:
    """A loader's `file: path: reason` message as a problem."""
    file, _, rest = message.partition(": ")
    return Problem(file, rest) if rest else Problem("course.toml", message)


def _solved_template(course: Course, folder: Path) -> Path:
    """A workspace with every reference in place (siblings import each other)."""
    workspace = init_workspace(folder, course)
    for exercise_id in course.exercises:
        shutil.copyfile(course.reference_path(exercise_id), workspace.exercise_file(exercise_id))
    return folder


def _copy(template: Path, folder: Path) -> Workspace:
    shutil.copytree(template, folder, symlinks=True)
    return Workspace(folder)


def _failures(result: ExerciseResult) -> str:
    failed = next((c for c in result.checks if not c.passed), None)
    return f"{failed.name}: {failed.summary}" if failed is not None else result.feedback


def _check_reference_and_stub(course: Course, exercise_id: str, solved: Path, folder: Path, report: CourseCheck,
                              options: GradingOptions | None) -> None:
    reference = grade_exercise(course, exercise_id, Workspace(solved), options=options)
    if reference.status is not ExerciseStatus.PASSED:
        report.problems.append(Problem(f"solutions/{exercise_id}.py", f"the reference fails its own spec ({_failures(reference)})"))
    workspace = _copy(solved, folder)
    shutil.copyfile(course.stub_path(exercise_id), workspace.exercise_file(exercise_id))
    stub = grade_exercise(course, exercise_id, workspace, options=options)
    if stub.status is not ExerciseStatus.NOT_STARTED:
        report.problems.append(Problem(f"exercises/{exercise_id}.py",
                                       f"the untouched stub is {stub.status.value.replace('_', ' ')}, not `not started` ({_failures(stub)})"))


def _check_variant(course: Course, exercise_id: str, variant_id: str, solved: Path, folder: Path, report: CourseCheck,
                   options: GradingOptions | None) -> None:
    workspace = _copy(solved, folder)
    source = combined_source(course.reference_path(exercise_id).read_text(), course.variant_path(exercise_id, variant_id).read_text())
    workspace.exercise_file(exercise_id).write_text(source)
    result = grade_exercise(course, exercise_id, workspace, options=options)
    if result.status is not ExerciseStatus.PASSED:
        report.problems.append(Problem(f"course/variants/{exercise_id}/{variant_id}.py",
                                       f"an accepted variant fails ({_failures(result)})"))


def _catch(course: Course, exercise_id: str, misconception_id: str, message: str, solved: Path, folder: Path,
           report: CourseCheck, options: GradingOptions | None) -> MisconceptionCatch:
    workspace = _copy(solved, folder)
    path = course.wrong_path(exercise_id, misconception_id)
    workspace.exercise_file(exercise_id).write_text(combined_source(course.reference_path(exercise_id).read_text(), path.read_text()))
    result = grade_exercise(course, exercise_id, workspace, options=options)
    failing = tuple(c.name for c in result.checks if not c.passed)
    shown = [c for c in result.checks if c.misconception is not None]
    own = any(c.misconception == misconception_id and c.hint == message for c in shown)
    file = f"course/misconceptions/{exercise_id}/{misconception_id}.py"
    if result.status is ExerciseStatus.PASSED:
        report.problems.append(Problem(file, "this misconception passes every check: it is correct, or no check catches it"))
    elif not own:
        other = shown[0].misconception if shown else None
        told = f"the hint of `{other}` is shown instead" if other else "no hint is shown"
        report.problems.append(Problem(file, f"it fails ({', '.join(failing)}) but {told}"))
    return MisconceptionCatch(misconception_id, failing, own)


def _checked_bank(root: Path, report: CourseCheck):
    """The course's question bank, loaded once, with every problem of its files reported; None when
    it does not load or the course has no quizzes."""
    from grader.coursework.locate import quiz_bank_dir
    from grader.quiz.bank import checked_bank

    folder = quiz_bank_dir(root)
    if not any(folder.glob("*.toml")):
        return None  # a course without quizzes
    bank, lines = checked_bank(folder)
    report.problems += [_problem_from(line) for line in lines]
    return bank


def _check_questions(bank, report: CourseCheck) -> None:
    from grader.quiz.answer_key import known_wrong_answers, right_answer
    from grader.quiz.checking import check_answer, instantiate
    from grader.quiz.models import CodeChoiceQuestion, FreeTextQuestion, SingleChoiceQuestion
    from grader.quiz.verdicts import Status

    sources = dict(bank.source)
    for question in bank.questions:
        report.questions += 1
        qid = question.id
        path = sources.get(qid)
        file = f"course/quizzes/{path.name}" if path is not None else "course/quizzes"
        instance = instantiate(question)
        if isinstance(question, (SingleChoiceQuestion, CodeChoiceQuestion)):
            right = sum(o.correct for o in question.options)
            if right != 1:
                report.problems.append(Problem(file, f"{qid}: a single-choice question needs exactly one correct option, not {right}"))
                continue
        if not isinstance(question, FreeTextQuestion):
            verdict = check_answer(instance, right_answer(instance))
            if verdict.status is not Status.CORRECT:
                report.problems.append(Problem(file, f"{qid}: the stored answer is not accepted by its own checker ({verdict.message})"))
        for wrong in known_wrong_answers(instance):
            verdict = check_answer(instance, wrong)
            if verdict.status is Status.CORRECT:
                report.problems.append(Problem(file, f"{qid}: the declared wrong answer {wrong!r} is accepted as right"))
