"""`grade course ...` on the command line: each action a thin client, with the CLI's exit statuses."""

from __future__ import annotations

import io
import json

from grader.cli import main
from grader.paths import bundled_course_root
from grader.spec_schema import SCHEMA_FILES, schemas


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_schema_writes_the_three_schemas_into_the_folder(tmp_path):
    code, out, _ = run("course", "schema", "-o", str(tmp_path / "schemas"))
    assert code == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(SCHEMA_FILES.values())
    assert out.count("wrote ") == 3
    for name, file in SCHEMA_FILES.items():
        assert json.loads((tmp_path / "schemas" / file).read_text()) == schemas()[name]


def test_list_names_the_bundled_course(tmp_path):
    code, out, _ = run("course", "list")
    assert code == 0 and out.startswith(f"bundled: {bundled_course_root()} (the default)\n")


def test_export_gift_warns_for_a_change_and_fails_for_a_question_left_out(tmp_path):
    bank = bundled_course_root() / "course" / "quizzes" / "day2.toml"
    code, out, err = run("course", "export-gift", str(bank), "-o", str(tmp_path / "day2.gift"))
    assert code == 1  # a symbolic question cannot be written as GIFT
    assert "grade: day2.toml: day2-6-1-1: symbolic (skipped)" in err
    assert (tmp_path / "day2.gift").read_text().count("::day2-") == int(out.split(": ")[1].split()[0])


def test_import_gift_refuses_to_overwrite_and_reports_bad_gift_in_one_line(tmp_path):
    source = tmp_path / "q.gift"
    source.write_text("::a::Two plus two?{#4}\n")
    target = tmp_path / "bank.toml"
    assert run("course", "import-gift", str(source), "-o", str(target))[0] == 0
    code, _, err = run("course", "import-gift", str(source), "-o", str(target))
    assert code == 2 and err.count("\n") == 1 and "already exists" in err
    source.write_text("::a::Two plus two?{#4\n")
    code, _, err = run("course", "import-gift", str(source), "-o", str(tmp_path / "other.toml"))
    assert code == 2 and err.startswith("grade: ") and "q.gift:1" in err and err.count("\n") == 1


def test_new_outside_a_course_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run("course", "new", "exercise", "tanh")
    assert code == 2 and "is not a course folder" in err and err.count("\n") == 1
    code, _, err = run("course", "frobnicate")
    assert code == 2 and "invalid choice" in err
