"""Reference: SGD, Momentum, AdaGrad, RMSprop and Adam, each keeping its state between updates.

Adam is written in the notes' form (bias correction folded into one step size `lr_t`); the
paper's form with bias-corrected moments is the accepted variant in `course/variants/optimizers/`.
"""

from __future__ import annotations

import numpy as np

Params = dict[str, np.ndarray]


def _zeros_like_each(params: Params) -> Params:
    return {key: np.zeros_like(value, dtype=float) for key, value in params.items()}


class SGD:
    def __init__(self, lr: float = 0.01) -> None:
        self.lr = lr

    def update(self, params: Params, grads: Params) -> None:
        for key in params:
            params[key] -= self.lr * grads[key]


class Momentum:
    def __init__(self, lr: float = 0.01, momentum: float = 0.9) -> None:
        self.lr = lr
        self.momentum = momentum
        self.v: Params | None = None

    def update(self, params: Params, grads: Params) -> None:
        if self.v is None:
            self.v = _zeros_like_each(params)
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class AdaGrad:
    def __init__(self, lr: float = 0.01) -> None:
        self.lr = lr
        self.h: Params | None = None

    def update(self, params: Params, grads: Params) -> None:
        if self.h is None:
            self.h = _zeros_like_each(params)
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class RMSprop:
    def __init__(self, lr: float = 0.01, decay_rate: float = 0.99) -> None:
        self.lr = lr
        self.decay_rate = decay_rate
        self.h: Params | None = None

    def update(self, params: Params, grads: Params) -> None:
        if self.h is None:
            self.h = _zeros_like_each(params)
        for key in params:
            self.h[key] = self.decay_rate * self.h[key] + (1.0 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class Adam:
    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999) -> None:
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m: Params | None = None
        self.v: Params | None = None

    def update(self, params: Params, grads: Params) -> None:
        if self.m is None or self.v is None:
            self.m = _zeros_like_each(params)
            self.v = _zeros_like_each(params)
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params:
            self.m[key] += (1.0 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1.0 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
