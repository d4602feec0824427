"""Reference: twice the input."""

import numpy as np


def double(x: np.ndarray) -> np.ndarray:
    return 2 * x
