"""Returns y - t from SoftmaxWithLoss.backward, without the 1/N of the batch mean."""


class SoftmaxWithLoss(SoftmaxWithLoss):
    def backward(self, dout=1):
        return super().backward(dout) * self.y.shape[0]
