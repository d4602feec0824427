"""Connect to a TCP port on this machine (to send answers out, or fetch them)."""
import socket

# stopped by: seccomp, landlock
# succeeds without: seccomp, landlock
# seen as: tcp


def double(x):
    socket.create_connection(("127.0.0.1", $PORT), timeout=2).close()
    return 2 * x
