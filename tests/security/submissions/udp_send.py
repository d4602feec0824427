"""Send a UDP datagram (Landlock does not cover UDP; the system-call filter does)."""
import socket

# stopped by: seccomp
# succeeds without: seccomp
# seen as: udp


def double(x):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.sendto(b"escaped", ("127.0.0.1", $UDP_PORT))
    sock.close()
    return 2 * x
