"""Reference: convolution and max pooling layers built on im2col / col2im."""

import numpy as np

from .conv_output_size import conv_output_size
from .im2col import col2im, im2col


class Convolution:
    """Filters W (FN, C, FH, FW) and biases b (FN,) slid over the input with a stride and zero padding."""

    def __init__(self, W: np.ndarray, b: np.ndarray, stride: int = 1, pad: int = 0) -> None:
        self.W = W
        self.b = b
        self.stride = stride
        self.pad = pad
        self.x_shape: tuple[int, ...] | None = None
        self.col: np.ndarray | None = None
        self.dW: np.ndarray | None = None
        self.db: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        fn, _, fh, fw = self.W.shape
        n, _, h, w = x.shape
        out_h = conv_output_size(h, fh, self.stride, self.pad)
        out_w = conv_output_size(w, fw, self.stride, self.pad)
        self.x_shape = x.shape
        self.col = im2col(x, fh, fw, self.stride, self.pad)
        weights = self.W.reshape(fn, -1)  # one row per filter, in im2col's (c, fy, fx) order
        out = self.col @ weights.T + self.b  # (N * out_h * out_w, FN)
        return out.reshape(n, out_h, out_w, fn).transpose(0, 3, 1, 2)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        assert self.col is not None and self.x_shape is not None
        fn, c, fh, fw = self.W.shape
        flat = dout.transpose(0, 2, 3, 1).reshape(-1, fn)  # rows in im2col's (n, out_y, out_x) order
        self.db = flat.sum(axis=0)
        self.dW = (flat.T @ self.col).reshape(fn, c, fh, fw)
        dcol = flat @ self.W.reshape(fn, -1)
        return col2im(dcol, self.x_shape, fh, fw, self.stride, self.pad)


class Pooling:
    """Max pooling: each channel of each window is reduced to its largest value."""

    def __init__(self, pool_h: int, pool_w: int, stride: int = 2, pad: int = 0) -> None:
        self.pool_h = pool_h
        self.pool_w = pool_w
        self.stride = stride
        self.pad = pad
        self.x_shape: tuple[int, ...] | None = None
        self.arg_max: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        n, c, h, w = x.shape
        out_h = conv_output_size(h, self.pool_h, self.stride, self.pad)
        out_w = conv_output_size(w, self.pool_w, self.stride, self.pad)
        # im2col's columns run over (c, fy, fx): one row of `windows` is one channel's window.
        windows = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad).reshape(-1, self.pool_h * self.pool_w)
        self.x_shape = x.shape
        self.arg_max = windows.argmax(axis=1)
        out = windows[np.arange(windows.shape[0]), self.arg_max]
        return out.reshape(n, out_h, out_w, c).transpose(0, 3, 1, 2)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        assert self.arg_max is not None and self.x_shape is not None
        c = self.x_shape[1]
        size = self.pool_h * self.pool_w
        routed = np.zeros((self.arg_max.size, size), dtype=np.result_type(dout, np.float64))
        routed[np.arange(self.arg_max.size), self.arg_max] = dout.transpose(0, 2, 3, 1).reshape(-1)
        dcol = routed.reshape(-1, c * size)
        return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)
