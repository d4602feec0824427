"""RMSprop that drops the `h *= decay_rate` line: h keeps growing and never forgets."""

import numpy as np


class RMSprop(RMSprop):
    def update(self, params, grads):
        if self.h is None:
            self.h = _zeros_like_each(params)
        for key in params:
            self.h[key] += (1.0 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)
