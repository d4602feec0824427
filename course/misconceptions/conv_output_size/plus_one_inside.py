"""Puts the +1 inside the division: (I + 2P - F + 1) // S."""


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    if stride < 1 or pad < 0 or filter_size > input_size + 2 * pad:
        raise ValueError("impossible convolution")
    return (input_size + 2 * pad - filter_size + 1) // stride
