"""The notes' SoftmaxWithLoss.backward: (y - t) / N whatever dout is."""


class SoftmaxWithLoss(SoftmaxWithLoss):
    def backward(self, dout=1):
        return super().backward(1)
