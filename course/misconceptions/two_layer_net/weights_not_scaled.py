"""Draws the initial weights from a standard normal without multiplying by weight_init_std."""

import numpy as np

from .layers import Affine, Relu, SoftmaxWithLoss


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {
            "W1": np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }
        self.affine1 = Affine(self.params["W1"], self.params["b1"])
        self.relu = Relu()
        self.affine2 = Affine(self.params["W2"], self.params["b2"])
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        return self.affine2.forward(self.relu.forward(self.affine1.forward(x)))

    def loss(self, x, t):
        return self.last_layer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return np.sum(y == t) / float(x.shape[0])

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.affine1.backward(self.relu.backward(self.affine2.backward(self.last_layer.backward(1))))
        return {"W1": self.affine1.dW, "b1": self.affine1.db, "W2": self.affine2.dW, "b2": self.affine2.db}
