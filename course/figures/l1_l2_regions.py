"""Error contours meeting the L2 disc (left) and the L1 diamond (right) (question day2-6-4-3-1)."""

import numpy as np


def draw(fig):
    w1, w2 = np.meshgrid(np.linspace(-1.5, 3, 300), np.linspace(-1.5, 3, 300))
    centre = np.array([1.6, 2.2])
    d1, d2 = w1 - centre[0], w2 - centre[1]
    error = 1.0 * d1**2 + 0.8 * d1 * d2 + 2.0 * d2**2
    angle = np.linspace(0, 2 * np.pi, 200)
    left, right = fig.subplots(1, 2)
    for ax in (left, right):
        ax.contour(w1, w2, error, levels=[0.3, 1, 2, 3.5, 5.5], colors="tab:blue", linewidths=1)
        ax.plot(*centre, marker="o", color="tab:blue")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_aspect("equal")
        ax.set_xlabel("w1")
        ax.set_ylabel("w2")
    def error_at(a, b):
        e1, e2 = a - centre[0], b - centre[1]
        return 1.0 * e1**2 + 0.8 * e1 * e2 + 2.0 * e2**2

    on_circle = error_at(np.cos(angle), np.sin(angle))
    touch = int(np.argmin(on_circle))
    left.contour(w1, w2, error, levels=[on_circle[touch]], colors="tab:red", linestyles="dashed")
    left.plot(np.cos(angle[touch]), np.sin(angle[touch]), marker="*", markersize=12, color="tab:red")
    right.contour(w1, w2, error, levels=[error_at(0.0, 1.0)], colors="tab:red", linestyles="dashed")
    left.fill(np.cos(angle), np.sin(angle), color="tab:orange", alpha=0.5)
    left.set_title("left panel")
    right.fill([1, 0, -1, 0], [0, 1, 0, -1], color="tab:orange", alpha=0.5)
    right.plot(0, 1, marker="*", markersize=12, color="tab:red")
    right.set_title("right panel")
