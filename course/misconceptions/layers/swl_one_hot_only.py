"""Subtracts t from y directly, which only makes sense for one-hot t."""


class SoftmaxWithLoss(SoftmaxWithLoss):
    def backward(self, dout=1):
        return dout * (self.y - self.t) / self.y.shape[0]
