"""Batch normalisation: even out each feature over the mini-batch (Day 2 §1, 6-2-3; DLfS 6.3).

Task
----
Write `BatchNormalization(gamma, beta, momentum=0.9, running_mean=None, running_var=None)` for
input x of shape (N, D): N samples, D features.

`forward(x, train_flg=True)` in training mode works feature by feature (column by column):

    mu    = the mean of the column over the N samples
    var   = the mean of (x - mu)^2 over the N samples      (divide by N, not N - 1)
    x_hat = (x - mu) / sqrt(var + eps)                     (eps small, at most 1e-5, inside the root)
    out   = gamma * x_hat + beta

and it updates the running statistics that test mode uses later:

    running_mean = momentum * running_mean + (1 - momentum) * mu
    running_var  = momentum * running_var  + (1 - momentum) * var

Both start as zeros of length D when they are not given. With `train_flg=False`, normalise with
running_mean and running_var instead of the batch's own statistics, and leave them unchanged.

`backward(dout)` returns dx, the gradient with respect to the last training forward's x, and
stores `self.dgamma` and `self.dbeta`:

    dbeta  = dout summed over the batch
    dgamma = (dout * x_hat) summed over the batch
    dx     = (d - mean(d) - x_hat * mean(d * x_hat)) / sqrt(var + eps),   d = dout * gamma,
             with the means taken over the batch (axis 0)

The last two terms of dx are there because mu and var are computed from x too: nudging one
sample moves the batch mean and variance, and so every other sample's x_hat.

Shapes and names
----------------
x and dout are (N, D); gamma, beta, running_mean, running_var, dgamma, dbeta are (D,). Keep
them as the attributes `gamma`, `beta`, `running_mean`, `running_var`, `dgamma`, `dbeta`.
forward returns (N, D); backward returns (N, D). Do not change x, gamma or beta.

Careful
-------
The notes' formulas carry typos: the shift is beta added to gamma * x_hat (not gamma * x), the
centring subtracts the mean, and eps goes inside the square root.

Run `grade batch_norm` to check your work, `grade hint batch_norm` for a hint.
"""

import numpy as np


class BatchNormalization:
    def __init__(self, gamma: np.ndarray, beta: np.ndarray, momentum: float = 0.9,
                 running_mean: np.ndarray | None = None, running_var: np.ndarray | None = None) -> None:
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.running_mean = running_mean
        self.running_var = running_var
        self.dgamma = None
        self.dbeta = None

    def forward(self, x: np.ndarray, train_flg: bool = True) -> np.ndarray:
        # TODO: zeros for missing running statistics; in training normalise with the batch's mean
        # and variance, store what backward needs and update the running statistics; in test mode
        # normalise with the running statistics. Return gamma * x_hat + beta.
        raise NotImplementedError("BatchNormalization.forward is not written yet")

    def backward(self, dout: np.ndarray) -> np.ndarray:
        # TODO: set self.dbeta and self.dgamma, return dx.
        raise NotImplementedError("BatchNormalization.backward is not written yet")
