"""Fixtures for the screens: a kiosk window, shown offscreen at a given size."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content import BulletList, Pack, Paragraph, Topic, load_pack
from kiosk.content.model import Translation
from kiosk.ui.style.fonts import register_fonts
from kiosk.ui.window import KioskWindow

SIZES = [(1920, 1080), (1080, 1920), (1280, 800), (1024, 600)]

WindowFactory = Callable[..., KioskWindow]


@pytest.fixture(scope="session", autouse=True)
def kiosk_typeface(qapp: object) -> str | None:
    """The screens are measured in the typeface the kiosk ships with."""
    return register_fonts()


@pytest.fixture
def open_window(qtbot: QtBot, qapp: object) -> WindowFactory:
    """Show a kiosk window for ``pack``; timings default to values tests never hit."""

    def open_(
        pack: Pack,
        *,
        size: tuple[int, int] = (1920, 1080),
        idle_timeout_ms: int = 3_600_000,
        idle_warning_ms: int = 3_600_000,
        settle_ms: int = 0,
        reading_words_per_minute: int = 100,
        locked: bool = False,
        **options: object,
    ) -> KioskWindow:
        window = KioskWindow(
            pack,
            app=qapp,  # type: ignore[arg-type]
            idle_timeout_ms=idle_timeout_ms,
            idle_warning_ms=idle_warning_ms,
            settle_ms=settle_ms,
            reading_words_per_minute=reading_words_per_minute,
            locked=locked,
            **options,  # type: ignore[arg-type]
        )
        qtbot.addWidget(window, before_close_func=_unlock)
        window.setFixedSize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_


def _unlock(window: KioskWindow) -> None:
    window.locked = False  # so the fixture's teardown can close it


# -- a pack in several languages, built in code -------------------------------------

MultilingualPack = Callable[..., Pack]

# What the test pack says in Spanish and Arabic. "parking" is translated into
# neither: it shows in English, with a note. The Arabic answer starts with
# "TMS": its paragraph must still run right to left.
TEXTS = {
    "en": {
        "title": "Stroke recovery and TMS",
        "welcome": "Tap a question to read the answer.",
        "footer": "General information only. Please ask our staff.",
        "what-is-tms": (
            "What is TMS?",
            [
                "TMS is a treatment that uses a magnetic field to stimulate the brain. "
                "A session takes about 30 minutes.",
                "Most people feel well after a session and can go home at once.",
            ],
        ),
        "side-effects": (
            "What are the side effects?",
            [
                "Side effects are usually mild:",
                ["A mild headache that passes with rest", "Discomfort on the scalp"],
            ],
        ),
        "parking": (
            "Where do I park?",
            ["Park in the visitors' car park at the front of the clinic."],
        ),
    },
    "es": {
        "title": "Recuperación del ictus y EMT",
        "welcome": "Toque una pregunta para leer la respuesta.",
        "footer": "Solo información general. Pregunte a nuestro personal.",
        "what-is-tms": (
            "¿Qué es la EMT?",
            [
                "La EMT es un tratamiento que usa un campo magnético para estimular el "
                "cerebro. Una sesión dura unos 30 minutos.",
                "La mayoría de las personas se sienten bien después y pueden irse a casa.",
            ],
        ),
        "side-effects": (
            "¿Cuáles son los efectos secundarios?",
            [
                "Los efectos secundarios suelen ser leves:",
                [
                    "Un dolor de cabeza leve que pasa con descanso",
                    "Molestias en el cuero cabelludo",
                ],
            ],
        ),
    },
    "ar": {
        "title": "التعافي من السكتة الدماغية والتحفيز المغناطيسي",
        "welcome": "اضغط على سؤال لقراءة الإجابة.",
        "footer": "معلومات عامة فقط. يرجى سؤال موظفينا.",
        "what-is-tms": (
            "ما هو التحفيز المغناطيسي للدماغ؟",
            [
                "TMS هو علاج يستخدم مجالًا مغناطيسيًا لتحفيز الدماغ. تستغرق الجلسة حوالي 30 دقيقة.",
                "يشعر معظم الناس بحالة جيدة بعد الجلسة ويمكنهم العودة إلى المنزل فورًا.",
            ],
        ),
        "side-effects": (
            "ما هي الآثار الجانبية؟",
            [
                "عادة ما تكون الآثار الجانبية خفيفة:",
                ["صداع خفيف يزول بالراحة", "انزعاج في فروة الرأس"],
            ],
        ),
    },
}
TOPIC_IDS = ("what-is-tms", "side-effects", "parking")


def _topic(topic_id: str, language: str, order: int | None = None) -> Topic:
    question, blocks = TEXTS[language][topic_id]  # type: ignore[misc]
    answer = tuple(
        BulletList(tuple(block)) if isinstance(block, list) else Paragraph(block)
        for block in blocks
    )
    source = None if language == "en" else "Translated from the English text"
    return Topic(topic_id, question, answer, order, source, language=language)


def multilingual(languages: tuple[str, ...] = ("en", "es", "ar")) -> Pack:
    """A pack in ``languages`` (English first); a language with no texts here
    (such as "fr") has a translation with none: everything shows in English."""
    english = TEXTS["en"]
    translations = {}
    for language in languages[1:]:
        texts = TEXTS.get(language, {})
        translations[language] = Translation(
            title=texts.get("title"),  # type: ignore[arg-type]
            welcome=texts.get("welcome"),  # type: ignore[arg-type]
            footer=texts.get("footer"),  # type: ignore[arg-type]
            topics={t: _topic(t, language) for t in TOPIC_IDS if t in texts},
        )
    return Pack(
        title=english["title"],  # type: ignore[arg-type]
        topics=tuple(_topic(t, "en", order) for order, t in enumerate(TOPIC_IDS)),
        welcome=english["welcome"],  # type: ignore[arg-type]
        footer=english["footer"],  # type: ignore[arg-type]
        language="en",
        languages=languages,
        translations=translations,
    )


@pytest.fixture
def multilingual_pack() -> MultilingualPack:
    """``multilingual_pack(languages=("en", "es", "ar"))``: a pack in those languages."""
    return multilingual


# -- the bundled pack with take-home links ------------------------------------------

REPO = Path(__file__).resolve().parents[2]
CLINIC_LINK = "https://clinic.example/"
# The densest code a topic may ask for: a link at its 300-character limit.
LONGEST_LINK = "https://clinic.example/patients/" + "a" * 268
TOPIC_LINKS = {
    ("side-effects", "en"): "https://clinic.example/tms/side-effects",
    ("side-effects", "es"): "https://clinic.example/es/tms/efectos-secundarios",
    ("side-effects", "ar"): "https://clinic.example/ar/tms/side-effects",
    ("who-should-not-get-tms", "en"): LONGEST_LINK,
}


@pytest.fixture
def linked_pack(tmp_path: Path) -> Pack:
    """The bundled pack, with the clinic's page in kiosk.yaml, a page per
    language for "side-effects" and the longest link allowed on
    "who-should-not-get-tms" (in every language: translations give none)."""
    folder = tmp_path / "linked"
    shutil.copytree(REPO / "content", folder)
    with (folder / "kiosk.yaml").open("a", encoding="utf-8") as file:
        file.write(f"link: {CLINIC_LINK}\n")
    for (topic_id, language), link in TOPIC_LINKS.items():
        name = f"{topic_id}.yaml" if language == "en" else f"{topic_id}.{language}.yaml"
        with (folder / "topics" / name).open("a", encoding="utf-8") as file:
            file.write(f"link: {link}\n")
    pack = load_pack(folder)
    assert not pack.warnings
    return pack
