"""Builds the layers from copies of the parameters, so writes into params never reach them."""


class TwoLayerNet(TwoLayerNet):
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        super().__init__(input_size, hidden_size, output_size, weight_init_std)
        self.layers["Affine1"] = Affine(self.params["W1"].copy(), self.params["b1"].copy())
        self.layers["Affine2"] = Affine(self.params["W2"].copy(), self.params["b2"].copy())
