"""iris_classifier: known-wrong networks and return values (written differently from the course's own
wrong files) are rejected with their targeted message; differently written correct networks all
reach the required accuracy on the fixed split; imports beyond numpy are refused without running
the file."""

from __future__ import annotations

import shutil
import textwrap

import numpy as np
import pytest

from grader.checks.accuracy import iris_split, load_iris
from grader.engine import grade_exercise
from grader.results import ExerciseStatus, Reason
from tests.conftest import grade_source

ACCURACY = "test accuracy of at least 0.90 on the held-out flowers"
IMPORTS = "only numpy and your own exercises are imported"

WRONG = {
    "returns_probabilities": """
        import numpy as np

        class Net:
            def __init__(self, hidden):
                rng = np.random.default_rng(3)
                self.W1 = rng.normal(0, 0.5, (4, hidden)); self.b1 = np.zeros(hidden)
                self.W2 = rng.normal(0, 0.5, (hidden, 3)); self.b2 = np.zeros(3)

            def probabilities(self, x):
                self.x, self.a = x, x @ self.W1 + self.b1
                self.h = np.maximum(self.a, 0)
                z = self.h @ self.W2 + self.b2
                z = np.exp(z - z.max(axis=1, keepdims=True))
                return z / z.sum(axis=1, keepdims=True)

            def step(self, x, labels, lr):
                g = self.probabilities(x)
                g[np.arange(len(labels)), labels] -= 1
                g /= len(labels)
                gh = (g @ self.W2.T) * (self.a > 0)
                self.W2 -= lr * self.h.T @ g; self.b2 -= lr * g.sum(axis=0)
                self.W1 -= lr * x.T @ gh; self.b1 -= lr * gh.sum(axis=0)

        def fit_predict(x_train, t_train, x_test):
            centre, spread = x_train.mean(axis=0), x_train.std(axis=0)
            net = Net(12)
            for _ in range(800):
                net.step((x_train - centre) / spread, t_train, 0.2)
            return net.probabilities((x_test - centre) / spread)
        """,
    "returns_one_hot": """
        import numpy as np

        def fit_predict(x_train, t_train, x_test):
            mu, sigma = x_train.mean(0), x_train.std(0)
            xs = (x_train - mu) / sigma
            W1 = np.random.randn(4, 8) * 0.7; b1 = np.zeros(8)
            W2 = np.random.randn(8, 3) * 0.5; b2 = np.zeros(3)
            target = (t_train[:, None] == np.arange(3)).astype(float)
            for _ in range(1500):
                pre = xs @ W1 + b1
                hid = pre * (pre > 0)
                logits = hid @ W2 + b2
                p = np.exp(logits - logits.max(1, keepdims=True))
                p /= p.sum(1, keepdims=True)
                g = (p - target) / len(xs)
                gh = g @ W2.T * (pre > 0)
                W2 = W2 - 0.1 * hid.T @ g; b2 = b2 - 0.1 * g.sum(0)
                W1 = W1 - 0.1 * xs.T @ gh; b1 = b1 - 0.1 * gh.sum(0)
            hid = np.maximum((x_test - mu) / sigma @ W1 + b1, 0)
            best = (hid @ W2 + b2).argmax(1)
            return (best[:, None] == np.arange(3)).astype(int)
        """,
    "float_labels": """
        import numpy as np

        def fit_predict(x_train, t_train, x_test):
            mu, sigma = x_train.mean(0), x_train.std(0)
            xs = (x_train - mu) / sigma
            W1 = np.random.randn(4, 8) * 0.7; b1 = np.zeros(8)
            W2 = np.random.randn(8, 3) * 0.5; b2 = np.zeros(3)
            target = np.eye(3)[t_train]
            for _ in range(1500):
                pre = xs @ W1 + b1
                hid = np.maximum(pre, 0)
                logits = hid @ W2 + b2
                p = np.exp(logits - logits.max(1, keepdims=True))
                p /= p.sum(1, keepdims=True)
                g = (p - target) / len(xs)
                gh = g @ W2.T * (pre > 0)
                W2 -= 0.1 * hid.T @ g; b2 -= 0.1 * g.sum(0)
                W1 -= 0.1 * xs.T @ gh; b1 -= 0.1 * gh.sum(0)
            scores = np.maximum((x_test - mu) / sigma @ W1 + b1, 0) @ W2 + b2
            return np.array([float(np.argmax(row)) for row in scores])
        """,
    "no_training": """
        import numpy as np

        def fit_predict(x_train, t_train, x_test):
            W1 = np.random.normal(0.0, 0.05, (4, 5)); b1 = np.zeros(5)
            W2 = np.random.normal(0.0, 0.05, (5, 3)); b2 = np.zeros(3)
            onehot = np.eye(3)[t_train]
            for epoch in range(200):
                hidden_in = x_train @ W1 + b1
                hidden = np.maximum(hidden_in, 0)
                out = hidden @ W2 + b2
                probs = np.exp(out - out.max(axis=1, keepdims=True))
                probs /= probs.sum(axis=1, keepdims=True)
                delta = (probs - onehot) / len(x_train)
                grads = {"W2": hidden.T @ delta, "b2": delta.sum(axis=0)}
                back = delta @ W2.T * (hidden_in > 0)
                grads["W1"], grads["b1"] = x_train.T @ back, back.sum(axis=0)
                params = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
                params = {k: v - 0.05 * grads[k] for k, v in params.items()}  # a new dict: W1 and friends never change
            return np.argmax(np.maximum(x_test @ W1 + b1, 0) @ W2 + b2, axis=1)
        """,
    "learning_rate_too_large": """
        import numpy as np

        def softmax(z):
            e = np.exp(z)
            return e / e.sum(axis=1, keepdims=True)

        def fit_predict(x_train, t_train, x_test):
            m, s = x_train.mean(axis=0), x_train.std(axis=0)
            x = (x_train - m) / s
            W1, b1 = np.random.randn(4, 16), np.zeros(16)
            W2, b2 = np.random.randn(16, 3), np.zeros(3)
            lr = 30.0
            for _ in range(500):
                z1 = x @ W1 + b1
                a1 = np.maximum(z1, 0)
                y = softmax(a1 @ W2 + b2)
                y[np.arange(len(x)), t_train] -= 1
                dz2 = y / len(x)
                dz1 = (dz2 @ W2.T) * (z1 > 0)
                W2 -= lr * a1.T @ dz2; b2 -= lr * dz2.sum(axis=0)
                W1 -= lr * x.T @ dz1; b1 -= lr * dz1.sum(axis=0)
            return np.argmax(np.maximum((x_test - m) / s @ W1 + b1, 0) @ W2 + b2, axis=1)
        """,
    "shuffled_test": """
        import numpy as np

        def fit_predict(x_train, t_train, x_test):
            m, s = x_train.mean(axis=0), x_train.std(axis=0)
            W1, b1 = np.random.randn(4, 12) * 0.6, np.zeros(12)
            W2, b2 = np.random.randn(12, 3) * 0.4, np.zeros(3)
            for _ in range(60):
                order = np.random.permutation(len(x_train))
                xb, tb = (x_train[order] - m) / s, t_train[order]
                for lo in range(0, len(xb), 11):
                    xs, ts = xb[lo:lo + 11], tb[lo:lo + 11]
                    z = xs @ W1 + b1
                    h = np.maximum(z, 0)
                    o = h @ W2 + b2
                    p = np.exp(o - o.max(axis=1, keepdims=True))
                    p /= p.sum(axis=1, keepdims=True)
                    p[np.arange(len(ts)), ts] -= 1
                    p /= len(ts)
                    dz = p @ W2.T * (z > 0)
                    W2 -= 0.3 * h.T @ p; b2 -= 0.3 * p.sum(axis=0)
                    W1 -= 0.3 * xs.T @ dz; b1 -= 0.3 * dz.sum(axis=0)
            np.random.shuffle(x_test)  # "shuffled like the training data": the caller's order is gone
            return (np.maximum((x_test - m) / s @ W1 + b1, 0) @ W2 + b2).argmax(axis=1)
        """,
}

RIGHT = {
    "4-6-3 on the raw centimetres, 3000 full-batch steps": """
        import numpy as np

        def _relu(v):
            return np.maximum(v, 0)

        def _probabilities(scores):
            shifted = scores - scores.max(axis=1, keepdims=True)
            e = np.exp(shifted)
            return e / e.sum(axis=1, keepdims=True)

        def fit_predict(x_train, t_train, x_test):
            hidden, rate, steps = 6, 0.05, 3000
            weights_in = np.random.randn(4, hidden) * np.sqrt(2 / 4)
            weights_out = np.random.randn(hidden, 3) * np.sqrt(2 / hidden)
            bias_in, bias_out = np.zeros(hidden), np.zeros(3)
            answers = np.identity(3)[t_train]
            count = x_train.shape[0]
            for _ in range(steps):
                pre = x_train @ weights_in + bias_in
                act = _relu(pre)
                out = _probabilities(act @ weights_out + bias_out)
                g_out = (out - answers) / count
                g_hidden = (g_out @ weights_out.T) * (pre > 0)
                weights_out = weights_out - rate * act.T @ g_out
                bias_out = bias_out - rate * g_out.sum(axis=0)
                weights_in = weights_in - rate * x_train.T @ g_hidden
                bias_in = bias_in - rate * g_hidden.sum(axis=0)
            return np.argmax(_relu(x_test @ weights_in + bias_in) @ weights_out + bias_out, axis=1)
        """,
    "32 hidden units, standardised, a dict of parameters": """
        import numpy as np

        def fit_predict(x_train, t_train, x_test):
            mu = x_train.mean(0)
            sd = x_train.std(0)
            xs = (x_train - mu) / sd
            rng = np.random.default_rng(42)
            params = {
                "W1": rng.standard_normal((4, 32)) * 0.5, "b1": np.zeros(32),
                "W2": rng.standard_normal((32, 3)) * 0.25, "b2": np.zeros(3),
            }
            T = np.zeros((len(t_train), 3))
            T[np.arange(len(t_train)), t_train] = 1.0
            for epoch in range(600):
                pre = xs @ params["W1"] + params["b1"]
                act = np.where(pre > 0, pre, 0.0)
                logits = act @ params["W2"] + params["b2"]
                p = np.exp(logits - logits.max(1, keepdims=True))
                p /= p.sum(1, keepdims=True)
                g = (p - T) / len(xs)
                grads = {"W2": act.T @ g, "b2": g.sum(0)}
                back = (g @ params["W2"].T) * (pre > 0)
                grads["W1"] = xs.T @ back
                grads["b1"] = back.sum(0)
                for key in params:
                    params[key] -= 0.3 * grads[key]
            hidden = np.maximum((x_test - mu) / sd @ params["W1"] + params["b1"], 0)
            return (hidden @ params["W2"] + params["b2"]).argmax(axis=1)
        """,
    "mini-batches of 16, min-max scaling, 8 hidden units": """
        import numpy as np

        def _softmax(z):
            z = z - z.max(axis=1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=1, keepdims=True)

        def fit_predict(x_train, t_train, x_test):
            low, high = x_train.min(axis=0), x_train.max(axis=0)
            scale = lambda a: (a - low) / (high - low)
            x = scale(x_train)
            W1 = np.random.randn(4, 8) * np.sqrt(2 / 4)
            b1 = np.zeros(8)
            W2 = np.random.randn(8, 3) * np.sqrt(2 / 8)
            b2 = np.zeros(3)
            for epoch in range(300):
                order = np.random.permutation(len(x))
                for start in range(0, len(x), 16):
                    idx = order[start:start + 16]
                    xb, tb = x[idx], t_train[idx]
                    h_in = xb @ W1 + b1
                    h = np.maximum(0, h_in)
                    y = _softmax(h @ W2 + b2)
                    y[np.arange(len(idx)), tb] -= 1
                    dz = y / len(idx)
                    dW2 = h.T @ dz
                    db2 = dz.sum(axis=0)
                    dh = dz @ W2.T
                    dh[h_in <= 0] = 0
                    dW1 = xb.T @ dh
                    db1 = dh.sum(axis=0)
                    W1 -= 0.2 * dW1; b1 -= 0.2 * db1
                    W2 -= 0.2 * dW2; b2 -= 0.2 * db2
            return np.argmax(np.maximum(0, scale(x_test) @ W1 + b1) @ W2 + b2, axis=1)
        """,
    "the student's own layers": """
        import numpy as np
        from exercises.layers import Affine, Relu, SoftmaxWithLoss

        def fit_predict(x_train, t_train, x_test):
            m, s = x_train.mean(axis=0), x_train.std(axis=0)
            x = (x_train - m) / s
            affines = [Affine(np.random.randn(4, 16) * 0.1, np.zeros(16)), Affine(np.random.randn(16, 3) * 0.1, np.zeros(3))]
            stack = [affines[0], Relu(), affines[1]]
            last = SoftmaxWithLoss()
            for _ in range(2000):
                out = x
                for layer in stack:
                    out = layer.forward(out)
                last.forward(out, t_train)
                grad = last.backward(1)
                for layer in reversed(stack):
                    grad = layer.backward(grad)
                for layer in affines:
                    layer.W -= 0.1 * layer.dW
                    layer.b -= 0.1 * layer.db
            out = (x_test - m) / s
            for layer in stack:
                out = layer.forward(out)
            return out.argmax(axis=1)
        """,
}

NUMPY_NETWORK = textwrap.dedent(RIGHT["32 hidden units, standardised, a dict of parameters"])


@pytest.fixture
def iris_workspace(course, workspace):
    """Earlier exercises solved (the layers-based network imports them), as a student who reached the assignment has them."""
    for sibling in ("softmax", "losses", "layers"):
        shutil.copyfile(course.reference_path(sibling), workspace.exercise_file(sibling))
    return workspace


def _failed(result, name):
    return next(c for c in result.checks if c.name == name)


@pytest.mark.parametrize("misconception", sorted(WRONG))
def test_wrong_network_is_rejected_with_its_hint(course, iris_workspace, misconception):
    result = grade_source(course, iris_workspace, "iris_classifier", WRONG[misconception])
    assert result.status is ExerciseStatus.FAILED
    check = _failed(result, ACCURACY)
    assert check.misconception == misconception, (check.misconception, check.summary, check.details)
    expected = next(m.message for m in course.exercise("iris_classifier").misconceptions if m.id == misconception)
    assert check.hint == expected
    assert _failed(result, IMPORTS).passed


@pytest.mark.parametrize("style", sorted(RIGHT))
def test_correct_networks_written_differently_pass(course, iris_workspace, style):
    result = grade_source(course, iris_workspace, "iris_classifier", RIGHT[style])
    assert result.status is ExerciseStatus.PASSED, [c.message for c in result.checks if not c.passed]


def test_the_split_is_stratified_fixed_and_two_to_one(course):
    spec = next(c for c in course.exercise("iris_classifier").checks if c.kind == "accuracy")
    first = iris_split(course.data_path("iris.csv"), spec.data)
    again = iris_split(course.data_path("iris.csv"), spec.data)
    for a, b in zip(first, again):
        assert np.array_equal(a, b)
    x_train, t_train, x_test, t_test = first
    assert x_train.shape == (99, 4) and x_test.shape == (51, 4)
    assert np.bincount(t_test).tolist() == [17, 17, 17] and np.bincount(t_train).tolist() == [33, 33, 33]
    together = np.concatenate([np.column_stack([x_train, t_train]), np.column_stack([x_test, t_test])])
    x_all, t_all = load_iris(course.data_path("iris.csv"))
    everything = np.column_stack([x_all, t_all])
    assert np.array_equal(together[np.lexsort(together.T)], everything[np.lexsort(everything.T)])  # every flower used once


def test_the_reference_trains_well_under_a_second(course, iris_workspace):
    result = grade_source(course, iris_workspace, "iris_classifier", course.reference_path("iris_classifier").read_text())
    assert result.status is ExerciseStatus.PASSED
    assert result.duration_s < 1.0


def test_a_library_import_fails_with_a_clear_message_without_running_the_file(course, iris_workspace):
    source = textwrap.dedent("""
        import numpy as np
        from sklearn.neural_network import MLPClassifier

        def fit_predict(x_train, t_train, x_test):
            return MLPClassifier().fit(x_train, t_train).predict(x_test)
        """)
    result = grade_source(course, iris_workspace, "iris_classifier", source)
    imports = _failed(result, IMPORTS)
    assert imports.reason is Reason.WRONG
    assert imports.summary == "exercises/iris_classifier.py imports sklearn (line 3); only numpy, exercises may be used"
    assert "build the network yourself" in imports.details[0]
    assert result.status is ExerciseStatus.ERROR  # sklearn is not installed, so importing the file fails too
    assert result.feedback == imports.summary  # the line the table shows


def test_an_import_that_never_runs_is_still_refused(course, iris_workspace):
    source = NUMPY_NETWORK + textwrap.dedent("""
        def _unused():
            import torch
            return torch.zeros(3)
        """)
    result = grade_source(course, iris_workspace, "iris_classifier", source)
    assert _failed(result, ACCURACY).passed
    imports = _failed(result, IMPORTS)
    assert not imports.passed and "torch (line" in imports.summary
    assert result.status is ExerciseStatus.FAILED and result.score < result.max_score


def test_a_library_hidden_in_a_sibling_file_is_refused(course, iris_workspace):
    (iris_workspace.exercises_dir / "helpers.py").write_text("import numpy as np\nimport tensorflow as tf\n")
    source = "from exercises.helpers import np\n" + NUMPY_NETWORK
    result = grade_source(course, iris_workspace, "iris_classifier", source)
    imports = _failed(result, IMPORTS)
    assert imports.summary.startswith("exercises/helpers.py imports tensorflow (line 2)")


def test_dynamic_imports_are_refused(course, iris_workspace):
    source = NUMPY_NETWORK + "\n_lib = __import__('importlib')\n"
    result = grade_source(course, iris_workspace, "iris_classifier", source)
    assert "__import__()" in _failed(result, IMPORTS).summary


@pytest.mark.parametrize("backdoor", [
    "__builtins__['__import__']('sklearn')",
    "getattr(__builtins__, '__imp' + 'ort__')('torch')",
    "import importlib as _i",
])
def test_imports_through_builtins_are_refused_too(course, iris_workspace, backdoor):
    source = NUMPY_NETWORK + f"\n_lib = None\nif False:\n    {backdoor}\n"
    result = grade_source(course, iris_workspace, "iris_classifier", source)
    assert not _failed(result, IMPORTS).passed


def test_sibling_exercises_may_be_imported(course, iris_workspace):
    result = grade_source(course, iris_workspace, "iris_classifier", RIGHT["the student's own layers"])
    assert _failed(result, IMPORTS).passed


def test_a_network_that_does_not_learn_is_explained(course, iris_workspace):
    result = grade_source(course, iris_workspace, "iris_classifier", WRONG["no_training"])
    check = _failed(result, ACCURACY)
    assert check.summary.startswith("test accuracy 0.") and check.summary.endswith("of 51) is below 0.90")
    assert any("the network has not learned to tell the species apart" in line for line in check.details)


def test_a_network_whose_relus_all_died_is_explained(course, iris_workspace):
    """Raw centimetres and a learning rate of 1: one large step leaves every hidden unit at 0 for good."""
    source = textwrap.dedent(RIGHT["4-6-3 on the raw centimetres, 3000 full-batch steps"]).replace("rate, steps = 6, 0.05, 3000", "rate, steps = 6, 1.0, 300")
    assert "rate, steps = 6, 1.0, 300" in source
    result = grade_source(course, iris_workspace, "iris_classifier", source)
    check = _failed(result, ACCURACY)
    assert any(line.startswith("every test flower was predicted as ") for line in check.details), check.details
    assert check.misconception == "no_training"


def test_a_fresh_stub_is_not_started_with_no_check_passed(course, workspace):
    """The iris stub passes the static imports check, yet nothing counts before the code is written."""
    result = grade_exercise(course, "iris_classifier", workspace)
    assert result.status is ExerciseStatus.NOT_STARTED
    assert not any(c.passed for c in result.checks)
    imports = next(c for c in result.checks if c.kind == "imports")
    assert imports.summary == "not judged until exercises/iris_classifier.py is written"
