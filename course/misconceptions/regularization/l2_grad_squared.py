"""The L2 gradient written as the penalty's term, `param**2` (the notes' wrong answer to 6-4-3-2)."""


def l2_grad(W, lam):
    return lam * W**2
