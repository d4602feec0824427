"""AdaGrad that starts h from zeros on every call: it only ever holds the latest squared gradient."""

import numpy as np


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        self.h = {}
        for key, value in params.items():
            self.h[key] = np.zeros_like(value)
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)
