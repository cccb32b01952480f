"""A large pack in sections, written on demand: 500 topics in 12 sections by
default, in English and Arabic (right to left).

It stands for the biggest pack a clinic may write, for the tests (the
accessibility audit, the soak test, reaching every topic), the benchmark
and pictures of the screens. Questions vary in length as real ones do.
"""

from __future__ import annotations

from pathlib import Path

SECTION_TITLES = (
    ("about-tms", "About TMS", "عن التحفيز المغناطيسي"),
    ("safety", "Safety and side effects", "السلامة والآثار الجانبية"),
    ("brain", "How the brain recovers", "كيف يتعافى الدماغ"),
    ("before", "Before your treatment", "قبل العلاج"),
    ("during", "During a session", "أثناء الجلسة"),
    ("after", "After a session", "بعد الجلسة"),
    ("exercise", "Exercise and therapy", "التمارين والعلاج"),
    ("speech", "Speech and language", "الكلام واللغة"),
    ("home", "Daily living at home", "الحياة اليومية في المنزل"),
    ("medicines", "Medicines", "الأدوية"),
    ("family", "Family and carers", "العائلة ومقدمو الرعاية"),
    ("visits", "Appointments and travel", "المواعيد والتنقل"),
)
# (English, Arabic); {n} is the topic's number.
QUESTIONS = (
    ("Question {n}: is it safe?", "السؤال {n}: هل هو آمن؟"),
    (
        "Question {n}: how long does it take before I notice a change in my arm or hand?",
        "السؤال {n}: كم من الوقت يلزم قبل أن ألاحظ تغيرا في ذراعي أو يدي؟",
    ),
    (
        "Question {n}: what should I bring with me?",
        "السؤال {n}: ماذا يجب أن أحضر معي؟",
    ),
    (
        "Question {n}: can my family stay with me, and may they ask the staff questions too?",
        "السؤال {n}: هل يمكن لعائلتي البقاء معي، وهل يمكنهم طرح الأسئلة على الموظفين أيضا؟",
    ),
)
ANSWER_EN = (
    "Most people feel well after a session.\n\n"
    "Common side effects:\n- Headache\n- Scalp discomfort\n\nAsk our staff if you are unsure.\n"
)
ANSWER_AR = (
    "يشعر معظم الناس بحالة جيدة بعد الجلسة.\n\n"
    "الآثار الجانبية الشائعة:\n- صداع\n- انزعاج في فروة الرأس\n\n"
    "اسأل موظفينا إن كان لديك سؤال.\n"
)


def _block(text: str) -> str:
    return "".join(f"  {line}\n" if line else "\n" for line in text.splitlines())


def section_of(n: int, topics: int, sections: int) -> int:
    """The section (0-based) of topic ``n``: consecutive runs, as even as they go."""
    return n * sections // topics


def topic_id(n: int) -> str:
    return f"topic-{n:03d}"


def write_sectioned_pack(
    folder: Path, topics: int = 500, sections: int = 12, *, arabic: bool = True
) -> Path:
    """Writes the pack into ``folder`` (created) and returns it."""
    if not 1 <= sections <= len(SECTION_TITLES) or topics < sections:
        raise ValueError(f"1 to {len(SECTION_TITLES)} sections, and a topic for each")
    used = SECTION_TITLES[:sections]
    (folder / "topics").mkdir(parents=True)
    languages = "[en, ar]" if arabic else "[en]"
    listed = "".join(f"  {sid}: {title}\n" for sid, title, _ in used)
    (folder / "kiosk.yaml").write_text(
        f"schema: 1\ntitle: Stroke recovery and TMS\nlanguages: {languages}\n"
        "welcome: Tap a subject, then a question.\n"
        "footer: General information only. Please ask our staff.\n"
        f"sections:\n{listed}",
        encoding="utf-8",
    )
    if arabic:
        titles = "".join(f"  {sid}: {title}\n" for sid, _, title in used)
        (folder / "kiosk.ar.yaml").write_text(
            "title: التعافي من السكتة الدماغية والتحفيز المغناطيسي\n"
            "welcome: المس موضوعا، ثم سؤالا.\n"
            "footer: معلومات عامة فقط. يرجى سؤال موظفينا.\n"
            f"sections:\n{titles}",
            encoding="utf-8",
        )
    for n in range(topics):
        english, arabic_question = QUESTIONS[n % len(QUESTIONS)]
        section = used[section_of(n, topics, sections)][0]
        (folder / "topics" / f"{topic_id(n)}.yaml").write_text(
            f'question: "{english.format(n=n + 1)}"\norder: {n}\nsection: {section}\n'
            f"answer: |\n{_block(ANSWER_EN)}",
            encoding="utf-8",
        )
        if arabic:
            (folder / "topics" / f"{topic_id(n)}.ar.yaml").write_text(
                f'question: "{arabic_question.format(n=n + 1)}"\nanswer: |\n{_block(ANSWER_AR)}',
                encoding="utf-8",
            )
    return folder
