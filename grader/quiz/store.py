"""Quiz attempts and FSRS card state in the workspace's progress database (SQLite).

The connection belongs to the caller (opened elsewhere with WAL and a busy timeout); this module
only adds its `quiz_` tables (`SCHEMA`, created by `ensure_schema`) and reads and writes them,
each write in its own transaction (nested as a savepoint inside a caller's open transaction).

Mastery of a topic is the share of its questions whose latest graded attempt passed (correct, or
self-rated "I had it"); questions never answered count as not mastered.

A card row whose JSON cannot be read is reported in `LoadedCards.problems` and its question is
treated as new; the row is kept, and copied to `quiz_damaged_cards` before a later review
replaces it, so no data is lost.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, cast

from fsrs import Card

from grader.quiz.bank import QuestionBank
from grader.quiz.verdicts import SelfRating, Status, Verdict

if TYPE_CHECKING:
    from fsrs.card import CardDict

_log = logging.getLogger(__name__)

from grader.quiz.schema import SCHEMA, ensure_schema
from grader.quiz.schema import transaction as _transaction

__all__ = ["SCHEMA", "ensure_schema"]


@dataclass(frozen=True)
class Attempt:
    """One graded answer, as stored."""

    question_id: str
    """The question answered."""
    topic: str
    """The question's topic when it was answered."""
    raw_answer: str
    """What the student typed."""
    status: Status
    """correct, wrong or self_rated."""
    score: float
    """Between 0 and 1."""
    answered_at: datetime
    """When (UTC)."""
    self_rating: SelfRating | None = None
    """The student's own rating, for free text."""
    parameters: Mapping[str, int] = field(default_factory=dict)
    """The drawn parameters of a parameterised question (empty otherwise)."""

    @property
    def passed(self) -> bool:
        """Correct, or self-rated "I had it"."""
        return self.status is Status.CORRECT or self.self_rating is SelfRating.HAD_IT

    @classmethod
    def from_verdict(
        cls, verdict: Verdict, *, topic: str, raw_answer: str, answered_at: datetime,
        parameters: Mapping[str, int] | None = None,
    ) -> Attempt:
        """The attempt a graded verdict records."""
        if not verdict.graded:
            raise ValueError(f"a {verdict.status} verdict is not an attempt")
        return cls(
            question_id=verdict.question_id, topic=topic, raw_answer=raw_answer, status=verdict.status,
            score=verdict.score, answered_at=answered_at, self_rating=verdict.self_rating,
            parameters=dict(parameters or {}),
        )


@dataclass(frozen=True)
class LoadedCards:
    """The readable cards, and one line per row that could not be read (treated as new)."""

    cards: dict[str, Card]
    """Card per question id."""
    problems: tuple[str, ...] = ()
    """One-line reports of damaged rows."""


@dataclass(frozen=True)
class TopicMastery:
    """How well one topic's questions are known."""

    topic: str
    """The topic."""
    questions: int
    """How many questions the topic has in the bank."""
    answered: int
    """How many of them have at least one graded attempt."""
    mastered: int
    """How many passed their latest graded attempt."""

    @property
    def fraction(self) -> float:
        """mastered / questions (0 for a topic without questions)."""
        return self.mastered / self.questions if self.questions else 0.0



class QuizStore:
    """Reads and writes quiz attempts and cards on a caller-owned SQLite connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        """Use `conn`, creating the quiz tables if needed."""
        self._conn = conn
        ensure_schema(conn)

    def record(self, attempt: Attempt, card: Card | None = None) -> None:
        """Store an attempt and, when given, the question's new card, in one transaction."""
        with _transaction(self._conn):
            self._conn.execute(
                "INSERT INTO quiz_attempts (question_id, topic, raw_answer, status, score, self_rating,"
                " parameters, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    attempt.question_id, attempt.topic, attempt.raw_answer, attempt.status.value,
                    attempt.score, attempt.self_rating.value if attempt.self_rating else None,
                    json.dumps(dict(attempt.parameters)) if attempt.parameters else None,
                    _iso(attempt.answered_at),
                ),
            )
            if card is not None:
                self._save_card(attempt.question_id, card, attempt.answered_at)

    def save_card(self, question_id: str, card: Card, now: datetime | None = None) -> None:
        """Store a question's card on its own, replacing the old one."""
        with _transaction(self._conn):
            self._save_card(question_id, card, now or datetime.now(UTC))

    def _save_card(self, question_id: str, card: Card, now: datetime) -> None:
        row = self._conn.execute(
            "SELECT card_json FROM quiz_cards WHERE question_id = ?", (question_id,)
        ).fetchone()
        if row is not None and _parse_card(row[0]) is None:
            self._conn.execute(
                "INSERT INTO quiz_damaged_cards (question_id, card_json, replaced_at) VALUES (?, ?, ?)",
                (question_id, row[0], _iso(now)),
            )
        self._conn.execute(
            "INSERT INTO quiz_cards (question_id, card_json, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (question_id) DO UPDATE SET card_json = excluded.card_json,"
            " updated_at = excluded.updated_at",
            (question_id, json.dumps(card.to_dict()), _iso(now)),
        )

    def load_cards(self) -> LoadedCards:
        """Every readable card; damaged rows are reported, logged and left out (their questions count as new)."""
        cards: dict[str, Card] = {}
        problems: list[str] = []
        rows = self._conn.execute("SELECT question_id, card_json FROM quiz_cards ORDER BY question_id")
        for question_id, text in rows:
            card = _parse_card(text)
            if card is None:
                problem = f"quiz card of {question_id} is damaged and was treated as new (the row is kept)"
                _log.warning(problem)
                problems.append(problem)
            else:
                cards[question_id] = card
        return LoadedCards(cards=cards, problems=tuple(problems))

    def load_card(self, question_id: str) -> Card | None:
        """The question's card, or None if it has none or its row is damaged."""
        row = self._conn.execute("SELECT card_json FROM quiz_cards WHERE question_id = ?", (question_id,)).fetchone()
        if row is None:
            return None
        card = _parse_card(row[0])
        if card is None:
            _log.warning("quiz card of %s is damaged and was treated as new (the row is kept)", question_id)
        return card

    def history(self, question_id: str | None = None, *, limit: int = 50) -> list[Attempt]:
        """The latest attempts, newest first, of one question or of all."""
        where, args = ("WHERE question_id = ?", (question_id,)) if question_id else ("", ())
        rows = self._conn.execute(
            "SELECT question_id, topic, raw_answer, status, score, self_rating, parameters, answered_at"
            f" FROM quiz_attempts {where} ORDER BY id DESC LIMIT ?",
            (*args, limit),
        ).fetchall()
        return [_attempt(row) for row in rows]

    def latest_attempts(self) -> dict[str, Attempt]:
        """The latest attempt of every question that has one."""
        rows = self._conn.execute(
            "SELECT question_id, topic, raw_answer, status, score, self_rating, parameters, answered_at"
            " FROM quiz_attempts WHERE id IN (SELECT MAX(id) FROM quiz_attempts GROUP BY question_id)"
        ).fetchall()
        return {row[0]: _attempt(row) for row in rows}

    def last_correct(self) -> dict[str, bool]:
        """Per answered question: whether its latest graded attempt passed."""
        return {question_id: attempt.passed for question_id, attempt in self.latest_attempts().items()}

    def topic_mastery(self, bank: QuestionBank) -> list[TopicMastery]:
        """Per topic of the bank (in course order): questions, answered, and mastered (latest attempt passed)."""
        latest = self.latest_attempts()
        result = []
        for topic in bank.topics:
            ids = [question.id for question in bank.questions if question.topic == topic]
            answered = [latest[qid] for qid in ids if qid in latest]
            result.append(
                TopicMastery(
                    topic=topic, questions=len(ids), answered=len(answered),
                    mastered=sum(attempt.passed for attempt in answered),
                )
            )
        return result


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("store times must be timezone-aware (UTC)")
    return moment.astimezone(UTC).isoformat()


def _parse_card(text: str) -> Card | None:
    """The card in a stored JSON text, or None if it is damaged."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            return None
        return Card.from_dict(cast("CardDict", data))
    except (ValueError, KeyError, TypeError):
        return None


def _attempt(row: tuple[str, str, str, str, float, str | None, str | None, str]) -> Attempt:
    question_id, topic, raw_answer, status, score, self_rating, parameters, answered_at = row
    return Attempt(
        question_id=question_id,
        topic=topic,
        raw_answer=raw_answer,
        status=Status(status),
        score=score,
        answered_at=datetime.fromisoformat(answered_at),
        self_rating=SelfRating(self_rating) if self_rating else None,
        parameters=json.loads(parameters) if parameters else {},
    )
