"""Declares step_num before lr: a positional call hands the learning rate to range()."""


def gradient_descent(f, init_x, step_num=100, lr=0.01):
    x = init_x.copy()
    for _ in range(step_num):
        x -= lr * numerical_gradient(f, x)
    return x
