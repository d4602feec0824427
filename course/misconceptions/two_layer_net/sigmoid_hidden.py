"""Uses a sigmoid hidden layer (the notes' chapter-4 network) instead of ReLU."""

from .layers import Sigmoid


class TwoLayerNet(TwoLayerNet):
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        super().__init__(input_size, hidden_size, output_size, weight_init_std)
        self.layers = OrderedDict(Affine1=self.layers["Affine1"], Sigmoid1=Sigmoid(), Affine2=self.layers["Affine2"])
