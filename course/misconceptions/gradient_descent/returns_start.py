"""Updates a new array each step but returns the starting point."""


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    for _ in range(step_num):
        x = x - lr * numerical_gradient(f, x)
    return init_x
