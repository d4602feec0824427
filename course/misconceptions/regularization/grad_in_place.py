"""The L2 gradient computed by scaling the caller's array in place."""


def l2_grad(W, lam):
    W *= lam
    return W
