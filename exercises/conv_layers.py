"""Convolution and max pooling layers with forward and backward (Day 2 §4, 6-5-1 to 6-5-7).

Task
----
Write two layers in the style of the backpropagation layers: `forward(x)` computes the output
and keeps what the backward pass needs, `backward(dout)` returns dL/dx. Build both on your own
`im2col` / `col2im` (the previous exercise), so neither needs a loop over output positions.

`Convolution(W, b, stride=1, pad=0)`
    W holds FN filters of shape (C, FH, FW), so W is (FN, C, FH, FW); b is (FN,), one bias per
    filter. Every output value is the sum of the products of one filter with one padded window
    of the input, plus that filter's bias. With im2col this is one matrix product:

        col   = im2col(x, FH, FW, stride, pad)      (N*out_h*out_w, C*FH*FW), one window per row
        col_W = W.reshape(FN, -1).T                 (C*FH*FW, FN),          one filter per column
        out   = col @ col_W + b                     (N*out_h*out_w, FN)

    then reshape out to (N, out_h, out_w, FN) and move the filter axis forward to get
    (N, FN, out_h, out_w). out_h and out_w follow conv_output_size.

    backward(dout), dout of shape (N, FN, out_h, out_w): bring dout into out's 2-D layout
    (N*out_h*out_w, FN) and run the matrix product backwards, as in Affine:

        db = the sum of dout over the batch and all positions           (FN,)
        dW = col.T @ dout_2d, brought back to W's shape                  (FN, C, FH, FW)
        dx = col2im(dout_2d @ col_W.T, x.shape, FH, FW, stride, pad)    (N, C, H, W)

    Store dW and db as attributes `self.dW`, `self.db`; return dx.

`Pooling(pool_h, pool_w, stride=2, pad=0)`
    Max pooling: every pool_h x pool_w window of every channel is replaced by its largest
    value. forward(x), x of shape (N, C, H, W), returns (N, C, out_h, out_w); channels never
    mix. Since im2col's columns run over (c, fy, fx), `im2col(...).reshape(-1, pool_h*pool_w)`
    gives one row per (window, channel). backward(dout) returns dx of x's shape: each value of
    dout goes entirely to the position that held its window's maximum, every other position of
    the window gets 0; where windows overlap the contributions add up (col2im does that).

Careful
-------
- The reshape of W must keep each filter together: `W.reshape(FN, -1)` makes one row per filter.
- Do not change x, W or dout.

Run `grade conv_layers` to check your work, `grade hint conv_layers` for a hint.
"""

import numpy as np

from exercises.im2col import col2im, im2col


class Convolution:
    def __init__(self, W: np.ndarray, b: np.ndarray, stride: int = 1, pad: int = 0) -> None:
        self.W = W
        self.b = b
        self.stride = stride
        self.pad = pad
        self.dW = None
        self.db = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        # TODO: im2col, one matrix product with the flattened filters, add b, reshape to (N, FN, out_h, out_w).
        raise NotImplementedError("Convolution.forward is not written yet")

    def backward(self, dout: np.ndarray) -> np.ndarray:
        # TODO: set self.db and self.dW, return dx through col2im.
        raise NotImplementedError("Convolution.backward is not written yet")


class Pooling:
    def __init__(self, pool_h: int, pool_w: int, stride: int = 2, pad: int = 0) -> None:
        self.pool_h = pool_h
        self.pool_w = pool_w
        self.stride = stride
        self.pad = pad

    def forward(self, x: np.ndarray) -> np.ndarray:
        # TODO: the maximum of every window of every channel; remember where it was.
        raise NotImplementedError("Pooling.forward is not written yet")

    def backward(self, dout: np.ndarray) -> np.ndarray:
        # TODO: send each gradient to the position of its window's maximum.
        raise NotImplementedError("Pooling.backward is not written yet")
