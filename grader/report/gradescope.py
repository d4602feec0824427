"""`--format gradescope`: the `results.json` a Gradescope autograder writes (one test per check)."""

from __future__ import annotations

import json

from grader.results import ExerciseStatus, GradeRun


def to_document(run: GradeRun) -> dict:
    tests = []
    for number, result in enumerate(run.results, start=1):
        for index, check in enumerate(result.checks, start=1):
            tests.append(
                {
                    "name": f"{result.id}: {check.name}",
                    "number": f"{number}.{index}",
                    "score": check.points,
                    "max_score": check.max_points,
                    "status": "passed" if check.passed else "failed",
                    "output": check.message,
                    "tags": [result.topic],
                    "visibility": "visible",
                }
            )
    passed = sum(1 for r in run.results if r.status is ExerciseStatus.PASSED)
    return {
        "score": run.score,
        "execution_time": round(run.duration_s, 3),
        "output": f"{passed} of {len(run.results)} exercises pass; {run.score:g} of {run.max_score:g} points.",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def render(run: GradeRun) -> str:
    return json.dumps(to_document(run), indent=2, allow_nan=False) + "\n"
