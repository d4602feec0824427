"""Shuffles the test flowers before predicting, so prediction i no longer belongs to x_test[i]."""

import numpy as np

_reference_fit_predict = fit_predict


def fit_predict(x_train, t_train, x_test):
    return _reference_fit_predict(x_train, t_train, x_test[np.random.permutation(len(x_test))])
