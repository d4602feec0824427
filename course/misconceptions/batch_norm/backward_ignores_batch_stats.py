"""Backpropagates as if the batch mean and standard deviation were constants: dx = dout * gamma / std."""


class BatchNormalization(BatchNormalization):
    def backward(self, dout):
        super().backward(dout)  # dgamma and dbeta as the reference computes them
        return self.gamma * dout / self.std
