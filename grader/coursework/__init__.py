"""The application layer: what a student or instructor does with `grade`, for every client alike.

The command line, the quiz command line and the terminal app are thin clients: they parse or
draw, and call this package for the work itself. Nothing here imports Textual or matplotlib at
module level, and nothing here prints.

- `locate`: which workspace, which course, which exercise ids (and the one-line errors for them).
- `grading`: grade with the revealed hints attached, record a run, watch files for changes.
- `hints`: reveal the next hint of an exercise.
- `quizzing`: record and tally quiz answers, order a review.
- `session`: everything the app reads and writes, owned by one thread.
"""
