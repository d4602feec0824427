"""Read Moodle GIFT text into a small syntax tree: one `GiftQuestion` per question of the file.

Like Moodle, the file is first cut into blocks at blank lines; a line whose first non-blank
characters are `//` is a comment, and a first line `$CATEGORY: path` sets the category of the
questions after it. Each question block is then read with this pyparsing grammar:

    question := ["::" title "::"] text ["{" body "}" [text]]       (text after "}": missing word)
    body     := numeric | truefalse | choices | nothing, then ["####" general feedback]
    numeric  := "#" number+ ["~" ["#" feedback]]
    number   := ["="] [weight] (value ":" tolerance | low ".." high | value) ["#" feedback]
    truefalse:= ("T" | "TRUE" | "F" | "FALSE") ["#" wrong feedback ["#" right feedback]]
    choices  := (("=" | "~") [weight] text ["#" feedback])+           (choice, matching or short answer)
    weight   := "%" number "%"

Texts run up to the next character that is special where they stand (`{` in the question text,
`= ~ # }` in an answer); `\\` escapes any of `\\ ~ = # { } :`, and `\\n` is a newline. A text may
start with a format, `[moodle]`, `[html]`, `[markdown]` or `[plain]`; HTML is turned into plain
text, the other formats are kept as written. Comments `// @key: value` (and `// @key N: value`)
are not Moodle's: they carry what a GIFT question has no place for (see `grader.quiz.gift`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from typing import ClassVar

import pyparsing as pp


class GiftError(ValueError):
    """Malformed GIFT, or a file that cannot be written; `str()` is one line, `FILE:LINE: reason`."""

    def __init__(self, source: str, line: int | None, reason: str) -> None:
        self.source, self.line, self.reason = source, line, reason
        where = source if line is None else f"{source}:{line}"
        super().__init__(f"{where}: {' '.join(reason.split())}")


@dataclass(frozen=True)
class GiftAnswer:
    """One `=` or `~` answer: of a multiple choice, a matching pair, or a short answer."""

    marker: str
    """`=` or `~`."""
    weight: float | None
    """The `%weight%` in percent, None when not written."""
    text: str
    feedback: str | None
    line: int


@dataclass(frozen=True)
class GiftNumber:
    """One numeric answer; a range `low..high` is already its midpoint and half-width."""

    weight: float | None
    value: str
    """The number as written (for a range, the exact midpoint)."""
    tolerance: float
    feedback: str | None
    line: int


@dataclass(frozen=True)
class NumericBody:
    numbers: tuple[GiftNumber, ...]
    other_feedback: str | None
    """`~#feedback`: for any answer that matches none of the numbers; None when absent."""


@dataclass(frozen=True)
class TrueFalseBody:
    answer: bool
    wrong_feedback: str | None
    right_feedback: str | None


@dataclass(frozen=True)
class ChoicesBody:
    answers: tuple[GiftAnswer, ...]


@dataclass(frozen=True)
class EssayBody:
    """`{}`: an open answer."""


Body = NumericBody | TrueFalseBody | ChoicesBody | EssayBody | None
"""None for a description (a question without an answer block)."""


@dataclass(frozen=True)
class GiftQuestion:
    """One question as written, texts unescaped and trimmed; `name` is its title or `line N`."""

    line: int
    title: str | None
    text: str
    text_format: str
    body: Body
    general_feedback: str | None
    category: str | None
    missing_word: bool
    """Text followed the answer block: the block's place in `text` is marked `_____`."""
    html: bool
    """Some text was HTML with markup, turned into plain text."""
    notes: tuple[tuple[str, int | None, str], ...] = ()
    """The `// @key N: value` comments of the block, in order."""

    @property
    def name(self) -> str:
        return self.title or f"line {self.line}"

    def note(self, key: str) -> str | None:
        """The value of the first `@key` comment, or None."""
        return next((value for k, _, value in self.notes if k == key), None)

    def numbered_notes(self, key: str) -> dict[int, str]:
        """The `@key N: value` comments as {N: value}."""
        return {index: value for k, index, value in self.notes if k == key and index is not None}


@dataclass(frozen=True)
class GiftDocument:
    """A parsed file: its questions, and the `@key` comments that stand in blocks of their own."""

    questions: tuple[GiftQuestion, ...]
    notes: tuple[tuple[str, int | None, str], ...] = ()


# --- texts -------------------------------------------------------------------------------

_ESCAPES = {"\\": "\\", "~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "n": "\n"}
_FORMAT = re.compile(r"^\[(moodle|html|markdown|plain)\]")
BLANK = "_____"
"""What marks the place of the answers in a missing-word question (Moodle's own marker)."""


def unescape(raw: str) -> str:
    """Undo GIFT escapes; a backslash before any other character stays as written."""
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[0]), raw, flags=re.DOTALL)


def escape(text: str) -> str:
    """Escape every GIFT special character, and write newlines as `\\n` (as Moodle's export does)."""
    text = text.replace("\\", "\\\\").replace("\r", "")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


class _PlainText(HTMLParser):
    """Collects the text of an HTML fragment, with a line break for each block element."""

    BREAKS: ClassVar[frozenset[str]] = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags += 1
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.tags += 1
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> tuple[str, bool]:
    """The plain text of an HTML fragment, and whether it had any markup."""
    reader = _PlainText()
    reader.feed(html)
    reader.close()
    lines = (line.strip() for line in "".join(reader.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), reader.tags > 0


@dataclass
class _Texts:
    """Turns raw texts of one question into clean ones, in the question's format."""

    default: str = "moodle"
    html: bool = False

    def clean(self, raw: str | None) -> str:
        raw = (raw or "").strip()
        text_format = self.default
        if match := _FORMAT.match(raw):
            text_format, raw = match[1], raw[match.end():]
        text = unescape(raw).strip()
        if text_format == "html":
            text, markup = html_to_text(text)
            self.html = self.html or markup
        return text

    def optional(self, raw: str | None) -> str | None:
        return self.clean(raw) or None if raw is not None else None


# --- the grammar ---------------------------------------------------------------------------


def _run(stops: str) -> pp.Regex:
    """A text up to an unescaped character of `stops` (an escape is a backslash and any character)."""
    return pp.Regex(rf"(?:\\.|\\\Z|[^\\{re.escape(stops)}])+", flags=re.DOTALL)


def _located(expr: pp.ParserElement) -> pp.ParserElement:
    """`expr` as a group of named results, with `loc`, where it starts, added."""

    def add_loc(_text: str, loc: int, tokens: pp.ParseResults) -> None:
        tokens[0]["loc"] = loc

    return pp.Group(expr).add_parse_action(add_loc)


def _grammar() -> pp.ParserElement:
    general_mark = pp.Literal("####")
    weight = pp.Regex(r"%\s*-?\d+(?:\.\d*)?\s*%").set_parse_action(lambda t: float(t[0].strip("% ")))
    feedback = ~general_mark + pp.Suppress("#") + pp.Opt(_run("=~#{}"), "")("feedback")
    general = pp.Suppress(general_mark) + pp.Opt(_run("{}"), "")("general")

    number = _located(pp.Opt("=") + pp.Opt(weight("weight")) + pp.Regex(r"[^=~#{}\\]+")("spec") + pp.Opt(feedback))
    other = pp.Suppress("~") + pp.Opt(feedback)
    numeric = ~general_mark + pp.Suppress("#") + pp.OneOrMore(number)("numbers") + pp.Opt(pp.Group(other)("other"))

    def tf_feedback(name: str) -> pp.ParserElement:  # may hold = and ~, as only # splits it
        return ~general_mark + pp.Suppress("#") + pp.Opt(_run("#{}"), "")(name)

    truth = pp.Regex(r"(?:TRUE|FALSE|T|F)(?![^\s#}])")("truth")
    truefalse = truth + pp.Opt(tf_feedback("wrong") + pp.Opt(tf_feedback("right")))

    answer = _located(
        pp.one_of("= ~")("marker") + pp.Opt(weight("weight")) + pp.Opt(_run("=~#{}"), "")("text") + pp.Opt(feedback)
    )
    choices = pp.OneOrMore(answer)("answers")

    body = pp.Opt(numeric | truefalse | choices) + pp.Opt(general)
    title_text = pp.Regex(r"(?:\\.|:(?!:)|[^:\\])+", flags=re.DOTALL)  # up to the first unescaped "::"
    title = pp.Suppress("::") + pp.Opt(title_text, "")("title") + pp.Suppress("::")
    answers = pp.Suppress("{") - pp.Group(body)("body") - pp.Suppress("}")  # no backtracking once inside
    tail = _run("{}").leave_whitespace()("tail")
    return pp.Opt(title) + pp.Opt(_run("{}"))("text") + pp.Opt(answers + pp.Opt(tail)) + pp.StringEnd()


_QUESTION = _grammar()
_Fail = Callable[[int, str], GiftError]
"""Makes the error for a reason found at an offset of the question's text."""
_NOTE = re.compile(r"^//\s*@([a-z][a-z-]*)(?:\s+(\d+))?:\s?(.*)$")
_CATEGORY = re.compile(r"^\$CATEGORY:(.*)$")


def parse_gift(text: str, *, source: str) -> GiftDocument:
    """Parse a whole GIFT file; raise `GiftError` (one line, with the line number) if it is malformed."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    questions: list[GiftQuestion] = []
    file_notes: list[tuple[str, int | None, str]] = []
    category: str | None = None
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            block.append((number, line))
            continue
        if not block:
            continue
        notes = tuple(
            (m[1], int(m[2]) if m[2] else None, unescape_note(m[3]))
            for _, line in block if (m := _NOTE.match(line.strip()))
        )
        content = [(n, "" if line.strip().startswith("//") else line) for n, line in block]
        first = next((i for i, (_, line) in enumerate(content) if line.strip()), None)
        if first is not None and (match := _CATEGORY.match(content[first][1].strip())):
            category = match[1].strip()
            content[first] = (content[first][0], "")
            first = next((i for i, (_, line) in enumerate(content) if line.strip()), None)
        if first is None:
            file_notes.extend(notes)
        else:
            content = content[first:]
            questions.append(_parse_question(content, category, notes, source))
        block = []
    return GiftDocument(questions=tuple(questions), notes=tuple(file_notes))


def unescape_note(value: str) -> str:
    """A `// @key:` value: only `\\n` (newline) and `\\\\` (backslash) are escapes there."""
    return re.sub(r"\\([\\n])", lambda m: "\n" if m[1] == "n" else "\\", value)


def escape_note(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n")


def _parse_question(
    content: list[tuple[int, str]], category: str | None, notes: tuple[tuple[str, int | None, str], ...], source: str
) -> GiftQuestion:
    start = content[0][0]
    raw = "\n".join(line for _, line in content)

    def line_of(loc: int) -> int:
        return start + raw.count("\n", 0, loc)

    def fail(loc: int, reason: str) -> GiftError:
        return GiftError(source, line_of(loc), reason)

    _check_braces(raw, fail)
    try:
        parsed = _QUESTION.parse_string(raw, parse_all=True)
    except pp.ParseBaseException as error:
        raise fail(error.loc, _reason(error, raw)) from None
    if raw.lstrip().startswith("::") and "title" not in parsed:
        raise fail(raw.index("::"), "the title '::' is not closed by '::'")
    before, tail = parsed.get("text", ""), parsed.get("tail", "")
    missing_word = bool(tail.strip())
    texts = _Texts()
    title = unescape(parsed["title"]).strip() or None if "title" in parsed else None
    question_text = texts.clean(before + (BLANK + tail if missing_word else ""))
    if match := _FORMAT.match(before.strip()):
        texts.default = match[1]
    body: Body = None
    general: str | None = None
    if "body" in parsed:
        found = parsed["body"]
        general = texts.optional(found.get("general"))
        body = _body(found, texts, line_of, fail)
    return GiftQuestion(
        line=start, title=title, text=question_text, text_format=texts.default, body=body,
        general_feedback=general, category=category, missing_word=missing_word, html=texts.html, notes=notes,
    )


def _body(found: pp.ParseResults, texts: _Texts, line_of: Callable[[int], int], fail: _Fail) -> Body:
    """The answer block's own kind of body, its texts cleaned."""
    if "truth" in found:
        truth = found["truth"].startswith("T")
        return TrueFalseBody(truth, texts.optional(found.get("wrong")), texts.optional(found.get("right")))
    if "answers" in found:
        return ChoicesBody(tuple(
            GiftAnswer(a["marker"], a.get("weight"), texts.clean(a.get("text")), texts.optional(a.get("feedback")),
                       line_of(a["loc"]))
            for a in found["answers"]
        ))
    if "numbers" in found:
        numbers = []
        for item in found["numbers"]:
            value, tolerance = _number(item["spec"], lambda reason, loc=item["loc"]: fail(loc, reason))
            numbers.append(GiftNumber(item.get("weight"), value, tolerance, texts.optional(item.get("feedback")),
                                      line_of(item["loc"])))
        other = texts.clean(found["other"].get("feedback")) if "other" in found else None
        return NumericBody(tuple(numbers), other)
    return EssayBody()


_DECIMAL = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")


def _number(spec: str, fail: Callable[[str], GiftError]) -> tuple[str, float]:
    """`value`, `value:tolerance` or `low..high` as (value text, absolute tolerance)."""
    spec = unescape(spec).strip()

    def decimal(text: str) -> Decimal:
        text = text.strip()
        if not _DECIMAL.match(text):
            raise fail(f"{text!r} is not a number (in the numeric answer {spec!r})")
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            raise fail(f"{text!r} is not a number") from None

    if ".." in spec:
        low_text, high_text = spec.split("..", 1)
        low, high = decimal(low_text), decimal(high_text)
        if low > high:
            raise fail(f"the range {spec!r} runs backwards")
        middle = (low + high) / 2
        return format(middle, "f") if middle == middle.to_integral_value() else str(middle), float(high - middle)
    value_text, _, tolerance_text = spec.partition(":")
    decimal(value_text)
    tolerance = decimal(tolerance_text) if tolerance_text.strip() else Decimal(0)
    if tolerance < 0:
        raise fail(f"the tolerance in {spec!r} is negative")
    return value_text.strip(), float(tolerance)


def _check_braces(raw: str, fail: _Fail) -> None:
    """Unbalanced braces, found before the grammar runs for a message that says what to do."""
    opened: int | None = None
    blocks = 0
    for match in re.finditer(r"\\.|[{}]", raw, flags=re.DOTALL):
        char = match[0]
        if char == "{":
            if opened is not None:
                raise fail(match.start(), "'{' inside an answer block (write \\{ for a literal brace)")
            if blocks:
                raise fail(match.start(), "a second answer block: a question has one (write \\{ for a literal brace)")
            opened = match.start()
        elif char == "}":
            if opened is None:
                raise fail(match.start(), "'}' without an opening '{' (write \\} for a literal brace)")
            opened, blocks = None, blocks + 1
    if opened is not None:
        raise fail(opened, "the answer block '{' is not closed by '}' before the blank line that ends the question")


def _reason(error: pp.ParseBaseException, raw: str) -> str:
    """Say what the grammar expected, in the words of the format."""
    near = repr(raw[error.loc:error.loc + 16].split("\n")[0])
    opened = raw.rfind("{", 0, error.loc)
    if opened < 0 or raw.rfind("}", 0, error.loc) > opened:
        return f"unexpected text near {near}"
    body = raw[opened + 1:].lstrip()
    if body.startswith("#") and not body.startswith("####"):
        return f"a numeric answer is 'number', 'number:tolerance' or 'low..high', each after '=', near {near}"
    if re.match(r"(?:TRUE|FALSE|T|F)(?![^\s#}])", body):
        return f"a true/false answer has at most two feedbacks, '#wrong#right', near {near}"
    return f"expected an answer starting with '=' or '~' (or T/F, or '#' for a number), near {near}"
