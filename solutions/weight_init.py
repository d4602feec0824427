"""Reference: Xavier and He initial weights, zero-mean normal with std 1/sqrt(n_in) and sqrt(2/n_in)."""

from __future__ import annotations

import numpy as np


def xavier_init(n_in: int, n_out: int) -> np.ndarray:
    return np.random.randn(n_in, n_out) / np.sqrt(n_in)


def he_init(n_in: int, n_out: int) -> np.ndarray:
    return np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)
