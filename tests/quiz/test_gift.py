"""Moodle GIFT import and export: every GIFT type into the right model, problems per question,
round trips (a GIFT file, and the shipped banks), one-line errors with the line, escapes, and the
imported questions passing their own answer-key check."""

from __future__ import annotations

import tomllib
from fractions import Fraction

import pytest

from grader.quiz.answer_key import known_wrong_answers, right_answer
from grader.quiz.bank import load_quiz_file
from grader.quiz.checking import check_answer, instantiate
from grader.quiz.gift import (
    EXPLANATION_PLACEHOLDER,
    FEEDBACK_PLACEHOLDER,
    KEY_POINT_PLACEHOLDER,
    MODEL_ANSWER_PLACEHOLDER,
    GiftError,
    GiftProblem,
    export_gift,
    export_gift_file,
    import_gift,
    import_gift_file,
)
from grader.quiz.gift_parse import escape, unescape
from grader.quiz.models import (
    Choice,
    CodeChoice,
    CodeChoiceQuestion,
    FreeTextQuestion,
    KnownWrongNumber,
    MatchingQuestion,
    MatchItem,
    MultipleSelectQuestion,
    NumericQuestion,
    QuizFile,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from grader.quiz.verdicts import Status

from .helpers import QUIZ_DIR

SAMPLE = r"""// Written for the GIFT importer's tests: one question of every kind we read.
// @title: GIFT sample bank

$CATEGORY: $course$/top/Linear Algebra

// @section: Vectors: the dot product
::Dot product::What is the dot product of (1, 2) and (3, 4)? Write a·b \= Σ aᵢbᵢ, not \~10. {
	=11#Right\: 1·3 + 2·4.
	~10#That pairs 1 with 4 and 2 with 3.
	~\{4, 6\}#That adds the vectors instead of multiplying entries.
	####Multiply matching entries and add them\: 3 + 8 \= 11.
}

::Norms:: Which of these are norms on ℝⁿ? {
	~%50%The L1 norm, Σ |xᵢ|#Absolute values add up and scale: a norm.
	~%50%The L2 norm, √(Σ xᵢ²)#The Euclidean length is the textbook norm.
	~%-100%The count of non-zero entries#It does not scale: doubling x leaves the count unchanged.
	####A norm is positive, scales with |c| and obeys the triangle inequality.
}

// A true statement, with both feedbacks and a general one.
::Transpose of a product::(AB)ᵀ \= BᵀAᵀ for any matrices that can be multiplied.{TRUE#The order flips: check the shapes.#Yes.####Write out one entry of (AB)ᵀ to see the flip.}

::Inverse::Every square matrix has an inverse.{F#A matrix with a zero determinant has none.####Only matrices with a non-zero determinant are invertible.}

::Pi to four places::What is π to four decimal places? {#3.1416:0.00005####π \= 3.14159…, which rounds to 3.1416.}

::Ratio::A step of 0.5 on a slope of 0.2 moves how far? {#
	=0.1:0.001
	=%0%2.5:0.001#You divided instead of multiplying.
	####Distance is step times slope\: 0.5 · 0.2 \= 0.1.
}

::A number in a range::Name any number between 1 and 2.{#1..2####Any value from 1 to 2 is accepted.}

$CATEGORY: $course$/top/convolutions

::Output size::A 3x3 filter slides over a 9x9 image without padding. What is the output size? {
	=7x7
	=7
	=%0%9x9#That keeps the input size, as padding would.
	####9 − 3 + 1 \= 7 in each direction.
}

::Method name::Name the method that updates weights against the gradient. {=gradient descent =steepest descent#Either name is fine.####Each step moves opposite the gradient.}

// @feedback 1: ReLU is zero for negative inputs and the identity above.
// @feedback 2: The sigmoid squashes into (0, 1).
// @feedback 3: tanh squashes into (−1, 1) and is centred at zero.
::Activation ranges::Match each activation to its range.{
	=ReLU -> [0, ∞)
	=Sigmoid -> (0, 1)
	=tanh -> (−1, 1)
	= -> every real number
	####Only the identity reaches every real number.
}

The gradient of x² at x \= 3 is {=6#Twice three. ~3#That forgets the factor 2. ~9#That is the value, not the slope.} in the usual units.

::Which line::[markdown]Which line adds the bias?\n\n```python\ndef layer(x, W, b)\:\n    u \= x @ W\n    ...\n```{
	=```python\nu \= u + b\n```#Adds b to every row.
	~```python\nu \= u * b\n```#That scales u instead of shifting it.
	####The bias shifts the total input\: u \= xW + b.
}

// @model-answer: Training data are fitted, validation data choose settings,\nand test data estimate performance once at the end.
// @key-point 1: Fit on training data.
// @key-point 2: Tune on validation data.
::Three splits::Explain why we keep three separate data splits.{####Reusing the test set for tuning makes its score optimistic.}

::Backslash::[html]<p>Is <code>C:\\tmp</code> a Windows path &amp; a folder?</p>{T#It starts with a drive letter.####Drive letter, colon, backslash.}
"""

UNSUPPORTED = """::Welcome::This part covers chapter two.

::Reflect::What did you find hardest?{}

::Two primes::Pick a prime. {=2 =3 ~4#Four is two squared.####Primes have two divisors.}

::Capital::The capital of Australia? {=Canberra ~%50%Sydney#The largest city. ~Perth#Too far west.####Built as a compromise.}

::Born::In which year was Watt's steam engine patent granted? {#
\t=1769:0
\t=%50%1769:2#Close.
\t=1770
\t~#Not even close.
\t####The patent dates from 1769.
}

::No right one::Pick one. {~a#Not this. ~b#Nor this.}

::Uneven::Pick the main ones. {~%70%a#Mostly. ~%30%b#Partly. ~c#No.####Weights differ.}

::City::Name the city. {=Paris =%50%Paris, France#Just the city. ####Paris is the capital.}

::Shared::Match them. {=a -> 1 =b -> 1 =c -> 2 ####Two share one answer.}

::Bare::Pick the right one. {=yes ~no ~maybe ####Only yes.}

::Ten options::Pick. {=1 ~2#x ~3#x ~4#x ~5#x ~6#x ~7#x ~8#x ~9#x ~10#x ####Too many.}
"""


@pytest.fixture(scope="module")
def sample():
    return import_gift(SAMPLE, source="sample.gift")


def by_id(result, question_id):
    return next(q for q in result.questions if q.id == question_id)


# --- each GIFT type into the right model ---------------------------------------------------


def test_ids_come_from_titles_or_lines_and_topics_from_categories(sample):
    assert [q.id for q in sample.questions] == [
        "dot-product", "norms", "transpose-of-a-product", "inverse", "pi-to-four-places", "ratio",
        "a-number-in-a-range", "output-size", "method-name", "activation-ranges", "line-58", "which-line",
        "three-splits", "backslash",
    ]
    assert [q.topic for q in sample.questions] == ["linear_algebra"] * 7 + ["convolutions"] * 7
    assert sample.title == "GIFT sample bank"
    assert by_id(sample, "norms").section == "sample.gift line 14"


def test_multiple_choice_with_one_right_answer_is_single_choice(sample):
    assert by_id(sample, "dot-product") == SingleChoiceQuestion(
        kind="single_choice", id="dot-product", topic="linear_algebra", section="Vectors: the dot product",
        prompt="What is the dot product of (1, 2) and (3, 4)? Write a·b = Σ aᵢbᵢ, not ~10.",
        explanation="Multiply matching entries and add them: 3 + 8 = 11.",
        options=(
            Choice(text="11", correct=True, feedback="Right: 1·3 + 2·4."),
            Choice(text="10", feedback="That pairs 1 with 4 and 2 with 3."),
            Choice(text="{4, 6}", feedback="That adds the vectors instead of multiplying entries."),
        ),
    )


def test_weighted_answers_summing_to_100_are_multiple_select(sample):
    question = by_id(sample, "norms")
    assert isinstance(question, MultipleSelectQuestion)
    assert [(o.text, o.correct) for o in question.options] == [
        ("The L1 norm, Σ |xᵢ|", True),
        ("The L2 norm, √(Σ xᵢ²)", True),
        ("The count of non-zero entries", False),
    ]
    assert question.options[2].feedback == "It does not scale: doubling x leaves the count unchanged."
    assert question.explanation == "A norm is positive, scales with |c| and obeys the triangle inequality."


def test_true_false_keeps_the_wrong_judgement_feedback_and_merges_the_right_one(sample):
    assert by_id(sample, "transpose-of-a-product") == TrueFalseQuestion(
        kind="true_false", id="transpose-of-a-product", topic="linear_algebra", section="sample.gift line 22",
        prompt="(AB)ᵀ = BᵀAᵀ for any matrices that can be multiplied.", answer=True,
        feedback="The order flips: check the shapes.",
        explanation="Yes.\n\nWrite out one entry of (AB)ᵀ to see the flip.",
    )
    inverse = by_id(sample, "inverse")
    assert (inverse.answer, inverse.feedback) == (False, "A matrix with a zero determinant has none.")


def test_numeric_tolerance_known_wrong_answers_and_ranges(sample):
    pi = by_id(sample, "pi-to-four-places")
    assert (pi.kind, pi.answer, pi.abs_tol, pi.rel_tol, pi.wrong_answers) == ("numeric", "3.1416", 5e-05, 0.0, ())
    ratio = by_id(sample, "ratio")
    assert (ratio.answer, ratio.abs_tol) == ("0.1", 0.001)
    assert ratio.wrong_answers == (KnownWrongNumber(answer="2.5", feedback="You divided instead of multiplying."),)
    ranged = by_id(sample, "a-number-in-a-range")
    assert (ranged.answer, ranged.abs_tol) == ("1.5", 0.5)


def test_a_short_answer_of_one_shape_is_numeric_with_the_square_shorthand(sample):
    question = by_id(sample, "output-size")
    assert isinstance(question, NumericQuestion)
    assert (question.answer, question.square_shorthand, question.abs_tol) == ("7x7", True, 0.0)
    assert question.wrong_answers == (
        KnownWrongNumber(answer="9x9", feedback="That keeps the input size, as padding would."),
    )


def test_a_short_answer_of_words_is_free_text(sample):
    assert by_id(sample, "method-name") == FreeTextQuestion(
        kind="free_text", id="method-name", topic="convolutions", section="sample.gift line 45",
        prompt="Name the method that updates weights against the gradient.",
        model_answer="gradient descent", key_points=("gradient descent", "steepest descent"),
        explanation="Either name is fine.\n\nEach step moves opposite the gradient.",
    )


def test_matching_pairs_with_an_extra_choice_and_feedback_comments(sample):
    question = by_id(sample, "activation-ranges")
    assert isinstance(question, MatchingQuestion)
    assert question.choices == ("[0, ∞)", "(0, 1)", "(−1, 1)", "every real number")
    assert question.items == (
        MatchItem(text="ReLU", match="a", feedback="ReLU is zero for negative inputs and the identity above."),
        MatchItem(text="Sigmoid", match="b", feedback="The sigmoid squashes into (0, 1)."),
        MatchItem(text="tanh", match="c", feedback="tanh squashes into (−1, 1) and is centred at zero."),
    )


def test_a_missing_word_question_keeps_the_blank_in_its_prompt(sample):
    question = by_id(sample, "line-58")
    assert isinstance(question, SingleChoiceQuestion)
    assert question.prompt == "The gradient of x² at x = 3 is _____ in the usual units."
    assert question.explanation == "Twice three."  # the right answer's feedback, there being no general one
    assert [(o.text, o.correct, o.feedback) for o in question.options] == [
        ("6", True, None),
        ("3", False, "That forgets the factor 2."),
        ("9", False, "That is the value, not the slope."),
    ]


def test_markdown_options_in_code_fences_are_code_choice_with_the_context(sample):
    assert by_id(sample, "which-line") == CodeChoiceQuestion(
        kind="code_choice", id="which-line", topic="convolutions", section="sample.gift line 60",
        prompt="Which line adds the bias?", language="python", context="def layer(x, W, b):\n    u = x @ W\n    ...",
        explanation="The bias shifts the total input: u = xW + b.",
        options=(
            CodeChoice(code="u = u + b", correct=True, feedback="Adds b to every row."),
            CodeChoice(code="u = u * b", feedback="That scales u instead of shifting it."),
        ),
    )


def test_an_essay_with_model_answer_comments_is_free_text(sample):
    question = by_id(sample, "three-splits")
    assert isinstance(question, FreeTextQuestion)
    assert question.model_answer == (
        "Training data are fitted, validation data choose settings,\n"
        "and test data estimate performance once at the end."
    )
    assert question.key_points == ("Fit on training data.", "Tune on validation data.")


def test_html_becomes_plain_text_and_escaped_backslashes_stay_single(sample):
    question = by_id(sample, "backslash")
    assert question.prompt == "Is C:\\tmp a Windows path & a folder?"
    assert (question.answer, question.feedback) == (True, "It starts with a drive letter.")


# --- problems ------------------------------------------------------------------------------


def test_the_sample_reports_only_what_it_converts(sample):
    assert [(p.question, p.feature, p.skipped, p.line) for p in sample.problems] == [
        ("Method name", "short answer", False, 45),
        ("Backslash", "html", False, 71),
    ]


def test_every_unsupported_feature_is_reported_per_question():
    result = import_gift(UNSUPPORTED, source="odd.gift")
    assert [(p.question, p.feature, p.skipped, p.line) for p in result.problems] == [
        ("Welcome", "description", True, 1),
        ("Reflect", "essay", False, 3),
        ("Reflect", "missing feedback", False, 3),
        ("Two primes", "several right answers", True, 5),
        ("Capital", "partial credit", False, 7),
        ("Born", "several answers", False, 9),
        ("Born", "partial credit", False, 9),
        ("Born", "other-answer feedback", False, 9),
        ("No right one", "no right answer", True, 17),
        ("Uneven", "partial credit", False, 19),
        ("City", "partial credit", False, 21),
        ("City", "short answer", False, 21),
        ("Shared", "shared answer", True, 23),
        ("Bare", "missing feedback", False, 25),
        ("Ten options", "invalid", True, 27),
    ]
    assert [(q.id, q.kind) for q in result.questions] == [
        ("reflect", "free_text"), ("capital", "single_choice"), ("born", "numeric"),
        ("uneven", "multiple_select"), ("city", "free_text"), ("bare", "single_choice"),
    ]
    bare = by_id(result, "bare")
    assert [o.feedback for o in bare.options] == [None, FEEDBACK_PLACEHOLDER, FEEDBACK_PLACEHOLDER]
    reflect = by_id(result, "reflect")
    assert (reflect.model_answer, reflect.key_points, reflect.explanation) == (
        MODEL_ANSWER_PLACEHOLDER, (KEY_POINT_PLACEHOLDER,), EXPLANATION_PLACEHOLDER,
    )
    born = by_id(result, "born")
    assert (born.answer, born.abs_tol, born.wrong_answers) == ("1769", 0.0, ())
    capital = by_id(result, "capital")
    assert [(o.text, o.correct) for o in capital.options] == [("Canberra", True), ("Sydney", False), ("Perth", False)]
    uneven = by_id(result, "uneven")
    assert [o.correct for o in uneven.options] == [True, True, False]
    assert str(result.problems[13]) == (
        "line 25: Bare: missing feedback (converted): wrong options 2, 3 have no feedback (#): placeholders written"
    )
    assert result.problems[14].detail == "options: Tuple should have at most 9 items after validation, not 10"


def test_an_untitled_problem_is_named_by_its_line():
    result = import_gift("// intro\n\nJust some words.\n", source="d.gift")
    assert result.problems == [GiftProblem("line 3", "description", "a text without answers is no question here",
                                           True, 3)]
    assert str(result.problems[0]) == "line 3: description (skipped): a text without answers is no question here"
    with pytest.raises(GiftError) as caught:
        result.bank()
    assert str(caught.value) == "d.gift: no question could be imported (1 problems)"


def test_duplicate_titles_get_unique_ids():
    text = "::Same::One? {T####x}\n\n::Same::Two? {F#y####x}\n\n::Sämé!::Three? {T####x}\n"
    assert [q.id for q in import_gift(text, source="s.gift").questions] == ["same", "same-2", "same-3"]


# --- round trips ---------------------------------------------------------------------------


def test_a_gift_file_comes_back_the_same_after_export_and_import(sample):
    exported = export_gift(sample.bank())
    again = import_gift(exported.text, source="again.gift")
    assert again.questions == sample.questions
    assert again.title == sample.title
    assert again.problems == []
    assert [(p.question, p.feature) for p in exported.problems] == [
        ("output-size", "shape"),
        ("method-name", "free_text"),
        ("activation-ranges", "matching feedback"),
        ("three-splits", "free_text"),
    ]


def test_the_generated_toml_loads_back_into_the_same_bank(sample, tmp_path):
    text = sample.to_toml()
    assert text.startswith("# Imported from sample.gift by grade's GIFT import.\n\ntitle = \"GIFT sample bank\"\n")
    assert QuizFile.model_validate(tomllib.loads(text)) == sample.bank()
    (tmp_path / "b.toml").write_text(text, encoding="utf-8")
    assert load_quiz_file(tmp_path / "b.toml") == sample.bank()


NOT_IN_GIFT = {"parameterised_numeric", "symbolic", "ordering"}


@pytest.mark.parametrize("name", ["day1.toml", "day2.toml", "foundations.toml"])
def test_shipped_banks_come_back_the_same_for_what_gift_can_hold(name):
    bank = load_quiz_file(QUIZ_DIR / name)
    exported = export_gift(bank)
    again = import_gift(exported.text, source="again.gift")
    skipped = {p.question for p in exported.problems if p.skipped}
    assert skipped == {q.id for q in bank.questions if q.kind in NOT_IN_GIFT}
    assert again.problems == []
    assert again.title == bank.title
    back = {q.id: q for q in again.questions}
    assert list(back) == [q.id for q in bank.questions if q.id not in skipped]
    for question in bank.questions:
        if question.id in skipped:
            continue
        expected = question
        if isinstance(question, NumericQuestion) and question.rel_tol:
            tolerance = Fraction(str(question.abs_tol)) + Fraction(str(question.rel_tol)) * abs(question.expected[0])
            expected = question.model_copy(update={"rel_tol": 0.0, "abs_tol": float(tolerance)})
        elif isinstance(question, NumericQuestion) and len(question.expected) > 1:
            expected = question.model_copy(update={"rel_tol": 0.0, "abs_tol": 0.0})
        assert back[question.id] == expected, question.id


def test_exporting_reports_what_gift_cannot_hold():
    bank = load_quiz_file(QUIZ_DIR / "foundations.toml")
    problems = {(p.question, p.feature): p for p in export_gift(bank).problems}
    assert problems["found-squared-error-grad", "symbolic"].skipped
    assert problems["found-bn-steps", "ordering"].skipped
    assert problems["found-conv-output", "parameterised_numeric"].skipped
    assert problems["found-backprop-w5", "relative tolerance"].detail == (
        "GIFT tolerances are absolute: written as ±0.000164334081"
    )
    assert problems["found-gd-step", "shape"].detail == (
        "the shape (-2.4, 3.2) is a short answer: Moodle compares the text exactly, and its tolerance is dropped"
    )
    assert not problems["found-iris-design", "free_text"].skipped
    assert problems["found-overfit-curve", "figure"].detail.startswith("Moodle cannot draw overfitting_curves")


def test_export_writes_multiple_select_weights_and_numeric_wrong_answers():
    question = MultipleSelectQuestion(
        kind="multiple_select", id="q", topic="t", section="s", prompt="Pick.", explanation="e",
        options=tuple(Choice(text=t, correct=t in "abc", feedback="f") for t in "abcd"),
    )
    numeric = NumericQuestion(
        kind="numeric", id="n", topic="t", section="s", prompt="How many?", explanation="e", answer="1/4",
        abs_tol=0.01, wrong_answers=(KnownWrongNumber(answer="4", feedback="inverted"),),
    )
    exported = export_gift(QuizFile(title="T", questions=(question, numeric)))
    assert "\t~%33.33333%a#f\n\t~%33.33333%b#f\n\t~%33.33333%c#f\n\t~%-100%d#f\n" in exported.text
    assert "{#\n\t=0.25:0.01\n\t=%0%4:0.01#inverted\n\t####e\n}" in exported.text
    assert [(p.question, p.feature, p.detail) for p in exported.problems] == [
        ("n", "number format", "'1/4' is written as 0.25"),
    ]
    again = import_gift(exported.text, source="t.gift").questions
    assert again[0] == question
    assert again[1] == numeric.model_copy(update={"answer": "0.25"})


# --- escapes -------------------------------------------------------------------------------


def test_escape_and_unescape_are_inverse_for_every_special_character():
    text = "a\\b ~ = # { } : -> [x]\nnext line"
    assert escape(text) == "a\\\\b \\~ \\= \\# \\{ \\} \\: -> [x]\\nnext line"
    assert unescape(escape(text)) == text
    assert unescape(r"keep \q and \\n") == "keep \\q and \\n"


def test_special_characters_survive_export_and_import():
    tricky = "Use {braces}, a = b, ~x, #tag, C:\\dir and a colon: here\non two lines"
    question = SingleChoiceQuestion(
        kind="single_choice", id="tricky", topic="t", section="s: with colon", prompt=tricky, explanation=tricky,
        options=(Choice(text=tricky, correct=True, feedback=tricky), Choice(text="#2 = {}", feedback="~ \\")),
    )
    exported = export_gift(QuizFile(title="T", questions=(question,)))
    assert "::tricky::[markdown]Use \\{braces\\}, a \\= b, \\~x, \\#tag, C\\:\\\\dir and a colon\\: here\\non two " in (
        exported.text
    )
    assert import_gift(exported.text, source="t.gift").questions == [question]


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("::a:: Open {=yes ~no\n\n", ("bad.gift:1: the answer block '{' is not closed by '}' before the blank line "
                                     "that ends the question")),
        ("// c\n\nText } more", "bad.gift:3: '}' without an opening '{' (write \\} for a literal brace)"),
        ("One {=a ~b}\nand {=c ~d}", ("bad.gift:2: a second answer block: a question has one (write \\{ for a "
                                     "literal brace)")),
        ("Q {\n  =a\n  ~b {c}\n}", "bad.gift:3: '{' inside an answer block (write \\{ for a literal brace)"),
        ("::Untitled question {T}", "bad.gift:1: the title '::' is not closed by '::'"),
        ("::n::\nHow many?\n{#\n =3\n =%0%three\n}", ("bad.gift:5: 'three' is not a number (in the numeric answer "
                                                     "'three')")),
        ("Range {#5..1}", "bad.gift:1: the range '5..1' runs backwards"),
        ("Tol {#5:-1}", "bad.gift:1: the tolerance in '5:-1' is negative"),
        ("::q::\nQuestion\n{\n  junk =a ~b\n}", ("bad.gift:4: expected an answer starting with '=' or '~' (or T/F, "
                                                "or '#' for a number), near 'junk =a ~b'")),
        ("Q {T#wrong#right#extra}", ("bad.gift:1: a true/false answer has at most two feedbacks, '#wrong#right', "
                                    "near '#extra}'")),
        ("M {\n =a -> 1\n ~b -> 2\n}", None),
        ("M {\n =a -> 1\n =b -> 2\n =c\n}", "bad.gift:4: the matching pair 'c' has no '->'"),
    ],
)
def test_malformed_gift_is_one_line_with_file_and_line(text, message):
    if message is None:  # a '~' makes it a multiple choice, where '->' is plain text
        assert import_gift(text, source="bad.gift").questions[0].kind == "single_choice"
        return
    with pytest.raises(GiftError) as caught:
        import_gift(text, source="bad.gift")
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


# --- the answer key ------------------------------------------------------------------------


def test_imported_questions_accept_their_own_right_answer_and_reject_the_wrong_ones(sample):
    for question in sample.questions:
        instance = instantiate(question)
        verdict = check_answer(instance, right_answer(instance))
        expected = Status.NEEDS_RATING if question.kind == "free_text" else Status.CORRECT
        assert verdict.status is expected, question.id
        for wrong in known_wrong_answers(instance):
            assert check_answer(instance, wrong).status is Status.WRONG, (question.id, wrong)
    output = instantiate(by_id(sample, "output-size"))
    assert check_answer(output, "7").status is Status.CORRECT
    ranged = instantiate(by_id(sample, "a-number-in-a-range"))
    assert [check_answer(ranged, raw).status for raw in ("1", "2", "2.01")] == [Status.CORRECT] * 2 + [Status.WRONG]


# --- the file functions --------------------------------------------------------------------


def test_import_gift_file_writes_a_bank_and_refuses_to_overwrite(tmp_path):
    src, dest = tmp_path / "sample.gift", tmp_path / "bank.toml"
    src.write_text(SAMPLE, encoding="utf-8")
    result = import_gift_file(src, dest)
    assert load_quiz_file(dest) == result.bank()
    before = dest.read_text(encoding="utf-8")
    with pytest.raises(GiftError) as caught:
        import_gift_file(src, dest)
    assert str(caught.value) == f"{dest}: already exists; not overwriting it (choose another file or remove it)"
    assert dest.read_text(encoding="utf-8") == before


def test_import_gift_file_names_the_file_in_a_syntax_error(tmp_path):
    src = tmp_path / "broken.gift"
    src.write_text("::a::\nQ {=x\n", encoding="utf-8")
    with pytest.raises(GiftError) as caught:
        import_gift_file(src, tmp_path / "out.toml")
    assert str(caught.value).startswith("broken.gift:2: the answer block '{' is not closed")
    assert not (tmp_path / "out.toml").exists()


def test_export_gift_file_loads_the_bank_through_the_loader(tmp_path):
    dest = tmp_path / "day1.gift"
    result = export_gift_file(QUIZ_DIR / "day1.toml", dest)
    assert dest.read_text(encoding="utf-8") == result.text
    assert [(p.question, p.feature) for p in result.problems if p.skipped] == [("day1-p69", "ordering")]
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "x"\n', encoding="utf-8")
    with pytest.raises(GiftError) as caught:
        export_gift_file(broken, tmp_path / "out.gift")
    assert str(caught.value) == f"{broken}: questions: Field required"


def test_a_second_full_marks_answer_in_a_single_choice_is_reported():
    result = import_gift("::Both::Pick. {=a#Yes. ~%100%b#Also. ~c#No.####Either.}", source="w.gift")
    assert [(p.feature, p.detail) for p in result.problems] == [
        ("partial credit", "only the '=' answer counts as right; the marks of 'b' are dropped"),
    ]
    assert [(o.text, o.correct) for o in result.questions[0].options] == [("a", True), ("b", False), ("c", False)]
