"""A two-layer network built from your layers, with gradients by backpropagation (Day 1 §5, DLfS ch. 5).

Task
----
Write `TwoLayerNet(input_size, hidden_size, output_size, weight_init_std=0.01)`:

    x -> Affine(W1, b1) -> Relu -> Affine(W2, b2) -> scores -> SoftmaxWithLoss (with the answers t)

- `__init__`: keep the parameters in the dict `self.params` with the keys 'W1', 'b1', 'W2', 'b2'.
  Weights start as small random numbers, `weight_init_std * np.random.randn(rows, cols)`;
  biases start at zero. Build the layers from your own `layers` exercise and hand them *the
  arrays in params themselves* (not copies): whoever writes into `net.params['W1'][...]`
  must change what the network computes.
- `predict(x)`: the class scores, shape (N, output_size). Returning them before or after
  softmax is up to you (the grader compares the argmax).
- `loss(x, t)`: the cross-entropy loss of the batch, a float.
- `accuracy(x, t)`: the fraction of samples whose largest score is the correct class, a float
  in [0, 1]. t is one-hot (N, output_size) or integer labels (N,).
- `gradient(x, t)`: a dict with the same keys as params; each entry is dL/d(parameter), the
  shape of that parameter. Compute it by backpropagation: run the forward pass (the loss), then
  `backward` through the layers in reverse order (start with dout = 1), then read dW and db
  from the two Affine layers.

Shapes
------
x is (N, input_size). W1 (input_size, hidden_size), b1 (hidden_size,), W2 (hidden_size,
output_size), b2 (output_size,).

Careful
-------
- ReLU sits between the two Affine layers only; the scores go into softmax unchanged.
- The loss is a mean over the batch, so every gradient carries a 1/N (SoftmaxWithLoss.backward
  takes care of it when you use it).
- `exercises/layers.py` must be finished first.

Run `grade two_layer_net` to check your work, `grade hint two_layer_net` for a hint.
"""

import numpy as np

from exercises.layers import Affine, Relu, SoftmaxWithLoss


class TwoLayerNet:
    def __init__(self, input_size: int, hidden_size: int, output_size: int, weight_init_std: float = 0.01) -> None:
        # TODO: self.params with W1, b1, W2, b2; then the layers (Affine, Relu, Affine) that use
        # those arrays, and a SoftmaxWithLoss as the last layer.
        raise NotImplementedError("TwoLayerNet.__init__ is not written yet")

    def predict(self, x: np.ndarray) -> np.ndarray:
        # TODO: pass x forward through Affine, Relu, Affine.
        raise NotImplementedError("TwoLayerNet.predict is not written yet")

    def loss(self, x: np.ndarray, t: np.ndarray) -> float:
        # TODO: the last layer's forward on the scores and t.
        raise NotImplementedError("TwoLayerNet.loss is not written yet")

    def accuracy(self, x: np.ndarray, t: np.ndarray) -> float:
        # TODO: compare the argmax of the scores with the labels (argmax of t when it is one-hot).
        raise NotImplementedError("TwoLayerNet.accuracy is not written yet")

    def gradient(self, x: np.ndarray, t: np.ndarray) -> dict[str, np.ndarray]:
        # TODO: forward (loss), backward through the layers in reverse, collect dW and db.
        raise NotImplementedError("TwoLayerNet.gradient is not written yet")
