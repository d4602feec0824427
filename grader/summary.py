"""Progress per topic: exercises passed and points from the store, quiz answers from the quiz store."""

from __future__ import annotations

from dataclasses import dataclass

from grader.course import Course, CourseError
from grader.progress import ProgressStore
from grader.results import ExerciseStatus


@dataclass(frozen=True)
class TopicProgress:
    id: str
    title: str
    section: str
    exercises_total: int
    exercises_passed: int
    score: float
    max_score: float
    quiz_total: int
    quiz_correct: int

    @property
    def fraction(self) -> float:
        """Share of the topic done: exercise points and correctly answered questions count alike."""
        parts = []
        if self.max_score:
            parts.append(self.score / self.max_score)
        if self.quiz_total:
            parts.append(self.quiz_correct / self.quiz_total)
        return sum(parts) / len(parts) if parts else 0.0

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "section": self.section,
            "exercises_total": self.exercises_total,
            "exercises_passed": self.exercises_passed,
            "score": self.score,
            "max_score": self.max_score,
            "quiz_total": self.quiz_total,
            "quiz_correct": self.quiz_correct,
            "fraction": round(self.fraction, 4),
        }


def quiz_counts(store: ProgressStore, course: Course) -> dict[str, tuple[int, int]]:
    """(questions, answered correctly at the last attempt) per topic; empty if the course has no quizzes."""
    from grader.quiz.bank import QuizSpecError, load_bank
    from grader.quiz.store import QuizStore

    quiz_dir = course.root / "course" / "quizzes"
    if not quiz_dir.is_dir():
        return {}
    try:
        bank = load_bank(quiz_dir)
    except QuizSpecError as exc:
        raise CourseError(f"invalid quiz spec: {exc}") from None
    last = QuizStore(store.connection).last_correct()
    counts: dict[str, list[int]] = {}
    for question in bank.questions:
        entry = counts.setdefault(question.topic, [0, 0])
        entry[0] += 1
        entry[1] += int(bool(last.get(question.id)))
    return {topic: (total, correct) for topic, (total, correct) in counts.items()}


def progress_summary(course: Course, store: ProgressStore) -> list[TopicProgress]:
    latest = store.latest_results()
    quizzes = quiz_counts(store, course)
    summary = []
    for topic in course.spec.topics:
        exercises = [spec for spec in course.exercises.values() if spec.topic == topic.id]
        results = [latest.get(spec.id) for spec in exercises]
        total, correct = quizzes.get(topic.id, (0, 0))
        summary.append(
            TopicProgress(
                topic.id,
                topic.title,
                topic.section,
                len(exercises),
                sum(1 for r in results if r is not None and r.status is ExerciseStatus.PASSED),
                sum(r.score for r in results if r is not None),
                sum(spec.points for spec in exercises),
                total,
                correct,
            )
        )
    return summary
