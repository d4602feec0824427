"""softmax: known-wrong implementations (written differently from the course's own wrong files) are
rejected with their targeted message; differently written correct ones pass."""

from __future__ import annotations

import pytest

from grader.results import ExerciseStatus
from tests.conftest import grade_source

WRONG = {
    "no_max_shift": """
        import numpy as np
        def softmax(x):
            out = np.exp(x.astype(float))
            if out.ndim == 1:
                return out / out.sum()
            return out / out.sum(axis=1)[:, None]
        """,
    "batch_sum": """
        import numpy as np
        def softmax(x):
            z = x - x.max(axis=-1, keepdims=True)
            return np.exp(z) / np.exp(z).sum()
        """,
    "column_axis": """
        import numpy as np
        def softmax(x):
            z = x - np.max(x, axis=0, keepdims=True)
            return np.exp(z) / np.sum(np.exp(z), axis=0, keepdims=True)
        """,
    "global_max_shift": """
        import numpy as np
        def softmax(x):
            biggest = float(np.max(x))
            e = np.exp(x - biggest)
            return e / e.sum(axis=-1, keepdims=True)
        """,
    "in_place_shift": """
        import numpy as np
        def softmax(x):
            np.subtract(x, x.max(axis=-1, keepdims=True), out=x)
            np.exp(x, out=x)
            return x / x.sum(axis=-1, keepdims=True)
        """,
    "sigmoid_outputs": """
        import numpy as np
        def softmax(x):
            return np.exp(-np.logaddexp(0, -x))
        """,
}

RIGHT = {
    "transpose like the notes": """
        import numpy as np
        def softmax(x):
            if x.ndim == 2:
                x = x.T
                x = x - np.max(x, axis=0)
                y = np.exp(x) / np.sum(np.exp(x), axis=0)
                return y.T
            x = x - np.max(x)
            return np.exp(x) / np.sum(np.exp(x))
        """,
    "a loop over rows": """
        import math
        import numpy as np
        def softmax(x):
            rows = np.atleast_2d(np.array(x, dtype=float))
            out = np.empty_like(rows)
            for i, row in enumerate(rows):
                top = max(row)
                exps = [math.exp(v - top) for v in row]
                total = sum(exps)
                out[i] = [e / total for e in exps]
            return out.reshape(np.shape(x))
        """,
    "log-sum-exp": """
        import numpy as np
        def softmax(x):
            m = np.max(x, axis=-1, keepdims=True)
            log_norm = m + np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True))
            return np.exp(x - log_norm)
        """,
}


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_softmax_is_rejected_with_its_hint(course, workspace, misconception):
    result = grade_source(course, workspace, "softmax", WRONG[misconception])
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    expected = next(m.message for m in course.exercise("softmax").misconceptions if m.id == misconception)
    assert expected in result.feedback or any(c.hint == expected for c in result.checks)


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_softmax_written_differently_passes(course, workspace, style):
    result = grade_source(course, workspace, "softmax", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_large_input_failure_names_the_input_and_the_fix(course, workspace):
    result = grade_source(course, workspace, "softmax", WRONG["no_max_shift"])
    stable = next(c for c in result.checks if c.name == "stable for large inputs")
    assert stable.summary.startswith("softmax([1000., 1001., 1002.]) returned nan")
    assert any(line.startswith("first difference at [0]: expected 0.090030573, got nan") for line in stable.details)
    assert "no max subtraction" in stable.hint


def test_hypothesis_shrinks_the_failing_input(course, workspace):
    result = grade_source(course, workspace, "softmax", WRONG["no_max_shift"])
    search = next(c for c in result.checks if c.kind == "hypothesis")
    assert "smallest failing input" in search.summary
    assert search.summary.startswith("softmax([710.])")
