"""two_layer_net: known-wrong networks (written differently from the course's own wrong files) are
rejected with their targeted message; correct networks pass whether they use the layers exercise,
build their own layers, or compute the gradients directly, and whether predict returns scores or
probabilities."""

from __future__ import annotations

import shutil

import pytest

from grader.results import ExerciseStatus
from tests.conftest import grade_source


@pytest.fixture
def net_workspace(course, workspace):
    """The siblings the network builds on (layers, and the softmax and losses layers uses) solved."""
    for sibling in ("softmax", "losses", "layers"):
        shutil.copyfile(course.reference_path(sibling), workspace.exercise_file(sibling))
    return workspace


WRONG = {
    # Layers get fresh arrays (`+ 0.0`), so writes into params are invisible to them.
    "params_copied": """
        import numpy as np
        from exercises.layers import Affine, Relu, SoftmaxWithLoss

        class TwoLayerNet:
            def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
                self.params = {
                    "W1": weight_init_std * np.random.randn(input_size, hidden_size),
                    "b1": np.zeros(hidden_size),
                    "W2": weight_init_std * np.random.randn(hidden_size, output_size),
                    "b2": np.zeros(output_size),
                }
                p = {k: v + 0.0 for k, v in self.params.items()}
                self.chain = [Affine(p["W1"], p["b1"]), Relu(), Affine(p["W2"], p["b2"])]
                self.head = SoftmaxWithLoss()

            def predict(self, x):
                for layer in self.chain:
                    x = layer.forward(x)
                return x

            def loss(self, x, t):
                return self.head.forward(self.predict(x), t)

            def accuracy(self, x, t):
                labels = t if t.ndim == 1 else t.argmax(axis=1)
                return float(np.mean(self.predict(x).argmax(axis=1) == labels))

            def gradient(self, x, t):
                self.loss(x, t)
                g = self.head.backward()
                for layer in self.chain[::-1]:
                    g = layer.backward(g)
                return {"W1": self.chain[0].dW, "b1": self.chain[0].db, "W2": self.chain[2].dW, "b2": self.chain[2].db}
        """,
    # Everything by hand with einsum; the scores go through a second ReLU.
    "relu_after_output": """
        import numpy as np

        class TwoLayerNet:
            def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
                self.params = {}
                self.params["W1"] = weight_init_std * np.random.randn(input_size, hidden_size)
                self.params["b1"] = np.zeros(hidden_size)
                self.params["W2"] = weight_init_std * np.random.randn(hidden_size, output_size)
                self.params["b2"] = np.zeros(output_size)

            def _run(self, x):
                p = self.params
                a1 = np.einsum("nd,dh->nh", x, p["W1"]) + p["b1"]
                h = np.maximum(a1, 0)
                a2 = np.einsum("nh,hk->nk", h, p["W2"]) + p["b2"]
                return a1, h, a2, np.maximum(a2, 0)

            def predict(self, x):
                return self._run(x)[3]

            def _probs(self, s):
                e = np.exp(s - s.max(axis=1, keepdims=True))
                return e / e.sum(axis=1, keepdims=True)

            def _targets(self, t, k):
                return t.astype(float) if t.ndim == 2 else np.eye(k)[t]

            def loss(self, x, t):
                y = self._probs(self.predict(x))
                tt = self._targets(t, y.shape[1])
                return float(-np.sum(tt * np.log(y + 1e-7)) / len(x))

            def accuracy(self, x, t):
                labels = t if t.ndim == 1 else t.argmax(axis=1)
                return float(np.mean(self.predict(x).argmax(axis=1) == labels))

            def gradient(self, x, t):
                a1, h, a2, s = self._run(x)
                y = self._probs(s)
                ds = (y - self._targets(t, y.shape[1])) / len(x)
                da2 = ds * (a2 > 0)
                dh = np.einsum("nk,hk->nh", da2, self.params["W2"])
                da1 = dh * (a1 > 0)
                return {"W1": np.einsum("nd,nh->dh", x, da1), "b1": da1.sum(axis=0),
                        "W2": np.einsum("nh,nk->hk", h, da2), "b2": da2.sum(axis=0)}
        """,
    # Backprop by hand in a loop over samples, summing per-sample gradients without the 1/N.
    "gradient_no_batch_division": """
        import numpy as np

        class TwoLayerNet:
            def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
                self.params = {}
                self.params["W1"] = weight_init_std * np.random.randn(input_size, hidden_size)
                self.params["b1"] = np.zeros(hidden_size)
                self.params["W2"] = weight_init_std * np.random.randn(hidden_size, output_size)
                self.params["b2"] = np.zeros(output_size)

            def predict(self, x):
                p = self.params
                return np.maximum(x @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]

            def _labels(self, t):
                return t if t.ndim == 1 else t.argmax(axis=1)

            def loss(self, x, t):
                s = self.predict(x)
                s = s - s.max(axis=1, keepdims=True)
                y = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
                return float(-np.mean(np.log(y[np.arange(len(x)), self._labels(t)] + 1e-7)))

            def accuracy(self, x, t):
                return float(np.mean(self.predict(x).argmax(axis=1) == self._labels(t)))

            def gradient(self, x, t):
                p = self.params
                grads = {k: np.zeros_like(v) for k, v in p.items()}
                for xn, tn in zip(x, self._labels(t)):
                    a = xn @ p["W1"] + p["b1"]
                    h = np.maximum(a, 0)
                    s = h @ p["W2"] + p["b2"]
                    y = np.exp(s - s.max()) / np.exp(s - s.max()).sum()
                    y[tn] -= 1.0
                    da = (p["W2"] @ y) * (a > 0)
                    grads["W2"] += np.outer(h, y)
                    grads["b2"] += y
                    grads["W1"] += np.outer(xn, da)
                    grads["b1"] += da
                return grads
        """,
    # The notes' layers with the chapter-4 sigmoid in the middle.
    "sigmoid_hidden": """
        import numpy as np
        from exercises.layers import Affine, Sigmoid, SoftmaxWithLoss

        class TwoLayerNet:
            def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
                self.params = dict(
                    W1=weight_init_std * np.random.randn(input_size, hidden_size), b1=np.zeros(hidden_size),
                    W2=weight_init_std * np.random.randn(hidden_size, output_size), b2=np.zeros(output_size),
                )
                self.first = Affine(self.params["W1"], self.params["b1"])
                self.act = Sigmoid()
                self.second = Affine(self.params["W2"], self.params["b2"])
                self.out = SoftmaxWithLoss()

            def predict(self, x):
                return self.second.forward(self.act.forward(self.first.forward(x)))

            def loss(self, x, t):
                return self.out.forward(self.predict(x), t)

            def accuracy(self, x, t):
                labels = np.argmax(t, axis=1) if t.ndim == 2 else t
                return float(np.count_nonzero(np.argmax(self.predict(x), axis=1) == labels)) / len(x)

            def gradient(self, x, t):
                self.loss(x, t)
                self.first.backward(self.act.backward(self.second.backward(self.out.backward())))
                return {"W1": self.first.dW, "b1": self.first.db, "W2": self.second.dW, "b2": self.second.db}
        """,
    # Labels are always treated as one-hot, through `t.argmax(1)`.
    "accuracy_one_hot_only": """
        import numpy as np
        from exercises.layers import Affine, Relu, SoftmaxWithLoss

        class TwoLayerNet:
            def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
                self.params = {"W1": weight_init_std * np.random.randn(input_size, hidden_size), "b1": np.zeros(hidden_size),
                               "W2": weight_init_std * np.random.randn(hidden_size, output_size), "b2": np.zeros(output_size)}
                self.steps = [Affine(self.params["W1"], self.params["b1"]), Relu(), Affine(self.params["W2"], self.params["b2"])]
                self.end = SoftmaxWithLoss()

            def predict(self, x):
                for step in self.steps:
                    x = step.forward(x)
                return x

            def loss(self, x, t):
                return self.end.forward(self.predict(x), t)

            def accuracy(self, x, t):
                hits = self.predict(x).argmax(1) == t.argmax(1)
                return hits.sum() / len(hits)

            def gradient(self, x, t):
                self.loss(x, t)
                d = self.end.backward(1)
                for step in reversed(self.steps):
                    d = step.backward(d)
                return {"W1": self.steps[0].dW, "b1": self.steps[0].db, "W2": self.steps[2].dW, "b2": self.steps[2].db}
        """,
    # predict returns probabilities and loss runs them through SoftmaxWithLoss again.
    "double_softmax": """
        import numpy as np
        from exercises.layers import Affine, Relu, SoftmaxWithLoss
        from exercises.softmax import softmax

        class TwoLayerNet:
            def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
                self.params = {"W1": weight_init_std * np.random.randn(input_size, hidden_size), "b1": np.zeros(hidden_size),
                               "W2": weight_init_std * np.random.randn(hidden_size, output_size), "b2": np.zeros(output_size)}
                self.steps = [Affine(self.params["W1"], self.params["b1"]), Relu(), Affine(self.params["W2"], self.params["b2"])]
                self.end = SoftmaxWithLoss()

            def predict(self, x):
                for step in self.steps:
                    x = step.forward(x)
                return softmax(x)

            def loss(self, x, t):
                probabilities = self.predict(x)
                return self.end.forward(probabilities, t)

            def accuracy(self, x, t):
                labels = t if t.ndim == 1 else t.argmax(1)
                return float((self.predict(x).argmax(1) == labels).mean())

            def gradient(self, x, t):
                self.loss(x, t)
                d = self.end.backward(1)
                for step in reversed(self.steps):
                    d = step.backward(d)
                return {"W1": self.steps[0].dW, "b1": self.steps[0].db, "W2": self.steps[2].dW, "b2": self.steps[2].db}
        """,
}

RIGHT = {
    # The notes' chapter-5 network: an ordered dict of the exercise's layers.
    "notes' style": """
        from collections import OrderedDict

        import numpy as np
        from exercises.layers import Affine, Relu, SoftmaxWithLoss

        class TwoLayerNet:
            def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
                self.params = {}
                self.params['W1'] = weight_init_std * np.random.randn(input_size, hidden_size)
                self.params['b1'] = np.zeros(hidden_size)
                self.params['W2'] = weight_init_std * np.random.randn(hidden_size, output_size)
                self.params['b2'] = np.zeros(output_size)
                self.layers = OrderedDict()
                self.layers['Affine1'] = Affine(self.params['W1'], self.params['b1'])
                self.layers['Relu1'] = Relu()
                self.layers['Affine2'] = Affine(self.params['W2'], self.params['b2'])
                self.lastLayer = SoftmaxWithLoss()

            def predict(self, x):
                for layer in self.layers.values():
                    x = layer.forward(x)
                return x

            def loss(self, x, t):
                y = self.predict(x)
                return self.lastLayer.forward(y, t)

            def accuracy(self, x, t):
                y = self.predict(x)
                y = np.argmax(y, axis=1)
                if t.ndim != 1:
                    t = np.argmax(t, axis=1)
                accuracy = np.sum(y == t) / float(x.shape[0])
                return accuracy

            def gradient(self, x, t):
                self.loss(x, t)
                dout = 1
                dout = self.lastLayer.backward(dout)
                layers = list(self.layers.values())
                layers.reverse()
                for layer in layers:
                    dout = layer.backward(dout)
                grads = {}
                grads['W1'] = self.layers['Affine1'].dW
                grads['b1'] = self.layers['Affine1'].db
                grads['W2'] = self.layers['Affine2'].dW
                grads['b2'] = self.layers['Affine2'].db
                return grads
        """,
    # No layer objects: the forward pass and the gradients in plain numpy; predict returns probabilities.
    "gradients computed directly": """
        import numpy as np

        class TwoLayerNet:
            def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
                rng = np.random
                self.params = {"W1": weight_init_std * rng.randn(input_size, hidden_size), "b1": np.zeros(hidden_size),
                               "W2": weight_init_std * rng.randn(hidden_size, output_size), "b2": np.zeros(output_size)}

            def _forward(self, x):
                p = self.params
                a1 = x @ p["W1"] + p["b1"]
                z1 = np.where(a1 > 0, a1, 0.0)
                s = z1 @ p["W2"] + p["b2"]
                e = np.exp(s - s.max(axis=1, keepdims=True))
                return a1, z1, e / e.sum(axis=1, keepdims=True)

            def predict(self, x):
                return self._forward(x)[2]

            @staticmethod
            def _one_hot(t, k):
                return np.eye(k)[t] if t.ndim == 1 else t

            def loss(self, x, t):
                y = self.predict(x)
                return float(-np.sum(self._one_hot(t, y.shape[1]) * np.log(y + 1e-7)) / x.shape[0])

            def accuracy(self, x, t):
                y = self.predict(x)
                return float(np.mean(y.argmax(axis=1) == self._one_hot(t, y.shape[1]).argmax(axis=1)))

            def gradient(self, x, t):
                a1, z1, y = self._forward(x)
                n = x.shape[0]
                dy = (y - self._one_hot(t, y.shape[1])) / n
                dz1 = dy @ self.params["W2"].T
                da1 = dz1 * (a1 > 0)
                return {"W1": x.T @ da1, "b1": da1.sum(axis=0), "W2": z1.T @ dy, "b2": dy.sum(axis=0)}
        """,
    # Its own small layer classes, defined in this file and holding the params arrays.
    "own layers in the file": """
        import numpy as np

        class _Linear:
            def __init__(self, params, w, b):
                self.params, self.w, self.b = params, w, b
            def forward(self, x):
                self.x = x
                return x @ self.params[self.w] + self.params[self.b]
            def backward(self, g):
                self.grads = {self.w: self.x.T @ g, self.b: g.sum(axis=0)}
                return g @ self.params[self.w].T

        class _Clip:
            def forward(self, x):
                self.on = x > 0
                return x * self.on
            def backward(self, g):
                return g * self.on

        class _SoftmaxCrossEntropy:
            def forward(self, s, t):
                shifted = s - s.max(axis=1, keepdims=True)
                self.y = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
                self.labels = t.argmax(axis=1) if t.ndim == 2 else t
                picked = self.y[np.arange(len(s)), self.labels]
                return float(np.mean(-np.log(picked + 1e-7)))
            def backward(self):
                g = self.y.copy()
                g[np.arange(len(g)), self.labels] -= 1
                return g / len(g)

        class TwoLayerNet:
            def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
                self.params = {
                    "W1": np.random.randn(input_size, hidden_size) * weight_init_std,
                    "b1": np.zeros(hidden_size),
                    "W2": np.random.randn(hidden_size, output_size) * weight_init_std,
                    "b2": np.zeros(output_size),
                }
                self.stack = [_Linear(self.params, "W1", "b1"), _Clip(), _Linear(self.params, "W2", "b2")]
                self.head = _SoftmaxCrossEntropy()

            def predict(self, x):
                for layer in self.stack:
                    x = layer.forward(x)
                return x

            def loss(self, x, t):
                return self.head.forward(self.predict(x), t)

            def accuracy(self, x, t):
                labels = t.argmax(axis=1) if t.ndim == 2 else t
                return sum(int(a == b) for a, b in zip(self.predict(x).argmax(axis=1), labels)) / len(labels)

            def gradient(self, x, t):
                self.loss(x, t)
                g = self.head.backward()
                for layer in reversed(self.stack):
                    g = layer.backward(g)
                return {**self.stack[0].grads, **self.stack[2].grads}
        """,
}


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_network_is_rejected_with_its_hint(course, net_workspace, misconception):
    result = grade_source(course, net_workspace, "two_layer_net", WRONG[misconception])
    assert result.status in (ExerciseStatus.FAILED, ExerciseStatus.ERROR)
    diagnosed = [c.misconception for c in result.checks if not c.passed]
    assert misconception in diagnosed, [(c.name, c.misconception, c.summary) for c in result.checks if not c.passed]
    expected = next(m.message for m in course.exercise("two_layer_net").misconceptions if m.id == misconception)
    assert any(c.hint == expected for c in result.checks)


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_network_written_differently_passes(course, net_workspace, style):
    result = grade_source(course, net_workspace, "two_layer_net", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_copied_parameters_fail_the_numerical_gradient_check_too(course, net_workspace):
    """Perturbing net.params['W1'] does not move a loss computed from copies: the numeric gradient is 0."""
    result = grade_source(course, net_workspace, "two_layer_net", WRONG["params_copied"])
    check = next(c for c in result.checks if c.name == "gradient agrees with numerical differences of the loss")
    assert not check.passed
    assert any(line.startswith("numeric  d/dnet.params['W1']: [[0., 0.,") for line in check.details), check.details


def test_network_on_unfinished_layers_is_told_to_finish_them(course, workspace):
    for sibling in ("softmax", "losses"):
        shutil.copyfile(course.reference_path(sibling), workspace.exercise_file(sibling))
    result = grade_source(course, workspace, "two_layer_net", RIGHT["notes' style"])
    assert result.status is not ExerciseStatus.PASSED
    assert any("finish `layers` first" in c.summary for c in result.checks if not c.passed)


def test_parameters_kept_as_transposed_views_can_be_probed(course, net_workspace):
    """A W2 drawn as (output, hidden) and transposed is a non-contiguous view; the gradient check nudges it in place."""
    source = course.reference_path("two_layer_net").read_text().replace(
        '"W2": weight_init_std * np.random.randn(hidden_size, output_size),',
        '"W2": (weight_init_std * np.random.randn(output_size, hidden_size)).T,',
    )
    assert ".T," in source
    result = grade_source(course, net_workspace, "two_layer_net", source)
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]
