"""The class's marks as files: CSV for a gradebook, JSON Lines of the full reports, a folder of reports."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path

from grader.batch.log import BatchRow


def error_document(row: BatchRow) -> dict:
    """The JSON Lines entry of a submission that could not be graded."""
    return {"schema_version": 1, "workspace": row.submission, "error": row.error}


def to_csv(rows: Sequence[BatchRow], exercise_ids: Sequence[str]) -> str:
    """One row per submission: its total, a score column per exercise, then each exercise's status.

    The first columns (`submission`, `total`, `max_score`) are what LMS gradebooks import.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["submission", "total", "max_score", *exercise_ids, *(f"{i} status" for i in exercise_ids), "error"])
    for row in rows:
        if row.document is None:
            writer.writerow([row.submission, "", "", *([""] * len(exercise_ids)), *(["error"] * len(exercise_ids)), row.error])
            continue
        by_id = {e["id"]: e for e in row.document["exercises"]}
        scores = [_number(by_id[i]["score"]) if i in by_id else "" for i in exercise_ids]
        statuses = [by_id[i]["status"] if i in by_id else "" for i in exercise_ids]
        writer.writerow([row.submission, _number(row.document["score"]), _number(row.document["max_score"]), *scores, *statuses, ""])
    return out.getvalue()


def to_jsonl(rows: Sequence[BatchRow]) -> str:
    return "".join(json.dumps(r.document if r.document is not None else error_document(r), allow_nan=False) + "\n" for r in rows)


def write_folder(rows: Sequence[BatchRow], folder: Path) -> list[Path]:
    """`<submission>.json` per submission (names made safe and unique)."""
    folder.mkdir(parents=True, exist_ok=True)
    written, used = [], set()
    for row in rows:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", row.submission).strip("._") or "submission"
        name, n = stem, 1
        while name in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name)
        path = folder / f"{name}.json"
        document = row.document if row.document is not None else error_document(row)
        path.write_text(json.dumps(document, indent=2, allow_nan=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def read_jsonl(path: Path) -> list[BatchRow]:
    """Rows back from a `--format jsonl` file (or a batch log), for `grade stats`."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            raise ValueError(f"{path}:{number}: not a JSON line") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path}:{number}: not a report document")
        if "key" in data and "submission" in data:  # a batch log line
            rows.append(BatchRow.from_json(data))
        elif "exercises" in data:
            rows.append(BatchRow(str(data.get("workspace", f"line {number}")), "", "", document=data))
        elif "error" in data:
            rows.append(BatchRow(str(data.get("workspace", f"line {number}")), "", "", error=str(data["error"])))
        else:
            raise ValueError(f"{path}:{number}: not a report document")
    return rows


def _number(value: float) -> str:
    return f"{value:g}"
