"""Draws the initial weights from a standard normal without multiplying by weight_init_std."""


class TwoLayerNet(TwoLayerNet):
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        super().__init__(input_size, hidden_size, output_size, weight_init_std=1.0)
