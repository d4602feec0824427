"""Connect to an abstract Unix socket of another process."""
import socket

# stopped by: seccomp, landlock
# succeeds without: seccomp, landlock
# seen as: unix


def double(x):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect("\0$ABSTRACT")
    sock.close()
    return 2 * x
