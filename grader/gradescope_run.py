"""`grade gradescope run`: what `run_autograder` does for one submission on Gradescope.

It finds the student's exercise files anywhere under `<root>/submission` (uploaded loose, in an
`exercises/` folder, in a repository, or in a zip), grades them in graded mode with the hidden
checks, and writes `<root>/results/results.json`. Every outcome, including one where nothing
could be graded, is a results file the student sees, with the reason in its `output`.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path

from grader.batch.submissions import read_anywhere


def run_autograder(root: Path, course_name: str | None) -> tuple[int, Path]:
    """Grade `<root>/submission`, write `<root>/results/results.json`; return an exit status and the file."""
    from grader.course import load_course
    from grader.coursework.locate import named_course
    from grader.engine import GradingOptions, grade
    from grader.report.gradescope import to_document
    from grader.sandbox.identity import set_non_dumpable
    from grader.sandbox.session import SandboxRefused
    from grader.workspace import Workspace

    results = root / "results" / "results.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    course = load_course(named_course(course_name))
    try:
        files = read_anywhere(root / "submission", frozenset(course.exercises))
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        return _refusal(results, f"The submission could not be read: {exc}.")
    if not files:
        names = ", ".join(f"`{i}.py`" for i in course.exercises)
        return _refusal(results, f"No exercise file was found in the submission. Upload your files ({names}) or your `exercises/` folder.")
    set_non_dumpable()
    with tempfile.TemporaryDirectory(prefix="grade-autograder-") as folder:
        exercises = Path(folder) / "exercises"
        exercises.mkdir()
        (exercises / "__init__.py").write_text("")
        for exercise_id, data in files.items():
            (exercises / f"{exercise_id}.py").write_bytes(data)
        try:
            run = grade(course, Workspace(Path(folder)), options=GradingOptions(strict=True, hidden_checks=True))
        except SandboxRefused as exc:
            return _refusal(results, f"The autograder cannot grade safely on this machine ({exc}). Please tell your instructor.", status=2)
    results.write_text(json.dumps(to_document(run), indent=2, allow_nan=False) + "\n", encoding="utf-8")
    return 0, results


def _refusal(results: Path, message: str, *, status: int = 1) -> tuple[int, Path]:
    document = {"score": 0.0, "output": message, "output_format": "md", "visibility": "visible", "tests": []}
    results.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return status, results
