"""Zeroes the negative entries of the caller's own array and returns it."""


def relu(x):
    x[x < 0] = 0
    return x
