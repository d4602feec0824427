"""A learning rate of 100: every step overshoots, the weights grow to inf and the scores turn into nan."""

import numpy as np


def fit_predict(x_train, t_train, x_test):
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    x = (x_train - mean) / std
    t = np.eye(3)[t_train]
    W1, b1 = np.random.randn(4, 10) * np.sqrt(2 / 4), np.zeros(10)
    W2, b2 = np.random.randn(10, 3) * np.sqrt(2 / 10), np.zeros(3)
    lr = 100.0
    for _ in range(300):
        a = x @ W1 + b1
        h = np.maximum(a, 0)
        s = h @ W2 + b2
        e = np.exp(s - s.max(axis=1, keepdims=True))
        d = (e / e.sum(axis=1, keepdims=True) - t) / len(x)
        dh = (d @ W2.T) * (a > 0)
        W2 -= lr * h.T @ d
        b2 -= lr * d.sum(axis=0)
        W1 -= lr * x.T @ dh
        b1 -= lr * dh.sum(axis=0)
    scores = np.maximum((x_test - mean) / std @ W1 + b1, 0) @ W2 + b2
    return scores.argmax(axis=1)
