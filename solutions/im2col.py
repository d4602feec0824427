"""Reference: im2col turns every filter window into a row; col2im is its adjoint."""

import numpy as np

from .conv_output_size import conv_output_size


def _padded(input_data: np.ndarray, pad: int) -> np.ndarray:
    if pad == 0:
        return input_data
    n, c, h, w = input_data.shape
    padded = np.zeros((n, c, h + 2 * pad, w + 2 * pad), dtype=input_data.dtype)
    padded[:, :, pad : pad + h, pad : pad + w] = input_data
    return padded


def im2col(input_data: np.ndarray, filter_h: int, filter_w: int, stride: int = 1, pad: int = 0) -> np.ndarray:
    n, c, h, w = input_data.shape
    out_h = conv_output_size(h, filter_h, stride, pad)
    out_w = conv_output_size(w, filter_w, stride, pad)
    padded = _padded(input_data, pad)
    # col[n, oy, ox, c, fy, fx] = padded[n, c, stride * oy + fy, stride * ox + fx]: one strided
    # slice per filter offset (fy, fx) fills that entry of every window at once.
    col = np.empty((n, out_h, out_w, c, filter_h, filter_w), dtype=padded.dtype)
    for fy in range(filter_h):
        rows = slice(fy, fy + stride * out_h, stride)
        for fx in range(filter_w):
            block = padded[:, :, rows, fx : fx + stride * out_w : stride]  # (n, c, out_h, out_w)
            col[..., fy, fx] = block.transpose(0, 2, 3, 1)
    return col.reshape(n * out_h * out_w, c * filter_h * filter_w)


def col2im(
    col: np.ndarray, input_shape: tuple[int, int, int, int], filter_h: int, filter_w: int, stride: int = 1, pad: int = 0
) -> np.ndarray:
    n, c, h, w = input_shape
    out_h = conv_output_size(h, filter_h, stride, pad)
    out_w = conv_output_size(w, filter_w, stride, pad)
    windows = col.reshape(n, out_h, out_w, c, filter_h, filter_w)
    padded = np.zeros((n, c, h + 2 * pad, w + 2 * pad), dtype=np.result_type(col.dtype, np.float64))
    # The adjoint of im2col: every window entry goes back to the pixel it came from, and pixels
    # that several windows share receive the sum of their entries.
    for fy in range(filter_h):
        rows = slice(fy, fy + stride * out_h, stride)
        for fx in range(filter_w):
            padded[:, :, rows, fx : fx + stride * out_w : stride] += windows[..., fy, fx].transpose(0, 3, 1, 2)
    return padded[:, :, pad : pad + h, pad : pad + w].copy()
