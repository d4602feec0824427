"""Orders the columns by (fy, fx, c): the channel varies fastest inside a row."""

import numpy as np


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    out_h = (H + 2 * pad - filter_h) // stride + 1
    out_w = (W + 2 * pad - filter_w) // stride + 1
    padded = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
    col = np.zeros((N, C, filter_h, filter_w, out_h, out_w))
    for fy in range(filter_h):
        for fx in range(filter_w):
            col[:, :, fy, fx, :, :] = padded[:, :, fy : fy + stride * out_h : stride, fx : fx + stride * out_w : stride]
    return col.transpose(0, 4, 5, 2, 3, 1).reshape(N * out_h * out_w, -1)
