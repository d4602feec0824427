"""Reference: a two-layer network assembled from the layers, with gradients by backpropagation."""

from collections import OrderedDict

import numpy as np

from .layers import Affine, Relu, SoftmaxWithLoss


class TwoLayerNet:
    """Affine -> ReLU -> Affine, trained with softmax and cross-entropy."""

    def __init__(self, input_size: int, hidden_size: int, output_size: int, weight_init_std: float = 0.01) -> None:
        self.params: dict[str, np.ndarray] = {
            "W1": weight_init_std * np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }
        # The layers hold the very arrays in `params`, so in-place updates of params reach them.
        self.layers: OrderedDict[str, Affine | Relu] = OrderedDict(
            Affine1=Affine(self.params["W1"], self.params["b1"]),
            Relu1=Relu(),
            Affine2=Affine(self.params["W2"], self.params["b2"]),
        )
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x: np.ndarray) -> np.ndarray:
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x: np.ndarray, t: np.ndarray) -> float:
        return self.last_layer.forward(self.predict(x), t)

    def accuracy(self, x: np.ndarray, t: np.ndarray) -> float:
        predicted = np.argmax(self.predict(x), axis=1)
        labels = np.argmax(t, axis=1) if t.ndim != 1 else t
        return float(np.sum(predicted == labels) / x.shape[0])

    def gradient(self, x: np.ndarray, t: np.ndarray) -> dict[str, np.ndarray]:
        self.loss(x, t)
        dout = self.last_layer.backward(1)
        for layer in reversed(self.layers.values()):
            dout = layer.backward(dout)
        first, second = self.layers["Affine1"], self.layers["Affine2"]
        return {"W1": first.dW, "b1": first.db, "W2": second.dW, "b2": second.db}
