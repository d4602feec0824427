"""regularization: the notes' example-challenge mistakes and other known-wrong penalties and gradients
(written differently from the course's own wrong files) are rejected with their targeted message;
differently written correct ones pass."""

from __future__ import annotations

import pytest

from grader.results import ExerciseStatus
from tests.conftest import grade_source, with_reference

# Each defines only the functions it gets wrong; the reference supplies the others.
WRONG = {
    "l2_grad_squared": """
        import numpy as np
        def l2_grad(W, lam):
            return np.square(W) * lam
        """,
    "l2_grad_twice": """
        def l2_grad(W, lam):
            return lam * (W + W)
        """,
    "l1_grad_abs": """
        import numpy as np
        def l1_grad(W, lam):
            return lam * np.sqrt(W * W)
        """,
    "l1_grad_zero": """
        def l1_grad(W, lam):
            return lam * (2.0 * (W >= 0) - 1.0)
        """,
    "l2_no_half": """
        def l2_penalty(weights, lam):
            total = 0.0
            for W in weights:
                total += lam * float((W * W).sum())
            return total
        """,
    "l2_norm_not_squared": """
        import numpy as np
        def l2_penalty(weights, lam):
            return lam / 2 * float(sum(np.linalg.norm(W) for W in weights))
        """,
    "first_array_only": """
        import numpy as np
        def l1_penalty(weights, lam):
            for W in weights:
                return lam * float(np.abs(W).sum())
        """,
    "lam_missing": """
        import numpy as np
        def l2_grad(W, lam):
            return np.array(W)
        """,
    "grad_in_place": """
        import numpy as np
        def l2_grad(W, lam):
            np.multiply(W, lam, out=W)
            return W
        """,
}

RIGHT = {
    "generators and np.sign": """
        import numpy as np
        def l2_penalty(weights, lam):
            return 0.5 * lam * sum(float(np.sum(W ** 2)) for W in weights)
        def l2_grad(W, lam):
            return lam * W
        def l1_penalty(weights, lam):
            return lam * sum(float(np.sum(np.abs(W))) for W in weights)
        def l1_grad(W, lam):
            return lam * np.sign(W)
        """,
    "one flat vector and comparisons": """
        import numpy as np
        def _flat(weights):
            return np.concatenate([np.ravel(W) for W in weights])
        def l2_penalty(weights, lam):
            w = _flat(weights)
            return float(lam * (w @ w) / 2)
        def l2_grad(W, lam):
            return W * lam
        def l1_penalty(weights, lam):
            return float(lam * np.linalg.norm(_flat(weights), ord=1))
        def l1_grad(W, lam):
            return lam * (W > 0) - lam * (W < 0)
        """,
    "element loops": """
        import numpy as np
        def l2_penalty(weights, lam):
            total = 0.0
            for W in weights:
                for w in W.flat:
                    total += w * w
            return 0.5 * lam * total
        def l2_grad(W, lam):
            out = np.empty_like(W)
            for i, w in np.ndenumerate(W):
                out[i] = lam * w
            return out
        def l1_penalty(weights, lam):
            return lam * sum(abs(w) for W in weights for w in W.flat)
        def l1_grad(W, lam):
            out = np.zeros_like(W)
            for i, w in np.ndenumerate(W):
                if w > 0:
                    out[i] = lam
                elif w < 0:
                    out[i] = -lam
            return out
        """,
    "norms like the notes' formula, squared": """
        import numpy as np
        def l2_penalty(weights, lam):
            return float(sum(0.5 * lam * np.linalg.norm(W) ** 2 for W in weights))
        def l2_grad(W, lam):
            return np.multiply(lam, W)
        def l1_penalty(weights, lam):
            return float(sum(lam * np.sum(np.abs(W)) for W in weights))
        def l1_grad(W, lam):
            return np.where(W == 0, 0.0, lam * np.sign(W))
        """,
}


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_regularization_is_rejected_with_its_hint(course, workspace, misconception):
    result = grade_source(course, workspace, "regularization", with_reference(course, "regularization", WRONG[misconception]))
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    assert set(diagnosed) <= {misconception, None}, diagnosed
    expected = next(m.message for m in course.exercise("regularization").misconceptions if m.id == misconception)
    assert any(c.hint == expected for c in result.checks)


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_regularization_written_differently_passes(course, workspace, style):
    result = grade_source(course, workspace, "regularization", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_the_sign_at_zero_is_shown_where_it_goes_wrong(course, workspace):
    result = grade_source(course, workspace, "regularization", with_reference(course, "regularization", WRONG["l1_grad_zero"]))
    check = next(c for c in result.checks if c.name == "L1 gradient, with weights exactly 0")
    assert not check.passed
    # The worked example [[0.5, -1.0], [0.0, 2.0]] with lam 0.1 is the smallest case; its 0 is at [1, 0].
    assert any(line.startswith("first difference at [1, 0]: expected 0, got 0.1") for line in check.details), check.details
