"""weight_init: known-wrong initialisers (written differently from the course's own wrong files, some
with other random functions) are rejected with their targeted message; correct ones pass whatever
source of normal random numbers they use."""

from __future__ import annotations

import pytest

from grader.results import ExerciseStatus
from tests.conftest import grade_source, with_reference

# Each defines only the functions it gets wrong; the reference supplies the others.
WRONG = {
    "variance_as_std": """
        import numpy as np
        def xavier_init(n_in, n_out):
            return np.random.normal(0.0, 1.0 / n_in, size=(n_in, n_out))
        """,
    "uniform_rand": """
        import numpy as np
        def he_init(n_in, n_out):
            return np.random.random_sample((n_in, n_out)) * (2.0 / n_in) ** 0.5
        """,
    "fan_out": """
        import numpy as np
        def xavier_init(n_in, n_out):
            return np.random.default_rng().standard_normal((n_in, n_out)) * n_out ** -0.5
        """,
    "he_without_two": """
        import numpy as np
        def he_init(n_in, n_out):
            return np.random.normal(scale=np.sqrt(1.0 / n_in), size=(n_in, n_out))
        """,
    "glorot_average": """
        import numpy as np
        def xavier_init(n_in, n_out):
            return np.random.randn(n_in, n_out) / np.sqrt((n_in + n_out) / 2)
        """,
    "same_seed": """
        import numpy as np
        def he_init(n_in, n_out):
            return np.random.default_rng(1234).normal(0.0, np.sqrt(2 / n_in), (n_in, n_out))
        """,
}

RIGHT = {
    "np.random.normal with scale": """
        import numpy as np
        def xavier_init(n_in, n_out):
            return np.random.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_in, n_out))
        def he_init(n_in, n_out):
            return np.random.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        """,
    "an unseeded default_rng": """
        import numpy as np
        _rng = np.random.default_rng()
        def xavier_init(n_in, n_out):
            return _rng.standard_normal((n_in, n_out)) * (1 / n_in) ** 0.5
        def he_init(n_in, n_out):
            return xavier_init(n_in, n_out) * np.sqrt(2)
        """,
    "gauss in a loop": """
        import math
        import random
        import numpy as np
        def _normal(n_in, n_out, std):
            return np.array([[random.gauss(0.0, std) for _ in range(n_out)] for _ in range(n_in)])
        def xavier_init(n_in, n_out):
            return _normal(n_in, n_out, 1 / math.sqrt(n_in))
        def he_init(n_in, n_out):
            return _normal(n_in, n_out, math.sqrt(2 / n_in))
        """,
}


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_initialiser_is_rejected_with_its_hint(course, workspace, misconception):
    result = grade_source(course, workspace, "weight_init", with_reference(course, "weight_init", WRONG[misconception]))
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    assert set(diagnosed) <= {misconception, None}, diagnosed
    expected = next(m.message for m in course.exercise("weight_init").misconceptions if m.id == misconception)
    assert any(c.hint == expected for c in result.checks)


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_initialisers_written_differently_pass(course, workspace, style):
    result = grade_source(course, workspace, "weight_init", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_transposed_weights_fail_on_their_shape(course, workspace):
    source = with_reference(course, "weight_init", """
        def xavier_init(n_in, n_out):
            return np.random.randn(n_out, n_in) / np.sqrt(n_in)
        """)
    result = grade_source(course, workspace, "weight_init", source)
    check = next(c for c in result.checks if c.name.startswith("Xavier"))
    assert check.summary == "the weights should have shape (n_in, n_out), the shape of W in x @ W, but they have shape (100, 400)"


def test_a_zero_mean_uniform_with_the_right_spread_is_not_normal(course, workspace):
    source = with_reference(course, "weight_init", """
        def he_init(n_in, n_out):
            limit = np.sqrt(6.0 / n_in)
            return np.random.uniform(-limit, limit, size=(n_in, n_out))
        """)
    result = grade_source(course, workspace, "weight_init", source)
    check = next(c for c in result.checks if c.name.startswith("He"))
    assert "normally distributed" in check.summary and "but 0.57" in check.summary, check.summary
