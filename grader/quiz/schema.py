"""The quiz tables of the progress database, light enough to create on every `grade` start.

Kept apart from `store` so that opening the database does not import the question models or fsrs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

SCHEMA = """
CREATE TABLE IF NOT EXISTS quiz_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    raw_answer TEXT NOT NULL,
    status TEXT NOT NULL,
    score REAL NOT NULL,
    self_rating TEXT,
    parameters TEXT,
    answered_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quiz_attempts_by_question ON quiz_attempts (question_id, id);
CREATE TABLE IF NOT EXISTS quiz_cards (
    question_id TEXT PRIMARY KEY,
    card_json TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS quiz_damaged_cards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id TEXT NOT NULL,
    card_json TEXT NOT NULL,
    replaced_at TEXT NOT NULL
);
"""
"""The quiz tables: attempts (one row per graded answer), FSRS card state per question (the JSON
of `Card.to_dict()`), and damaged card rows kept aside when a review replaces them."""


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the quiz tables if they do not exist (idempotent)."""
    with transaction(conn):
        for statement in SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """Run a block atomically. On its own it is `BEGIN IMMEDIATE ... COMMIT`, taking the write lock
    up front (so a concurrent writer makes it wait for the busy timeout instead of failing midway);
    inside a caller's open transaction it is a savepoint that the caller's commit completes."""
    if conn.in_transaction:
        begin, commit, rollback = "SAVEPOINT quiz_store", "RELEASE quiz_store", "ROLLBACK TO quiz_store"
    else:
        begin, commit, rollback = "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"
    conn.execute(begin)
    try:
        yield
    except BaseException:
        conn.execute(rollback)
        if conn.in_transaction and begin.startswith("SAVEPOINT"):
            conn.execute(commit)
        raise
    conn.execute(commit)
