"""predict returns probabilities, and loss feeds them to SoftmaxWithLoss: softmax is applied twice."""

from .softmax import softmax


class TwoLayerNet(TwoLayerNet):
    def predict(self, x):
        return softmax(super().predict(x))
