"""AdaGrad that starts h from zeros on every call: it only ever holds the latest squared gradient."""


class AdaGrad(AdaGrad):
    def update(self, params, grads):
        self.h = None
        super().update(params, grads)
