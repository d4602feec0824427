"""Divides with `/`, which always gives a float (7.0) and keeps fractions (3.5)."""


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    if stride < 1 or pad < 0 or filter_size > input_size + 2 * pad:
        raise ValueError("impossible convolution")
    return (input_size + 2 * pad - filter_size) / stride + 1
