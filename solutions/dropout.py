"""Reference: dropout in the notes' scaling (training keeps x * mask, test scales by 1 - ratio).

Inverted dropout (training divides by 1 - ratio, test passes x through) is the accepted variant in
`course/variants/dropout/`; the checks are statistical, so both pass.
"""

from __future__ import annotations

import numpy as np


class Dropout:
    def __init__(self, dropout_ratio: float = 0.5) -> None:
        self.dropout_ratio = dropout_ratio
        self.mask: np.ndarray | None = None

    def forward(self, x: np.ndarray, train_flg: bool = True) -> np.ndarray:
        if train_flg:
            self.mask = np.random.rand(*x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        assert self.mask is not None, "backward needs a training forward first"
        return dout * self.mask
