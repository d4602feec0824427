"""Rounds the division up, counting a last position where the filter would hang over the edge."""

import math


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    if stride < 1 or pad < 0 or filter_size > input_size + 2 * pad:
        raise ValueError("impossible convolution")
    return math.ceil((input_size + 2 * pad - filter_size) / stride) + 1
