"""Gradient descent: walk downhill on f, one small step at a time (Day 1 §4; DLfS ch. 4).

Task
----
Write `gradient_descent(f, init_x, lr=0.01, step_num=100)`. Start at `init_x` and repeat
`step_num` times: compute the gradient of f at the current point with your
`numerical_gradient` (from exercises/numerical_gradient.py, imported below) and move against
it, scaled by the learning rate:

    x  <-  x - lr * gradient of f at x

Return the final x, a float array of init_x's shape. The gradient points uphill, so the minus
sign is what makes f go down. Work on a copy (`x = init_x.copy()`) if you like: whether
`init_x` changes is not checked.

The learning rate `lr` sets the step size: too small and x hardly moves in `step_num` steps, too
large and every step overshoots the minimum and the values grow. Keep the parameters in this
order; callers may pass them by position: gradient_descent(f, x, 0.1, 100).

Example (DLfS ch. 4): for f(x) = x0² + x1², starting at [-3.0, 4.0] with lr=0.1 and
step_num=100, x ends very close to the minimum [0, 0] (about [-6.1e-10, 8.1e-10]).

This exercise needs a working `numerical_gradient`: finish that exercise first.

Run `grade gradient_descent` to check your work, `grade hint gradient_descent` for a hint.
"""

from collections.abc import Callable

import numpy as np

from exercises.numerical_gradient import numerical_gradient


def gradient_descent(
    f: Callable[[np.ndarray], float], init_x: np.ndarray, lr: float = 0.01, step_num: int = 100
) -> np.ndarray:
    # TODO: step_num times, step from x against numerical_gradient(f, x), scaled by lr.
    raise NotImplementedError("gradient_descent is not written yet")
