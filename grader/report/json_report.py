"""`--format json`: the document described in `docs/cli.md` (schema version 1)."""

from __future__ import annotations

import json

from grader.results import GradeRun

SCHEMA_VERSION = 1


def to_document(run: GradeRun) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "workspace": str(run.workspace),
        "score": run.score,
        "max_score": run.max_score,
        "duration_s": round(run.duration_s, 3),
        "course_fingerprint": run.course_fingerprint,
        "sandbox": _sandbox(run),
        "exercises": [
            {
                "id": r.id,
                "title": r.title,
                "topic": r.topic,
                "status": r.status.value,
                "score": r.score,
                "max_score": r.max_score,
                "duration_s": round(r.duration_s, 3),
                "feedback": r.feedback,
                "hints": list(run.revealed_hints.get(r.id, ())),
                "checks": [
                    {
                        "name": c.name,
                        "status": c.status.value,
                        "message": c.message,
                        "score": c.points,
                        "max_score": c.max_points,
                        "misconception": c.misconception,
                        "visibility": c.visibility,
                        **({"measure": c.measure} if c.measure is not None else {}),
                    }
                    for c in r.checks
                ],
            }
            for r in run.results
        ],
    }


def _sandbox(run: GradeRun) -> dict | None:
    if run.sandbox is None:
        return None
    protections = run.sandbox.protections
    return {"mode": run.sandbox.mode, "protections": protections.to_json() if protections is not None else []}


def render(run: GradeRun) -> str:
    return json.dumps(to_document(run), indent=2, allow_nan=False) + "\n"
