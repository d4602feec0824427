"""Ridge-regression weights shrinking towards 0 as the penalty grows (question day2-6-4-1-1)."""

import numpy as np


def draw(fig):
    rng = np.random.default_rng(7)
    x = rng.normal(size=(60, 5))
    true_w = np.array([3.0, -2.0, 1.5, 0.5, -1.0])
    y = x @ true_w + rng.normal(scale=0.5, size=60)
    lambdas = np.logspace(-2, 4, 80)
    paths = np.array([np.linalg.solve(x.T @ x + lam * np.eye(5), x.T @ y) for lam in lambdas])
    ax = fig.subplots()
    for k in range(5):
        ax.plot(lambdas, paths[:, k], label=f"w{k + 1}")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_xlabel("penalty strength λ (log scale)")
    ax.set_ylabel("weight value")
    ax.set_title("Ridge regression: weights against λ")
    ax.legend(loc="upper right")
