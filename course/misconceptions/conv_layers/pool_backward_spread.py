"""Max pooling forward, but backward shares each gradient equally among all positions of the window."""

import numpy as np


class Pooling(Pooling):
    def backward(self, dout):
        size = self.pool_h * self.pool_w
        shares = np.repeat(dout.transpose(0, 2, 3, 1).reshape(-1, 1) / size, size, axis=1)
        dcol = shares.reshape(-1, self.x_shape[1] * size)
        return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)
