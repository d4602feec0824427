"""Trains a good network but returns its predictions one-hot encoded, the form of the notes' test_t."""

import numpy as np

_reference_fit_predict = fit_predict


def fit_predict(x_train, t_train, x_test):
    return np.eye(3)[_reference_fit_predict(x_train, t_train, x_test)]
