"""The quiz engine: question models, answer checking, the question bank, scheduling and storage.

UI-free and import-light (no textual or matplotlib at import time; sympy only when a symbolic
answer is checked), so `grade quiz --plain`, `grade quiz check`, the terminal app and the tests all
use the same core. Modules, each with one job:

- `models`: the pydantic question models, one per kind, tagged by `kind`.
- `parsing`, `expressions`, `formulas`: read raw answers, typed expressions and spec formulas.
- `symbolic`: equivalence of expressions (numeric spot check, then a bounded sympy check).
- `checking`: `instantiate`, `check_answer`, `rate_self`, `how_to_answer`.
- `verdicts`: `Verdict`, `Status`, `SelfRating`.
- `bank`: `load_bank`, `QuestionBank`, `QuizSpecError`.
- `review`, `store`: FSRS scheduling and the `quiz_` tables of the progress database.
- `figures`: figure PNGs and their text renderings.
- `cli`: `quiz_main`, the `grade quiz` command line.
"""
