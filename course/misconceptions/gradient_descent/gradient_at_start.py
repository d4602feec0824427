"""Takes every gradient at init_x instead of at the current point."""


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x.copy()
    for _ in range(step_num):
        x = x - lr * numerical_gradient(f, init_x)
    return x
