"""batch_norm: known-wrong layers (written differently from the course's own wrong files) are rejected
with their targeted message; correct layers pass whatever eps up to 1e-5 they pick, whether they
follow the notes' step-by-step backward, a compact formula, loops, or an explicit Jacobian."""

from __future__ import annotations

import pytest

from grader.results import ExerciseStatus
from tests.conftest import grade_source, with_reference

# Each wrong version replaces the reference's class (the names it defines win).
WRONG = {
    "unbiased_variance": """
        class BatchNormalization:
            def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
                self.gamma, self.beta, self.momentum = gamma, beta, momentum
                self.running_mean, self.running_var = running_mean, running_var
            def forward(self, x, train_flg=True):
                n, d = x.shape
                if self.running_mean is None:
                    self.running_mean, self.running_var = np.zeros(d), np.zeros(d)
                if not train_flg:
                    return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + 1e-7) + self.beta
                mu = x.sum(axis=0) / n
                var = ((x - mu) ** 2).sum(axis=0) / (n - 1)
                self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
                self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
                self.std = np.sqrt(var + 1e-7)
                self.xhat = (x - mu) / self.std
                return self.gamma * self.xhat + self.beta
            def backward(self, dout):
                self.dbeta = dout.sum(axis=0)
                self.dgamma = (dout * self.xhat).sum(axis=0)
                g = dout * self.gamma
                return (g - g.mean(axis=0) - self.xhat * (g * self.xhat).mean(axis=0)) / self.std
        """,
    "momentum_swapped": """
        class BatchNormalization:
            def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
                self.gamma, self.beta, self.momentum = gamma, beta, momentum
                self.running_mean, self.running_var = running_mean, running_var
            def forward(self, x, train_flg=True):
                if self.running_mean is None:
                    self.running_mean = np.zeros_like(x[0])
                    self.running_var = np.zeros_like(x[0])
                if train_flg:
                    mu, var = x.mean(axis=0), x.var(axis=0)
                    self.running_mean += self.momentum * (mu - self.running_mean)
                    self.running_var += self.momentum * (var - self.running_var)
                    self.std = np.sqrt(var + 1e-7)
                    self.xhat = (x - mu) / self.std
                    return self.gamma * self.xhat + self.beta
                return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + 1e-7) + self.beta
            def backward(self, dout):
                self.dbeta = dout.sum(axis=0)
                self.dgamma = (dout * self.xhat).sum(axis=0)
                g = dout * self.gamma
                return (g - g.mean(axis=0) - self.xhat * (g * self.xhat).mean(axis=0)) / self.std
        """,
    "test_uses_batch_stats": """
        class BatchNormalization:
            def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
                self.gamma, self.beta, self.momentum = gamma, beta, momentum
                self.running_mean, self.running_var = running_mean, running_var
            def forward(self, x, train_flg=True):
                if self.running_mean is None:
                    self.running_mean = np.zeros(x.shape[1])
                    self.running_var = np.zeros(x.shape[1])
                mu, var = np.mean(x, axis=0), np.var(x, axis=0)
                if train_flg:
                    self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
                    self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
                    self.std = np.sqrt(var + 1e-5)
                    self.xhat = (x - mu) / self.std
                    return self.gamma * self.xhat + self.beta
                return self.gamma * (x - mu) / np.sqrt(var + 1e-5) + self.beta
            def backward(self, dout):
                self.dbeta = dout.sum(axis=0)
                self.dgamma = (dout * self.xhat).sum(axis=0)
                g = dout * self.gamma
                return (g - g.mean(axis=0) - self.xhat * (g * self.xhat).mean(axis=0)) / self.std
        """,
    "backward_ignores_batch_stats": """
        class BatchNormalization(BatchNormalization):
            def forward(self, x, train_flg=True):
                if train_flg:
                    self.batch_var = np.var(x, axis=0)
                return super().forward(x, train_flg)
            def backward(self, dout):
                self.dbeta = np.sum(dout, axis=0)
                self.dgamma = np.sum(dout * self.x_hat, axis=0)
                return dout * (self.gamma / np.sqrt(self.batch_var + 1e-6))
        """,
    "eps_outside_sqrt": """
        class BatchNormalization(BatchNormalization):
            def forward(self, x, train_flg=True):
                if self.running_mean is None:
                    self.running_mean = np.zeros(x.shape[1])
                    self.running_var = np.zeros(x.shape[1])
                if not train_flg:
                    return self.gamma * (x - self.running_mean) / (np.sqrt(self.running_var) + 1e-7) + self.beta
                mu, var = x.mean(axis=0), x.var(axis=0)
                self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
                self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
                self.std = np.sqrt(var) + 1e-7
                self.x_hat = (x - mu) / self.std
                return self.gamma * self.x_hat + self.beta
        """,
    "dgamma_raw_input": """
        class BatchNormalization(BatchNormalization):
            def forward(self, x, train_flg=True):
                self.raw = x
                return super().forward(x, train_flg)
            def backward(self, dout):
                dx = super().backward(dout)
                self.dgamma = np.einsum("nd,nd->d", dout, self.raw)
                return dx
        """,
    "test_updates_running": """
        class BatchNormalization(BatchNormalization):
            def forward(self, x, train_flg=True):
                if train_flg:
                    return super().forward(x, True)
                old_xhat, old_std = self.x_hat, self.std
                super().forward(x, True)  # refreshes the running statistics with the test batch
                self.x_hat, self.std = old_xhat, old_std
                return super().forward(x, False)
        """,
}

RIGHT = {
    # The notes' step-by-step graph: xc, std, dstd, dvar, dmu (eps 10e-7).
    "notes' style": """
        import numpy as np

        class BatchNormalization:
            def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
                self.gamma = gamma
                self.beta = beta
                self.momentum = momentum
                self.input_shape = None
                self.running_mean = running_mean
                self.running_var = running_var
                self.batch_size = None
                self.xc = None
                self.std = None
                self.dgamma = None
                self.dbeta = None

            def forward(self, x, train_flg=True):
                if self.running_mean is None:
                    N, D = x.shape
                    self.running_mean = np.zeros(D)
                    self.running_var = np.zeros(D)
                if train_flg:
                    mu = x.mean(axis=0)
                    xc = x - mu
                    var = np.mean(xc**2, axis=0)
                    std = np.sqrt(var + 10e-7)
                    xn = xc / std
                    self.batch_size = x.shape[0]
                    self.xc = xc
                    self.xn = xn
                    self.std = std
                    self.running_mean = self.momentum * self.running_mean + (1-self.momentum) * mu
                    self.running_var = self.momentum * self.running_var + (1-self.momentum) * var
                else:
                    xc = x - self.running_mean
                    xn = xc / ((np.sqrt(self.running_var + 10e-7)))
                out = self.gamma * xn + self.beta
                return out

            def backward(self, dout):
                dbeta = dout.sum(axis=0)
                dgamma = np.sum(self.xn * dout, axis=0)
                dxn = self.gamma * dout
                dxc = dxn / self.std
                dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
                dvar = 0.5 * dstd / self.std
                dxc += (2.0 / self.batch_size) * self.xc * dvar
                dmu = np.sum(dxc, axis=0)
                dx = dxc - dmu / self.batch_size
                self.dgamma = dgamma
                self.dbeta = dbeta
                return dx
        """,
    # Loops over features with math.sqrt, eps 1e-5 (the largest the contract allows).
    "feature loops, eps 1e-5": """
        import math
        import numpy as np

        class BatchNormalization:
            def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
                self.gamma, self.beta, self.momentum = gamma, beta, momentum
                self.running_mean, self.running_var = running_mean, running_var

            def forward(self, x, train_flg=True):
                n, d = x.shape
                if self.running_mean is None:
                    self.running_mean = np.zeros(d)
                if self.running_var is None:
                    self.running_var = np.zeros(d)
                out = np.empty((n, d))
                if train_flg:
                    self.xhat = np.empty((n, d))
                    self.std = np.empty(d)
                    new_mean, new_var = np.empty(d), np.empty(d)
                    for j in range(d):
                        column = [float(v) for v in x[:, j]]
                        mu = sum(column) / n
                        var = sum((v - mu) ** 2 for v in column) / n
                        self.std[j] = math.sqrt(var + 1e-5)
                        for i in range(n):
                            self.xhat[i, j] = (column[i] - mu) / self.std[j]
                            out[i, j] = self.gamma[j] * self.xhat[i, j] + self.beta[j]
                        new_mean[j] = self.momentum * self.running_mean[j] + (1 - self.momentum) * mu
                        new_var[j] = self.momentum * self.running_var[j] + (1 - self.momentum) * var
                    self.running_mean, self.running_var = new_mean, new_var
                    return out
                for j in range(d):
                    scale = math.sqrt(self.running_var[j] + 1e-5)
                    for i in range(n):
                        out[i, j] = self.gamma[j] * (x[i, j] - self.running_mean[j]) / scale + self.beta[j]
                return out

            def backward(self, dout):
                n, d = dout.shape
                dx = np.empty((n, d))
                self.dgamma, self.dbeta = np.zeros(d), np.zeros(d)
                for j in range(d):
                    g = [dout[i, j] * self.gamma[j] for i in range(n)]
                    g_mean = sum(g) / n
                    gx_mean = sum(g[i] * self.xhat[i, j] for i in range(n)) / n
                    for i in range(n):
                        dx[i, j] = (g[i] - g_mean - self.xhat[i, j] * gx_mean) / self.std[j]
                        self.dgamma[j] += dout[i, j] * self.xhat[i, j]
                        self.dbeta[j] += dout[i, j]
                return dx
        """,
    # Only x is cached; backward rebuilds each column's Jacobian d x_hat / d x explicitly (eps 1e-8).
    "explicit Jacobian, eps 1e-8": """
        import numpy as np

        EPS = 1e-8

        class BatchNormalization:
            def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
                self.gamma, self.beta, self.momentum = gamma, beta, momentum
                self.running_mean, self.running_var = running_mean, running_var

            def _normalise(self, x):
                mu = np.mean(x, axis=0)
                var = np.var(x, axis=0)
                return mu, var, (x - mu) / np.sqrt(var + EPS)

            def forward(self, x, train_flg=True):
                zeros = np.zeros(x.shape[1])
                rm = zeros if self.running_mean is None else self.running_mean
                rv = zeros if self.running_var is None else self.running_var
                if not train_flg:
                    self.running_mean, self.running_var = rm, rv
                    return self.gamma * (x - rm) / np.sqrt(rv + EPS) + self.beta
                self.x = x
                mu, var, xhat = self._normalise(x)
                self.running_mean = self.momentum * rm + (1 - self.momentum) * mu
                self.running_var = self.momentum * rv + (1 - self.momentum) * var
                return self.gamma * xhat + self.beta

            def backward(self, dout):
                _, var, xhat = self._normalise(self.x)
                n, d = self.x.shape
                dx = np.empty_like(self.x, dtype=float)
                for j in range(d):
                    jac = (np.eye(n) - 1.0 / n - np.outer(xhat[:, j], xhat[:, j]) / n) / np.sqrt(var[j] + EPS)
                    dx[:, j] = jac.T @ (dout[:, j] * self.gamma[j])
                self.dgamma = np.einsum("nd,nd->d", dout, xhat)
                self.dbeta = dout.sum(axis=0)
                return dx
        """,
}


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_batch_norm_is_rejected_with_its_hint(course, workspace, misconception):
    result = grade_source(course, workspace, "batch_norm", with_reference(course, "batch_norm", WRONG[misconception]))
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    expected = next(m.message for m in course.exercise("batch_norm").misconceptions if m.id == misconception)
    assert any(c.hint == expected for c in result.checks)


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_batch_norm_written_differently_passes(course, workspace, style):
    result = grade_source(course, workspace, "batch_norm", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_eps_outside_the_root_is_caught_by_the_gradient_check_only(course, workspace):
    """With eps outside the root the outputs agree within the tolerance; the backward does not match the forward."""
    result = grade_source(course, workspace, "batch_norm", with_reference(course, "batch_norm", WRONG["eps_outside_sqrt"]))
    failed = [c.name for c in result.checks if not c.passed]
    assert failed == ["backward agrees with numerical differences"]
