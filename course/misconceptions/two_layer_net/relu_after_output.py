"""Puts a ReLU after the second Affine layer too, clipping negative scores before softmax."""


class TwoLayerNet(TwoLayerNet):
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        super().__init__(input_size, hidden_size, output_size, weight_init_std)
        self.layers["Relu2"] = Relu()
