"""Returns the padded image: the border of zeros that im2col added is never cut off again."""

_reference_col2im = col2im


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    n, c, h, w = input_shape
    return _reference_col2im(col, (n, c, h + 2 * pad, w + 2 * pad), filter_h, filter_w, stride, 0)
