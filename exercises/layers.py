"""Layers for backpropagation: forward computes, backward hands the gradient on (Day 1 §5).

Task
----
Write four layers. Each has `forward(...)`, which computes the layer's output and keeps what the
backward pass will need, and `backward(dout)`, which receives dout = dL/d(output) from the layer
above and returns dL/d(input) by the chain rule. `backward` always works on the values stored by
the most recent `forward`.

- `Relu()`: forward gives max(0, x) elementwise. The local derivative is 1 where x > 0 and 0
  elsewhere, so backward lets dout through where the input was positive and puts 0 elsewhere.
- `Sigmoid()`: forward gives y = 1 / (1 + exp(-x)). Its derivative can be written with the output
  alone, dy/dx = y * (1 - y), so store y and return dout * y * (1 - y).
- `Affine(W, b)`: forward gives x @ W + b. Keep the weights as the attributes `W` and `b`.
  Backward returns dx = dout @ W.T and stores the parameter gradients as attributes:
  `dW` = x.T @ dout (the same shape as W) and `db` = dout summed over the batch (shape of b).
- `SoftmaxWithLoss()`: forward(x, t) turns the scores x into probabilities y = softmax(x) and
  returns the cross-entropy loss against the answers t (a float). Softmax and cross-entropy
  together have a simple gradient: backward(dout=1) returns dout * (y - t_one_hot) / N.
  Your own `softmax` and `cross_entropy_error` may be used (`from exercises.softmax import
  softmax`, `from exercises.losses import cross_entropy_error`).

Shapes
------
- Relu and Sigmoid: x of any shape; forward returns that shape, backward returns dout's shape.
- Affine: W is (D, M), b is (M,). x is (N, D), or (N, d1, d2, ...) with d1 * d2 * ... = D: then
  each sample is flattened to D values first. forward returns (N, M); backward gets dout (N, M)
  and returns dx in the original shape of x; dW is (D, M), db is (M,).
- SoftmaxWithLoss: x is (N, K) scores; t is one-hot (N, K) or integer labels (N,). forward
  returns a float; backward returns (N, K).

Careful
-------
- Do not change the caller's arrays: forward must leave x as it is (work on a copy or build a new
  array). A backward that writes into dout (the notes' ReLU does) is accepted with a note.
- Divide by the batch size N in SoftmaxWithLoss.backward: the loss is a mean over the batch.

Worked example (the Q&A chapter's backprop example): inputs [[0.05, 0.10]], hidden weights
w1..w4 = 0.15, 0.20, 0.25, 0.30 with bias 0.35, output weights w5..w8 = 0.40, 0.45, 0.50, 0.55
with bias 0.6, sigmoid in both layers, squared error against [0.01, 0.99]: dE/dw5 = 0.0821670.

Run `grade layers` to check your work, `grade hint layers` for a hint.
"""

import numpy as np


class Relu:
    def __init__(self) -> None:
        self.mask = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        # TODO: remember where x <= 0, return max(0, x) without changing x.
        raise NotImplementedError("Relu.forward is not written yet")

    def backward(self, dout: np.ndarray) -> np.ndarray:
        # TODO: let dout through where the input was positive, 0 elsewhere.
        raise NotImplementedError("Relu.backward is not written yet")


class Sigmoid:
    def __init__(self) -> None:
        self.out = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        # TODO: compute and store y = 1 / (1 + exp(-x)).
        raise NotImplementedError("Sigmoid.forward is not written yet")

    def backward(self, dout: np.ndarray) -> np.ndarray:
        # TODO: dout * y * (1 - y), using the stored output y.
        raise NotImplementedError("Sigmoid.backward is not written yet")


class Affine:
    def __init__(self, W: np.ndarray, b: np.ndarray) -> None:
        self.W = W
        self.b = b
        self.dW = None
        self.db = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        # TODO: remember x's shape, flatten each sample, return x @ W + b.
        raise NotImplementedError("Affine.forward is not written yet")

    def backward(self, dout: np.ndarray) -> np.ndarray:
        # TODO: set self.dW and self.db, return dx in the original shape of x.
        raise NotImplementedError("Affine.backward is not written yet")


class SoftmaxWithLoss:
    def __init__(self) -> None:
        self.y = None
        self.t = None

    def forward(self, x: np.ndarray, t: np.ndarray) -> float:
        # TODO: store y = softmax(x) and t, return the cross-entropy loss.
        raise NotImplementedError("SoftmaxWithLoss.forward is not written yet")

    def backward(self, dout: float = 1) -> np.ndarray:
        # TODO: dout * (y - t) / N, with t as one-hot.
        raise NotImplementedError("SoftmaxWithLoss.backward is not written yet")
