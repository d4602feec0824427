"""Adam as the paper writes it: bias-corrected moments m_hat and v_hat, eps added to sqrt(v_hat)."""

import numpy as np


class Adam(Adam):
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr, beta1, beta2)
        self.eps = eps

    def update(self, params, grads):
        if self.m is None or self.v is None:
            self.m = _zeros_like_each(params)
            self.v = _zeros_like_each(params)
        self.iter += 1
        for key in params:
            g = grads[key]
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g * g
            m_hat = self.m[key] / (1 - self.beta1**self.iter)
            v_hat = self.v[key] / (1 - self.beta2**self.iter)
            params[key] = params[key] - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
