"""Every update builds new parameter values but binds them to the local name `params`, so the caller's dict never changes."""

import numpy as np


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        params = {key: params[key] - self.lr * grads[key] for key in params}


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(value) for key, value in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
        params = {key: params[key] + self.v[key] for key in params}


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr, self.h = lr, None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(value) for key, value in params.items()}
        for key in params:
            self.h[key] = self.h[key] + grads[key] * grads[key]
        params = {key: params[key] - self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7) for key in params}


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr, self.decay_rate, self.h = lr, decay_rate, None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(value) for key, value in params.items()}
        for key in params:
            self.h[key] = self.decay_rate * self.h[key] + (1 - self.decay_rate) * grads[key] * grads[key]
        params = {key: params[key] - self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7) for key in params}


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2, self.iter, self.m, self.v = lr, beta1, beta2, 0, None, None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(value) for key, value in params.items()}
            self.v = {key: np.zeros_like(value) for key, value in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params:
            self.m[key] = self.m[key] + (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] = self.v[key] + (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
        params = {key: params[key] - lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7) for key in params}
