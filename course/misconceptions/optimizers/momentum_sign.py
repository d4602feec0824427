"""Momentum whose velocity adds the gradient step instead of subtracting it."""


class Momentum(Momentum):
    def update(self, params, grads):
        if self.v is None:
            self.v = _zeros_like_each(params)
        for key in params:
            self.v[key] = self.momentum * self.v[key] + self.lr * grads[key]
            params[key] += self.v[key]
