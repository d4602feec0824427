"""Raise an exception whose message holds a lone surrogate (UTF-8 cannot encode it)."""
# stopped by: reply checks


def double(x):
    raise ValueError("bad value \ud800 here")
