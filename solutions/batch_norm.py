"""Reference: batch normalisation for (N, D) input, with running statistics for test mode."""

import numpy as np

EPS = 1e-6


class BatchNormalization:
    """Normalise each feature over the batch, then scale by gamma and shift by beta."""

    def __init__(
        self,
        gamma: np.ndarray,
        beta: np.ndarray,
        momentum: float = 0.9,
        running_mean: np.ndarray | None = None,
        running_var: np.ndarray | None = None,
    ) -> None:
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.running_mean = running_mean
        self.running_var = running_var
        self.x_hat: np.ndarray | None = None
        self.std: np.ndarray | None = None
        self.dgamma: np.ndarray | None = None
        self.dbeta: np.ndarray | None = None

    def forward(self, x: np.ndarray, train_flg: bool = True) -> np.ndarray:
        if self.running_mean is None:
            self.running_mean = np.zeros(x.shape[1])
        if self.running_var is None:
            self.running_var = np.zeros(x.shape[1])
        if train_flg:
            mean = x.mean(axis=0)
            centred = x - mean
            var = np.mean(centred**2, axis=0)
            self.std = np.sqrt(var + EPS)
            self.x_hat = centred / self.std
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mean
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
            x_hat = self.x_hat
        else:
            x_hat = (x - self.running_mean) / np.sqrt(self.running_var + EPS)
        return self.gamma * x_hat + self.beta

    def backward(self, dout: np.ndarray) -> np.ndarray:
        self.dbeta = dout.sum(axis=0)
        self.dgamma = np.sum(dout * self.x_hat, axis=0)
        dx_hat = dout * self.gamma
        # The mean and the variance depend on every x too: their paths remove the batch mean of
        # dx_hat and its component along x_hat.
        return (dx_hat - dx_hat.mean(axis=0) - self.x_hat * np.mean(dx_hat * self.x_hat, axis=0)) / self.std
