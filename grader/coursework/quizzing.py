"""Quiz answers: recorded with their spaced-repetition card, tallied, and ordered for review."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs import Scheduler

from grader.quiz.checking import QuestionInstance
from grader.quiz.models import Question
from grader.quiz.review import review, review_queue
from grader.quiz.store import Attempt, QuizStore
from grader.quiz.verdicts import Status, Verdict


@dataclass
class Tally:
    """What happened in one quiz session so far; every client counts the same way."""

    correct: int = 0
    wrong: int = 0
    rated: int = 0
    """Free-text answers the student rated themselves."""
    skipped: int = 0

    def add(self, verdict: Verdict) -> None:
        """Count a graded verdict (an unreadable answer is not graded and is not counted)."""
        if verdict.status is Status.SELF_RATED:
            self.rated += 1
        elif verdict.passed:
            self.correct += 1
        else:
            self.wrong += 1

    def skip(self) -> None:
        self.skipped += 1

    @property
    def answered(self) -> int:
        """Graded answers so far."""
        return self.correct + self.wrong + self.rated


def record_answer(
    quiz: QuizStore, scheduler: Scheduler, instance: QuestionInstance, raw: str, verdict: Verdict, *, now: datetime
) -> None:
    """Store a graded answer and the question's new FSRS card in one transaction (ungraded ones are not kept)."""
    if not verdict.graded:
        return
    question = instance.question
    card = review(scheduler, question.id, quiz.load_card(question.id), verdict, now)
    attempt = Attempt.from_verdict(verdict, topic=question.topic, raw_answer=raw, answered_at=now, parameters=instance.values)
    quiz.record(attempt, card)


def review_order(quiz: QuizStore, questions: Sequence[Question], *, now: datetime) -> tuple[tuple[Question, ...], tuple[str, ...]]:
    """The questions in review order (due first, most overdue first), and any damaged card rows."""
    loaded = quiz.load_cards()
    by_id = {question.id: question for question in questions}
    queue = review_queue(by_id, loaded.cards, now)
    return tuple(by_id[item.question_id] for item in queue), tuple(loaded.problems)
