"""The byte format between the grader and a sandbox child: a JSON header plus raw array bytes.

A frame is `u64 total length | u32 header length | header JSON | blob bytes...`. Values inside the
header are tagged JSON; an array travels as its raw bytes, with its dtype and shape in the
header. Nothing the child sends is trusted: the decoder bounds the frame, the header, the
nesting depth and the number of values, accepts only plain numeric and text dtypes, and checks
that every array's declared shape matches the bytes that came with it. Anything else is a
`WireError`, never an exception of some other kind and never code run on our side.
"""

from __future__ import annotations

import json
import math
import struct

import numpy as np

from grader.safe_text import scrub
from grader.sandbox.values import (
    ArrayValue,
    MappingValue,
    OpaqueValue,
    ScalarValue,
    SequenceValue,
    Value,
)

MAX_FRAME_BYTES = 96 * 1024 * 1024
"""The largest frame either side accepts (a full course's largest reply is a few MB)."""
MAX_HEADER_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 16
MAX_NODES = 400_000
MAX_TEXT = 20_000
_MAX_DIMS = 32
_DTYPE_KINDS = frozenset("biufcUSMm")
_PREFIX = struct.Struct("<QI")


class WireError(Exception):
    """The other side sent something that is not a well-formed frame."""


class Blobs:
    """Collects the array payloads of one frame while its header is built."""

    def __init__(self) -> None:
        self.parts: list[bytes | memoryview] = []

    def add(self, array: np.ndarray) -> int:
        data = np.ascontiguousarray(array)
        self.parts.append(memoryview(data).cast("B") if data.size and data.dtype.kind in "biufc" else data.tobytes())
        return len(self.parts) - 1


def encode_value(value: Value, blobs: Blobs) -> object:
    match value:
        case ArrayValue(data=data, type_name=type_name):
            return {"A": blobs.add(data), "d": data.dtype.str, "s": list(data.shape), "t": type_name}
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


class Budget:
    """Counts the values decoded from one reply, so a flood of tiny nodes is refused."""

    def __init__(self) -> None:
        self.nodes = 0

    def spend(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise WireError(f"more than {MAX_NODES:,} values in one reply")


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise WireError(f"{what} is not a string")
    return scrub(value, MAX_TEXT)


def _array(node: dict, blobs: list[bytes]) -> np.ndarray:
    index, dtype_text, shape = node.get("A"), node.get("d"), node.get("s")
    if type(index) is not int or not 0 <= index < len(blobs):
        raise WireError("array reference out of range")
    if not isinstance(dtype_text, str) or len(dtype_text) > 16:
        raise WireError("array dtype is not a short string")
    try:
        dtype = np.dtype(dtype_text)
    except (TypeError, ValueError) as exc:
        raise WireError(f"unknown array dtype {dtype_text!r}") from exc
    if dtype.kind not in _DTYPE_KINDS or dtype.hasobject or dtype.fields is not None or dtype.shape != () or dtype.itemsize == 0:
        raise WireError(f"array dtype {dtype_text!r} is not a plain numeric or text type")
    if not isinstance(shape, list) or len(shape) > _MAX_DIMS or not all(type(n) is int and n >= 0 for n in shape):
        raise WireError("array shape is not a short list of non-negative integers")
    count = math.prod(shape)
    if count * dtype.itemsize != len(blobs[index]):
        raise WireError(f"an array declared as shape {tuple(shape)} of {dtype} does not match its {len(blobs[index]):,} bytes")
    return np.frombuffer(blobs[index], dtype=dtype).reshape(shape)


def decode_value(node: object, blobs: list[bytes], *, _depth: int = 0, _budget: Budget | None = None) -> Value:
    budget = _budget or Budget()
    budget.spend()
    if _depth > MAX_DEPTH:
        raise WireError(f"values nested more than {MAX_DEPTH} deep")
    if not isinstance(node, dict):
        raise WireError("value node is not an object")
    type_name = _text(node.get("t", ""), "type name")
    if "A" in node:
        return ArrayValue(_array(node, blobs), type_name)
    if "S" in node:
        v = node["S"]
        if not (v is None or type(v) in (bool, int, float, str)):
            raise WireError("scalar of unexpected type")
        if type(v) is str:
            v = scrub(v, MAX_TEXT)
        return ScalarValue(v, type_name)
    if "C" in node:
        re_im = node["C"]
        if not (isinstance(re_im, list) and len(re_im) == 2 and all(type(x) in (int, float) for x in re_im)):
            raise WireError("malformed complex scalar")
        return ScalarValue(complex(float(re_im[0]), float(re_im[1])), type_name)
    if "L" in node and isinstance(node["L"], list):
        items = tuple(decode_value(item, blobs, _depth=_depth + 1, _budget=budget) for item in node["L"])
        return SequenceValue(items, type_name)
    if "M" in node and isinstance(node["M"], dict):
        items = {scrub(str(k), MAX_TEXT): decode_value(v, blobs, _depth=_depth + 1, _budget=budget) for k, v in node["M"].items()}
        return MappingValue(items, type_name)
    if "O" in node:
        return OpaqueValue(_text(node["O"], "type name"), _text(node.get("r", ""), "repr"))
    raise WireError("unknown value tag")


def pack_frame(header: dict, blobs: Blobs | None = None) -> bytes:
    parts = blobs.parts if blobs is not None else []
    header = dict(header, blob_sizes=[len(p) for p in parts])
    head = json.dumps(header, allow_nan=True, separators=(",", ":")).encode()
    return b"".join([_PREFIX.pack(4 + len(head) + sum(len(p) for p in parts) + 8, len(head)), head, *parts])


def unpack_frame(frame: bytes) -> tuple[dict, list[bytes]]:
    """Split a complete frame (as delivered by `FrameReader`) into its header and blobs."""
    if len(frame) < 4:
        raise WireError("frame shorter than its header length")
    (head_len,) = struct.unpack_from("<I", frame, 0)
    if head_len > MAX_HEADER_BYTES or 4 + head_len > len(frame):
        raise WireError("header length out of range")
    try:
        header = json.loads(frame[4 : 4 + head_len])
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise WireError(f"unreadable header: {type(exc).__name__}") from exc
    if not isinstance(header, dict):
        raise WireError("header is not an object")
    sizes = header.get("blob_sizes", [])
    if not isinstance(sizes, list) or not all(type(n) is int and n >= 0 for n in sizes):
        raise WireError("malformed blob sizes")
    blobs, offset = [], 4 + head_len
    view = memoryview(frame)
    for size in sizes:
        blobs.append(view[offset : offset + size])
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
            if total < 12:
                raise WireError("frame length too small")
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
    if total > MAX_FRAME_BYTES or total < 12:
        raise WireError("frame size out of range")
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
