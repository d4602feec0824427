"""layers: known-wrong layers (written differently from the course's own wrong files) are rejected
with their targeted message; correct layers written in other styles pass, including the notes' own
ReLU, whose backward writes into `dout` (a note, not a failure, in compare and gradient checks)."""

from __future__ import annotations

import shutil

import pytest

from grader.results import ExerciseStatus
from tests.conftest import grade_source, with_reference


@pytest.fixture
def layers_workspace(course, workspace):
    """The layers' siblings (softmax, losses) solved, as a student who reached this exercise has them."""
    for sibling in ("softmax", "losses"):
        shutil.copyfile(course.reference_path(sibling), workspace.exercise_file(sibling))
    return workspace


# Each wrong version replaces one class of the reference (the names it defines win).
WRONG = {
    "relu_mask_ge": """
        class Relu:
            def forward(self, x):
                self.keep = (x < 0).astype(float)
                return x * self.keep
            def backward(self, dout):
                return dout * self.keep
        """,
    "relu_mask_from_dout": """
        class Relu:
            def forward(self, x):
                self.out = x.clip(min=0)
                return self.out
            def backward(self, dout):
                return dout * (dout > 0)
        """,
    "sigmoid_uses_input": """
        import math
        class Sigmoid:
            def forward(self, x):
                self.inp = np.array(x, dtype=float)
                return np.vectorize(lambda v: 1.0 / (1.0 + math.exp(-v)))(self.inp)
            def backward(self, dout):
                return dout * (self.inp - self.inp ** 2)
        """,
    "affine_dw_transposed": """
        class Affine:
            def __init__(self, W, b):
                self.W, self.b = W, b
            def forward(self, x):
                self.shape = x.shape
                self.flat = x.reshape(len(x), -1)
                return np.einsum("nd,dm->nm", self.flat, self.W) + self.b
            def backward(self, dout):
                self.dW = np.einsum("nm,nd->md", dout, self.flat)
                self.db = dout.sum(axis=0)
                return np.einsum("nm,dm->nd", dout, self.W).reshape(self.shape)
        """,
    "affine_db_no_sum": """
        class Affine:
            def __init__(self, W, b):
                self.W, self.b = W, b
            def forward(self, x):
                self.shape = x.shape
                self.flat = x.reshape(len(x), -1)
                return self.flat @ self.W + self.b
            def backward(self, dout):
                self.dW = self.flat.T @ dout
                self.db = dout.copy()
                return (dout @ self.W.T).reshape(self.shape)
        """,
    "affine_dx_not_reshaped": """
        class Affine:
            def __init__(self, W, b):
                self.W, self.b = W, b
            def forward(self, x):
                self.flat = np.reshape(x, (x.shape[0], self.W.shape[0]))
                return np.matmul(self.flat, self.W) + self.b
            def backward(self, dout):
                self.dW = np.matmul(self.flat.T, dout)
                self.db = np.add.reduce(dout, axis=0)
                return np.matmul(dout, self.W.T)
        """,
    "swl_no_batch_division": """
        class SoftmaxWithLoss:
            def forward(self, x, t):
                e = np.exp(x - x.max(axis=1, keepdims=True))
                self.p = e / e.sum(axis=1, keepdims=True)
                self.labels = t.argmax(axis=1) if t.ndim == 2 else t
                return float(-np.mean(np.log(self.p[np.arange(len(x)), self.labels] + 1e-7)))
            def backward(self, dout=1):
                grad = self.p.copy()
                for n, label in enumerate(self.labels):
                    grad[n, label] -= 1.0
                return grad * dout
        """,
    "swl_ignores_dout": """
        class SoftmaxWithLoss:
            def forward(self, x, t):
                e = np.exp(x - x.max(axis=1, keepdims=True))
                self.p = e / e.sum(axis=1, keepdims=True)
                self.onehot = t if t.ndim == 2 else np.eye(x.shape[1])[t]
                return float(-np.sum(self.onehot * np.log(self.p + 1e-7)) / len(x))
            def backward(self, dout=1):
                return (self.p - self.onehot) / len(self.p)
        """,
    "shared_state": """
        _last_output = {}
        class Sigmoid:
            def forward(self, x):
                _last_output["y"] = 1.0 / (1.0 + np.exp(-x))
                return _last_output["y"]
            def backward(self, dout):
                y = _last_output["y"]
                return dout * y * (1.0 - y)
        """,
}

RIGHT = {
    # The notes' style: ReLU writes into dout, SoftmaxWithLoss uses the sibling exercises.
    "notes' style": """
        import numpy as np
        from exercises.losses import cross_entropy_error
        from exercises.softmax import softmax

        class Relu:
            def __init__(self):
                self.mask = None
            def forward(self, x):
                self.mask = (x <= 0)
                out = x.copy()
                out[self.mask] = 0
                return out
            def backward(self, dout):
                dout[self.mask] = 0
                dx = dout
                return dx

        class Sigmoid:
            def __init__(self):
                self.out = None
            def forward(self, x):
                out = 1 / (1 + np.exp(-x))
                self.out = out
                return out
            def backward(self, dout):
                dx = dout * (1.0 - self.out) * self.out
                return dx

        class Affine:
            def __init__(self, W, b):
                self.W = W
                self.b = b
                self.x = None
                self.original_x_shape = None
                self.dW = None
                self.db = None
            def forward(self, x):
                self.original_x_shape = x.shape
                x = x.reshape(x.shape[0], -1)
                self.x = x
                out = np.dot(self.x, self.W) + self.b
                return out
            def backward(self, dout):
                dx = np.dot(dout, self.W.T)
                self.dW = np.dot(self.x.T, dout)
                self.db = np.sum(dout, axis=0)
                dx = dx.reshape(*self.original_x_shape)
                return dx

        class SoftmaxWithLoss:
            def __init__(self):
                self.loss = None
                self.y = None
                self.t = None
            def forward(self, x, t):
                self.t = t
                self.y = softmax(x)
                self.loss = cross_entropy_error(self.y, self.t)
                return self.loss
            def backward(self, dout=1):
                batch_size = self.t.shape[0]
                if self.t.size == self.y.size:
                    dx = (self.y - self.t) / batch_size
                else:
                    dx = self.y.copy()
                    dx[np.arange(batch_size), self.t] -= 1
                    dx = dx / batch_size
                return dx * dout
        """,
    # Everything in explicit Python loops; Sigmoid writes into dout as well.
    "loops": """
        import math
        import numpy as np

        class Relu:
            def forward(self, x):
                self.x = np.array(x, dtype=float)
                out = self.x.copy()
                for i in np.ndindex(out.shape):
                    if out[i] <= 0:
                        out[i] = 0.0
                return out
            def backward(self, dout):
                dx = np.array(dout, dtype=float)
                for i in np.ndindex(dx.shape):
                    if self.x[i] <= 0:
                        dx[i] = 0.0
                return dx

        class Sigmoid:
            def forward(self, x):
                self.y = np.empty(np.shape(x))
                for i in np.ndindex(self.y.shape):
                    self.y[i] = 1.0 / (1.0 + math.exp(-x[i]))
                return self.y.copy()
            def backward(self, dout):
                for i in np.ndindex(dout.shape):
                    dout[i] *= self.y[i] * (1.0 - self.y[i])
                return dout

        class Affine:
            def __init__(self, W, b):
                self.W = W
                self.b = b
            def forward(self, x):
                self.shape = x.shape
                self.rows = x.reshape(x.shape[0], -1)
                n, d = self.rows.shape
                m = self.W.shape[1]
                out = np.zeros((n, m))
                for i in range(n):
                    for j in range(m):
                        out[i, j] = sum(self.rows[i, k] * self.W[k, j] for k in range(d)) + self.b[j]
                return out
            def backward(self, dout):
                n, d = self.rows.shape
                m = self.W.shape[1]
                self.dW = np.zeros((d, m))
                self.db = np.zeros(m)
                dx = np.zeros((n, d))
                for i in range(n):
                    for j in range(m):
                        self.db[j] += dout[i, j]
                        for k in range(d):
                            self.dW[k, j] += self.rows[i, k] * dout[i, j]
                            dx[i, k] += dout[i, j] * self.W[k, j]
                return dx.reshape(self.shape)

        class SoftmaxWithLoss:
            def forward(self, x, t):
                n, k = x.shape
                self.labels = [int(np.argmax(t[i])) for i in range(n)] if np.ndim(t) == 2 else [int(v) for v in t]
                self.y = np.zeros((n, k))
                total = 0.0
                for i in range(n):
                    top = max(x[i])
                    exps = [math.exp(v - top) for v in x[i]]
                    s = sum(exps)
                    self.y[i] = [e / s for e in exps]
                    total -= math.log(self.y[i, self.labels[i]] + 1e-7)
                return total / n
            def backward(self, dout=1):
                n = len(self.labels)
                dx = self.y.copy()
                for i, label in enumerate(self.labels):
                    dx[i, label] -= 1.0
                return dout * dx / n
        """,
    # Only inputs are cached; outputs are recomputed in backward, the loss via log-sum-exp (no 1e-7).
    "recomputed from cached inputs": """
        import numpy as np

        def _sigmoid(z):
            return 0.5 * (1.0 + np.tanh(0.5 * z))

        class Relu:
            def forward(self, x):
                self.x = x
                return np.maximum(x, 0.0)
            def backward(self, dout):
                return np.heaviside(self.x, 0.0) * dout

        class Sigmoid:
            def forward(self, x):
                self.x = x
                return _sigmoid(x)
            def backward(self, dout):
                s = _sigmoid(self.x)
                return dout * s * (1.0 - s)

        class Affine:
            def __init__(self, W, b):
                self.W = W
                self.b = b
            def forward(self, x):
                self.x = x
                return np.tensordot(x, self.W.reshape(*x.shape[1:], -1), axes=x.ndim - 1) + self.b
            def backward(self, dout):
                flat = self.x.reshape(self.x.shape[0], -1)
                self.dW = flat.T @ dout
                self.db = dout.sum(axis=0)
                return (dout @ self.W.T).reshape(self.x.shape)

        class SoftmaxWithLoss:
            def forward(self, x, t):
                self.x = x
                self.t = t if t.ndim == 2 else np.eye(x.shape[1])[t]
                shifted = x - x.max(axis=1, keepdims=True)
                log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
                return float(-(self.t * log_p).sum() / x.shape[0])
            def backward(self, dout=1):
                e = np.exp(self.x - self.x.max(axis=1, keepdims=True))
                y = e / e.sum(axis=1, keepdims=True)
                return dout * (y - self.t) / self.x.shape[0]
        """,
}


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_layer_is_rejected_with_its_hint(course, layers_workspace, misconception):
    result = grade_source(course, layers_workspace, "layers", with_reference(course, "layers", WRONG[misconception]))
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    expected = next(m.message for m in course.exercise("layers").misconceptions if m.id == misconception)
    assert any(c.hint == expected for c in result.checks)


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_layers_written_differently_pass(course, layers_workspace, style):
    result = grade_source(course, layers_workspace, "layers", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_backward_writing_into_dout_earns_a_note_not_a_failure(course, layers_workspace):
    result = grade_source(course, layers_workspace, "layers", RIGHT["loops"])
    sigmoid = next(c for c in result.checks if c.name == "Sigmoid forward and backward")
    assert any("changed `dout` in place" in note for note in sigmoid.notes)
    gradient = next(c for c in result.checks if c.name == "Sigmoid agrees with numerical differences")
    assert gradient.passed and any("relative error" in note for note in gradient.notes)


def test_gradient_failure_shows_analytic_and_numeric_values(course, layers_workspace):
    result = grade_source(course, layers_workspace, "layers", with_reference(course, "layers", WRONG["sigmoid_uses_input"]))
    check = next(c for c in result.checks if c.name == "Sigmoid agrees with numerical differences")
    assert not check.passed
    assert "disagrees with the numerical gradient of your own forward" in check.summary
    assert any(line.startswith("analytic d/dx:") for line in check.details)
    assert any(line.startswith("numeric  d/dx:") for line in check.details)
    worst = next(line for line in check.details if line.startswith("worst at ["))
    assert "np.float64" not in worst, worst


def test_unfinished_sibling_is_named(course, workspace):
    """With softmax still a stub, a layers file that uses it is told to finish softmax first."""
    result = grade_source(course, workspace, "layers", RIGHT["notes' style"])
    check = next(c for c in result.checks if c.name == "SoftmaxWithLoss with one-hot and labels")
    assert not check.passed
    assert "finish `softmax` first" in check.summary
