"""Hostile text on the answer screen shows exactly as written: no link, image or markup.

Hypothesis writes questions and answers full of HTML, URLs, right-to-left text
and the direction marks and isolates it may hold (overrides and unbalanced
isolates never load: tests/content/test_bidi.py), combining marks, emoji and
100,000-letter words into a pack,
opens a kiosk window on it and shows the topic. The answer document must hold
the question and the answer's paragraphs and bullets character for character
(after the answer text rules: lines join, spaces fold) and no anchor or image.

Qt is slow, so the examples are few; runs are derandomized (the same examples
on every machine) and a failure prints the falsifying example and a
``@reproduce_failure`` blob.
"""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextBlock, QTextDocument

from kiosk.content import BulletList, Topic
from kiosk.content.answer_text import parse_answer
from kiosk.ui.screens.answer_document import BULLET

HOSTILE = [
    "<b>",
    "</b>",
    '<a href="file:///etc/passwd">',
    "</a>",
    "<img src=x>",
    '<img src="file:///etc/passwd">',
    "&amp;",
    "&lt;",
    "&#x41;",
    "<script>alert(1)</script>",
    "<!--",
    "-->",
    "<p>",
    "<br>",
    "<table>",
    "file:///etc/passwd",
    "http://example.com/",
    "https://example.com/?a=1&b=2",
    "www.example.com",
    "mailto:a@example.com",
    "[link](http://example.com)",
    "![img](x.png)",
    "**bold**",
    "שלום",
    "مرحبا",
    "\u2067evil\u2069",
    "\u2066\u05e9\u2069",
    "\u200f",
    "\u061c",
    "e\u0301",
    "\u0301",
    "Z\u0351\u0352\u0353\u0354\u0355",
    "😀",
    "👩\u200d👩\u200d👧\u200d👦",
    "🇬🇧",
    "\ufe0f",
    "\u200b",
    "\u2060",
    "\ufeff",
    "\ufffc",
    "\ufffd",
    "Headache",
    "TMS",
    "-",
    "#",
    "10:00",
    "No",
]
# Drawn as a name and put in at the last moment (see tests/content/test_fuzz.py).
# 5,000 letters, not the 100,000 the loader is fuzzed with: Qt lays out one
# unbreakable word in time that grows with its square (30,000 letters take
# 0.6 s here, 100,000 take 6 s), which is the screen's limit, not this test's.
LONG_WORD = "LongWord5k"

words = st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=6).map(" ".join)
question = words.filter(lambda text: len(text.strip()) <= 160)
paragraph = st.lists(words, min_size=1, max_size=3).map("\n".join)  # lines join with a space
bullets = st.lists(words.map("- {}".format), min_size=1, max_size=3).map("\n".join)
answer = st.tuples(
    st.lists(st.one_of(paragraph, bullets), min_size=1, max_size=4).map("\n\n".join),
    st.sampled_from(["", f"\n\n{LONG_WORD}"]),
).map("".join)
answer = answer.filter(lambda text: bool(parse_answer(text)))  # not only bullet dashes

QT_FUZZ = settings(
    max_examples=50,
    derandomize=True,
    database=None,
    print_blob=True,
    deadline=None,  # Qt is slow to start and its timing varies; the budget is max_examples
    # Explaining a failure re-runs it dozens of times: minutes with Qt.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    # open_window and make_pack are factories: each example makes its own
    # pack folder and window, nothing carries over from one to the next.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def expand(text: str) -> str:
    return text.replace(LONG_WORD, "x" * 5000)


def blocks(document: QTextDocument) -> Iterator[QTextBlock]:
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def expected_blocks(topic: Topic) -> list[str]:
    """The document's blocks: the question, then each paragraph and bullet
    (after its mark).

    ``insertText`` takes a U+FEFF at the start of what it inserts for a
    byte-order mark and drops it; the character is invisible either way.
    """
    texts = [topic.question.removeprefix("\ufeff")]
    for block in topic.answer:
        if isinstance(block, BulletList):
            texts += [BULLET + item for item in block.items]
        else:
            texts.append(block.text.removeprefix("\ufeff"))
    return texts


@QT_FUZZ
@given(question=question, answer=answer, footer=words)
def test_hostile_text_shows_literally_on_the_answer_screen(
    open_window, make_pack, question: str, answer: str, footer: str
) -> None:
    question, answer = expand(question), expand(answer)
    pack = make_pack({"hostile": (question, answer)}, footer=footer)
    topic = pack.topic("hostile")
    assert topic.question == question.strip()
    assert topic.answer == parse_answer(answer)

    window = open_window(pack, size=(1080, 1920))
    window.show_topic("hostile")
    assert window.current_screen == "answer"
    document = window.answer.view.document()

    # Character for character, one block per heading, paragraph and bullet.
    assert [block.text() for block in blocks(document)] == expected_blocks(topic)
    raw = document.toRawText()
    for word in answer.split():
        if word != "-":
            assert word.removeprefix("\ufeff") in raw
    # Nothing became markup: no anchor, no image, no object in any fragment.
    for block in blocks(document):
        fragments = block.begin()
        while not fragments.atEnd():
            fmt = fragments.fragment().charFormat()
            assert not fmt.isAnchor(), fragments.fragment().text()
            assert not fmt.anchorHref()
            assert not fmt.isImageFormat(), fragments.fragment().text()
            assert fmt.objectType() == 0
            fragments += 1
    for fmt in document.allFormats():
        assert not fmt.isImageFormat()
        assert not (fmt.isCharFormat() and fmt.toCharFormat().isAnchor())
    assert window.answer.footer.text() == footer.strip()
