"""The byte format between the grader and a sandbox child: a JSON header plus raw array blobs.

A frame is `u64 total length | u32 header length | header JSON | blob bytes...`. Values inside the
header are tagged JSON; arrays travel as `.npy` bytes and are read back with
`allow_pickle=False`, so nothing the child sends can make the grader run code.
"""

from __future__ import annotations

import io
import json
import struct

import numpy as np

from grader.sandbox.values import (
    ArrayValue,
    MappingValue,
    OpaqueValue,
    ScalarValue,
    SequenceValue,
    Value,
)

MAX_FRAME_BYTES = 256 * 1024 * 1024
_PREFIX = struct.Struct("<QI")


class WireError(Exception):
    """The other side sent something that is not a well-formed frame."""


class Blobs:
    """Collects the array payloads of one frame while its header is built."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def add(self, array: np.ndarray) -> int:
        buffer = io.BytesIO()
        np.lib.format.write_array(buffer, array, allow_pickle=False)
        self.parts.append(buffer.getvalue())
        return len(self.parts) - 1


def encode_value(value: Value, blobs: Blobs) -> object:
    match value:
        case ArrayValue(data=data, type_name=type_name):
            return {"A": blobs.add(data), "t": type_name}
        case ScalarValue(value=v, type_name=type_name):
            if isinstance(v, complex):
                return {"C": [v.real, v.imag], "t": type_name}
            return {"S": v, "t": type_name}
        case SequenceValue(items=items, type_name=type_name):
            return {"L": [encode_value(item, blobs) for item in items], "t": type_name}
        case MappingValue(items=items, type_name=type_name):
            return {"M": {k: encode_value(v, blobs) for k, v in items.items()}, "t": type_name}
        case OpaqueValue(type_name=type_name, text=text):
            return {"O": type_name, "r": text}
    raise TypeError(f"not a plain value: {value!r}")


def decode_value(node: object, blobs: list[bytes]) -> Value:
    if not isinstance(node, dict):
        raise WireError("value node is not an object")
    type_name = node.get("t", "")
    if not isinstance(type_name, str):
        raise WireError("type name is not a string")
    if "A" in node:
        index = node["A"]
        if not isinstance(index, int) or not 0 <= index < len(blobs):
            raise WireError("array reference out of range")
        try:
            data = np.lib.format.read_array(io.BytesIO(blobs[index]), allow_pickle=False)
        except (ValueError, OSError, EOFError) as exc:
            raise WireError(f"unreadable array: {exc}") from exc
        return ArrayValue(data, type_name)
    if "S" in node:
        v = node["S"]
        if not (v is None or isinstance(v, (bool, int, float, str))):
            raise WireError("scalar of unexpected type")
        return ScalarValue(v, type_name)
    if "C" in node:
        re_im = node["C"]
        if not (isinstance(re_im, list) and len(re_im) == 2):
            raise WireError("malformed complex scalar")
        return ScalarValue(complex(float(re_im[0]), float(re_im[1])), type_name)
    if "L" in node and isinstance(node["L"], list):
        return SequenceValue(tuple(decode_value(item, blobs) for item in node["L"]), type_name)
    if "M" in node and isinstance(node["M"], dict):
        return MappingValue({str(k): decode_value(v, blobs) for k, v in node["M"].items()}, type_name)
    if "O" in node:
        return OpaqueValue(str(node["O"]), str(node.get("r", "")))
    raise WireError("unknown value tag")


def pack_frame(header: dict, blobs: Blobs | None = None) -> bytes:
    parts = blobs.parts if blobs is not None else []
    header = dict(header, blob_sizes=[len(p) for p in parts])
    head = json.dumps(header, allow_nan=True, separators=(",", ":")).encode()
    body = b"".join(parts)
    return _PREFIX.pack(4 + len(head) + len(body) + 8, len(head)) + head + body


def unpack_frame(frame: bytes) -> tuple[dict, list[bytes]]:
    """Split a complete frame (as delivered by `FrameReader`) into its header and blobs."""
    (head_len,) = struct.unpack_from("<I", frame, 0)
    try:
        header = json.loads(frame[4 : 4 + head_len])
    except (ValueError, UnicodeDecodeError) as exc:
        raise WireError(f"unreadable header: {exc}") from exc
    if not isinstance(header, dict):
        raise WireError("header is not an object")
    sizes = header.get("blob_sizes", [])
    if not isinstance(sizes, list) or not all(isinstance(n, int) and n >= 0 for n in sizes):
        raise WireError("malformed blob sizes")
    blobs, offset = [], 4 + head_len
    for size in sizes:
        blobs.append(frame[offset : offset + size])
        offset += size
    if offset != len(frame):
        raise WireError("frame length does not match its blobs")
    return header, blobs


class FrameReader:
    """Reassembles frames from chunks read off a non-blocking socket."""

    def __init__(self, max_bytes: int = MAX_FRAME_BYTES) -> None:
        self._buffer = bytearray()
        self._max = max_bytes

    def feed(self, chunk: bytes) -> list[bytes]:
        self._buffer += chunk
        frames = []
        while len(self._buffer) >= 8:
            (total,) = struct.unpack_from("<Q", self._buffer, 0)
            if total > self._max:
                raise WireError(f"a reply of {total / 1e6:.0f} MB is larger than the limit")
            if len(self._buffer) < total:
                break
            frames.append(bytes(self._buffer[8:total]))
            del self._buffer[:total]
        return frames


def read_frame_blocking(sock) -> bytes | None:
    """Read one frame from a blocking socket; None at a clean end of stream."""
    prefix = _recv_exact(sock, 8)
    if prefix is None:
        return None
    (total,) = struct.unpack("<Q", prefix)
    if total > MAX_FRAME_BYTES:
        raise WireError("frame too large")
    body = _recv_exact(sock, total - 8)
    if body is None:
        raise WireError("stream ended inside a frame")
    return body


def _recv_exact(sock, n: int) -> bytes | None:
    chunks, remaining = [], n
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            if remaining == n:
                return None
            raise WireError("stream ended inside a frame")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
