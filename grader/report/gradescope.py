"""`--format gradescope`: the `results.json` a Gradescope autograder writes (one test per check).

Tests are numbered from the course order (`<exercise position>.<check position>`), so a number
means the same check whichever exercises a submission has. Messages are Markdown
(`output_format: "md"`, the student's values in code blocks); each test carries the exercise's
status and the misconception diagnosed in `extra_data`; a check that measures something (the
Iris test accuracy) puts it on the leaderboard; a check's `visibility` is the spec's.
"""

from __future__ import annotations

import json

from grader.results import ExerciseStatus, GradeRun


def to_document(run: GradeRun) -> dict:
    tests = []
    leaderboard = []
    for result in run.results:
        for index, check in enumerate(result.checks, start=1):
            position = check.position or index
            tests.append(
                {
                    "name": f"{result.id}: {check.name}",
                    "name_format": "text",
                    "number": f"{result.position or 0}.{position}",
                    "score": check.points,
                    "max_score": check.max_points,
                    "status": "passed" if check.passed else "failed",
                    "output": _markdown(check),
                    "output_format": "md",
                    "tags": [result.topic],
                    "visibility": check.visibility,
                    "extra_data": {
                        "exercise": result.id,
                        "exercise_status": result.status.value,
                        "check_status": check.status.value,
                        "misconception": check.misconception,
                    },
                }
            )
            if check.measure is not None:
                leaderboard.append({"name": f"{result.id}: {check.name}", "value": round(check.measure, 4)})
    passed = sum(1 for r in run.results if r.status is ExerciseStatus.PASSED)
    document = {
        "score": run.score,
        "execution_time": round(run.duration_s, 3),
        "output": _summary(run, passed),
        "output_format": "md",
        "test_output_format": "md",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "extra_data": {"course_fingerprint": run.course_fingerprint,
                       "exercises": {r.id: r.status.value for r in run.results}},
        "tests": tests,
    }
    if leaderboard:
        document["leaderboard"] = leaderboard
    return document


def _summary(run: GradeRun, passed: int) -> str:
    lines = [f"**{passed} of {len(run.results)} exercises pass; {run.score:g} of {run.max_score:g} points.**", "",
             "| # | exercise | status | score |", "|---|---|---|---|"]
    lines += [f"| {r.position} | {r.id} | {r.status.value.replace('_', ' ')} | {r.score:g}/{r.max_score:g} |" for r in run.results]
    return "\n".join(lines)


def _markdown(check) -> str:
    """A check's message as Markdown: its summary, the lines that show values in a code block, then hint and notes."""
    parts = [check.summary] if check.summary else []
    if check.details:
        body = "\n".join(check.details)
        fence = "```"
        while fence in body:
            fence += "`"
        parts.append(f"{fence}\n{body}\n{fence}")
    if check.hint:
        parts.append(f"**Hint:** {check.hint}")
    parts += [f"*Note:* {note}" for note in check.notes]
    return "\n\n".join(parts)


def render(run: GradeRun) -> str:
    return json.dumps(to_document(run), indent=2, allow_nan=False) + "\n"
