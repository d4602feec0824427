"""Answer with an error record whose fields are numbers and lists where strings belong."""
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
    error = {"step": 1, "exc_type": ["ValueError"], "message": {"a": 1}, "traceback": "no", "not_implemented": "yes"}
    _send(json.dumps({"op": "result", "results": [{"values": {}, "inputs_after": {}, "error": error}], "blob_sizes": []}).encode())
    os._exit(0)
