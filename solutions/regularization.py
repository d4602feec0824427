"""Reference: L2 and L1 weight penalties over a list of weight arrays, and their gradients."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def l2_penalty(weights: Sequence[np.ndarray], lam: float) -> float:
    return float(0.5 * lam * sum(np.sum(W**2) for W in weights))


def l2_grad(W: np.ndarray, lam: float) -> np.ndarray:
    return lam * W


def l1_penalty(weights: Sequence[np.ndarray], lam: float) -> float:
    return float(lam * sum(np.sum(np.abs(W)) for W in weights))


def l1_grad(W: np.ndarray, lam: float) -> np.ndarray:
    return lam * np.sign(W)
