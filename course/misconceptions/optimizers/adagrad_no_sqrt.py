"""AdaGrad that divides by the accumulated squares themselves, without the square root."""


class AdaGrad(AdaGrad):
    def update(self, params, grads):
        if self.h is None:
            self.h = _zeros_like_each(params)
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (self.h[key] + 1e-7)
