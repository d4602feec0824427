"""Orders the columns by (fy, fx, c): the channel varies fastest inside a row."""

_reference_im2col = im2col


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    col = _reference_im2col(input_data, filter_h, filter_w, stride, pad)
    channels = input_data.shape[1]
    return col.reshape(-1, channels, filter_h, filter_w).transpose(0, 2, 3, 1).reshape(col.shape)
