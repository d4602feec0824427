"""Computes the output size with `/`: a float, which numpy refuses as an array dimension."""

import numpy as np


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    out_h = (H + 2 * pad - filter_h) / stride + 1
    out_w = (W + 2 * pad - filter_w) / stride + 1
    padded = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
    col = np.zeros((N, C, filter_h, filter_w, out_h, out_w))
    for fy in range(filter_h):
        for fx in range(filter_w):
            col[:, :, fy, fx, :, :] = padded[:, :, fy : fy + stride * out_h : stride, fx : fx + stride * out_w : stride]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(N * out_h * out_w, -1)


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = (H + 2 * pad - filter_h) / stride + 1
    out_w = (W + 2 * pad - filter_w) / stride + 1
    col = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
    padded = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for fy in range(filter_h):
        for fx in range(filter_w):
            padded[:, :, fy : fy + stride * out_h : stride, fx : fx + stride * out_w : stride] += col[:, :, fy, fx, :, :]
    return padded[:, :, pad : H + pad, pad : W + pad]
