"""Returns the padded image: the border of zeros that im2col added is never cut off again."""

import numpy as np


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = (H + 2 * pad - filter_h) // stride + 1
    out_w = (W + 2 * pad - filter_w) // stride + 1
    col = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
    padded = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for fy in range(filter_h):
        for fx in range(filter_w):
            padded[:, :, fy : fy + stride * out_h : stride, fx : fx + stride * out_w : stride] += col[:, :, fy, fx, :, :]
    return padded
