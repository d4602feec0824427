"""AdaGrad that divides by sqrt(h) alone: 0 / 0 while a gradient has only been zero."""

import numpy as np


class AdaGrad(AdaGrad):
    def update(self, params, grads):
        if self.h is None:
            self.h = _zeros_like_each(params)
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / np.sqrt(self.h[key])
