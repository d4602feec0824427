"""Optimizers: five ways to turn gradients into parameter updates (Day 2 §2, 6-3).

Task
----
Write five classes. Each is created once with its hyperparameters and then called once per
training step as `optimizer.update(params, grads)`: `params` and `grads` are dicts of numpy
arrays with the same keys (e.g. 'W1', 'b1'), and after the call `params[key]` must hold the new
values (change the arrays in place or store new arrays in the dict; both are fine). Anything an
optimizer remembers between steps lives on `self` and is kept per key.

Below, p is a parameter array, g its gradient, and every operation is elementwise.

- `SGD(lr=0.01)`: step straight downhill, p <- p - lr * g.
- `Momentum(lr=0.01, momentum=0.9)`: a velocity v (zeros at first) keeps part of the previous
  step and adds the new downhill push, v <- momentum * v - lr * g, and then p <- p + v.
- `AdaGrad(lr=0.01)`: h (zeros at first) adds up every squared gradient, h <- h + g * g, and
  each element's step shrinks as its h grows: p <- p - lr * g / (sqrt(h) + 1e-7).
  The 1e-7 keeps the division finite while h is still 0.
- `RMSprop(lr=0.01, decay_rate=0.99)`: like AdaGrad, but h is a moving average that forgets
  old gradients: h <- decay_rate * h + (1 - decay_rate) * g * g; same step as AdaGrad.
- `Adam(lr=0.001, beta1=0.9, beta2=0.999)`: moving averages of the gradient (m) and of its
  square (v), both zeros at first, and t, the number of `update` calls so far (1 on the first):
      m <- m + (1 - beta1) * (g - m)
      v <- v + (1 - beta2) * (g * g - v)
      lr_t = lr * sqrt(1 - beta2**t) / (1 - beta1**t)
      p <- p - lr_t * m / (sqrt(v) + 1e-7)
  The factor in lr_t undoes the pull towards 0 that m and v have in the first steps (bias
  correction). Writing it as the paper does, with m_hat = m / (1 - beta1**t),
  v_hat = v / (1 - beta2**t) and p <- p - lr * m_hat / (sqrt(v_hat) + eps), is also accepted.

Shapes
------
Every array in `grads` has the shape of the array with the same key in `params`; there may be
any number of keys. `update` returns nothing.

The grader runs several steps in a row on the same object, and replays the notes' comparison of
the four methods on f(x, y) = x²/20 + y² from (-7, 2).

Run `grade optimizers` to check your work, `grade hint optimizers` for a hint.
"""

import numpy as np


class SGD:
    def __init__(self, lr: float = 0.01) -> None:
        self.lr = lr

    def update(self, params: dict, grads: dict) -> None:
        # TODO: move every parameter against its gradient.
        raise NotImplementedError("SGD.update is not written yet")


class Momentum:
    def __init__(self, lr: float = 0.01, momentum: float = 0.9) -> None:
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params: dict, grads: dict) -> None:
        # TODO: on the first call make a zero velocity per key; then update v and the parameter.
        raise NotImplementedError("Momentum.update is not written yet")


class AdaGrad:
    def __init__(self, lr: float = 0.01) -> None:
        self.lr = lr
        self.h = None

    def update(self, params: dict, grads: dict) -> None:
        # TODO: accumulate the squared gradients in h and scale each step by 1 / (sqrt(h) + 1e-7).
        raise NotImplementedError("AdaGrad.update is not written yet")


class RMSprop:
    def __init__(self, lr: float = 0.01, decay_rate: float = 0.99) -> None:
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params: dict, grads: dict) -> None:
        # TODO: keep a decaying average of the squared gradients in h; step as in AdaGrad.
        raise NotImplementedError("RMSprop.update is not written yet")


class Adam:
    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999) -> None:
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params: dict, grads: dict) -> None:
        # TODO: count this call, update m and v, and step with the bias-corrected learning rate.
        raise NotImplementedError("Adam.update is not written yet")
