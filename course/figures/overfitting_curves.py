"""Training accuracy near 100% while test accuracy levels off: overfitting (question found-overfit-curve)."""

import numpy as np


def draw(fig):
    rng = np.random.default_rng(3)
    epochs = np.arange(0, 201)
    train = 1 - 0.9 * np.exp(-epochs / 30) + rng.normal(scale=0.004, size=epochs.size)
    test = 0.7 - 0.6 * np.exp(-epochs / 20) + rng.normal(scale=0.008, size=epochs.size)
    ax = fig.subplots()
    ax.plot(epochs, np.clip(train, 0, 1), label="train", marker="o", markevery=20)
    ax.plot(epochs, np.clip(test, 0, 1), label="test", marker="s", markevery=20)
    ax.set_xlabel("epochs")
    ax.set_ylabel("accuracy")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower right")
    ax.set_title("Accuracy during training")
