"""The `grade` subcommands that read or change the workspace: init, list, hint, reset, progress."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from grader.cli_support import check_ids, console, emit, open_workspace


def init_command(args, stdout: TextIO, stderr: TextIO) -> int:
    from grader.course import load_course
    from grader.course_packages import looks_like_name
    from grader.coursework.locate import named_course
    from grader.workspace import init_workspace

    named = named_course(args.course)
    course = load_course(named)
    # An installed course is recorded by name (it moves when upgraded), a folder by its full path.
    recorded = None if named is None else args.course if looks_like_name(args.course) and not Path(args.course).is_dir() else str(named)
    workspace = init_workspace(args.directory, course, name_course=recorded)
    setting = f"  grade.toml names the course in {course.root}\n" if named is not None else ""
    stdout.write(
        f"created a workspace for {course.title} in {workspace.root}\n"
        f"  {len(course.exercises)} exercises in exercises/, the course data in data/\n"
        + setting +
        f"next: cd {workspace.root} && grade\n"
    )
    return 0


def list_command(args, stdout: TextIO, stderr: TextIO) -> int:
    import json

    workspace, course, store = open_workspace(args)
    try:
        latest = store.latest_results()
    finally:
        store.close()
    rows = []
    for number, (exercise_id, spec) in enumerate(course.exercises.items(), start=1):
        stored = latest.get(exercise_id)
        rows.append(
            {
                "number": number,
                "id": exercise_id,
                "title": spec.title,
                "topic": spec.topic,
                "topic_title": course.topics[spec.topic].title,
                "section": spec.section,
                "points": spec.points,
                "requires": list(spec.requires),
                "status": stored.status.value if stored else "not_graded",
                "score": stored.score if stored else None,
            }
        )
    if args.format == "json":
        emit(json.dumps({"schema_version": 1, "exercises": rows}, indent=2) + "\n", args, stdout)
        return 0
    from rich import box
    from rich.table import Table

    screen = console(args, stdout)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title=f"{course.title}: exercises in course order", title_justify="left")
    for column, justify in (("#", "right"), ("exercise", "left"), ("topic", "left"), ("section", "left"), ("points", "right"), ("status", "left"), ("builds on", "left")):
        table.add_column(column, justify=justify, no_wrap=column != "builds on")
    for row in rows:
        status = row["status"].replace("_", " ") if row["status"] != "not_graded" else "not graded yet"
        score = f" {row['score']:g}/{row['points']:g}" if row["score"] is not None else ""
        table.add_row(str(row["number"]), row["id"], row["topic_title"], row["section"], f"{row['points']:g}", status + score, ", ".join(row["requires"]))
    screen.print(table)
    return 0


def hint_command(args, stdout: TextIO, stderr: TextIO) -> int:
    from grader.coursework.hints import reveal_next_hint

    workspace, course, store = open_workspace(args)
    try:
        check_ids([args.id], course)
        reveal = reveal_next_hint(store, course, args.id)
    finally:
        store.close()
    for number, hint in enumerate(reveal.shown, start=1):
        marker = "new " if number == reveal.new else ""
        stdout.write(f"{marker}hint {number} of {reveal.total} for {args.id}: {hint}\n")
    if reveal.new is None:
        stdout.write(f"(all {reveal.total} hints for {args.id} are shown)\n")
    elif reveal.more:
        stdout.write(f"(`grade hint {args.id}` again for hint {reveal.new + 1})\n")
    return 0


def reset_command(args, stdout: TextIO, stderr: TextIO) -> int:
    from grader.workspace import reset_exercise

    workspace, course, store = open_workspace(args)
    store.close()
    check_ids([args.id], course)
    backup = reset_exercise(workspace, course, args.id)
    stdout.write(f"restored the stub of exercises/{args.id}.py\n")
    if backup is not None:
        stdout.write(f"your version is kept as {backup.relative_to(workspace.root)}\n")
    return 0


def progress_command(args, stdout: TextIO, stderr: TextIO) -> int:
    import json

    from grader.summary import progress_summary

    workspace, course, store = open_workspace(args)
    try:
        summary = progress_summary(course, store)
        history = store.history(limit=10)
    finally:
        store.close()
    if args.format == "json":
        document = {
            "schema_version": 1,
            "topics": [t.to_json() for t in summary],
            "history": [
                {"exercise": h.exercise_id, "status": h.status.value, "score": h.score, "max_score": h.max_score, "graded_at": h.graded_at.isoformat()}
                for h in history
            ],
        }
        emit(json.dumps(document, indent=2) + "\n", args, stdout)
        return 0
    from rich import box
    from rich.table import Table

    screen = console(args, stdout)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title="progress by topic", title_justify="left")
    for column, justify in (("topic", "left"), ("section", "left"), ("exercises", "right"), ("points", "right"), ("quiz", "right"), ("", "left")):
        table.add_column(column, justify=justify, no_wrap=True)
    for topic in summary:
        table.add_row(
            topic.title,
            topic.section,
            f"{topic.exercises_passed}/{topic.exercises_total}" if topic.exercises_total else "-",
            f"{topic.score:g}/{topic.max_score:g}" if topic.exercises_total else "-",
            f"{topic.quiz_correct}/{topic.quiz_total}" if topic.quiz_total else "-",
            bar(topic.fraction),
        )
    screen.print(table)
    if history:
        screen.print("recent results:")
        for h in history:
            screen.print(f"  {h.graded_at.astimezone().strftime('%Y-%m-%d %H:%M')}  {h.exercise_id:<20} {h.status.value.replace('_', ' '):<12} {h.score:g}/{h.max_score:g}")
    else:
        screen.print("no grading runs yet: run `grade`")
    return 0


def bar(fraction: float, width: int = 20) -> str:
    filled = round(fraction * width)
    return "█" * filled + "░" * (width - filled) + f" {fraction:.0%}"
