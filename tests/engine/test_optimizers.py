"""optimizers: known-wrong update rules (written differently from the course's own wrong files) are
rejected with their targeted message; differently written correct optimizers pass, whether they
update `params` in place or store new arrays, and with either form of Adam."""

from __future__ import annotations

import pytest

from grader.results import ExerciseStatus
from grader.program.steps import Call, Repeat
from grader.statements import compile_steps
from tests.conftest import grade_source, with_reference

# Each defines only the class it gets wrong; the reference supplies the others.
WRONG = {
    "sgd_plus": """
        import numpy as np
        class SGD:
            def __init__(self, lr=0.01):
                self.lr = lr
            def update(self, params, grads):
                for key, g in grads.items():
                    np.add(params[key], self.lr * g, out=params[key])
        """,
    "rebinds_params": """
        class SGD:
            def __init__(self, lr=0.01):
                self.lr = lr
            def update(self, params, grads):
                for key, p in params.items():
                    p = p - self.lr * grads[key]
        """,
    "momentum_sign": """
        class Momentum:
            def __init__(self, lr=0.01, momentum=0.9):
                self.lr, self.momentum, self.velocity = lr, momentum, {}
            def update(self, params, grads):
                for key in params:
                    v = self.velocity.get(key, 0.0)
                    v = self.momentum * v + self.lr * grads[key]
                    self.velocity[key] = v
                    params[key] = params[key] + v
        """,
    "momentum_forgets_v": """
        import numpy as np
        class Momentum:
            def __init__(self, lr=0.01, momentum=0.9):
                self.lr, self.momentum = lr, momentum
            def update(self, params, grads):
                for key in params:
                    v = np.zeros_like(params[key])
                    v = self.momentum * v - self.lr * grads[key]
                    params[key] = params[key] + v
        """,
    "adagrad_no_eps": """
        class AdaGrad:
            def __init__(self, lr=0.01):
                self.lr, self.squares = lr, {}
            def update(self, params, grads):
                for key, g in grads.items():
                    self.squares[key] = self.squares.get(key, 0.0) + g**2
                    params[key] = params[key] - self.lr * g / self.squares[key] ** 0.5
        """,
    "adagrad_no_sqrt": """
        class AdaGrad:
            def __init__(self, lr=0.01):
                self.lr, self.squares = lr, {}
            def update(self, params, grads):
                for key, g in grads.items():
                    self.squares[key] = self.squares.get(key, 0.0) + g * g
                    params[key] = params[key] - self.lr * g / (1e-7 + self.squares[key])
        """,
    "adagrad_resets_h": """
        import numpy as np
        class AdaGrad:
            def __init__(self, lr=0.01):
                self.lr = lr
            def update(self, params, grads):
                for key in params:
                    g = grads[key]
                    params[key] = params[key] - self.lr * g / (np.abs(g) + 1e-7)
        """,
    "rmsprop_accumulates": """
        import numpy as np
        class RMSprop:
            def __init__(self, lr=0.01, decay_rate=0.99):
                self.lr, self.decay_rate, self.avg = lr, decay_rate, {}
            def update(self, params, grads):
                for key in params:
                    g = grads[key]
                    self.avg[key] = self.avg.get(key, np.zeros_like(g)) + (1 - self.decay_rate) * np.square(g)
                    params[key] = params[key] - self.lr * g / (np.sqrt(self.avg[key]) + 1e-7)
        """,
    "adam_no_bias_correction": """
        import numpy as np
        class Adam:
            def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
                self.lr, self.beta1, self.beta2 = lr, beta1, beta2
                self.m, self.v = {}, {}
            def update(self, params, grads):
                for key, g in grads.items():
                    self.m[key] = self.beta1 * self.m.get(key, 0.0) + (1 - self.beta1) * g
                    self.v[key] = self.beta2 * self.v.get(key, 0.0) + (1 - self.beta2) * g * g
                    params[key] = params[key] - self.lr * self.m[key] / (np.sqrt(self.v[key]) + 1e-8)
        """,
    "adam_t_per_key": """
        import numpy as np
        class Adam:
            def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
                self.lr, self.beta1, self.beta2 = lr, beta1, beta2
                self.m, self.v, self.steps = {}, {}, 0
            def update(self, params, grads):
                for key, g in grads.items():
                    self.steps = self.steps + 1
                    self.m[key] = self.beta1 * self.m.get(key, 0.0) + (1 - self.beta1) * g
                    self.v[key] = self.beta2 * self.v.get(key, 0.0) + (1 - self.beta2) * g * g
                    m_hat = self.m[key] / (1 - self.beta1**self.steps)
                    v_hat = self.v[key] / (1 - self.beta2**self.steps)
                    params[key] = params[key] - self.lr * m_hat / (np.sqrt(v_hat) + 1e-8)
        """,
    "adam_notes_default_lr": """
        import numpy as np
        class Adam:
            def __init__(self, lr=1e-2, beta1=0.9, beta2=0.999):
                self.lr, self.beta1, self.beta2 = lr, beta1, beta2
                self.m, self.v, self.t = {}, {}, 0
            def update(self, params, grads):
                self.t += 1
                for key, g in grads.items():
                    self.m[key] = self.beta1 * self.m.get(key, 0.0) + (1 - self.beta1) * g
                    self.v[key] = self.beta2 * self.v.get(key, 0.0) + (1 - self.beta2) * g * g
                    m_hat = self.m[key] / (1 - self.beta1**self.t)
                    v_hat = self.v[key] / (1 - self.beta2**self.t)
                    params[key] = params[key] - self.lr * m_hat / (np.sqrt(v_hat) + 1e-8)
        """,
}

RIGHT = {
    "in place with out=": """
        import numpy as np

        class SGD:
            def __init__(self, lr=0.01):
                self.lr = lr
            def update(self, params, grads):
                for key in params:
                    np.subtract(params[key], self.lr * grads[key], out=params[key])

        class Momentum:
            def __init__(self, lr=0.01, momentum=0.9):
                self.lr, self.momentum, self.v = lr, momentum, None
            def update(self, params, grads):
                if self.v is None:
                    self.v = {k: np.zeros_like(p) for k, p in params.items()}
                for key in params:
                    self.v[key] *= self.momentum
                    self.v[key] -= self.lr * grads[key]
                    params[key] += self.v[key]

        class AdaGrad:
            def __init__(self, lr=0.01):
                self.lr, self.h = lr, None
            def update(self, params, grads):
                if self.h is None:
                    self.h = {k: np.zeros_like(p) for k, p in params.items()}
                for key in params:
                    self.h[key] += grads[key] ** 2
                    params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)

        class RMSprop:
            def __init__(self, lr=0.01, decay_rate=0.99):
                self.lr, self.decay_rate, self.h = lr, decay_rate, None
            def update(self, params, grads):
                if self.h is None:
                    self.h = {k: np.zeros_like(p) for k, p in params.items()}
                for key in params:
                    self.h[key] *= self.decay_rate
                    self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
                    params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)

        class Adam:
            def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
                self.lr, self.beta1, self.beta2 = lr, beta1, beta2
                self.iter, self.m, self.v = 0, None, None
            def update(self, params, grads):
                if self.m is None:
                    self.m = {k: np.zeros_like(p) for k, p in params.items()}
                    self.v = {k: np.zeros_like(p) for k, p in params.items()}
                self.iter += 1
                lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
                for key in params:
                    self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
                    self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
                    params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
        """,
    "new arrays, paper Adam with eps 1e-8": """
        import numpy as np

        class SGD:
            def __init__(self, lr=0.01):
                self.lr = lr
            def update(self, params, grads):
                for key, g in grads.items():
                    params[key] = params[key] - self.lr * g

        class Momentum:
            # The other common way to write it: v collects +lr*g and is subtracted.
            def __init__(self, lr=0.01, momentum=0.9):
                self.lr, self.momentum, self.v = lr, momentum, {}
            def update(self, params, grads):
                for key, g in grads.items():
                    self.v[key] = self.momentum * self.v.get(key, 0.0) + self.lr * g
                    params[key] = params[key] - self.v[key]

        class AdaGrad:
            def __init__(self, lr=0.01):
                self.lr, self.h = lr, {}
            def update(self, params, grads):
                for key, g in grads.items():
                    self.h[key] = self.h.get(key, 0.0) + g * g
                    params[key] = params[key] - self.lr * g / (np.sqrt(self.h[key]) + 1e-7)

        class RMSprop:
            def __init__(self, lr=0.01, decay_rate=0.99):
                self.lr, self.rho, self.h = lr, decay_rate, {}
            def update(self, params, grads):
                for key, g in grads.items():
                    self.h[key] = self.rho * self.h.get(key, 0.0) + (1 - self.rho) * g * g
                    params[key] = params[key] - self.lr * g / (np.sqrt(self.h[key]) + 1e-7)

        class Adam:
            def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
                self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
                self.t, self.m, self.v = 0, {}, {}
            def update(self, params, grads):
                self.t += 1
                for key, g in grads.items():
                    self.m[key] = self.beta1 * self.m.get(key, 0.0) + (1 - self.beta1) * g
                    self.v[key] = self.beta2 * self.v.get(key, 0.0) + (1 - self.beta2) * g * g
                    m_hat = self.m[key] / (1 - self.beta1**self.t)
                    v_hat = self.v[key] / (1 - self.beta2**self.t)
                    params[key] = params[key] - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        """,
    "one base class, element loops, paper Adam with eps 1e-7": """
        import math
        import numpy as np

        class _Stateful:
            def __init__(self):
                self.state = {}
            def slot(self, name, key, like):
                return self.state.setdefault((name, key), np.zeros(np.shape(like)))
            def update(self, params, grads):
                for key in params:
                    p = params[key]
                    g = np.asarray(grads[key], dtype=float)
                    new = np.empty_like(p)
                    flat_new, flat_p, flat_g = new.reshape(-1), p.reshape(-1), g.reshape(-1)
                    for i in range(flat_p.size):
                        flat_new[i] = flat_p[i] - self.step(key, i, flat_g[i], g)
                    params[key] = new
                self.finish()
            def finish(self):
                pass

        class SGD(_Stateful):
            def __init__(self, lr=0.01):
                super().__init__()
                self.lr = lr
            def step(self, key, i, g, like):
                return self.lr * g

        class Momentum(_Stateful):
            def __init__(self, lr=0.01, momentum=0.9):
                super().__init__()
                self.lr, self.momentum = lr, momentum
            def step(self, key, i, g, like):
                v = self.slot("v", key, like).reshape(-1)
                v[i] = self.momentum * v[i] - self.lr * g
                return -v[i]

        class AdaGrad(_Stateful):
            def __init__(self, lr=0.01):
                super().__init__()
                self.lr = lr
            def step(self, key, i, g, like):
                h = self.slot("h", key, like).reshape(-1)
                h[i] += g * g
                return self.lr * g / (math.sqrt(h[i]) + 1e-7)

        class RMSprop(_Stateful):
            def __init__(self, lr=0.01, decay_rate=0.99):
                super().__init__()
                self.lr, self.decay_rate = lr, decay_rate
            def step(self, key, i, g, like):
                h = self.slot("h", key, like).reshape(-1)
                h[i] = self.decay_rate * h[i] + (1 - self.decay_rate) * g * g
                return self.lr * g / (math.sqrt(h[i]) + 1e-7)

        class Adam(_Stateful):
            def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
                super().__init__()
                self.lr, self.beta1, self.beta2, self.t = lr, beta1, beta2, 1
            def step(self, key, i, g, like):
                m = self.slot("m", key, like).reshape(-1)
                v = self.slot("v", key, like).reshape(-1)
                m[i] = self.beta1 * m[i] + (1 - self.beta1) * g
                v[i] = self.beta2 * v[i] + (1 - self.beta2) * g * g
                m_hat = m[i] / (1 - self.beta1**self.t)
                v_hat = v[i] / (1 - self.beta2**self.t)
                return self.lr * m_hat / (math.sqrt(v_hat) + 1e-7)
            def finish(self):
                self.t += 1
        """,
}


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_optimizer_is_rejected_with_its_hint(course, workspace, misconception):
    result = grade_source(course, workspace, "optimizers", with_reference(course, "optimizers", WRONG[misconception]))
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    assert set(diagnosed) <= {misconception, None}, diagnosed
    expected = next(m.message for m in course.exercise("optimizers").misconceptions if m.id == misconception)
    assert any(c.hint == expected for c in result.checks)


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_optimizers_written_differently_pass(course, workspace, style):
    result = grade_source(course, workspace, "optimizers", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_the_race_names_the_optimizer_and_the_step(course, workspace):
    result = grade_source(course, workspace, "optimizers", with_reference(course, "optimizers", WRONG["adam_t_per_key"]))
    race = next(c for c in result.checks if c.name == "the notes' race on x²/20 + y²")
    assert race.summary.startswith("adam_params['x'] after step 2:"), race.summary
    assert any(line.startswith("expected adam_x (after each of 30 steps): [[-6.70000136], [-6.40041662]") for line in race.details), race.details


def test_an_optimizer_without_memory_is_not_diagnosed_as_a_sign_error(course, workspace):
    # Forgetting v makes Momentum take SGD's steps: the first step is right, the second is not.
    result = grade_source(course, workspace, "optimizers", with_reference(course, "optimizers", WRONG["momentum_forgets_v"]))
    momentum = next(c for c in result.checks if c.name == "Momentum keeps its velocity")
    assert momentum.misconception == "momentum_forgets_v"
    assert any(line.startswith("expected w_after_2") for line in momentum.details), momentum.details


def test_underscore_results_are_variables_but_are_not_recorded():
    steps, bound = compile_steps(["opt = SGD()", {"repeat": 3, "steps": ["_g = f(p)", "opt.update(p, _g)", "seen = f(p)"]}], ["p", "f"])
    body = steps[1]
    assert isinstance(body, Repeat)
    hidden, _, shown = body.body
    assert isinstance(hidden, Call) and hidden.save == "_g" and not hidden.record
    assert isinstance(shown, Call) and shown.record
    assert "_g" in bound
