"""Turn a raw answer string, as typed on a command line or in a text box, into a typed answer.

Every parser either returns the typed answer or raises `AnswerFormatError` with a one-line
message saying what was expected. A format error is never a wrong answer: the checker turns it
into an *invalid* verdict, and the student simply tries again.

Formats (the same ones `how_to_answer` describes to students):

- a number: `3`, `-0.25`, `.5`, `1e-4`, `1/4`, `-3/8`, `25%` (read exactly, as a `Fraction`);
- several numbers (a shape): `7x7`, `7 x 7`, `7×7`, `7*7`, `(7, 7)`, `[7 7]`;
- one option: `2` (1-based; `2.`, `(2)` also work);
- several options: `1,3`, `1, 3`, `1 3` (any order);
- true/false: `true`/`false`, `t`/`f`, `yes`/`no`, `y`/`n`, `1`/`0` (any case);
- an order: `3,1,2,4`, `3 1 2 4`, or `3124` when there are at most 9 steps;
- a matching: pairs `1b,2a,3c`, `1-b 2-a 3-c`, `1:b, 2:a`, or the letters in item order `b,a,c` / `bac`.
"""

from __future__ import annotations

import re
from fractions import Fraction

MAX_ANSWER_LENGTH = 500
"""Longer answers are refused before any parsing, so a pasted essay cannot slow a checker down."""

_MAX_NUMBER_DIGITS = 30
"""A number with more digits than this is refused: no course answer needs it."""


class AnswerFormatError(ValueError):
    """The answer could not be read; `str()` is a one-line message for the student."""


def _normalise(raw: str) -> str:
    """Strip the answer and replace look-alike characters (unicode minus, full-width digits)."""
    if len(raw) > MAX_ANSWER_LENGTH:
        raise AnswerFormatError(f"that answer is too long ({len(raw)} characters)")
    text = raw.strip().replace("\u2212", "-").replace("\u2013", "-")
    return "".join(_FULL_WIDTH.get(ch, ch) for ch in text)


_FULL_WIDTH = {chr(0xFF10 + i): str(i) for i in range(10)} | {"\uff0c": ",", "\u3001": ","}

_DECIMAL = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_FRACTION = re.compile(r"^([+-]?\d+)\s*/\s*([+-]?\d+)$")


def parse_number(raw: str) -> Fraction:
    """Read one number exactly: an integer, a decimal, scientific notation, `a/b` or a percentage."""
    text = _normalise(raw).replace(" ", "") if raw.strip() else ""
    if not text:
        raise AnswerFormatError("type a number, e.g. 0.25, 1/4 or 25%")
    percent = text.endswith("%")
    body = text[:-1] if percent else text
    if sum(ch.isdigit() for ch in body) > _MAX_NUMBER_DIGITS:
        raise AnswerFormatError("that number has too many digits")
    if _DECIMAL.match(body):
        exponent = re.search(r"[eE]([+-]?\d+)$", body)
        if exponent and abs(int(exponent.group(1))) > 100:
            raise AnswerFormatError("that exponent is out of range")
        value = Fraction(body)
    elif match := _FRACTION.match(body):
        numerator, denominator = int(match.group(1)), int(match.group(2))
        if denominator == 0:
            raise AnswerFormatError(f"{text!r} divides by zero")
        value = Fraction(numerator, denominator)
    else:
        raise AnswerFormatError(f"{text!r} is not a number: write e.g. 0.25, 1/4 or 25%")
    return value / 100 if percent else value


_SHAPE_SEPARATOR = re.compile(r"\s*(?:[xX×*,;]|\bby\b)\s*|\s+")


def parse_numbers(raw: str) -> tuple[Fraction, ...]:
    """Read one number or a shape such as `7x7`, `(7, 7)` or `7 × 7` into a tuple of numbers."""
    text = _normalise(raw)
    if len(text) >= 2 and (text[0], text[-1]) in {("(", ")"), ("[", "]")}:
        text = text[1:-1].strip()
    if not text:
        raise AnswerFormatError("type a number, e.g. 7, or a shape, e.g. 7x7")
    parts = [part for part in _SHAPE_SEPARATOR.split(text) if part]
    if not parts:
        raise AnswerFormatError(f"{raw.strip()!r} holds no number")
    if len(parts) > 8:
        raise AnswerFormatError("too many numbers: a shape has at most 8 sizes")
    return tuple(parse_number(part) for part in parts)


_OPTION = re.compile(r"^\(?\s*(\d{1,3})\s*[.)]?$")


def parse_option(raw: str, count: int) -> int:
    """Read one 1-based option number between 1 and `count`."""
    text = _normalise(raw)
    match = _OPTION.match(text)
    if not match:
        raise AnswerFormatError(f"type the number of one option, 1 to {count}")
    return _option_in_range(int(match.group(1)), count)


def _option_in_range(number: int, count: int) -> int:
    if not 1 <= number <= count:
        raise AnswerFormatError(f"there is no option {number}: choose from 1 to {count}")
    return number


def parse_options(raw: str, count: int) -> frozenset[int]:
    """Read a set of 1-based option numbers separated by commas or spaces (`1,3` or `1 3`)."""
    text = _normalise(raw)
    parts = [part for part in re.split(r"[\s,;]+", text) if part]
    if not parts or not all(re.fullmatch(r"\d{1,3}", part) for part in parts):
        raise AnswerFormatError(
            f"type the numbers of the options you choose, separated by commas, e.g. 1,3 (1 to {count})"
        )
    return frozenset(_option_in_range(int(part), count) for part in parts)


_TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1", "correct", "right"})
_FALSE_WORDS = frozenset({"false", "f", "no", "n", "0", "incorrect", "wrong"})


def parse_bool(raw: str) -> bool:
    """Read true or false (`true/false`, `t/f`, `yes/no`, `y/n`, `1/0`, any case)."""
    word = _normalise(raw).lower().rstrip(".!")
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise AnswerFormatError("type true or false (t/f, yes/no and 1/0 work too)")


def parse_order(raw: str, count: int) -> tuple[int, ...]:
    """Read an order of the steps 1..count, e.g. `3,1,2,4`, `3 1 2 4` or `3124`."""
    text = _normalise(raw)
    parts = [part for part in re.split(r"[\s,;>\-]+", text) if part]
    if len(parts) == 1 and count <= 9 and re.fullmatch(r"\d+", parts[0]) and len(parts[0]) > 1:
        parts = list(parts[0])
    if not parts or not all(re.fullmatch(r"\d{1,3}", part) for part in parts):
        raise AnswerFormatError(f"type the step numbers in order, e.g. {_example_order(count)}")
    order = tuple(int(part) for part in parts)
    if sorted(order) != list(range(1, count + 1)):
        raise AnswerFormatError(f"use each step number from 1 to {count} exactly once")
    return order


def _example_order(count: int) -> str:
    return ",".join(str(n) for n in [*range(2, count + 1), 1])


_PAIR = re.compile(r"(\d{1,2})\s*[-:=.)]?\s*>?\s*([a-zA-Z])(?![a-zA-Z])")


def parse_matching(raw: str, items: int, choices: int) -> tuple[int, ...]:
    """Read a matching as the chosen letter index (0-based) for each item, in item order.

    Accepts pairs (`1b,2a,3c`, `1-b 2-a 3-c`, `1: b, 2: a`) or just the letters in item order
    (`b,a,c`, `b a c`, `bac`).
    """
    text = _normalise(raw).lower()
    letters = "abcdefghijklmnopqrstuvwxyz"[:choices]
    example = ",".join(f"{n}{letters[(n) % choices]}" for n in range(1, items + 1))
    usage = f"match every item 1-{items} to a letter a-{letters[-1]}, e.g. {example}"
    if re.search(r"\d", text):
        pairs = _PAIR.findall(text)
        leftover = _PAIR.sub("", text)
        if not pairs or re.sub(r"[\s,;]", "", leftover):
            raise AnswerFormatError(usage)
        chosen: dict[int, int] = {}
        for number_text, letter in pairs:
            number = int(number_text)
            if not 1 <= number <= items:
                raise AnswerFormatError(f"there is no item {number}: items are 1 to {items}")
            if number in chosen:
                raise AnswerFormatError(f"item {number} is matched twice")
            chosen[number] = _letter_index(letter, letters)
        missing = [str(n) for n in range(1, items + 1) if n not in chosen]
        if missing:
            raise AnswerFormatError(f"item {', '.join(missing)} has no letter: {usage}")
        return tuple(chosen[n] for n in range(1, items + 1))
    sequence = [part for part in re.split(r"[\s,;]+", text) if part]
    if len(sequence) == 1 and len(sequence[0]) == items:
        sequence = list(sequence[0])
    if len(sequence) != items or not all(re.fullmatch(r"[a-z]", part) for part in sequence):
        raise AnswerFormatError(usage)
    return tuple(_letter_index(letter, letters) for letter in sequence)


def _letter_index(letter: str, letters: str) -> int:
    if letter not in letters:
        raise AnswerFormatError(f"there is no choice {letter!r}: choose from a to {letters[-1]}")
    return letters.index(letter)
