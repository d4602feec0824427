"""The sigmoid and its derivative, which peaks at 0.25 at input 0 (question day2-6-1-2)."""

import numpy as np


def draw(fig):
    u = np.linspace(-8, 8, 400)
    s = 1 / (1 + np.exp(-u))
    top, bottom = fig.subplots(2, 1, sharex=True)
    top.plot(u, s, color="tab:blue")
    top.set_ylabel("σ(u)")
    top.set_ylim(-0.05, 1.05)
    top.grid(alpha=0.3)
    bottom.plot(u, s * (1 - s), color="tab:red")
    bottom.set_ylabel("σ'(u)")
    bottom.set_xlabel("u")
    bottom.set_ylim(0, 0.3)
    bottom.grid(alpha=0.3)
    fig.suptitle("Sigmoid (top) and its derivative (bottom)")
