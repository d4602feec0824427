"""Keeps db as the whole (N, M) dout instead of summing it over the batch."""


class Affine(Affine):
    def backward(self, dout):
        dx = super().backward(dout)
        self.db = dout
        return dx
