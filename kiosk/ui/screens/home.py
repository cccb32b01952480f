"""The home screen: the pack's title, its welcome line, one tile per topic,
or, for a pack in sections, one tile per section."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAccessible, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.content import Pack
from kiosk.ui.languages import section_language, texts_language, topic_language
from kiosk.ui.style import theme
from kiosk.ui.widgets.accessible import name_scroll_area, set_role
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.flow_row import FlowRow
from kiosk.ui.widgets.language_choice import LanguageChoice
from kiosk.ui.widgets.picture_tile import PicturePlacing, PictureTile
from kiosk.ui.widgets.scrolling import scrolling_page
from kiosk.ui.widgets.text import WrappedText
from kiosk.ui.widgets.tile_grid import TileGrid
from kiosk.ui.widgets.topic_tile import topic_tiles


class HomeScreen(QWidget):
    """The pack's title, its welcome line and a tile per topic; below them,
    for a pack in more than one language, the language control."""

    topic_chosen = Signal(str)  # topic id
    section_chosen = Signal(str)  # section id, for a pack in sections

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self._metrics: theme.Metrics | None = None
        self.title = WrappedText()
        set_role(self.title, QAccessible.Role.Heading)
        self.welcome = WrappedText()
        self.tiles: list[TouchButton] = []  # PictureTiles, or a pack's section tiles
        # For a pack in sections, each tile's section id and its topic count.
        self._sections: list[tuple[str, int]] = []

        self._grid = TileGrid()
        # The tiles' pictures all beside their questions, or all above.
        self._placing = PicturePlacing()
        # The title and welcome scroll with the tiles: at the largest text
        # size a long title alone could fill a small screen, and the tiles
        # must never be squeezed out of sight.
        self._page = QWidget()
        self._page_layout = QVBoxLayout(self._page)
        self._page_layout.addWidget(self.title)
        self._page_layout.addWidget(self.welcome)
        self._page_layout.addWidget(self._grid)
        self._page_layout.addStretch(1)
        self.scroll_area = scrolling_page(self._page, "Questions")

        # The language control stays in view below the scrolling tiles, where
        # the answer screen has its controls: within reach, found at once.
        self.languages = LanguageChoice("home", self)
        self.language_row = FlowRow()
        # Under the tiles, as wide as their columns.
        self._language_strip = QWidget()
        self._strip_layout = QHBoxLayout(self._language_strip)
        self._strip_layout.addWidget(self.language_row)
        self._language_strip.hide()

        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.scroll_area, 1)
        self._layout.addWidget(self._language_strip)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange and self._metrics is not None:
            self._apply_margins(self._metrics)  # they change sides

    def retranslate(self) -> None:
        """The screen's own words (not the pack's) in the language in use."""
        self.setAccessibleName(self.tr("Home screen"))
        tiles = self.tr("Section tiles") if self._sections else self.tr("Question tiles")
        self._grid.setAccessibleName(tiles)
        self._page.setAccessibleName(self.tr("Home page"))
        questions = self.tr("Questions")
        self.scroll_area.setAccessibleName(questions)
        name_scroll_area(self.scroll_area, questions, self.tr("Questions: scroll bar"))
        self._describe_tiles()
        languages = self.tr("Languages")
        self.language_row.setAccessibleName(languages)
        self._language_strip.setAccessibleName(languages)

    def _describe_tiles(self) -> None:
        """What a tile does, as a screen reader says it after its name; a
        section's tile says how many questions it holds."""
        if self._sections:
            for tile, (_, count) in zip(self.tiles, self._sections, strict=True):
                text = self.tr("%n questions", "", count)
                if count == 1 and text == "1 questions":
                    # Untranslated, that is English, which Qt has no plural rules for.
                    text = "1 question"
                tile.setAccessibleDescription(text)
            return
        opens = self.tr("Opens the answer")
        for tile in self.tiles:
            tile.setAccessibleDescription(opens)

    def set_languages(self, languages: tuple[str, ...], current: str) -> None:
        """The pack's languages, the visit's marked; no control for one language."""
        if not self.languages.set_languages(languages, current):
            return  # the same buttons, the visit's marked
        self.language_row.set_items(self.languages.widgets())
        self._language_strip.setVisible(len(languages) > 1)
        if self._metrics is not None:
            self._apply_margins(self._metrics)  # room below the buttons, or none

    def show_language(self, view: Pack) -> None:
        """The same tiles with the texts of ``view``, the pack in the visit's
        language: each tile in the language of its own topic."""
        if self._sections:
            for tile, section in zip(self.tiles, view.sections, strict=True):
                tile.set_text_in(section.title, section_language(view, section.id))
        else:
            for tile, topic in zip(self.tiles, view.topics, strict=True):
                tile.set_text_in(topic.question, topic_language(view, topic))
        self.title.set_language(texts_language(view, "title"))
        self.welcome.set_language(texts_language(view, "welcome"))
        self.title.setText(view.title)
        self.welcome.setText(view.welcome or "")
        self.welcome.setVisible(bool(view.welcome))
        self._grid.relayout()

    def set_pack(self, pack: Pack) -> None:
        # New tiles first, old ones removed after: should building fail, the
        # screen still shows the whole previous pack.
        tiles: list[TouchButton]
        question_tiles: list[PictureTile] = []
        if pack.sections:
            tiles = [
                self._section_tile(pack, section.id, section.title) for section in pack.sections
            ]
        else:
            opens = self.tr("Opens the answer")
            emit = self.topic_chosen.emit
            question_tiles = topic_tiles(
                pack, pack.topics, self._grid, opens, emit, placing=self._placing
            )
            tiles = list(question_tiles)
        old_tiles = self.tiles
        self.tiles = tiles
        self._placing.set_tiles(question_tiles)
        self._sections = [(s.id, len(pack.section_topics(s.id))) for s in pack.sections]
        self.retranslate()
        self._grid.set_tiles(tiles)
        self._hand_on_focus(old_tiles)
        for tile in old_tiles:
            tile.hide()
            tile.deleteLater()
        self.title.set_language(texts_language(pack, "title"))
        self.welcome.set_language(texts_language(pack, "welcome"))
        self.title.setText(pack.title)
        self.welcome.setText(pack.welcome or "")
        self.welcome.setVisible(bool(pack.welcome))
        if self._metrics is not None:
            self.apply_theme(self._palette, self._metrics)

    def _section_tile(self, pack: Pack, section_id: str, title: str) -> TouchButton:
        tile = TouchButton(title, self._grid)
        tile.setObjectName(f"section-{section_id}")
        tile.set_language(section_language(pack, section_id))
        tile.clicked.connect(lambda _=False: self.section_chosen.emit(section_id))
        return tile

    def section_tile(self, section_id: str) -> TouchButton | None:
        """The tile of section ``section_id``, if the home screen shows one."""
        name = f"section-{section_id}"
        return next((tile for tile in self.tiles if tile.objectName() == name), None)

    def _hand_on_focus(self, old_tiles: list[TouchButton]) -> None:
        """Moves focus from an old tile to the new one for the same topic (else
        the first), with a focus ring only if the old one showed it. Left to
        Qt, focus would move on as the old tile hides, as if Tab had been
        pressed, and the new tile would show a ring nobody asked for."""
        focused = self.window().focusWidget()
        if not isinstance(focused, TouchButton) or focused not in old_tiles or not self.tiles:
            return
        same = (tile for tile in self.tiles if tile.objectName() == focused.objectName())
        next(same, self.tiles[0]).take_focus(ring=focused.shows_focus_ring())

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        self._metrics = metrics
        self._apply_margins(metrics)
        self.languages.apply_theme(palette, metrics)
        self.language_row.set_spacing(metrics.gap)
        self.title.set_style(theme.font(metrics.title_px, bold=True), palette.text, 1.15)
        self.welcome.set_style(theme.font(metrics.welcome_px), palette.text)
        style = theme.tile_style(palette, metrics)
        for tile in self.tiles:
            tile.set_style(style)
        self._grid.configure(
            min_tile_width=metrics.tile_min_width,
            min_tile_height=round(metrics.min_target * 1.6),
            gap=metrics.gap,
            margins=(0, metrics.gap // 2, 0, 0),
        )

    def _apply_margins(self, metrics: theme.Metrics) -> None:
        # The scroll indicator sits in the right margin (the left one, on a
        # right-to-left screen), so tiles keep equal margins on both sides
        # whether or not it shows. Qt does not mirror a layout's margins.
        indicator = metrics.scrollbar_width + metrics.gap // 2
        near, far = metrics.margin, max(0, metrics.margin - indicator)
        margin = metrics.margin
        # Below the language control, the least gap a target needs.
        bottom = metrics.target_gap if self._language_strip.isVisibleTo(self) else 0
        self._layout.setSpacing(metrics.target_gap)
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            self._layout.setContentsMargins(far, 0, near, bottom)
            self._page_layout.setContentsMargins(indicator, margin, 0, margin)
            self._strip_layout.setContentsMargins(indicator, 0, 0, 0)
        else:
            self._layout.setContentsMargins(near, 0, far, bottom)
            self._page_layout.setContentsMargins(0, margin, indicator, margin)
            self._strip_layout.setContentsMargins(0, 0, indicator, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A tile must fit the screen whole: fewer columns rather than one
        # taller than the scrolling area.
        self._grid.set_max_tile_height(self.scroll_area.viewport().height())

    def reset(self) -> None:
        """Forget the visit: back to the first row of tiles."""
        self.scroll_area.verticalScrollBar().setValue(0)
