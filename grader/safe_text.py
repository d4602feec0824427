"""Text that came from student code, made safe to store and to show.

Two edges, two jobs. `scrub` runs where text arrives from the sandbox: a lone surrogate (which
Python strings can hold but UTF-8 cannot encode) would make the progress write fail, so it is
replaced. `printable` runs where text leaves for a terminal or an XML file: control characters
and escape sequences are written out visibly (`\\x1b[31m`), so printed output cannot recolour,
clear or rewrite the student's terminal, and JUnit stays well-formed XML.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def scrub(text: str, limit: int | None = None) -> str:
    """`text` with undecodable characters (lone surrogates) replaced, cut to `limit` characters."""
    if limit is not None and len(text) > limit:
        text = text[:limit]
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character except newline and tab shown as an escape."""
    return _CONTROL.sub(_escape, scrub(text))
