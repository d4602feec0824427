"""A student's coursework as the app sees it: workspace, course, question bank and progress.

A `Session` belongs to one thread (an SQLite connection may only be used by the thread that
opened it). Slow work runs elsewhere with what it needs handed over: `grading.grade_and_record`
grades one exercise and stores the result through a connection of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from fsrs import Scheduler

from grader.course import Course
from grader.progress import ProgressStore, StoredResult
from grader.quiz.bank import QuestionBank, load_bank
from grader.quiz.checking import DEFAULT_SEED, QuestionInstance, instantiate
from grader.coursework.hints import reveal_next_hint, revealed_hints
from grader.coursework.locate import quiz_bank_dir
from grader.coursework.quizzing import record_answer
from grader.quiz.models import Question
from grader.quiz.review import make_scheduler, review_queue
from grader.quiz.schema import ensure_schema
from grader.quiz.store import Attempt, QuizStore, TopicMastery
from grader.quiz.verdicts import Verdict
from grader.results import ExerciseStatus
from grader.spec import ExerciseSpec
from grader.summary import TopicProgress, progress_summary
from grader.workspace import Workspace, course_for

Clock = Callable[[], datetime]
"""Where the app gets the current time (UTC); tests freeze it."""

def utc_now() -> datetime:
    """The current time, timezone-aware in UTC (the default clock)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class ExerciseRow:
    """One exercise as the app lists it: number in course order, spec, latest stored result."""

    number: int
    """1-based position in the course."""
    spec: ExerciseSpec
    """The exercise's spec (title, topic, points, hints...)."""
    result: StoredResult | None
    """The latest stored result, or None if it was never graded."""

    @property
    def status(self) -> ExerciseStatus | None:
        """The latest status, or None when never graded."""
        return self.result.status if self.result is not None else None


@dataclass(frozen=True)
class TopicRow:
    """One topic of the course map: its exercises and how well its questions are known."""

    progress: TopicProgress
    """Exercise points and quiz counts, as `grade progress` reports them."""
    exercises: tuple[ExerciseRow, ...]
    """The topic's exercises in course order."""
    mastery: TopicMastery
    """Questions, answered, and mastered (latest attempt passed) in the app's bank."""


@dataclass(frozen=True)
class HistoryEntry:
    """One past event: a graded exercise or an answered question."""

    when: datetime
    """When it happened (UTC)."""
    kind: Literal["exercise", "quiz"]
    """What it was."""
    subject: str
    """The exercise or question id."""
    outcome: str
    """The status as words, e.g. `passed` or `self-rated: I had it`."""
    passed: bool
    """Whether it counts as a success."""
    score: str
    """Points, e.g. `7/10`, or the answer's score between 0 and 1."""


@dataclass(frozen=True)
class ReviewPlan:
    """The questions a review session asks, and what the queue looked like."""

    questions: tuple[Question, ...]
    """Due questions first (most overdue first), new ones interleaved."""
    due: int
    """How many of them are due reviews (the rest are new)."""
    next_due: datetime | None
    """When the next card that is not due yet becomes due, if any."""
    problems: tuple[str, ...] = ()
    """Damaged card rows (their questions are treated as new)."""


class Session:
    """Everything the app reads and writes, owned by the app's thread."""

    def __init__(
        self,
        *,
        workspace: Workspace,
        course: Course,
        bank: QuestionBank,
        bank_dir: Path,
        store: ProgressStore,
        figures_cache: Path,
        clock: Clock = utc_now,
        scheduler: Scheduler | None = None,
    ) -> None:
        """Use an open store; `open` is the usual way to make one."""
        self.workspace = workspace
        self.course = course
        self.bank = bank
        self.bank_dir = bank_dir
        self.store = store
        self.quiz = QuizStore(store.connection)
        self.figures_cache = figures_cache
        self.clock = clock
        self.scheduler = scheduler or make_scheduler()
        self._closed = False

    @classmethod
    def open(
        cls,
        workspace: Workspace,
        *,
        bank_dir: Path | None = None,
        figures_cache: Path | None = None,
        clock: Clock = utc_now,
        scheduler: Scheduler | None = None,
        course_root: Path | None = None,
    ) -> Session:
        """Load the course (the one at `course_root`, else the bundled one) and the question bank
        (by default the course's own `course/quizzes`) and open the progress store; raises the
        core's one-line errors (`CourseError`, `QuizSpecError`, `ProgressError`)."""
        course = course_for(workspace, course_root=course_root)
        bank_dir = bank_dir or quiz_bank_dir(course.root)
        bank = load_bank(bank_dir)
        store = ProgressStore.open(workspace.state_dir, extra_schema=(ensure_schema,))
        return cls(
            workspace=workspace, course=course, bank=bank, bank_dir=bank_dir, store=store,
            figures_cache=figures_cache or workspace.state_dir / "figures", clock=clock, scheduler=scheduler,
        )

    def close(self) -> None:
        """Close the progress store (idempotent)."""
        if not self._closed:
            self.store.close()
            self._closed = True

    @property
    def figures_source(self) -> Path:
        """The course's figure modules (`course/figures`, beside the quiz folder)."""
        return self.bank_dir.parent / "figures"

    # Exercises -------------------------------------------------------------------------------

    def exercise_rows(self) -> list[ExerciseRow]:
        """Every exercise in course order with its latest result."""
        latest = self.store.latest_results()
        return [
            ExerciseRow(number, spec, latest.get(spec.id))
            for number, spec in enumerate(self.course.exercises.values(), start=1)
        ]

    def hints_shown(self, exercise_id: str) -> tuple[str, ...]:
        """The hints revealed so far for an exercise, in order."""
        return revealed_hints(self.store, self.course, exercise_id)

    def reveal_hint(self, exercise_id: str) -> int | None:
        """Reveal the next hint; its 1-based number, or None when every hint is already shown."""
        return reveal_next_hint(self.store, self.course, exercise_id).new

    # Quizzes ---------------------------------------------------------------------------------

    def questions(self, topic: str | None = None) -> tuple[Question, ...]:
        """The bank's questions (of one topic), in bank order."""
        return self.bank.select(topic=topic)

    def instance(self, question: Question) -> QuestionInstance:
        """The question as asked now: a parameterised question gets new values on every attempt
        (`DEFAULT_SEED` the first time, as `grade quiz check` uses, then the next seeds)."""
        return instantiate(question, DEFAULT_SEED + len(self.quiz.history(question.id, limit=100_000)))

    def last_attempt(self, question_id: str) -> Attempt | None:
        """The latest graded answer to a question, if any."""
        attempts = self.quiz.history(question_id, limit=1)
        return attempts[0] if attempts else None

    def resume_index(self, questions: Sequence[Question]) -> int:
        """Where to start a quiz: the first question not passed at its latest attempt (0 if all were)."""
        passed = self.quiz.last_correct()
        return next((index for index, question in enumerate(questions) if not passed.get(question.id)), 0)

    def record_answer(self, instance: QuestionInstance, raw: str, verdict: Verdict) -> None:
        """Store a graded answer and the question's new FSRS card in one transaction."""
        record_answer(self.quiz, self.scheduler, instance, raw, verdict, now=self.clock())

    def review_plan(self, limit: int = 20) -> ReviewPlan:
        """The next review session: at most `limit` questions in FSRS order."""
        now = self.clock()
        loaded = self.quiz.load_cards()
        queue = review_queue(self.bank.ids, loaded.cards, now, limit=limit)
        questions = tuple(q for item in queue if (q := self.bank.get(item.question_id)) is not None)
        later = [card.due for qid, card in loaded.cards.items() if card.due > now and self.bank.get(qid)]
        return ReviewPlan(
            questions=questions,
            due=sum(not item.is_new for item in queue),
            next_due=min(later, default=None),
            problems=loaded.problems,
        )

    def due_count(self) -> int:
        """How many questions' cards are due now."""
        now = self.clock()
        return sum(card.due <= now for qid, card in self.quiz.load_cards().cards.items() if self.bank.get(qid))

    # Progress --------------------------------------------------------------------------------

    def topic_rows(self) -> list[TopicRow]:
        """Every topic of the course map in course order."""
        rows = self.exercise_rows()
        mastery = {m.topic: m for m in self.quiz.topic_mastery(self.bank)}
        return [
            TopicRow(
                progress=progress,
                exercises=tuple(row for row in rows if row.spec.topic == progress.id),
                mastery=mastery.get(progress.id, TopicMastery(progress.id, 0, 0, 0)),
            )
            for progress in progress_summary(self.course, self.store)
        ]

    def history(self, limit: int = 30) -> list[HistoryEntry]:
        """The latest graded exercises and answered questions, newest first."""
        entries = [
            HistoryEntry(
                when=result.graded_at, kind="exercise", subject=result.exercise_id,
                outcome=result.status.value.replace("_", " "),
                passed=result.status is ExerciseStatus.PASSED,
                score=f"{result.score:g}/{result.max_score:g}",
            )
            for result in self.store.history(limit=limit)
        ]
        entries += [
            HistoryEntry(
                when=attempt.answered_at, kind="quiz", subject=attempt.question_id,
                outcome=f"self-rated: {attempt.self_rating.label}" if attempt.self_rating else attempt.status.value,
                passed=attempt.passed, score=f"{attempt.score:.2g}",
            )
            for attempt in self.quiz.history(limit=limit)
        ]
        return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]
