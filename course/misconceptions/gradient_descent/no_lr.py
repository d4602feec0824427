"""Subtracts the whole gradient: the learning rate is never used."""


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x.copy()
    for _ in range(step_num):
        x -= numerical_gradient(f, x)
    return x
