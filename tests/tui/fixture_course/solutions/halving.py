"""Reference for halving."""

import numpy as np


def halve(x: np.ndarray) -> np.ndarray:
    return x / 2
