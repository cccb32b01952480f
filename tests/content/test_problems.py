"""Problem lines, ContentError and the did-you-mean hint."""

from __future__ import annotations

import pytest

from kiosk.content import ContentError, Problem, Severity
from kiosk.content.problems import did_you_mean


@pytest.mark.parametrize(
    ("problem", "line"),
    [
        pytest.param(
            Problem("pack/topics/a.yaml", "bad", 3, 7),
            "pack/topics/a.yaml:3:7: error: bad",
            id="located",
        ),
        pytest.param(
            Problem("pack/topics/a.yaml", "bad", 3),
            "pack/topics/a.yaml:3:1: error: bad",
            id="line-without-column",
        ),
        pytest.param(Problem("pack/topics", "bad"), "pack/topics: error: bad", id="whole-folder"),
        pytest.param(
            Problem("pack/kiosk.yaml", "meh", 2, 1, Severity.WARNING),
            "pack/kiosk.yaml:2:1: warning: meh",
            id="warning",
        ),
    ],
)
def test_problem_line(problem: Problem, line: str) -> None:
    assert str(problem) == line


def test_content_error_renders_every_problem_in_the_given_order() -> None:
    problems = [
        Problem("p/kiosk.yaml", "one", 1, 1),
        Problem("p/topics/a.yaml", "two", None, None, Severity.WARNING),
        Problem("p/topics/a.yaml", "three", 2, 5),
    ]
    error = ContentError(problems)
    assert str(error) == (
        "p/kiosk.yaml:1:1: error: one\n"
        "p/topics/a.yaml: warning: two\n"
        "p/topics/a.yaml:2:5: error: three"
    )
    assert error.problems == tuple(problems)
    assert error.errors == (problems[0], problems[2])


@pytest.mark.parametrize(
    ("word", "hint"),
    [
        ("anwser", "did you mean 'answer'?"),
        ("Question", "did you mean 'question'?"),
        ("sources", "did you mean 'source'?"),
        ("colour", "allowed keys are: answer, order, question, source"),
    ],
)
def test_did_you_mean(word: str, hint: str) -> None:
    assert did_you_mean(word, ["question", "answer", "order", "source"]) == hint
