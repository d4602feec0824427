"""SGD zig-zagging and momentum sweeping along an elongated bowl (question found-sgd-zigzag)."""

import numpy as np


def _gradient(p):
    return np.array([p[0] / 10.0, 2.0 * p[1]])


def _path(lr, momentum, steps=40):
    p, v, points = np.array([-7.0, 2.0]), np.zeros(2), []
    for _ in range(steps):
        points.append(p.copy())
        v = momentum * v - lr * _gradient(p)
        p = p + v
    return np.array(points)


def draw(fig):
    x, y = np.meshgrid(np.linspace(-8, 8, 300), np.linspace(-3, 3, 200))
    ax = fig.subplots()
    ax.contour(x, y, x**2 / 20 + y**2, levels=12, colors="0.7", linewidths=0.8)
    sgd, momentum = _path(0.95, 0.0), _path(0.1, 0.9)
    ax.plot(sgd[:, 0], sgd[:, 1], marker="o", markersize=3, label="SGD")
    ax.plot(momentum[:, 0], momentum[:, 1], marker="s", markersize=3, label="Momentum")
    ax.plot(0, 0, marker="+", markersize=12, color="black")
    ax.set_aspect("equal")
    ax.legend(loc="upper right")
    ax.set_title("f(x, y) = x²/20 + y²")
