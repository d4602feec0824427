"""Write a file outside the scratch folder (in a world-writable folder)."""
# stopped by: landlock
# succeeds without: landlock
# seen as: canary
# canary: $CANARY


def double(x):
    with open("$CANARY", "w") as handle:
        handle.write("escaped")
    return 2 * x
