"""`grade quiz`: check, list, --plain, and one-line errors with the documented exit codes."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
import types
from pathlib import Path

import pytest

from grader.quiz.checking import DEFAULT_SEED, instantiate
from grader.quiz.cli import quiz_main
from grader.quiz.store import QuizStore

from .helpers import QUIZ_DIR, correct_raw_answer


def run(argv, *, stdin: str = "", connect=None, figures_dir=None, bank_dir: Path = QUIZ_DIR):
    out, err = io.StringIO(), io.StringIO()
    status = quiz_main(argv, bank_dir=bank_dir, connect=connect, figures_dir=figures_dir,
                       stdin=io.StringIO(stdin), stdout=out, stderr=err, no_color=True)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("answer", "status"), [("2x + 2y", 0), ("2(x+y)", 0), ("2x", 1)])
def test_check_chain_rule(answer, status):
    code, out, err = run(["check", "day2-6-1-1", answer])
    assert code == status and err == ""
    assert out.startswith("CORRECT" if status == 0 else "WRONG")
    assert "Explanation:" in out


def test_check_wrong_answer_prints_targeted_feedback():
    code, out, _ = run(["check", "day2-6-5-7-1", "5x5"])
    assert code == 1 and "padding" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["check", "no-such-id", "1"], "unknown question id 'no-such-id'"),
        (["check", "day2-6-1-2", "seven"], "invalid answer for day2-6-1-2"),
        (["check", "day2-6-1-1", "2t"], "unknown name 't'"),
        (["check", "day2-6-1-1"], "the following arguments are required"),
        (["--bogus"], "unrecognized arguments"),
        (["list", "--format", "xml"], "invalid choice"),
        (["--plain", "--ids", "nope"], "unknown question id 'nope'"),
        (["list", "--topic", "nope"], "unknown topic 'nope'"),
        (["--plain", "--topic", "CNN"], "unknown topic 'CNN'"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_status_2(argv, fragment):
    code, out, err = run(argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("grade quiz: ") and fragment in err


def test_check_answer_starting_with_a_dash():
    assert run(["check", "found-gd-step", "--", "-2.4, 3.2"])[0] == 0


def test_check_parameterised_question_uses_the_seed():
    _, out, _ = run(["list", "--format", "json"])
    entries = {entry["id"]: entry for entry in json.loads(out)}
    conv = entries["found-conv-output"]
    assert conv["seed"] == DEFAULT_SEED and "{" not in conv["prompt"]
    from grader.quiz.bank import load_bank

    bank_question = load_bank(QUIZ_DIR).get("found-conv-output")
    for seed in (DEFAULT_SEED, 7):
        answer = correct_raw_answer(instantiate(bank_question, seed))
        argv = ["check", "found-conv-output", answer] + ([] if seed == DEFAULT_SEED else ["--seed", str(seed)])
        assert run(argv)[0] == 0


def test_free_text_check_with_and_without_self_rating():
    code, out, _ = run(["check", "day1-p26", "lines are straight"])
    assert code == 0 and "Model answer:" in out and "--self-rating" in out
    assert run(["check", "day1-p26", "lines", "--self-rating", "had_it"])[0] == 0
    assert run(["check", "day1-p26", "lines", "--self-rating", "missed"])[0] == 1


def test_list_json_has_every_question(bank):
    code, out, _ = run(["list", "--format", "json"])
    entries = json.loads(out)
    assert code == 0 and [e["id"] for e in entries] == list(bank.ids)
    for entry in entries:
        assert {"id", "type", "topic", "section", "prompt", "options", "how_to_answer"} <= set(entry)
    by_id = {e["id"]: e for e in entries}
    assert by_id["day2-6-1-2"]["type"] == "single_choice" and by_id["day2-6-1-2"]["options"][1] == "0.25"
    assert by_id["day2-6-4-3-2"]["language"] == "python"


def test_list_text_and_topic_filter(bank):
    code, out, _ = run(["list", "--topic", "cnn"])
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(bank.select(topic="cnn"))
    assert all(" cnn " in line for line in lines)


def test_plain_session_with_invalid_retry_and_summary():
    stdin = "abc\n2\n1,3\n"
    code, out, err = run(["--plain", "--ids", "day2-6-1-2", "day1-p10"], stdin=stdin)
    assert code == 0 and err == ""
    assert "Question 1 of 2: day2-6-1-2" in out and "  2. 0.25" in out
    assert "Invalid answer:" in out and "CORRECT" in out and "WRONG" in out
    assert "Figure: " in out
    assert "Summary: 2 answered, 1 correct, 1 wrong" in out


def test_plain_ends_cleanly_at_end_of_input():
    code, out, _ = run(["--plain", "--topic", "cnn"], stdin="")
    assert code == 0 and "Summary: 0 answered" in out


def test_plain_records_attempts_and_cards(tmp_path):
    path = tmp_path / "progress.sqlite3"

    def connect():
        connection = sqlite3.connect(path, timeout=5)
        connection.execute("PRAGMA journal_mode=WAL")
        return connection

    stdin = "2(x+y)\nskip\nmy answer\n3\n"
    code, out, _ = run(["--plain", "--ids", "day2-6-1-1", "day2-6-1-2", "day1-p26"], stdin=stdin, connect=connect)
    assert code == 0, out
    assert "Summary: 2 answered, 1 correct, 0 wrong, 1 self-rated, 1 skipped." in out
    store = QuizStore(connect())
    history = store.history()
    assert [(a.question_id, a.status.value) for a in history] == [("day1-p26", "self_rated"), ("day2-6-1-1", "correct")]
    assert set(store.load_cards().cards) == {"day2-6-1-1", "day1-p26"}
    review_code, review_out, _ = run(["--plain", "--review", "--ids", "day2-6-1-1", "day2-6-1-2"], connect=connect)
    assert review_code == 0 and "1 question(s)" in review_out and "day2-6-1-2" in review_out


def test_plain_renders_figures_when_given_a_cache(tmp_path):
    code, out, _ = run(["--plain", "--ids", "day2-6-5-7-1"], stdin="7x7\n", figures_dir=tmp_path / "figs")
    assert code == 0
    image = next(line for line in out.splitlines() if line.startswith("Image: "))
    assert Path(image.removeprefix("Image: ")).is_file()


def test_invalid_bank_is_a_one_line_error(tmp_path):
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "x.toml").write_text("title = 3\n")
    code, _, err = run(["list"], bank_dir=tmp_path / "quizzes")
    assert code == 2 and err.count("\n") == 1 and "x.toml: title" in err


def test_help_goes_to_stdout_with_status_0():
    code, out, err = run(["--help"])
    assert code == 0 and "grade quiz" in out and err == ""


def test_without_a_subcommand_the_app_is_launched(monkeypatch, tmp_path):
    calls = []
    fake = types.ModuleType("tui.app")
    fake.launch_app = lambda **kwargs: calls.append(kwargs) or 0
    monkeypatch.setitem(sys.modules, "tui.app", fake)
    out, err = io.StringIO(), io.StringIO()
    status = quiz_main([], bank_dir=QUIZ_DIR, connect=None, figures_dir=None, stdin=io.StringIO(),
                       stdout=out, stderr=err, no_color=True, workspace=tmp_path)
    assert status == 0 and err.getvalue() == ""
    assert calls == [{"workspace": tmp_path, "bank_dir": QUIZ_DIR, "figures_dir": None, "no_color": True}]


def test_a_missing_app_is_a_one_line_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "tui.app", None)  # makes the import fail
    code, _, err = run([])
    assert code == 2 and err.count("\n") == 1 and "--plain" in err
