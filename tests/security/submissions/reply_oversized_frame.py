"""Announce a reply of many gigabytes."""
import json
import os
import stat
import struct


def _send(header: bytes, blobs: bytes = b"") -> None:
    """Write a hand-made frame straight onto the channel to the grader, then leave."""
    fd = next(fd for fd in range(3, 256) if _is_socket(fd))
    os.write(fd, struct.pack("<QI", 12 + len(header) + len(blobs), len(header)) + header + blobs)


def _is_socket(fd):
    try:
        return stat.S_ISSOCK(os.fstat(fd).st_mode)
    except OSError:
        return False

# stopped by: reply checks


def double(x):
    fd = next(fd for fd in range(3, 256) if _is_socket(fd))
    os.write(fd, struct.pack("<QI", 1 << 40, 10))
    os._exit(0)
