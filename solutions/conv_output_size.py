"""Reference: the side length of a convolution's output."""


def conv_output_size(input_size: int, filter_size: int, stride: int = 1, pad: int = 0) -> int:
    if stride < 1:
        raise ValueError(f"stride must be at least 1, got {stride}")
    if pad < 0:
        raise ValueError(f"pad cannot be negative, got {pad}")
    if filter_size > input_size + 2 * pad:
        raise ValueError(f"a {filter_size}-wide filter does not fit in {input_size} + 2*{pad} padded inputs")
    return (input_size + 2 * pad - filter_size) // stride + 1
