"""im2col and col2im: lay out every filter window as a row (Day 2 §4, 6-5-6).

Task
----
A convolution multiplies every window of the input with the same filters. `im2col` copies the
windows into the rows of one 2-D array, so that the whole convolution becomes a single matrix
product (the `conv_layers` exercise does that product). `col2im` goes back the other way.

`im2col(input_data, filter_h, filter_w, stride=1, pad=0)`
    `input_data` has shape (N, C, H, W): N images with C channels of H x W pixels. Pad each image
    with `pad` zeros on every side, then slide a filter_h x filter_w window over it, `stride`
    pixels at a time. The window takes

        out_h = (H + 2*pad - filter_h) // stride + 1     positions down,
        out_w = (W + 2*pad - filter_w) // stride + 1     positions across

    (the formula of `conv_output_size`; it must be an integer). Return an array of shape
    (N * out_h * out_w, C * filter_h * filter_w) with one row per window:

    - rows in the order (n, out_y, out_x): all windows of image 0 first, row by row;
    - inside a row, the columns in the order (c, fy, fx): channel 0's window, read row by
      row, then channel 1's, and so on.

    So col[(n * out_h + oy) * out_w + ox, (c * filter_h + fy) * filter_w + fx] is the padded
    pixel padded[n, c, oy * stride + fy, ox * stride + fx].

`col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0)`
    The reverse direction, used by backward passes: `col` has im2col's shape and
    `input_shape` is (N, C, H, W). Every entry of `col` is added to the pixel it was copied
    from. Where windows overlap (stride < filter size) a pixel collects the sum of all its
    entries; entries that came from the padding are dropped, so the result has shape
    (N, C, H, W). This makes col2im the adjoint (transpose) of im2col: for every x and y,
    sum(im2col(x) * y) == sum(x * col2im(y, x.shape, ...)).

Careful
-------
- Looping over every output position works but is slow. Loop over the filter offsets
  (fy, fx) instead: for one offset, a strided slice such as
  `padded[:, :, fy : fy + stride*out_h : stride, fx : fx + stride*out_w : stride]` holds that
  entry of every window at once.
- Do not change `input_data` or `col`.

Run `grade im2col` to check your work, `grade hint im2col` for a hint.
"""

import numpy as np


def im2col(input_data: np.ndarray, filter_h: int, filter_w: int, stride: int = 1, pad: int = 0) -> np.ndarray:
    # TODO: pad, gather every window, and order the rows (n, out_y, out_x) and columns (c, fy, fx).
    raise NotImplementedError("im2col is not written yet")


def col2im(col: np.ndarray, input_shape: tuple, filter_h: int, filter_w: int, stride: int = 1, pad: int = 0) -> np.ndarray:
    # TODO: add every entry of col back onto its pixel, then cut the padding off.
    raise NotImplementedError("col2im is not written yet")
