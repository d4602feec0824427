"""Trains a good network but returns its softmax output, one row of three probabilities per flower."""

import numpy as np


def fit_predict(x_train, t_train, x_test):
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    x = (x_train - mean) / std
    t = np.eye(3)[t_train]
    W1, b1 = np.random.randn(4, 10) * np.sqrt(2 / 4), np.zeros(10)
    W2, b2 = np.random.randn(10, 3) * np.sqrt(2 / 10), np.zeros(3)

    def forward(inputs):
        a = inputs @ W1 + b1
        h = np.maximum(a, 0)
        s = h @ W2 + b2
        e = np.exp(s - s.max(axis=1, keepdims=True))
        return a, h, e / e.sum(axis=1, keepdims=True)

    for _ in range(1000):
        a, h, y = forward(x)
        d = (y - t) / len(x)
        dh = (d @ W2.T) * (a > 0)
        W2 -= 0.1 * h.T @ d
        b2 -= 0.1 * d.sum(axis=0)
        W1 -= 0.1 * x.T @ dh
        b1 -= 0.1 * dh.sum(axis=0)
    return forward((x_test - mean) / std)[2]
