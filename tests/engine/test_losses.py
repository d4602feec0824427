"""losses: known-wrong squared error and cross-entropy implementations are rejected with their
targeted message; differently written correct ones pass."""

from __future__ import annotations

import pytest

from grader.results import ExerciseStatus
from tests.conftest import grade_source, with_reference

WRONG = {
    "mse_mean": """
        import numpy as np
        def mean_squared_error(y, t):
            d = (y - t).ravel()
            return float(d @ d / d.size)
        """,
    "mse_no_half": """
        import numpy as np
        def mean_squared_error(y, t):
            return float(np.square(np.subtract(y, t)).sum())
        """,
    "ce_no_epsilon": """
        import numpy as np
        def cross_entropy_error(y, t):
            y2 = np.atleast_2d(y)
            t = np.asarray(t)
            labels = t.reshape(y2.shape).argmax(axis=1) if t.size == y2.size else t.reshape(-1)
            return float(-np.mean(np.log(y2[np.arange(len(y2)), labels])))
        """,
    "ce_batch_sum": """
        import numpy as np
        def cross_entropy_error(y, t):
            y2 = np.atleast_2d(y)
            t = np.asarray(t)
            labels = t.reshape(y2.shape).argmax(axis=1) if t.size == y2.size else t.reshape(-1)
            total = 0.0
            for n, label in enumerate(labels):
                total -= np.log(y2[n, label] + 1e-7)
            return float(total)
        """,
    "ce_no_minus": """
        import numpy as np
        def cross_entropy_error(y, t):
            y2 = np.atleast_2d(y)
            t = np.asarray(t)
            labels = t.reshape(y2.shape).argmax(axis=1) if t.size == y2.size else t.reshape(-1)
            return float(np.mean(np.log(y2[np.arange(len(y2)), labels] + 1e-7)))
        """,
    "ce_no_reshape": """
        import numpy as np
        def cross_entropy_error(y, t):
            t = np.asarray(t)
            if t.size == y.size:
                t = np.argmax(t, axis=-1)
            n = len(y)
            picked = y[t] if y.ndim == 1 else y[np.arange(n), t]
            return float(-np.log(picked + 1e-7).sum() / n)
        """,
}

RIGHT = {
    "one-hot multiply": """
        import numpy as np
        def mean_squared_error(y, t):
            return float(np.sum((y - t) ** 2) / 2)
        def cross_entropy_error(y, t):
            y = np.atleast_2d(y)
            t = np.asarray(t)
            if t.size != y.size:
                t = np.eye(y.shape[1])[t.reshape(-1)]
            t = t.reshape(y.shape)
            return float(-np.sum(t * np.log(y + 1e-7)) / y.shape[0])
        """,
    "loops": """
        import math
        def mean_squared_error(y, t):
            return 0.5 * sum((a - b) ** 2 for a, b in zip(y.ravel(), t.ravel()))
        def cross_entropy_error(y, t):
            import numpy as np
            rows = y.reshape(-1, y.shape[-1])
            t = np.asarray(t)
            labels = [int(np.argmax(r)) for r in t.reshape(rows.shape)] if t.size == rows.size else [int(v) for v in t.reshape(-1)]
            return -sum(math.log(rows[i][k] + 1e-7) for i, k in enumerate(labels)) / len(labels)
        """,
    "the notes' version": """
        import numpy as np
        def mean_squared_error(y, t):
            return 0.5 * np.sum((y - t) ** 2)
        def cross_entropy_error(y, t):
            if y.ndim == 1:
                t = np.asarray(t).reshape(1, np.size(t))
                y = y.reshape(1, y.size)
            if t.size == y.size:
                t = t.argmax(axis=1)
            batch_size = y.shape[0]
            return -np.sum(np.log(y[np.arange(batch_size), np.ravel(t)] + 1e-7)) / batch_size
        """,
}


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_losses_are_rejected_with_their_hint(course, workspace, misconception):
    result = grade_source(course, workspace, "losses", with_reference(course, "losses", WRONG[misconception]))
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_losses_written_differently_pass(course, workspace, style):
    result = grade_source(course, workspace, "losses", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_a_one_element_array_instead_of_a_float_is_explained(course, workspace):
    source = with_reference(course, "losses", """
        def mean_squared_error(y, t):
            return 0.5 * np.sum((y - t) ** 2, keepdims=True).reshape(1)
        """)
    result = grade_source(course, workspace, "losses", source)
    check = next(c for c in result.checks if c.name == "squared error: worked example")
    assert "returned float64 array of shape (1,), expected a single number" in check.summary


def test_half_done_exercise_is_failed_not_not_started(course, workspace):
    source = with_reference(course, "losses", """
        def cross_entropy_error(y, t):
            raise NotImplementedError
        """)
    result = grade_source(course, workspace, "losses", source)
    assert result.status is ExerciseStatus.FAILED
    assert any(c.passed for c in result.checks)
    assert any("not implemented yet" in c.summary for c in result.checks)
