"""Softmax: turn a vector of scores into probabilities (Day 1 §3-2, the output layer).

Task
----
Write `softmax(x)`. For one sample with scores u_1 ... u_K,

    softmax(u)_i = exp(u_i) / (exp(u_1) + ... + exp(u_K))

so every output lies in (0, 1) and the outputs of a sample add up to 1.

Shapes
------
`x` is either 1-D, shape (K,), one sample, or 2-D, shape (N, K), a batch with one sample per
row. Return an array of the same shape; every row of a batch is normalised on its own.

Careful
-------
- exp(1000) is too large for a float64 and becomes inf. Softmax gives the same answer if you
  subtract one number from all scores of a sample, so subtract each sample's largest score
  first: softmax([1000, 1001, 1002]) must equal softmax([0, 1, 2]).
- Do not change `x` itself: the caller may still need it.

Run `grade softmax` to check your work, `grade hint softmax` for a hint.
"""

import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    # TODO: exponentiate the (shifted) scores and divide by their sum per sample.
    raise NotImplementedError("softmax is not written yet")
