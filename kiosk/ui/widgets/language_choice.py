"""The language control: each of a pack's languages by its own name, or one
"Language" button that opens the chooser."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QButtonGroup, QWidget

from kiosk.paths import resource
from kiosk.ui.languages import native_names
from kiosk.ui.style import theme
from kiosk.ui.widgets.button import TouchButton

# Up to this many languages stand side by side as buttons; with more, one
# "Language" button opens the chooser screen.
MOST_SHOWN = 3


class LanguageChoice(QObject):
    """The buttons of the language control, for a screen to place.

    With two or three languages there is a button for each, named in that
    language and its script (never a flag: a flag is a country, not a
    language), the visit's language marked as chosen: for a screen reader,
    radio buttons, each read in its own language. With more, or where a
    screen asks for it (:meth:`set_collapsed`), one "Language" button opens
    the chooser. With one language, none.
    """

    language_chosen = Signal(str)
    chooser_requested = Signal()

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._name = name
        self._owner = parent
        self._languages: tuple[str, ...] = ()
        self._current = ""
        self._collapsed = False
        self._style: tuple[theme.Palette, theme.Metrics] | None = None
        self.buttons: dict[str, TouchButton] = {}
        # A group of their own: the text size buttons beside them are another choice.
        self._group = QButtonGroup(self)
        self.chooser_button = TouchButton("")
        self.chooser_button.setObjectName(f"{name}LanguageChooser")
        # A globe as well as the word: a patient who cannot read the language
        # on screen must still find the way to their own.
        self.chooser_button.set_icon_file(str(resource("icons", "language.svg")))
        self.chooser_button.clicked.connect(self.chooser_requested)
        self.chooser_button.hide()
        self._retranslate()
        parent.installEventFilter(self)  # its language changes, for the chooser's label

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._owner and event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        return False

    def _retranslate(self) -> None:
        label = self.tr("Language")
        self.chooser_button.set_label(label)
        self.chooser_button.setAccessibleDescription(self.tr("Choose the language of the kiosk"))

    def widgets(self) -> list[TouchButton]:
        """Every button, for the screen to place; only those that apply show."""
        return [*self.buttons.values(), self.chooser_button]

    def set_languages(self, languages: Sequence[str], current: str) -> bool:
        """The pack's languages and the visit's; True if the buttons changed."""
        languages = tuple(languages)
        rebuilt = languages != self._languages
        if rebuilt:
            self._languages = languages
            self._build()
        self.show_current(current)
        return rebuilt

    def _build(self) -> None:
        for button in self.buttons.values():
            self._group.removeButton(button)
            button.hide()
            button.deleteLater()
        self.buttons = {}
        if len(self._languages) < 2 or len(self._languages) > MOST_SHOWN:
            self._show_which()
            return
        for tag, name in native_names(self._languages).items():
            button = TouchButton(name)
            button.setObjectName(f"{self._name}Language-{tag}")
            # Read by a screen reader in its own language; a language's name
            # is looked for whole, never hyphenated.
            button.set_language(tag, hyphenation=False)
            button.make_choice(exclusive=True)
            self._group.addButton(button)
            button.chosen.connect(lambda tag=tag: self._choose(tag))
            self.buttons[tag] = button
        if self._style is not None:
            self.apply_theme(*self._style)
        self._show_which()

    def _choose(self, tag: str) -> None:
        self.language_chosen.emit(tag)
        self.show_current(self._current)  # what the owner decided

    def show_current(self, language: str) -> None:
        """Marks ``language`` as the visit's."""
        self._current = language
        button = self.buttons.get(language)
        if button is not None:
            button.show_checked(True)

    def set_collapsed(self, collapsed: bool) -> None:
        """One "Language" button instead of one per language (a screen short of room)."""
        self._collapsed = collapsed
        self._show_which()

    @property
    def collapsed(self) -> bool:
        return self._collapsed

    @property
    def uses_chooser(self) -> bool:
        """True while the "Language" button stands for the languages."""
        many = len(self._languages) > MOST_SHOWN
        return len(self._languages) > 1 and (many or self._collapsed)

    def _show_which(self) -> None:
        chooser = self.uses_chooser
        for button in self.buttons.values():
            button.setHidden(chooser)
        self.chooser_button.setHidden(not chooser)

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._style = (palette, metrics)
        style = theme.toggle_style(palette, metrics)
        for button in self.buttons.values():
            button.set_style(style)
        self.chooser_button.set_style(style)
