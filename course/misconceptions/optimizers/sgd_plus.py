"""SGD that adds the gradient step: every update climbs uphill."""


class SGD(SGD):
    def update(self, params, grads):
        for key in params:
            params[key] += self.lr * grads[key]
