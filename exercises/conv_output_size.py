"""Convolution output size (Day 2 §4, 6-5-2 padding and 6-5-3 stride).

Task
----
Write `conv_output_size(input_size, filter_size, stride=1, pad=0)`: how many positions a filter
of width `filter_size` can take along an input of width `input_size` that is padded with `pad`
zeros on *each* side, when it moves `stride` steps at a time. The same formula gives the height.

    output = (input_size + 2 * pad - filter_size) // stride + 1

Return a Python `int` (integer division `//`: a filter cannot stop between two positions).
Raise `ValueError` when the filter is wider than the padded input, when `stride < 1`, or when
`pad < 0`.

Example (6-5-7-1 in the notes): a 6x6 image, a 2x2 filter, stride 1 and padding 1 give 7x7,
so conv_output_size(6, 2, 1, 1) == 7.

Run `grade conv_output_size` to check your work, `grade hint conv_output_size` for a hint.
"""


def conv_output_size(input_size: int, filter_size: int, stride: int = 1, pad: int = 0) -> int:
    # TODO: check the arguments, then apply the formula with integer division.
    raise NotImplementedError("conv_output_size is not written yet")
