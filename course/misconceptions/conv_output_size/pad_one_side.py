"""Adds the padding once, as if only one side were padded."""


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    if stride < 1 or pad < 0 or filter_size > input_size + 2 * pad:
        raise ValueError("impossible convolution")
    return (input_size + pad - filter_size) // stride + 1
