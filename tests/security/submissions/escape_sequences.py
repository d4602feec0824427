"""Print terminal escape sequences and control characters, and raise with them in the message."""
# stopped by: reply checks


def double(x):
    print("\x1b[2J\x1b[H\x1b[32m all checks pass \x1b[0m\x07\r\x00")
    raise ValueError("\x1b[31mred\x1b[0m \x1b]0;title\x07 \x08\x0c")
