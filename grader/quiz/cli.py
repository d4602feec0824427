"""`grade quiz`: the quiz command line (plain question/answer lines, list, check, or the app).

    grade quiz                        open the terminal app (tui.app.launch_app)
    grade quiz --plain [--topic T] [--ids ID ...] [--review] [--seed N]
    grade quiz list [--format text|json] [--topic T] [--seed N]
    grade quiz check QID ANSWER [--seed N] [--self-rating missed|partly|had_it]

Parameterised questions use seed `DEFAULT_SEED` unless `--seed` says otherwise, in `list`,
`--plain` and `check` alike, so a script can read a prompt and answer that same instance.
An answer that starts with `-` goes after `--`: `grade quiz check QID -- -3`.
Exit status: 0 success (or a correct answer), 1 a wrong answer, 2 a usage error, unknown id,
unreadable answer or invalid spec, always with one line on stderr and never a traceback.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from grader.cli_parsing import HelpShown, OneLineParser, UsageError
from grader.coursework.quizzing import Tally, record_answer, review_order
from grader.quiz.bank import QuestionBank, QuizSpecError, load_bank
from grader.quiz.checking import (
    DEFAULT_SEED,
    QuestionInstance,
    check_answer,
    how_to_answer,
    instantiate,
    parse_self_rating,
    rate_self,
)
from grader.quiz.models import (
    CodeChoiceQuestion,
    MatchingQuestion,
    MultipleSelectQuestion,
    OrderingQuestion,
    Question,
    SingleChoiceQuestion,
)
from grader.quiz.parsing import AnswerFormatError
from grader.quiz.verdicts import SelfRating, Status, Verdict

if TYPE_CHECKING:
    from grader.quiz.store import QuizStore

PROG = "grade quiz"
SKIP_WORD = "skip"
QUIT_WORD = "quit"


def _build_parser(stdout: TextIO) -> OneLineParser:
    parser = OneLineParser(prog=PROG, description="Confirmation-test quizzes.", out=stdout)
    parser.add_argument("--plain", action="store_true", help="ask the questions as plain lines on stdin/stdout")
    parser.add_argument("--topic", metavar="TOPIC", help="only questions of this topic (an id such as cnn)")
    parser.add_argument("--ids", nargs="+", metavar="ID", help="only these questions, in this order")
    parser.add_argument(
        "--review", action="store_true", help="ask due and new questions in FSRS order (needs the progress database)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"parameter seed (default {DEFAULT_SEED})")
    commands = parser.add_subparsers(dest="command", parser_class=OneLineParser)
    listing = commands.add_parser("list", help="list every question", out=stdout)
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.add_argument("--topic", metavar="TOPIC", dest="list_topic")
    listing.add_argument("--seed", type=int, default=DEFAULT_SEED, dest="list_seed")
    check = commands.add_parser("check", help="check one answer", out=stdout)
    check.add_argument("question_id", metavar="QID")
    check.add_argument("answer", metavar="ANSWER")
    check.add_argument("--seed", type=int, default=DEFAULT_SEED, dest="check_seed")
    check.add_argument("--self-rating", choices=[r.value for r in SelfRating], dest="self_rating",
                       help="for a free-text question: how your answer compares with the model answer")
    return parser


@dataclass(frozen=True)
class _Io:
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO

    def say(self, line: str = "") -> None:
        self.stdout.write(line + "\n")

    def fail(self, message: str, status: int = 2) -> int:
        self.stderr.write(f"{PROG}: {' '.join(message.split())}\n")
        return status


def quiz_main(
    argv: list[str],
    *,
    bank_dir: Path,
    connect: Callable[[], sqlite3.Connection] | None,
    figures_dir: Path | None,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
    no_color: bool,
    workspace: Path | None = None,
    course_root: Path | None = None,
) -> int:
    """Run `grade quiz` with `argv` (the arguments after `quiz`); returns the exit status.

    `connect` opens the workspace's progress database (attempts are recorded when it is given);
    `figures_dir` is where rendered figure PNGs are cached (figures are only described when None).
    The plain output never uses colour, so `no_color` only matters for the app. `workspace` is the
    workspace folder the app opens (None when there is none; only the app needs it).
    """
    io = _Io(stdin, stdout, stderr)
    try:
        args = _build_parser(stdout).parse_args(argv)
    except UsageError as error:
        return io.fail(str(error))
    except HelpShown as shown:
        return shown.status
    if args.command is None and not args.plain:
        return _launch_app(io, workspace=workspace, bank_dir=bank_dir, figures_dir=figures_dir, no_color=no_color,
                           course_root=course_root)
    try:
        bank = load_bank(bank_dir)
    except QuizSpecError as error:
        return io.fail(f"invalid quiz spec: {error}")
    topic = args.list_topic if args.command == "list" else args.topic
    if topic is not None and topic not in bank.topics:
        return io.fail(f"unknown topic {topic!r}; topics: {', '.join(bank.topics)}")
    match args.command:
        case "list":
            return _list(bank, io, fmt=args.format, topic=args.list_topic, seed=args.list_seed)
        case "check":
            return _check(bank, io, args.question_id, args.answer, seed=args.check_seed,
                          self_rating=SelfRating(args.self_rating) if args.self_rating else None)
        case _:
            return _plain(bank, io, topic=args.topic, ids=args.ids, seed=args.seed, review=args.review,
                          connect=connect, figures_dir=figures_dir, course_figures=bank_dir.parent / "figures")


def _launch_app(
    io: _Io, *, workspace: Path | None, bank_dir: Path, figures_dir: Path | None, no_color: bool, course_root: Path | None = None
) -> int:
    """Open the terminal app (a client of its own: `grader.app_launcher` imports it, not this package)."""
    from grader.app_launcher import AppUnavailable, launch

    try:
        return launch(workspace=workspace, bank_dir=bank_dir, figures_dir=figures_dir, no_color=no_color, course_root=course_root)
    except AppUnavailable as error:
        return io.fail(str(error))
    except QuizSpecError as error:
        return io.fail(f"invalid quiz spec: {error}")


# --- list ---------------------------------------------------------------------------------------


def _options(question: Question) -> list[str]:
    """The numbered choices a question shows (options, code, steps), or [] for other kinds."""
    match question:
        case SingleChoiceQuestion() | MultipleSelectQuestion():
            return [option.text for option in question.options]
        case CodeChoiceQuestion():
            return [option.code.strip("\n") for option in question.options]
        case OrderingQuestion():
            return list(question.steps)
        case MatchingQuestion():
            return [item.text for item in question.items]
        case _:
            return []


def _summary(instance: QuestionInstance) -> dict[str, object]:
    question = instance.question
    entry: dict[str, object] = {
        "id": question.id,
        "type": question.kind,
        "topic": question.topic,
        "section": question.section,
        "prompt": instance.prompt.strip(),
        "options": _options(question),
        "how_to_answer": how_to_answer(question),
    }
    if isinstance(question, MatchingQuestion):
        entry["choices"] = list(question.choices)
    if isinstance(question, CodeChoiceQuestion):
        entry["language"] = question.language
        entry["context"] = question.context
    if instance.seed is not None:
        entry["seed"] = instance.seed
        entry["parameters"] = instance.values
    if question.figure is not None:
        entry["figure"] = {"name": question.figure.name, "alt": question.figure.alt}
    return entry


def _list(bank: QuestionBank, io: _Io, *, fmt: str, topic: str | None, seed: int) -> int:
    instances = [instantiate(question, seed) for question in bank.select(topic=topic)]
    if fmt == "json":
        io.say(json.dumps([_summary(instance) for instance in instances], ensure_ascii=False, indent=2))
        return 0
    width = max((len(instance.question.id) for instance in instances), default=0)
    for instance in instances:
        question = instance.question
        io.say(f"{question.id:<{width}}  {question.kind:<21}  {question.topic:<26}  {question.section}")
    return 0


# --- check --------------------------------------------------------------------------------------


def _check(
    bank: QuestionBank, io: _Io, question_id: str, answer: str, *, seed: int, self_rating: SelfRating | None
) -> int:
    question = bank.get(question_id)
    if question is None:
        return io.fail(f"unknown question id {question_id!r} (see grade quiz list)")
    verdict = check_answer(instantiate(question, seed), answer)
    if verdict.status is Status.INVALID:
        return io.fail(f"invalid answer for {question_id}: {verdict.message}")
    if verdict.status is Status.NEEDS_RATING and self_rating is not None:
        verdict = rate_self(verdict, self_rating)
    _print_verdict(io, verdict)
    if verdict.status is Status.NEEDS_RATING:
        io.say("Rate yourself with --self-rating missed|partly|had_it to record a result.")
        return 0
    return 0 if verdict.passed else 1


def _print_verdict(io: _Io, verdict: Verdict) -> None:
    io.say(f"{verdict.status.value.upper()}: {verdict.message}")
    for line in verdict.feedback:
        io.say(f"  - {' '.join(line.split())}")
    if verdict.expected is not None:
        label = "Model answer" if verdict.status in {Status.NEEDS_RATING, Status.SELF_RATED} else "Answer"
        io.say(f"{label}: {' '.join(verdict.expected.split())}")
    if verdict.explanation:
        io.say(f"Explanation: {' '.join(verdict.explanation.split())}")


# --- plain --------------------------------------------------------------------------------------


def _plain(
    bank: QuestionBank,
    io: _Io,
    *,
    topic: str | None,
    ids: Sequence[str] | None,
    seed: int,
    review: bool,
    connect: Callable[[], sqlite3.Connection] | None,
    figures_dir: Path | None,
    course_figures: Path,
) -> int:
    unknown = [qid for qid in ids or () if bank.get(qid) is None]
    if unknown:
        return io.fail(f"unknown question id {unknown[0]!r} (see grade quiz list)")
    questions = bank.select(topic=topic, ids=ids)
    if not questions:
        return io.fail("no questions match")
    if review and connect is None:
        return io.fail("--review needs a workspace progress database")
    session = _Session(io=io, connect=connect)
    try:
        if review:
            questions = session.review_order(questions)
        tally = Tally()
        io.say(f"{len(questions)} question(s). Type '{SKIP_WORD}' to skip a question or '{QUIT_WORD}' to stop.")
        for number, question in enumerate(questions, start=1):
            instance = instantiate(question, seed)
            _print_question(
                io, instance, number, len(questions), figures_dir=figures_dir, course_figures=course_figures
            )
            if not _ask(io, instance, tally, session):
                break
        io.say()
        io.say(
            f"Summary: {tally.answered} answered, {tally.correct} correct, {tally.wrong} wrong,"
            f" {tally.rated} self-rated, {tally.skipped} skipped."
        )
    finally:
        session.close()
    return 0


def _print_question(
    io: _Io, instance: QuestionInstance, number: int, total: int, *, figures_dir: Path | None, course_figures: Path
) -> None:
    question = instance.question
    io.say()
    io.say(f"Question {number} of {total}: {question.id} ({question.kind}, {question.topic}; {question.section})")
    io.say(instance.prompt.strip())
    if question.figure is not None:
        io.say(f"Figure: {question.figure.alt}")
        if figures_dir is not None:
            from grader.quiz.figures import FigureError, render_figure

            try:
                png = render_figure(question.figure.name, figures_dir=course_figures, cache_dir=figures_dir)
                io.say(f"Image: {png}")
            except (FigureError, OSError) as error:
                io.say(f"(figure not available: {' '.join(str(error).split())})")
    if isinstance(question, CodeChoiceQuestion) and question.context:
        io.say(f"Code ({question.language}):")
        for line in question.context.strip("\n").splitlines():
            io.say(f"    {line}")
    if isinstance(question, MatchingQuestion):
        io.say("Items:")
        for n, item in enumerate(question.items, start=1):
            io.say(f"  {n}. {item.text}")
        io.say("Choices:")
        for letter, choice in zip("abcdefghijklmnopqrstuvwxyz", question.choices, strict=False):
            io.say(f"  {letter}. {choice}")
    else:
        label = "Steps:" if isinstance(question, OrderingQuestion) else "Options:"
        options = _options(question)
        if options:
            io.say(label)
        for n, text in enumerate(options, start=1):
            lines = text.splitlines() or [""]
            io.say(f"  {n}. {lines[0]}")
            for more in lines[1:]:
                io.say(f"     {more}")
    io.say(f"How to answer: {how_to_answer(question)}")


def _read(io: _Io, prompt: str) -> str | None:
    io.stdout.write(prompt)
    io.stdout.flush()
    line = io.stdin.readline()
    if not line:
        io.say()
        return None
    return line.rstrip("\r\n")


def _ask(io: _Io, instance: QuestionInstance, tally: Tally, session: _Session) -> bool:
    """Ask one question until it gets a readable answer; False when the student quits or input ends."""
    while True:
        raw = _read(io, "answer> ")
        if raw is None or raw.strip().lower() == QUIT_WORD:
            return False
        if raw.strip().lower() == SKIP_WORD:
            tally.skip()
            return True
        verdict = check_answer(instance, raw)
        if verdict.status is not Status.INVALID:
            break
        io.say(f"Invalid answer: {verdict.message}. Try again.")
    if verdict.status is Status.NEEDS_RATING:
        _print_verdict(io, verdict)
        while True:
            rating_text = _read(io, "rating (1 missed it, 2 partly, 3 had it)> ")
            if rating_text is None or rating_text.strip().lower() == QUIT_WORD:
                return False
            try:
                verdict = rate_self(verdict, parse_self_rating(rating_text))
                break
            except AnswerFormatError as error:
                io.say(f"Invalid rating: {error}.")
        io.say(verdict.message)
    else:
        _print_verdict(io, verdict)
    tally.add(verdict)
    session.record(instance, raw, verdict)
    return True


class _Session:
    """The progress database for one `--plain` run: opened on first use, closed at the end."""

    def __init__(self, *, io: _Io, connect: Callable[[], sqlite3.Connection] | None) -> None:
        self._io = io
        self._connect = connect
        self._conn: sqlite3.Connection | None = None

    def _store(self) -> QuizStore:
        from grader.quiz.store import QuizStore

        if self._conn is None:
            assert self._connect is not None
            self._conn = self._connect()
        return QuizStore(self._conn)

    def review_order(self, questions: Sequence[Question]) -> tuple[Question, ...]:
        ordered, problems = review_order(self._store(), questions, now=datetime.now(UTC))
        for problem in problems:
            self._io.stderr.write(f"{PROG}: warning: {problem}\n")
        return ordered

    def record(self, instance: QuestionInstance, raw: str, verdict: Verdict) -> None:
        if self._connect is None:
            return
        from grader.quiz.review import make_scheduler

        record_answer(self._store(), make_scheduler(), instance, raw, verdict, now=datetime.now(UTC))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
