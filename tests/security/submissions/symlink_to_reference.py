"""Make exercises/doubling.py a symlink to the reference (this file is replaced by the link)."""
# stopped by: landlock
# succeeds without: landlock
# seen as: passes
# symlink: $REFERENCE
