"""Read a root-only file (the shadow password file)."""
# stopped by: landlock, user
# succeeds without: landlock, user
# seen as: passes
# root only


def double(x):
    open("/etc/shadow").read()
    return 2 * x
