"""Signals bad arguments with an assert (AssertionError) instead of ValueError."""


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    assert stride >= 1 and pad >= 0 and filter_size <= input_size + 2 * pad, "impossible convolution"
    return (input_size + 2 * pad - filter_size) // stride + 1
