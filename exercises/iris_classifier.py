"""Completion assignment: a neural network that tells the three Iris species apart (Day 1).

Task
----
Write `fit_predict(x_train, t_train, x_test)`: train a small neural network on the training
flowers, then return its predicted species for every test flower.

- `x_train` (n, 4): sepal length, sepal width, petal length, petal width in cm;
- `t_train` (n,): integer labels 0 = setosa, 1 = versicolor, 2 = virginica;
- `x_test` (m, 4): flowers to classify.

Return an integer array of shape (m,): prediction i is the class of x_test[i].

The network is the notes' design:

    input (4) -> Affine -> ReLU -> Affine -> softmax (3), trained on the cross-entropy loss
    by gradient descent: repeat  forward, backward, W -= lr * dW  for every weight and bias.

For the mean cross-entropy over a batch of N samples, the gradient at the scores before the
softmax is (y - t_one_hot) / N; from there backpropagation through the two Affine layers and
the ReLU gives dW2, db2, dW1, db1 as in the backpropagation exercises.

The grader trains your network once on a fixed split of the 150 flowers shipped with the
course (two thirds for training, a third for testing, every species in the same proportion) and
requires a test accuracy of at least 0.90 within its time limit.

Careful
-------
- Only numpy may be imported, and your own earlier exercises (`from exercises.layers import
  Affine`, ...): the point is to build the network yourself.
- The measurements are in cm and of different sizes. Standardising each feature with the
  training set's mean and standard deviation, (x - mean) / std, makes training much easier;
  use the same mean and std for x_test.
- Good starting values: 10 hidden units, He initialisation (normal * sqrt(2 / fan_in)),
  learning rate 0.1, 1000 full-batch steps. If the loss becomes nan, the learning rate is too large.
- The predictions are labels: np.argmax(scores, axis=1), not probabilities or one-hot rows.

Run `grade iris_classifier` to check your work, `grade hint iris_classifier` for a hint.
"""

import numpy as np


def fit_predict(x_train: np.ndarray, t_train: np.ndarray, x_test: np.ndarray) -> np.ndarray:
    # TODO: initialise W1, b1, W2, b2; train with gradient descent; return the argmax labels for x_test.
    raise NotImplementedError("fit_predict is not written yet")
