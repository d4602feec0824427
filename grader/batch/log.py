"""The batch's memory: one JSON line per graded submission, keyed by its content and the course.

Lines are appended and flushed one at a time, so a batch killed at any moment keeps everything it
finished; a half-written last line is ignored when the log is read again. A rerun grades only
the submissions whose key is not in the log yet.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BatchRow:
    """The outcome for one submission: its report document, or why there is none."""

    submission: str
    source: str
    key: str
    document: dict | None = None
    """The `grade --format json` document, its `workspace` naming the submission."""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.document is not None

    def to_json(self) -> dict:
        data = {"key": self.key, "submission": self.submission, "source": self.source}
        data.update({"document": self.document} if self.document is not None else {"error": self.error})
        return data

    @classmethod
    def from_json(cls, data: dict) -> BatchRow:
        return cls(str(data["submission"]), str(data.get("source", "")), str(data["key"]), data.get("document"), data.get("error"))


class ResultLog:
    """The append-only log in `folder/results.jsonl`."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "results.jsonl"
        folder.mkdir(parents=True, exist_ok=True)

    def read(self) -> dict[str, BatchRow]:
        """Every complete row by key (the last one wins)."""
        rows: dict[str, BatchRow] = {}
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return rows
        for line in lines:
            try:
                row = BatchRow.from_json(json.loads(line))
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a kill
            rows[row.key] = row
        return rows

    def append(self, row: BatchRow) -> None:
        line = json.dumps(row.to_json(), allow_nan=False, separators=(",", ":")) + "\n"
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
