"""Reshapes col.T @ dout, shape (C*FH*FW, FN), straight to (FN, C, FH, FW) without transposing it first."""


class Convolution(Convolution):
    def backward(self, dout):
        dx = super().backward(dout)
        fn = self.W.shape[0]
        self.dW = (self.col.T @ dout.transpose(0, 2, 3, 1).reshape(-1, fn)).reshape(self.W.shape)
        return dx
