"""Loss functions: how far the network's output is from the answer (Day 1 §3-1 and §3-2).

Task
----
1. `mean_squared_error(y, t)`: half the sum of squared differences over *all* elements,

       E = 1/2 * sum_k (y_k - t_k)^2

   (the notes' formula: no division by the number of elements, despite the name).

2. `cross_entropy_error(y, t)`: `y` holds predicted probabilities, one sample per row. For the
   correct class t_n of sample n, the loss is -log(y[n, t_n] + 1e-7); return the mean over the
   N samples as a Python float. The 1e-7 keeps log away from log(0) = -inf.

Shapes
------
- `y` is 1-D, shape (K,), for one sample, or 2-D, shape (N, K), for a batch.
- `t` comes in two forms and both must give the same loss:
  one-hot labels with the shape of `y` (e.g. [0, 0, 0, 1]), or integer labels: shape (N,) for a
  batch, a single int or shape (1,) for one sample (e.g. 3).
- Both functions return a float and must leave `y` and `t` unchanged.

Worked example (Day 1 notes): y = [0.00443583, 0.44573018, 0.00541793, 0.54441607] with the
correct class 3 gives a cross-entropy of about 0.6080.

Run `grade losses` to check your work, `grade hint losses` for a hint.
"""

import numpy as np


def mean_squared_error(y: np.ndarray, t: np.ndarray) -> float:
    # TODO: half the sum of the squared differences.
    raise NotImplementedError("mean_squared_error is not written yet")


def cross_entropy_error(y: np.ndarray, t: np.ndarray) -> float:
    # TODO: treat a 1-D y as a batch of one, turn one-hot t into labels, average -log(y + 1e-7).
    raise NotImplementedError("cross_entropy_error is not written yet")
