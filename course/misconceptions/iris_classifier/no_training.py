"""Computes the gradients but never changes the weights: `p = p - lr * g` in a loop only rebinds the
loop variable, so the predictions are those of the random initial network."""

import numpy as np


def fit_predict(x_train, t_train, x_test):
    t = np.eye(3)[t_train]
    W1, b1 = np.random.randn(4, 6) * 0.01, np.zeros(6)
    W2, b2 = np.random.randn(6, 3) * 0.01, np.zeros(3)
    for _ in range(300):
        a = x_train @ W1 + b1
        h = np.maximum(a, 0)
        s = h @ W2 + b2
        e = np.exp(s - s.max(axis=1, keepdims=True))
        d = (e / e.sum(axis=1, keepdims=True) - t) / len(x_train)
        dh = (d @ W2.T) * (a > 0)
        for p, g in zip((W1, b1, W2, b2), (x_train.T @ dh, dh.sum(axis=0), h.T @ d, d.sum(axis=0))):
            p = p - 0.1 * g
    scores = np.maximum(x_test @ W1 + b1, 0) @ W2 + b2
    return scores.argmax(axis=1)
