"""Weight initialisation: Xavier and He initial values (Day 2 §1, 6-2-2; DLfS 6.2).

Task
----
A layer's initial weights decide whether signals keep a useful spread as they pass through many
layers. Too large and sigmoid outputs pile up at 0 and 1; too small and everything shrinks to 0;
either way the gradients vanish. Scaling random weights by the number of inputs n_in (the number
of nodes in the previous layer) keeps the spread about the same from layer to layer.

1. `xavier_init(n_in, n_out)`: for sigmoid and tanh layers. Random numbers from a normal
   distribution with mean 0 and standard deviation 1 / sqrt(n_in).
2. `he_init(n_in, n_out)`: for ReLU layers, which zero about half of their inputs, so the
   spread is made larger by sqrt(2): mean 0, standard deviation sqrt(2 / n_in).

Careful: a standard deviation is the square root of a variance. `np.random.randn` draws from
the *standard* normal distribution (mean 0, std 1); multiplying by s gives std s.

Shapes
------
Both return a float array of shape (n_in, n_out), the shape of W in `x @ W`. Every call must
give new random numbers (use numpy's random functions; do not fix a seed inside the function).

The grader checks the statistics of large arrays: mean near 0 and std within a few percent.

Run `grade weight_init` to check your work, `grade hint weight_init` for a hint.
"""

import numpy as np


def xavier_init(n_in: int, n_out: int) -> np.ndarray:
    # TODO: standard normal numbers of shape (n_in, n_out), scaled to std 1 / sqrt(n_in).
    raise NotImplementedError("xavier_init is not written yet")


def he_init(n_in: int, n_out: int) -> np.ndarray:
    # TODO: standard normal numbers of shape (n_in, n_out), scaled to std sqrt(2 / n_in).
    raise NotImplementedError("he_init is not written yet")
