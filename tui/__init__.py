"""The terminal app behind `grade quiz`: course map, quizzes, exercises, progress and review.

A client of the `grader` core, never the other way round: `session` holds the app's data (no
Textual there), `app` the Textual `App` and its `make_app` factory, `screens/` one module per
screen, `widgets/` the widgets that need more than a few lines, `messages` the custom messages.
"""
