"""Plugs the input x into y * (1 - y) instead of the stored output y."""


class Sigmoid(Sigmoid):
    def forward(self, x):
        self.x = x
        return super().forward(x)

    def backward(self, dout):
        return dout * self.x * (1 - self.x)
