"""range(1, step_num): one step fewer than asked for."""


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x.copy()
    for _ in range(1, step_num):
        x -= lr * numerical_gradient(f, x)
    return x
