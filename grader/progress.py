"""The progress store: every run, every exercise's result, revealed hints, in SQLite in the workspace.

Writes happen in transactions (WAL journal, busy timeout), so two `grade` processes at once and a
kill in the middle of a write leave a consistent file. A file that is not a readable database is
never emptied: it is moved aside with a time stamp and reported.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from grader.results import ExerciseStatus, GradeRun
from grader.safe_text import scrub

SCHEMA_VERSION = 1
FILE_NAME = "progress.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    duration_s REAL NOT NULL,
    command TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    exercise_id TEXT NOT NULL,
    status TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    checks_passed INTEGER NOT NULL,
    checks_total INTEGER NOT NULL,
    duration_s REAL NOT NULL,
    feedback TEXT NOT NULL,
    graded_at TEXT NOT NULL,
    PRIMARY KEY (run_id, exercise_id)
);
CREATE INDEX IF NOT EXISTS results_by_exercise ON results (exercise_id, graded_at);
CREATE TABLE IF NOT EXISTS hints (
    exercise_id TEXT NOT NULL,
    level INTEGER NOT NULL,
    revealed_at TEXT NOT NULL,
    PRIMARY KEY (exercise_id, level)
);
"""


class ProgressError(Exception):
    """The progress file cannot be used; `str()` is a one-line explanation of what happened to it."""


@dataclass(frozen=True)
class StoredResult:
    """One exercise's result as the store remembers it."""

    exercise_id: str
    status: ExerciseStatus
    """A status the store does not know (a damaged or foreign row) is read as `error`, never as passed."""
    score: float
    max_score: float
    checks_passed: int
    checks_total: int
    feedback: str
    graded_at: datetime


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class ProgressStore:
    """The workspace's `.grade/progress.sqlite3`."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, state_dir: Path, *, extra_schema: tuple[Callable[[sqlite3.Connection], None], ...] = ()) -> ProgressStore:
        """Open (or create) the store; a damaged file is moved aside and reported as ProgressError."""
        try:
            state_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProgressError(f"cannot create {state_dir} ({exc.strerror})") from None
        path = state_dir / FILE_NAME
        connection: sqlite3.Connection | None = None
        try:
            connection = sqlite3.connect(path, timeout=10, isolation_level=None)
            connection.execute("PRAGMA busy_timeout = 10000")
            check = connection.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {check[0] if check else 'no answer'}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            with _transaction(connection):
                _create(connection)
                version = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                if version is None:
                    connection.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                elif int(version[0]) > SCHEMA_VERSION:
                    raise ProgressError(
                        f"{path} was written by a newer grade (schema {version[0]}); upgrade grade to use it"
                    )
            for ensure in extra_schema:
                ensure(connection)
        except sqlite3.OperationalError as exc:
            if connection is not None:
                connection.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise ProgressError(f"the progress file {path} is locked by another grade for too long; try again") from None
            raise ProgressError(f"cannot open the progress file {path} ({exc})") from None
        except sqlite3.DatabaseError as exc:
            if connection is not None:
                connection.close()
            moved = _move_aside(path)
            raise ProgressError(
                f"the progress file {path} is damaged ({exc}); it was kept as {moved.name} "
                "and a new one will be started on the next run"
            ) from None
        except sqlite3.Error as exc:
            if connection is not None:
                connection.close()
            raise ProgressError(f"cannot open the progress file {path} ({exc})") from None
        return cls(connection, path)

    def close(self) -> None:
        self.connection.close()

    # Runs and results ------------------------------------------------------------------------

    def record_run(self, run: GradeRun, command: str) -> int:
        """Store a run and each exercise's result in one transaction; return the run's id."""
        graded_at = _now()
        with _transaction(self.connection):
            cursor = self.connection.execute(
                "INSERT INTO runs (started_at, duration_s, command, score, max_score) VALUES (?, ?, ?, ?, ?)",
                (run.started_at.isoformat(timespec="milliseconds"), run.duration_s, command, run.score, run.max_score),
            )
            run_id = int(cursor.lastrowid)
            self.connection.executemany(
                "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (run_id, r.id, r.status.value, r.score, r.max_score, r.passed_checks, len(r.checks),
                     r.duration_s, scrub(r.feedback), graded_at)
                    for r in run.results
                ],
            )
        return run_id

    def latest_results(self) -> dict[str, StoredResult]:
        """Each exercise's most recent result: the last one written, whatever date a row claims."""
        rows = self.connection.execute(
            """SELECT exercise_id, status, score, max_score, checks_passed, checks_total, feedback, graded_at
               FROM results r
               WHERE rowid = (SELECT MAX(rowid) FROM results WHERE exercise_id = r.exercise_id)
               ORDER BY run_id"""
        ).fetchall()
        return {row[0]: _stored(row) for row in rows}

    def history(self, exercise_id: str | None = None, limit: int = 50) -> list[StoredResult]:
        """Recent results, newest first, for one exercise or all."""
        query = "SELECT exercise_id, status, score, max_score, checks_passed, checks_total, feedback, graded_at FROM results"
        args: tuple = ()
        if exercise_id is not None:
            query += " WHERE exercise_id = ?"
            args = (exercise_id,)
        query += " ORDER BY rowid DESC LIMIT ?"
        return [_stored(row) for row in self.connection.execute(query, (*args, limit))]

    def run_count(self) -> int:
        return int(self.connection.execute("SELECT COUNT(*) FROM runs").fetchone()[0])

    # Hints -----------------------------------------------------------------------------------

    def revealed_hints(self, exercise_id: str) -> int:
        row = self.connection.execute("SELECT COUNT(*) FROM hints WHERE exercise_id = ?", (exercise_id,)).fetchone()
        return int(row[0])

    def reveal_next_hint(self, exercise_id: str, available: int) -> int | None:
        """Record the next hint as revealed; its 1-based level, or None when all are already shown."""
        with _transaction(self.connection):
            shown = self.revealed_hints(exercise_id)
            if shown >= available:
                return None
            self.connection.execute("INSERT INTO hints VALUES (?, ?, ?)", (exercise_id, shown + 1, _now()))
        return shown + 1



def _create(connection: sqlite3.Connection) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)


def _stored(row) -> StoredResult:
    try:
        graded_at = datetime.fromisoformat(row[7])
    except (TypeError, ValueError):
        graded_at = datetime.fromtimestamp(0, timezone.utc)
    try:
        status = ExerciseStatus(row[1])
    except ValueError:
        status = ExerciseStatus.ERROR
    return StoredResult(
        exercise_id=row[0], status=status, score=float(row[2]), max_score=float(row[3]), checks_passed=int(row[4]),
        checks_total=int(row[5]), feedback=row[6], graded_at=graded_at,
    )


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error): the write lock is taken up front."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        if not self.connection.in_transaction:
            self.connection.execute("BEGIN IMMEDIATE")
            self._owner = True
        else:
            self._owner = False
        return self.connection

    def __exit__(self, exc_type, exc, traceback) -> None:
        if not self._owner:
            return
        if exc_type is None:
            self.connection.execute("COMMIT")
        else:
            self.connection.execute("ROLLBACK")


def _move_aside(path: Path) -> Path:
    """Rename a damaged database (and its journal files) so nothing is lost; return the new name."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(path) + suffix)
        if source.exists():
            os.replace(source, Path(str(target) + suffix))
    return target
