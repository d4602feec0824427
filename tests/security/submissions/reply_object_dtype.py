"""Answer with an array of dtype object (the grader must never unpickle or trust one)."""
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
    node = {"A": 0, "d": "|O", "s": [1], "t": "numpy.ndarray"}
    header = {"op": "result", "results": [{"values": {"y": node}, "inputs_after": {}}], "blob_sizes": [8]}
    _send(json.dumps(header).encode(), b"\0" * 8)
    os._exit(0)
