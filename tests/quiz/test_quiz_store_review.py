"""FSRS scheduling and the SQLite store: round trips, transactions, damaged rows, mastery."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating

from grader.quiz.checking import check_answer, instantiate, rate_self
from grader.quiz.review import (
    make_scheduler,
    new_card,
    rating_for,
    review,
    review_queue,
)
from grader.quiz.store import SCHEMA, Attempt, QuizStore, ensure_schema
from grader.quiz.verdicts import SelfRating, Status, Verdict

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def conn(tmp_path):
    connection = sqlite3.connect(tmp_path / "progress.sqlite3", timeout=5)
    connection.execute("PRAGMA journal_mode=WAL")
    yield connection
    connection.close()


def verdict(status: Status, rating: SelfRating | None = None) -> Verdict:
    score = 1.0 if status is Status.CORRECT else 0.0
    return Verdict(question_id="q", status=status, message="", self_rating=rating, score=score)


def test_ratings():
    assert rating_for(verdict(Status.CORRECT)) is Rating.Good
    assert rating_for(verdict(Status.WRONG)) is Rating.Again
    assert rating_for(verdict(Status.INVALID)) is None
    assert rating_for(verdict(Status.NEEDS_RATING)) is None
    assert rating_for(verdict(Status.SELF_RATED, SelfRating.MISSED)) is Rating.Again
    assert rating_for(verdict(Status.SELF_RATED, SelfRating.PARTLY)) is Rating.Hard
    assert rating_for(verdict(Status.SELF_RATED, SelfRating.HAD_IT)) is Rating.Good


def test_correct_answers_push_the_due_date_further_than_wrong_ones():
    scheduler = make_scheduler(fuzzing=False)
    good = review(scheduler, "q", None, verdict(Status.CORRECT), NOW)
    again = review(scheduler, "q", None, verdict(Status.WRONG), NOW)
    assert good is not None and again is not None
    assert good.due > again.due >= NOW
    assert review(scheduler, "q", good, verdict(Status.INVALID), NOW) is None
    with pytest.raises(ValueError):
        review(scheduler, "q", None, verdict(Status.CORRECT), NOW.replace(tzinfo=None))


def test_queue_orders_due_cards_and_interleaves_new_ones():
    cards = {
        "a": new_card("a", NOW - timedelta(days=1)),
        "b": new_card("b", NOW - timedelta(days=3)),
        "c": new_card("c", NOW - timedelta(days=2)),
        "d": new_card("d", NOW - timedelta(days=4)),
        "later": new_card("later", NOW + timedelta(days=1)),
    }
    ids = ["a", "b", "c", "d", "later", "n1", "n2"]
    queue = review_queue(ids, cards, NOW, new_every=3)
    assert [item.question_id for item in queue] == ["d", "b", "c", "n1", "a", "n2"]
    assert [item.is_new for item in queue] == [False, False, False, True, False, True]
    assert len(review_queue(ids, cards, NOW, limit=2)) == 2


def test_card_ids_are_stable():
    assert new_card("day2-6-1-1").card_id == new_card("day2-6-1-1").card_id != new_card("day2-6-1-2").card_id


def test_schema_is_idempotent_and_prefixed(conn):
    ensure_schema(conn)
    ensure_schema(conn)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"quiz_attempts", "quiz_cards", "quiz_damaged_cards"} <= tables
    assert all(name.startswith(("quiz_", "sqlite_")) for name in tables)
    assert "CREATE TABLE IF NOT EXISTS" in SCHEMA


def test_attempts_and_cards_round_trip_through_a_file(tmp_path, bank):
    path = tmp_path / "progress.sqlite3"
    scheduler = make_scheduler(fuzzing=False)
    question = bank.get("found-conv-output")
    instance = instantiate(question, 4)
    first = sqlite3.connect(path)
    store = QuizStore(first)
    result = check_answer(instance, "1")
    card = review(scheduler, question.id, None, result, NOW)
    store.record(Attempt.from_verdict(result, topic=question.topic, raw_answer="1", answered_at=NOW,
                                      parameters=instance.values), card)
    first.close()

    second = QuizStore(sqlite3.connect(path))
    loaded = second.load_cards()
    assert loaded.problems == ()
    assert loaded.cards[question.id].to_dict() == card.to_dict()
    (attempt,) = second.history(question.id)
    assert attempt.parameters == instance.values and attempt.raw_answer == "1"
    assert attempt.status is Status.WRONG and attempt.answered_at == NOW


def test_invalid_and_unrated_verdicts_are_not_attempts(bank):
    instance = instantiate(bank.get("day1-p26"))
    with pytest.raises(ValueError):
        Attempt.from_verdict(check_answer(instance, ""), topic="x", raw_answer="", answered_at=NOW)
    with pytest.raises(ValueError):
        Attempt.from_verdict(check_answer(instance, "text"), topic="x", raw_answer="text", answered_at=NOW)
    rated = rate_self(check_answer(instance, "text"), SelfRating.HAD_IT)
    assert Attempt.from_verdict(rated, topic="x", raw_answer="text", answered_at=NOW).passed


def test_a_damaged_card_is_reported_treated_as_new_and_kept(conn):
    store = QuizStore(conn)
    store.save_card("good", new_card("good", NOW), NOW)
    conn.execute("INSERT INTO quiz_cards VALUES ('bad', '{not json', ?)", (NOW.isoformat(),))
    for name, text in [("odd", "[1, 2]"), ("empty", "{}"), ("partial", '{"card_id": 1, "state": 9}')]:
        conn.execute("INSERT INTO quiz_cards VALUES (?, ?, ?)", (name, text, NOW.isoformat()))
    conn.commit()
    loaded = store.load_cards()
    assert set(loaded.cards) == {"good"}
    assert len(loaded.problems) == 4 and "bad" in loaded.problems[0]
    assert store.load_card("bad") is None
    assert conn.execute("SELECT card_json FROM quiz_cards WHERE question_id = 'bad'").fetchone() == ("{not json",)
    queue = review_queue(["good", "bad"], loaded.cards, NOW)
    assert [item.question_id for item in queue if item.is_new] == ["bad"]
    store.save_card("bad", new_card("bad", NOW), NOW)
    assert store.load_card("bad") is not None
    assert conn.execute("SELECT card_json FROM quiz_damaged_cards").fetchall() == [("{not json",)]


def test_a_failed_write_leaves_nothing_behind(conn, monkeypatch):
    store = QuizStore(conn)
    attempt = Attempt(question_id="q", topic="cnn", raw_answer="1", status=Status.CORRECT, score=1.0, answered_at=NOW)
    monkeypatch.setattr("grader.quiz.store.json.dumps", lambda *a, **k: (_ for _ in ()).throw(TypeError("boom")))
    with pytest.raises(TypeError):
        store.record(attempt, new_card("q", NOW))
    assert conn.execute("SELECT COUNT(*) FROM quiz_attempts").fetchone() == (0,)


def test_writes_work_on_an_autocommit_connection(tmp_path):
    connection = sqlite3.connect(tmp_path / "auto.sqlite3", isolation_level=None)
    store = QuizStore(connection)
    store.save_card("q", new_card("q", NOW), NOW)
    assert not connection.in_transaction
    assert QuizStore(sqlite3.connect(tmp_path / "auto.sqlite3")).load_card("q") is not None


def test_writes_nest_inside_a_callers_transaction(conn):
    store = QuizStore(conn)
    conn.execute("BEGIN")
    store.save_card("q", new_card("q", NOW), NOW)
    conn.rollback()
    assert store.load_card("q") is None


def test_topic_mastery_uses_the_latest_graded_attempt(conn, bank):
    store = QuizStore(conn)

    def answer(qid: str, status: Status, when: datetime) -> None:
        question = bank.get(qid)
        store.record(Attempt(question_id=qid, topic=question.topic, raw_answer="x", status=status,
                             score=1.0 if status is Status.CORRECT else 0.0, answered_at=when))

    answer("day2-6-5-7-1", Status.CORRECT, NOW)
    answer("found-conv-output", Status.CORRECT, NOW)
    answer("found-conv-output", Status.WRONG, NOW + timedelta(hours=1))
    mastery = {m.topic: m for m in store.topic_mastery(bank)}
    cnn = mastery["cnn"]
    assert cnn.answered == 2 and cnn.mastered == 1
    assert cnn.questions == len(bank.select(topic="cnn"))
    assert cnn.fraction == pytest.approx(1 / cnn.questions)
    assert mastery["gradients"].answered == 0
    assert store.last_correct() == {"day2-6-5-7-1": True, "found-conv-output": False}
    assert [a.status for a in store.history("found-conv-output")] == [Status.WRONG, Status.CORRECT]
