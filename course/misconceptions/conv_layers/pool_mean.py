"""Average pooling: each window is replaced by its mean instead of its maximum."""

import numpy as np


class Pooling(Pooling):
    def forward(self, x):
        n, c, out_h, out_w = super().forward(x).shape
        windows = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad).reshape(-1, self.pool_h * self.pool_w)
        return np.mean(windows, axis=1).reshape(n, out_h, out_w, c).transpose(0, 3, 1, 2)

    def backward(self, dout):
        size = self.pool_h * self.pool_w
        shares = np.repeat(dout.transpose(0, 2, 3, 1).reshape(-1, 1) / size, size, axis=1)
        dcol = shares.reshape(-1, self.x_shape[1] * size)
        return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)
