"""Reference: half the input."""

import numpy as np


def halve(x: np.ndarray) -> np.ndarray:
    return x / 2
