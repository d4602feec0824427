"""Orders the rows by (out_y, out_x, n): the batch index varies fastest instead of slowest."""

_reference_im2col = im2col


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    col = _reference_im2col(input_data, filter_h, filter_w, stride, pad)
    n = input_data.shape[0]
    return col.reshape(n, -1, col.shape[1]).transpose(1, 0, 2).reshape(col.shape)
