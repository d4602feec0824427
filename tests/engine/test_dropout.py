"""dropout: the checks are statistical, so known-wrong layers written differently from the course's
own wrong files (other random functions, an unseeded `default_rng`, the other scaling) are still
rejected with their targeted message, and correct layers pass in both scalings and with either
source of random numbers."""

from __future__ import annotations

import pytest

from grader.results import ExerciseStatus
from tests.conftest import grade_source

WRONG = {
    # Inverted scaling with the comparison the wrong way round: keeps `ratio` of the units.
    "keep_ratio": """
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.p = dropout_ratio
                self.rng = np.random.default_rng()
            def forward(self, x, train_flg=True):
                if not train_flg:
                    return x.copy()
                self.keep = self.rng.random(x.shape) <= self.p
                return np.where(self.keep, x / (1 - self.p), 0.0)
            def backward(self, dout):
                return np.where(self.keep, dout / (1 - self.p), 0.0)
        """,
    "test_not_scaled": """
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.dropout_ratio = dropout_ratio
            def forward(self, x, train_flg=True):
                if train_flg:
                    self.kept = np.random.binomial(1, 1 - self.dropout_ratio, size=x.shape)
                    return x * self.kept
                return x
            def backward(self, dout):
                return dout * self.kept
        """,
    "test_scaled_by_ratio": """
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.dropout_ratio = dropout_ratio
            def forward(self, x, train_flg=True):
                if train_flg:
                    self.kept = np.random.random_sample(x.shape) >= self.dropout_ratio
                    return np.where(self.kept, x, 0.0)
                return self.dropout_ratio * x
            def backward(self, dout):
                return np.where(self.kept, dout, 0.0)
        """,
    "inverted_scales_test": """
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.q = 1.0 - dropout_ratio
                self.rng = np.random.default_rng()
            def forward(self, x, train_flg=True):
                if train_flg:
                    self.factor = (self.rng.random(x.shape) < self.q) / self.q
                    return self.factor * x
                return self.q * x
            def backward(self, dout):
                return self.factor * dout
        """,
    "drops_at_test": """
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.dropout_ratio = dropout_ratio
            def forward(self, x, train_flg=True):
                self.scale = (np.random.uniform(size=x.shape) > self.dropout_ratio) / (1 - self.dropout_ratio)
                return x * self.scale
            def backward(self, dout):
                return dout * self.scale
        """,
    "new_mask_in_backward": """
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.dropout_ratio = dropout_ratio
            def _mask(self, shape):
                return np.random.random(shape) > self.dropout_ratio
            def forward(self, x, train_flg=True):
                if train_flg:
                    return x * self._mask(x.shape)
                return x * (1 - self.dropout_ratio)
            def backward(self, dout):
                return dout * self._mask(dout.shape)
        """,
    "mask_fixed_once": """
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.dropout_ratio = dropout_ratio
            def forward(self, x, train_flg=True):
                if train_flg:
                    rng = np.random.default_rng(2024)
                    self.mask = rng.random(x.shape) > self.dropout_ratio
                    return x * self.mask
                return x * (1 - self.dropout_ratio)
            def backward(self, dout):
                return dout * self.mask
        """,
    "inverted_backward_unscaled": """
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.dropout_ratio = dropout_ratio
                self.rng = np.random.default_rng()
            def forward(self, x, train_flg=True):
                if not train_flg:
                    return x
                self.kept = self.rng.uniform(size=x.shape) >= self.dropout_ratio
                return np.where(self.kept, x, 0.0) / (1 - self.dropout_ratio)
            def backward(self, dout):
                return np.where(self.kept, dout, 0.0)
        """,
    "in_place": """
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.dropout_ratio = dropout_ratio
            def forward(self, x, train_flg=True):
                if train_flg:
                    self.mask = np.random.rand(*x.shape) > self.dropout_ratio
                    x[~self.mask] = 0.0
                    return x
                return x * (1 - self.dropout_ratio)
            def backward(self, dout):
                return dout * self.mask
        """,
}

RIGHT = {
    "the notes' scaling with np.random.rand": """
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.dropout_ratio = dropout_ratio
                self.mask = None
            def forward(self, x, train_flg=True):
                if train_flg:
                    self.mask = np.random.rand(*x.shape) > self.dropout_ratio
                    return x * self.mask
                return x * (1.0 - self.dropout_ratio)
            def backward(self, dout):
                return dout * self.mask
        """,
    "inverted dropout with an unseeded default_rng": """
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.keep_prob = 1.0 - dropout_ratio
                self.rng = np.random.default_rng()
            def forward(self, x, train_flg=True):
                if not train_flg:
                    return x.copy()
                self.scale = (self.rng.random(x.shape) < self.keep_prob) / self.keep_prob
                return x * self.scale
            def backward(self, dout):
                return dout * self.scale
        """,
    "the notes' scaling with binomial draws": """
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.dropout_ratio = dropout_ratio
            def forward(self, x, train_flg=True):
                if train_flg:
                    self.kept = np.random.binomial(1, 1.0 - self.dropout_ratio, size=np.shape(x)).astype(bool)
                    return np.where(self.kept, x, 0.0)
                return np.multiply(x, 1.0 - self.dropout_ratio)
            def backward(self, dout):
                return np.where(self.kept, dout, 0.0)
        """,
    "inverted dropout, one unit at a time": """
        import random
        import numpy as np
        class Dropout:
            def __init__(self, dropout_ratio=0.5):
                self.dropout_ratio = dropout_ratio
            def forward(self, x, train_flg=True):
                if not train_flg:
                    return np.array(x, dtype=float)
                keep = 1.0 - self.dropout_ratio
                self.scale = np.array([1.0 / keep if random.random() < keep else 0.0 for _ in range(x.size)]).reshape(x.shape)
                return x * self.scale
            def backward(self, dout):
                return dout * self.scale
        """,
}


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_dropout_is_rejected_with_its_hint(course, workspace, misconception):
    result = grade_source(course, workspace, "dropout", WRONG[misconception])
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    assert set(diagnosed) <= {misconception, None}, diagnosed
    expected = next(m.message for m in course.exercise("dropout").misconceptions if m.id == misconception)
    assert any(c.hint == expected for c in result.checks)


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_dropout_written_differently_passes(course, workspace, style):
    result = grade_source(course, workspace, "dropout", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_the_fraction_dropped_is_reported(course, workspace):
    result = grade_source(course, workspace, "dropout", WRONG["keep_ratio"])
    check = next(c for c in result.checks if c.name == "about dropout_ratio of the units are dropped")
    lead = "Dropout(0.2) should set a fraction of about 0.2 of the units to 0 in training, but it dropped "
    assert check.summary.startswith(lead)
    assert abs(float(check.summary.removeprefix(lead).split()[0]) - 0.8) < 0.02


def test_a_mask_kept_from_the_first_call_still_passes_backward(course, workspace):
    # Reusing one mask is wrong, but backward does use "the mask of the last forward": only the
    # check that two training calls differ may fail.
    result = grade_source(course, workspace, "dropout", WRONG["mask_fixed_once"])
    failed = [c.name for c in result.checks if not c.passed]
    assert failed == ["a new mask on every training call"]
