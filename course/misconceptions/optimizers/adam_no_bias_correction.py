"""Adam that steps with the raw moving averages m and v, without correcting their bias towards 0."""

import numpy as np


class Adam(Adam):
    def update(self, params, grads):
        if self.m is None or self.v is None:
            self.m = _zeros_like_each(params)
            self.v = _zeros_like_each(params)
        for key in params:
            self.m[key] += (1.0 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1.0 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= self.lr * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
