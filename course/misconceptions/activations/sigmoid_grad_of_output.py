"""Treats x as the sigmoid's output (as a Sigmoid layer's backward does with `out`): x * (1 - x)."""


def sigmoid_grad(x):
    return x * (1 - x)
