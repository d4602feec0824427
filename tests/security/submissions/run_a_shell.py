"""Run another program (a shell) with subprocess."""
import subprocess

# stopped by: seccomp, landlock
# succeeds without: seccomp, landlock
# seen as: passes


def double(x):
    subprocess.run(["/bin/sh", "-c", "exit 0"], check=True)
    return 2 * x
