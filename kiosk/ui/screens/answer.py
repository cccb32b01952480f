"""The answer screen: the topic's picture, the question and the answer in
large print, its take-home code, and the visit's controls (Home, and Back
for an answer opened from a section)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QEvent, QLocale, Qt, Signal, SignalInstance
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.content import BulletList, Topic
from kiosk.i18n.words import words_language
from kiosk.paths import resource
from kiosk.ui.languages import language_name_in
from kiosk.ui.screens.answer_document import line_height
from kiosk.ui.screens.answer_layout import (
    Arrangement,
    arabic_script,
    choose_arrangement,
    first_view_height,
    line_height_em,
)
from kiosk.ui.screens.answer_picture import (
    LEAST_TEXT_EM,
    AnswerPicture,
    PicturePlace,
    place_picture,
)
from kiosk.ui.screens.answer_view import AnswerView
from kiosk.ui.screens.take_home import TakeHome, beside_fits, widest_column
from kiosk.ui.style import theme
from kiosk.ui.style.text_size import TextSize
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.flow_row import FlowRow
from kiosk.ui.widgets.language_choice import LanguageChoice
from kiosk.ui.widgets.navigation import home_and_back
from kiosk.ui.widgets.text import WrappedText


class AnswerScreen(QWidget):
    """The answer, and the visit's controls: Home, text size, contrast, Listen.

    The controls sit at the bottom, within reach from a wheelchair and of
    either hand, and wrap onto a second line on a narrow panel; on a panel
    too short to show enough of the answer above them, they stand in a
    column at its right (see :mod:`kiosk.ui.screens.answer_layout`). They
    only ask; the window decides (and resets them for the next patient).
    """

    home_requested = Signal()
    # Back to the section the answer was opened from (shown only then).
    back_requested = Signal()
    text_size_requested = Signal(object)  # a TextSize
    high_contrast_requested = Signal(bool)
    listen_requested = Signal(bool)  # True: start reading aloud, False: stop

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self._metrics: theme.Metrics | None = None
        self.topic: Topic | None = None
        self.language = "en"  # the visit's
        self._footer_language: str | None = None
        # The visit's choices as the window last showed them.
        self._text_size = TextSize.NORMAL
        self._high_contrast = False
        self.view = AnswerView()
        self.footer = WrappedText()

        self.home_button, self.back_button = self._navigation_buttons()
        self.text_size_buttons = {size: self._text_size_button(size) for size in TextSize}

        self.contrast_button = TouchButton("")
        self.contrast_button.setObjectName("contrast")
        self.contrast_button.make_choice()
        self.contrast_button.set_icon_file(str(resource("icons", "contrast.svg")))
        self.contrast_button.chosen.connect(
            lambda: self._request(self.high_contrast_requested, not self._high_contrast)
        )

        self.listen_button = TouchButton("")
        self.listen_button.setObjectName("listen")
        self.listen_button.make_choice()
        self.listen_button.chosen.connect(
            lambda: self._request(self.listen_requested, not self._speaking)
        )
        self._speaking: bool | None = None
        self.set_speaking(False)
        self.show_choices(self._text_size, self._high_contrast)
        self.listen_button.hide()  # until the window has a working voice

        self.languages = self._language_choice()
        self.controls = FlowRow()
        self._place_controls()
        # The take-home code: beside the answer, or below it (take_home.py).
        self.take_home = TakeHome()
        self._clinic_link: str | None = None
        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._body.addLayout(self._picture_and_view(), 1)
        self._body.addWidget(self.take_home)
        self._column = QVBoxLayout()
        self._column.addLayout(self._body, 1)
        self._column.addWidget(self.footer)
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.addLayout(self._column, 1)
        self._layout.addWidget(self.controls)
        self.arrangement = Arrangement()
        self._arranged_for = 0.0  # the first view's height it was arranged for
        self._controls_changed = False  # Back came or went since it was arranged
        self._batched = 0  # inside changes(): how deep
        self._arrange_wanted: tuple[bool, bool] | None = None  # (restyled, keep) asked there
        self.retranslate()

    def _navigation_buttons(self) -> tuple[TouchButton, TouchButton]:
        """Home, and Back, shown on an answer opened from a section."""
        home, back = home_and_back(
            home_name="home",
            back_name="answerBack",
            home=self.home_requested,
            back=self.back_requested,
        )
        back.hide()  # until an answer is opened from a section
        return home, back

    def _picture_and_view(self) -> QBoxLayout:
        """The topic's picture, above the question or beside it (answer_picture), and the view."""
        self._picture = AnswerPicture(self.view)
        self.picture = self._picture.box
        self._available: float | None = None  # the answer column's height, as last arranged
        return self._picture.layout

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            # The note above an answer is in the kiosk's words too: the words
            # change on a language tap, which shows the answer again, note and
            # all, right after this (window._show_language).
            self.retranslate()
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange and self._metrics is not None:
            # The margins change sides; the arrangement stays as it is.
            outer, _ = self._spacing(self.arrangement, self._metrics)
            self._layout.setContentsMargins(*outer)

    def retranslate(self) -> None:
        """The screen's own words (not the answer's) in the language in use;
        the controls are placed again for their new widths."""
        self.setAccessibleName(self.tr("Answer screen"))
        self.home_button.set_label(self.tr("Home"))
        self.home_button.setAccessibleDescription(self.tr("Back to all questions"))
        self.back_button.set_label(self.tr("Back"))
        self.back_button.setAccessibleDescription(self.tr("Back to the questions of this section"))
        for size, button in self.text_size_buttons.items():
            button.setAccessibleName(self._text_size_name(size))
            button.setAccessibleDescription(self.tr("Changes the size of the writing"))
        self.contrast_button.set_label(self.tr("Contrast"), self.tr("High contrast"))
        self.contrast_button.setAccessibleDescription(self.tr("White writing on black, or back"))
        self._label_listen_button()
        self.controls.setAccessibleName(self.tr("Controls"))
        if self.topic is not None:
            self._name_answer(self.topic)
        if self._metrics is None:
            self.controls.relayout()
        # The controls are laid out again for their new widths; the language
        # control keeps its form, so the button just tapped stays in place.
        self._arrange(keep_language_control=True)

    def _text_size_name(self, size: TextSize) -> str:
        # The visible label first (WCAG 2.5.3), so "press A plus" works.
        if size is TextSize.LARGEST:
            return self.tr("A++, largest text")
        if size is TextSize.LARGER:
            return self.tr("A+, larger text")
        return self.tr("A, normal text")

    def _name_answer(self, topic: Topic) -> None:
        self.view.setAccessibleName(self.tr("Answer: %1").replace("%1", topic.question))

    def _text_size_button(self, size: TextSize) -> TouchButton:
        button = TouchButton(size.label)
        button.setObjectName(f"textSize{size.name.title()}")  # named in retranslate
        button.make_choice(exclusive=True)
        button.chosen.connect(lambda s=size: self._request(self.text_size_requested, s))
        return button

    def _language_choice(self) -> LanguageChoice:
        # Its buttons ask the window directly (language_chosen, chooser_requested).
        return LanguageChoice("answer", self)

    def _place_controls(self) -> None:
        self.controls.set_items(
            [
                self.home_button,
                self.back_button,
                *self.text_size_buttons.values(),
                self.contrast_button,
                self.listen_button,
                *self.languages.widgets(),
            ]
        )
        self.controls.keep_together(list(self.languages.buttons.values()))

    def set_footer(self, text: str | None, language: str | None = None) -> None:
        """The clinic's footer line, written in ``language``."""
        if (text or "", language) == (self.footer.text(), self._footer_language):
            return
        width = self.footer.width()
        before = (bool(self.footer.text()), self.footer.heightForWidth(width))
        self._footer_language = language
        self.footer.set_language(language)
        self.footer.setText(text or "")
        if (bool(text), self.footer.heightForWidth(width)) != before or self._metrics is None:
            self._arrange()
        else:  # as tall as before: the same arrangement, with the new words
            in_answer = self.arrangement.footer_in_answer
            self.view.set_footer(text if in_answer else None, language)

    def set_languages(self, languages: tuple[str, ...], current: str) -> None:
        """The pack's languages and the visit's: the language control shows
        for two or more, and an answer not in the visit's language says so."""
        self.language = current
        if self.languages.set_languages(languages, current):
            self._place_controls()
            self._arrange()

    def _note(self, topic: Topic) -> tuple[str, str] | None:
        """(text, language) of the note for an answer not in the visit's
        language: that it is only in the one it is written in."""
        if topic.language == self.language:
            return None
        source = "This answer is only in %1."
        translated = self.tr("This answer is only in %1.")
        # The sentence and the language's name in it in the same language:
        # that of the kiosk's words where the sentence is translated.
        language = words_language() if translated != source else "en"
        return translated.replace("%1", language_name_in(topic.language, language)), language

    def set_clinic_link(self, link: str | None) -> None:
        """The clinic's page (the pack's link), offered on answers without their own."""
        self._clinic_link = link
        if self.topic is not None and self._show_take_home(self.topic):
            self._arrange(keep_language_control=True)

    def _show_take_home(self, topic: Topic) -> bool:
        """The take-home code for ``topic``; True if the screen needs arranging again."""
        if self._metrics is None:
            return False
        return self.take_home.show_links(topic.link, self._clinic_link, self._metrics.px_per_mm)

    def show_topic(self, topic: Topic, *, keep_language_control: bool = False) -> None:
        """Shows ``topic``'s answer; ``keep_language_control`` on a language
        tap, where the control the patient just used must not change form."""
        self.topic = topic
        self._name_answer(topic)
        self.view.setLocale(QLocale(topic.language))
        self.view.set_note(self._note(topic))
        self.view.clear_spoken_word()
        self._picture.show(topic.image)
        if self._metrics is not None:
            # An answer in another script may need more room in view (taller
            # lines), a take-home code may come or go or change size, and
            # Back may come or go: the screen is arranged again only then.
            resized = self._show_take_home(topic) or self._controls_changed
            needed = self._first_view_height(self._metrics)
            if resized or needed != self._arranged_for:
                # The answer is written just below: not by the arrangement too.
                self._arrange(
                    keep_language_control=keep_language_control, needed=needed, write=False
                )
            else:
                self._place_picture(self._metrics, self._arranged_for)
            self.view.show_topic(topic, self._palette, self._metrics)
        # Keys go to the answer first, so a second Space scrolls the text
        # instead of pressing Home.
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_choices(self, text_size: TextSize, high_contrast: bool) -> None:
        """Marks the visit's current text size and contrast as chosen."""
        self._text_size, self._high_contrast = text_size, high_contrast
        self.text_size_buttons[text_size].show_checked(True)
        self.contrast_button.show_checked(high_contrast)

    def _request(self, signal: SignalInstance, value: object) -> None:
        """Asks the window for ``value``, then shows what the window decided:
        a tap, a key or a screen reader's toggle must never leave a control
        showing a state the visit is not in."""
        signal.emit(value)
        self.show_choices(self._text_size, self._high_contrast)
        self.listen_button.show_checked(bool(self._speaking))

    def set_listen_available(self, available: bool) -> None:
        if self.listen_button.isHidden() != available:
            return  # as it is: no new arrangement
        self.listen_button.setVisible(available)
        self.controls.relayout()
        self._arrange()

    def set_speaking(self, speaking: bool) -> None:
        # Every screen change says "not speaking": only a change of state
        # relabels and restyles the button.
        if speaking == self._speaking:
            return
        self._speaking = speaking
        button = self.listen_button
        button.show_checked(speaking)
        self._label_listen_button()
        button.set_icon_file(str(resource("icons", "stop.svg" if speaking else "listen.svg")))
        if self._metrics is not None:
            self._style_listen_button(self._metrics)
        if not speaking:
            self.view.clear_spoken_word()

    def _label_listen_button(self) -> None:
        button = self.listen_button
        if self._speaking:
            button.set_label(self.tr("Stop"), self.tr("Stop reading aloud"))
            button.setAccessibleDescription(self.tr("Stops the voice"))
        else:
            button.set_label(self.tr("Listen"))
            button.setAccessibleDescription(self.tr("Reads the question and answer aloud"))

    def spoken_text(self) -> str:
        """What Listen reads: the question and the answer, as on screen."""
        return self.view.spoken_text()

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        self._metrics = metrics
        self.home_button.set_style(theme.primary_style(palette, metrics))
        self.back_button.set_style(theme.primary_style(palette, metrics))
        # The three A's grow like the text they choose.
        for size, button in self.text_size_buttons.items():
            button.set_style(theme.toggle_style(palette, metrics, size=0.75 + size.value / 4))
        self.contrast_button.set_style(theme.toggle_style(palette, metrics))
        self._style_listen_button(metrics)
        self.languages.apply_theme(palette, metrics)
        self.footer.set_style(theme.font(metrics.footer_px), palette.muted_text)
        self.picture.set_plate_style(radius=metrics.radius / 2)
        self.take_home.apply_theme(palette, metrics)
        if self.topic is not None:
            self._show_take_home(self.topic)
        self._arrange(restyled=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    @contextlib.contextmanager
    def changes(self) -> Iterator[None]:
        """Several changes at once (a language tap: new words, footer and
        answer), the screen arranged once, after the last."""
        self._batched += 1
        try:
            yield
        finally:
            self._batched -= 1
            wanted, self._arrange_wanted = self._arrange_wanted, None
            if not self._batched and wanted is not None:
                self._arrange(restyled=wanted[0], keep_language_control=wanted[1])

    def _arrange(
        self,
        *,
        restyled: bool = False,
        keep_language_control: bool = False,
        needed: float | None = None,
        write: bool = True,
    ) -> None:
        """Places footer and controls so that the answer shows enough of itself,
        and shows the answer again if its text or its footer changed (unless
        not ``write``: the caller writes it). With ``keep_language_control``
        (new words, as on a language tap) the language buttons, or the one
        Language button, stay as they are. ``needed``: the first view's height,
        where the caller measured it already."""
        metrics = self._metrics
        if metrics is None:
            return
        if self._batched:  # once, when the changes are done
            before = self._arrange_wanted or (False, True)
            self._arrange_wanted = (before[0] or restyled, before[1] and keep_language_control)
            return
        self._controls_changed = False
        footer = self.footer.text() or None
        kept = self.arrangement.languages_in_chooser if keep_language_control else None
        if needed is None:
            needed = self._first_view_height(metrics)
        self._arranged_for = needed
        take_home = self.take_home.isVisibleTo(self)
        heights: dict[Arrangement, float | None] = {}

        def answer_height(candidate: Arrangement) -> float | None:
            heights[candidate] = self._answer_height(
                candidate, metrics, footer, language_row_allowed=kept is not None
            )
            return heights[candidate]

        # The take-home code beside the answer where it leaves a comfortable
        # measure; below it unless that costs the answer its first view.
        for code_beside in dict.fromkeys((self._take_home_beside(metrics), True)):
            self.take_home.place(beside=code_beside)
            heights.clear()
            arrangement = choose_arrangement(answer_height, needed, languages_in_chooser=kept)
            height = self._answer_height(arrangement, metrics, footer, language_row_allowed=True)
            if not take_home or (height is not None and height >= needed):
                break
        self._available = heights.get(arrangement)
        self._body.setDirection(
            QBoxLayout.Direction.LeftToRight if code_beside else QBoxLayout.Direction.TopToBottom
        )
        if take_home and code_beside and height is not None:
            self.take_home.fit_column(int(height), self._take_home_widest(arrangement, metrics))
        moved_footer = arrangement.footer_in_answer != self.arrangement.footer_in_answer
        self.arrangement = arrangement
        self.languages.set_collapsed(arrangement.languages_in_chooser)
        outer, spacing = self._spacing(arrangement, metrics)
        self._layout.setContentsMargins(*outer)
        self._layout.setSpacing(spacing)
        self._column.setSpacing(spacing)
        self.controls.set_spacing(spacing)
        beside = arrangement.controls_beside
        self._layout.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )
        self.controls.set_one_per_line(beside)
        self._layout.setAlignment(
            self.controls, Qt.AlignmentFlag.AlignBottom if beside else Qt.AlignmentFlag(0)
        )
        self._body.setSpacing(spacing)
        self.footer.setVisible(footer is not None and not arrangement.footer_in_answer)
        self.view.set_footer(
            footer if arrangement.footer_in_answer else None, self._footer_language
        )
        self.controls.relayout()
        self._place_picture(metrics, needed)
        # Placed now, not at the next event: what is on screen matches the
        # arrangement before anything is drawn or measured.
        self._layout.activate()
        if write and self.topic is not None and (restyled or moved_footer):
            self.view.show_topic(self.topic, self._palette, metrics, keep_position=True)

    def _place_picture(self, metrics: theme.Metrics, needed: float) -> None:
        """The picture above the question where the first view leaves it room, else beside."""
        outer, spacing = self._spacing(self.arrangement, metrics)
        place = PicturePlace(0)
        if self.topic is not None and self.topic.image is not None:
            width = self.width() - outer[0] - outer[2]
            if self.arrangement.controls_beside:
                width -= self.controls.widest_item() + spacing
            if self.take_home.isVisibleTo(self) and self.take_home.beside:
                width -= self.take_home.maximumWidth() + spacing
            place = place_picture(
                metrics,
                available=self._available,
                needed=needed,
                width=width,
                spacing=spacing,
                least_text_width=LEAST_TEXT_EM * metrics.body_px,
            )
        self._picture.arrange(place, spacing)

    def _take_home_beside(self, metrics: theme.Metrics) -> bool:
        """Whether the take-home code goes beside the answer (at the usual margins)."""
        (left, _, right, _), spacing = self._spacing(Arrangement(), metrics)
        width = self.width() - left - right
        return beside_fits(width, self.take_home, metrics.body_px, spacing)

    def _take_home_widest(self, arrangement: Arrangement, metrics: theme.Metrics) -> int:
        """The widest the take-home column may grow beside the answer in ``arrangement``."""
        (left, _, right, _), spacing = self._spacing(arrangement, metrics)
        width = self.width() - left - right
        if arrangement.controls_beside:
            width -= self.controls.widest_item() + spacing
        return widest_column(width, metrics.body_px, spacing)

    def _first_view_height(self, metrics: theme.Metrics) -> float:
        """What the open answer needs in view, its question and first lines
        measured as its script sets them."""
        topic = self.topic
        if topic is None:
            return first_view_height(metrics)
        first = topic.answer[0] if topic.answer else None
        sample = first.items[0] if isinstance(first, BulletList) else first.text if first else ""
        if arabic_script(topic.language):  # set at a fixed distance
            return first_view_height(
                metrics,
                heading_line_px=metrics.heading_px * line_height_em(topic.language, heading=True),
                body_line_px=metrics.body_px * line_height_em(topic.language),
            )
        return first_view_height(
            metrics,
            heading_line_px=line_height(topic.question, theme.font(metrics.heading_px, bold=True)),
            body_line_px=line_height(sample, theme.font(metrics.body_px)),
        )

    def _spacing(
        self, arrangement: Arrangement, metrics: theme.Metrics
    ) -> tuple[tuple[int, int, int, int], int]:
        """(left, top, right, bottom) margins and the spacing between parts."""
        if arrangement.tight:
            gap = metrics.target_gap
            return (gap, gap, gap, gap), gap
        margin = metrics.margin
        # The narrow side by the scroll bar: on the left, right to left.
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            return (margin // 2, margin, margin, margin // 2), metrics.gap
        return (margin, margin, margin // 2, margin // 2), metrics.gap

    def _answer_height(
        self,
        arrangement: Arrangement,
        metrics: theme.Metrics,
        footer: str | None,
        *,
        language_row_allowed: bool = False,
    ) -> float | None:
        """The answer's height in ``arrangement`` at the screen's size now; None
        if the controls cannot stand beside it here."""
        (left, top, right, bottom), spacing = self._spacing(arrangement, metrics)
        height = self.height() - top - bottom
        controls = self.controls
        self.languages.set_collapsed(arrangement.languages_in_chooser)
        if arrangement.controls_beside:
            column = controls.widest_item()
            landscape = self.width() >= self.height()
            fits = controls.height_for(column, spacing=spacing, one_per_line=True) <= height
            # A take-home row below the answer does not go with a column
            # of controls: the code goes beside the answer then.
            below = self.take_home.isVisibleTo(self) and not self.take_home.beside
            return height if landscape and fits and not below else None
        width = self.width() - left - right
        controls_height = controls.height_for(width, spacing=spacing, one_per_line=False)
        if (
            not arrangement.languages_in_chooser
            and self.languages.buttons
            and not language_row_allowed
        ):
            # The language buttons may fill a row the other controls leave
            # part free, not add one: that costs every answer its room.
            rows = controls.rows_for(width, spacing=spacing)
            self.languages.set_collapsed(True)
            collapsed = controls.rows_for(width, spacing=spacing)
            self.languages.set_collapsed(False)
            if rows > collapsed:
                return None
        height -= controls_height + spacing
        if footer is not None and not arrangement.footer_in_answer:
            height -= self.footer.heightForWidth(width) + spacing
        if self.take_home.isVisibleTo(self) and not self.take_home.beside:
            height -= self.take_home.height_below(width) + spacing
        return height

    def _style_listen_button(self, metrics: theme.Metrics) -> None:
        self.listen_button.set_style(theme.toggle_style(self._palette, metrics))

    def set_back_shown(self, shown: bool) -> None:
        """Back shows beside Home on an answer opened from a section. One
        more control: on a small panel the language buttons may have to give
        way to one Language button, when the next answer is shown."""
        if shown == self.back_button.isHidden():
            self.back_button.setVisible(shown)
            self._controls_changed = True

    def reset(self) -> None:
        self.view.verticalScrollBar().setValue(0)
