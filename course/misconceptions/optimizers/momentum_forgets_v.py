"""Momentum that makes a fresh zero velocity on every call, so it never builds up speed."""


class Momentum(Momentum):
    def update(self, params, grads):
        self.v = None
        super().update(params, grads)
