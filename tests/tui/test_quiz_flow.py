"""Taking a quiz in the app with the keyboard: right, wrong, unreadable, typed, symbolic, free text."""

from __future__ import annotations

from grader.quiz.verdicts import SelfRating, Status
from tui.screens.quiz import Phase, QuizScreen

from .helpers import flat, new_app, screen_text, until


async def open_topic(pilot, row: int = 0) -> QuizScreen:
    """From the course map, start the quiz of the topic in `row` (counted from the top)."""
    await pilot.press("ctrl+home", *["down"] * row, "enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, QuizScreen))
    return pilot.app.screen


async def answered(pilot, screen: QuizScreen, phase: Phase = Phase.ANSWERED) -> str:
    await until(pilot, lambda: screen.phase is phase)
    await pilot.pause()
    return flat(screen_text(pilot.app))


async def test_right_choice_shows_correct_with_the_explanation_and_is_stored(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot)
        assert screen.question.id == "arrays-shape"
        await pilot.press("2", "enter")
        seen = await answered(pilot, screen)
        assert "✔ Correct." in seen
        assert "One row per sample and one column per feature" in seen
        assert "(•)✔ 2." in seen
        [attempt] = app.session.quiz.history("arrays-shape")
        assert attempt.status is Status.CORRECT and attempt.raw_answer == "2" and attempt.answered_at == clock.now
        assert app.session.quiz.load_card("arrays-shape") is not None


async def test_wrong_choice_shows_the_misconception_the_answer_and_the_explanation(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot)
        await pilot.press("1", "enter")
        seen = await answered(pilot, screen)
        assert "✘ Not quite." in seen
        assert "That puts the features in the rows" in seen
        assert "Answer: 2: (5, 3)" in seen
        assert "One row per sample" in seen
        assert "(•)✘ 1." in seen and "( )✔ 2." in seen
        assert app.session.quiz.history("arrays-shape")[0].status is Status.WRONG


async def test_submitting_nothing_asks_for_a_choice_first(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.phase is Phase.ASKING
        assert "Choose with the number keys 1-3 first" in flat(screen_text(app))
        assert app.session.quiz.history() == []


async def test_number_keys_toggle_options_of_a_multiple_select_question(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot)
        await pilot.press("n")  # skip to arrays-axes
        await until(pilot, lambda: screen.question.id == "arrays-axes")
        await pilot.press("1", "3", "2", "3")
        await pilot.pause()
        seen = flat(screen_text(app))
        assert "[x] 1." in seen and "[x] 2." in seen and "[ ] 3." in seen
        await pilot.press("enter")
        seen = await answered(pilot, screen)
        assert "✔ Correct." in seen
        assert app.session.quiz.history("arrays-axes")[0].raw_answer == "1,2"


async def test_an_unreadable_answer_costs_nothing_and_a_known_wrong_one_gets_its_feedback(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot)
        await pilot.press("n", "n")
        await until(pilot, lambda: screen.question.id == "arrays-mean")
        assert app.focused.id == "answer"
        await pilot.press(*"three", "enter")
        seen = await answered(pilot, screen, Phase.ASKING)
        assert "Cannot read that answer" in seen and "costs nothing" in seen
        assert app.session.quiz.history() == []
        assert app.focused.id == "answer"
        await pilot.press(*["backspace"] * 5, *"4.5", "enter")
        seen = await answered(pilot, screen)
        assert "✘ Not quite." in seen and "You divided by 2" in seen and "Answer: 3" in seen
        assert [a.raw_answer for a in app.session.quiz.history()] == ["4.5"]


async def test_typed_n_goes_into_the_answer_and_ctrl_n_skips(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot, row=1)
        assert screen.question.id == "calculus-chain"
        await pilot.press("n")
        assert app.focused.value == "n" and screen.question.id == "calculus-chain"
        await pilot.press("ctrl+n")
        await until(pilot, lambda: screen.question.id == "calculus-slope")
        assert screen.tally.skipped == 1


async def test_symbolic_answers_are_checked_in_a_worker_by_equivalence(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot, row=1)
        await pilot.press(*"6x", "enter")
        seen = await answered(pilot, screen)
        assert "✘ Not quite." in seen and "multiply by dt/dx = 3" in seen
        assert "dz/dt = 2t and dt/dx = 3" in seen
        # the same question again, answered in another but equivalent form
        await pilot.press("escape")
        screen = await open_topic(pilot, row=1)
        assert screen.question.id == "calculus-chain"
        assert "last answer ✘ wrong" in flat(screen_text(app))
        await pilot.press(*"2*(3x)*3", "enter")
        seen = await answered(pilot, screen)
        assert "✔ Correct." in seen


async def test_parameters_change_between_attempts(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot, row=1)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: screen.question.id == "calculus-slope")
        first = screen.instance
        values = first.values
        await pilot.press(*str(values["a"] * values["b"]), "enter")
        seen = await answered(pilot, screen)
        assert "exponent 2 comes down" in seen
        assert f"What is the derivative of f(x) = {values['a']}·x² at x = {values['b']}?" in seen
        await pilot.press("escape")
        screen = await open_topic(pilot, row=1)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: screen.question.id == "calculus-slope")
        assert screen.instance.seed == first.seed + 1
        right = 2 * screen.instance.values["a"] * screen.instance.values["b"]
        await pilot.press(*str(right), "enter")
        assert "✔ Correct." in await answered(pilot, screen)


async def test_true_false_with_a_figure(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot, row=1)
        await pilot.press("ctrl+n", "ctrl+n")
        await until(pilot, lambda: screen.question.id == "calculus-line")
        from tui.widgets.figure import FigureView

        figure = screen.query_one(FigureView)
        assert "A straight line rising from the origin" in flat(screen_text(app))
        await until(pilot, lambda: figure.drawing is not None)
        assert len(figure.drawing.rows) > 5
        await pilot.press("1", "enter")
        assert "✔ Correct." in await answered(pilot, screen)
        assert app.session.quiz.history("calculus-line")[0].raw_answer == "true"


async def test_matching_and_ordering_are_typed_in_their_formats(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot, row=2)
        assert screen.question.id == "practice-match"
        await pilot.press(*"1a,2c,3b", "enter")
        seen = await answered(pilot, screen)
        assert "✘ Not quite. (partly right: score 0.33)" in seen
        assert "2. validation data: Validation data compares" in seen
        await pilot.press("n")
        await until(pilot, lambda: screen.question.id == "practice-order")
        await pilot.press(*"3,2,1", "enter")
        assert "✔ Correct." in await answered(pilot, screen)


async def test_free_text_shows_the_model_answer_then_records_the_self_rating(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot, row=2)
        await pilot.press("ctrl+n", "ctrl+n")
        await until(pilot, lambda: screen.question.id == "practice-why")
        await pilot.press(*"it would be fitted too", "enter")
        seen = await answered(pilot, screen, Phase.RATING)
        assert "Model answer: Choosing them on the test data fits them" in seen
        assert "Key point: the test score would be too optimistic" in seen
        assert "1 I missed it 2 I partly had it 3 I had it" in seen
        assert app.session.quiz.history() == []
        await pilot.press("3")
        seen = await answered(pilot, screen)
        assert "✔ Self-rated: I had it." in seen and "Keep the test data untouched" in seen
        [attempt] = app.session.quiz.history()
        assert attempt.self_rating is SelfRating.HAD_IT and attempt.raw_answer == "it would be fitted too"


async def test_after_the_last_question_a_summary(tiny, clock):
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot, row=2)
        await pilot.press(*"1a,2b,3c", "enter")
        await answered(pilot, screen)
        await pilot.press("n", "ctrl+n", "ctrl+n")
        await until(pilot, lambda: screen.phase is Phase.DONE)
        seen = flat(screen_text(app))
        assert "Done. 1 answered: ✔ 1 correct, ✘ 0 not quite, 0 self-rated; 2 skipped. Esc goes back." in seen
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, QuizScreen))


async def test_a_bug_in_the_checker_is_shown_and_the_question_stays_open(tiny, clock, monkeypatch):
    def broken(instance, raw):
        raise RuntimeError("checker exploded")

    monkeypatch.setattr("tui.screens.quiz.check_answer", broken)
    app = new_app(tiny, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_topic(pilot)
        await pilot.press("2", "enter")
        seen = await answered(pilot, screen, Phase.ASKING)
        assert "Internal error while checking (not your answer's fault): RuntimeError: checker exploded" in seen
        assert app.session.quiz.history() == []
        assert app.is_running
