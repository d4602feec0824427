"""A learning rate of 100: every step overshoots, the weights grow to inf and the scores turn into nan."""

_reference_fit_predict = fit_predict


def fit_predict(x_train, t_train, x_test):
    return _reference_fit_predict(x_train, t_train, x_test, lr=100.0, epochs=300)
