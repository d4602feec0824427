"""Numerical differentiation: slopes and gradients from function values alone (Day 1 §4; DLfS ch. 4).

Task
----
1. `numerical_diff(f, x)`: the slope of a function of one number at the float `x`, estimated
   from two values of f a small step h = 1e-4 either side of x (the central difference):

       f'(x) ≈ (f(x + h) - f(x - h)) / (2h)

   Return it as a float. h = 1e-4 is small enough for a good estimate and large enough that
   rounding does not eat it: with h = 1e-50, x + h is exactly x in float64.

2. `numerical_gradient(f, x)`: the same central difference for every element of the float
   array `x`, one element at a time; `f` takes the whole array and returns a float. Return an
   array of x's shape whose element i is the partial derivative of f with respect to x[i].

Shapes
------
`x` may have any number of dimensions (1-D, a 2-D weight matrix, a 4-D filter bank). `x[i]` with
one number picks a whole row of a 2-D array, so visit every element with `np.nditer(x,
flags=["multi_index"])` or `np.ndindex(x.shape)`, or work on a flat view `x.reshape(-1)`.

Careful
-------
- Change the element of `x` *itself* (`x[idx] = original + h`), then call `f(x)`: a caller
  may pass `f = lambda w: net.loss(x_batch, t)`, which ignores its argument and only sees
  changes made to the very array the network holds.
- Put every element back exactly when you are done with it: keep the original value and
  assign it back (adding h and subtracting it again can leave a rounding difference).

Example (DLfS ch. 4): for f(x) = 0.01x² + 0.1x, numerical_diff(f, 5.0) is about 0.2 and
numerical_diff(f, 10.0) about 0.3 (the exact slopes are 0.2 and 0.3); for f(x) = x0² + x1²,
numerical_gradient(f, np.array([3.0, 4.0])) is about [6, 8].

Run `grade numerical_gradient` to check your work, `grade hint numerical_gradient` for a hint.
"""

from collections.abc import Callable

import numpy as np


def numerical_diff(f: Callable[[float], float], x: float) -> float:
    # TODO: the central difference with h = 1e-4.
    raise NotImplementedError("numerical_diff is not written yet")


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray) -> np.ndarray:
    # TODO: for every element: nudge it by +h and -h in place, call f(x), restore it exactly.
    raise NotImplementedError("numerical_gradient is not written yet")
