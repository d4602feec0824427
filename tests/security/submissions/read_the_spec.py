"""Read the exercise's spec to learn its checks and inputs."""
# stopped by: landlock
# succeeds without: landlock
# seen as: passes


def double(x):
    if "[[checks]]" not in open("$COURSE/course/exercises/doubling.toml").read():
        raise RuntimeError("no spec")
    return 2 * x
