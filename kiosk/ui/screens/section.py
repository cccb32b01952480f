"""A section's screen: its title, its topics as tiles, Home and Back."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAccessible, QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.content import Pack, Topic
from kiosk.ui.languages import section_language, topic_language
from kiosk.ui.style import theme
from kiosk.ui.widgets.accessible import name_scroll_area, set_role
from kiosk.ui.widgets.flow_row import FlowRow
from kiosk.ui.widgets.navigation import home_and_back
from kiosk.ui.widgets.picture_tile import PicturePlacing, PictureTile
from kiosk.ui.widgets.scrolling import scrolling_page
from kiosk.ui.widgets.text import WrappedText
from kiosk.ui.widgets.tile_grid import TileGrid
from kiosk.ui.widgets.topic_tile import topic_tiles


class SectionScreen(QWidget):
    """The open section's title as the heading, a tile per topic of it
    (scrolled by dragging), and at the bottom, as on an answer, Home and
    Back (both to the home screen's sections).

    The tiles are built when a section opens, for that section alone: a
    pack of 500 topics never builds 500 tiles at once. They are kept, hidden,
    while the patient visits other sections of the same pack, in the same
    language and look: going back to a section shows them again at once.
    """

    topic_chosen = Signal(str)  # topic id
    back = Signal()
    home_requested = Signal()

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self._metrics: theme.Metrics | None = None
        self.section_id: str | None = None  # the open section
        self.heading = WrappedText()
        set_role(self.heading, QAccessible.Role.Heading)
        self.tiles: list[PictureTile] = []
        # Tiles built for other sections of ``_view``, hidden, by section id.
        self._kept: dict[str, list[PictureTile]] = {}
        self._view: Pack | None = None
        self._grid = TileGrid()
        # The pictures of the shown section's tiles all beside their questions, or all above.
        self._placing = PicturePlacing()
        self._page = QWidget()
        self._page_layout = QVBoxLayout(self._page)
        self._page_layout.addWidget(self.heading)
        self._page_layout.addWidget(self._grid)
        self._page_layout.addStretch(1)
        self.scroll_area = scrolling_page(self._page, "Questions")  # named in retranslate

        self.home_button, self.back_button = home_and_back(
            home_name="sectionHome",
            back_name="sectionBack",
            home=self.home_requested,
            back=self.back,
        )
        self.controls = FlowRow()
        self.controls.set_items([self.home_button, self.back_button])

        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.scroll_area, 1)
        self._layout.addWidget(self.controls)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange and self._metrics is not None:
            self._apply_margins(self._metrics)  # they change sides

    def retranslate(self) -> None:
        """The screen's own words (not the pack's) in the language in use."""
        self.setAccessibleName(self.tr("Section screen"))
        self._grid.setAccessibleName(self.tr("Question tiles"))
        self._page.setAccessibleName(self.tr("Section page"))
        questions = self.tr("Questions")
        self.scroll_area.setAccessibleName(questions)
        name_scroll_area(self.scroll_area, questions, self.tr("Questions: scroll bar"))
        self.controls.setAccessibleName(self.tr("Controls"))
        self.home_button.set_label(self.tr("Home"))
        self.home_button.setAccessibleDescription(self.tr("Back to all questions"))
        self.back_button.set_label(self.tr("Back"))
        self.back_button.setAccessibleDescription(self.tr("Back to the sections"))
        opens = self.tr("Opens the answer")
        for tile in [*self.tiles, *(t for kept in self._kept.values() for t in kept)]:
            tile.setAccessibleDescription(opens)

    def show_section(self, view: Pack, section_id: str) -> bool:
        """Shows section ``section_id`` of ``view`` (the pack in the visit's
        language) from its top; ``False``, showing nothing new, if it has no
        such section."""
        section = next((s for s in view.sections if s.id == section_id), None)
        topics = view.section_topics(section_id)
        if section is None or not topics:
            return False
        if view is not self._view:  # another pack, or language: no tile fits
            self._drop_kept()
        # The tiles shown now are kept for a return to their section, unless
        # they belong to another pack or language.
        shown_id = self.section_id
        keep_old = shown_id is not None and self._view is view
        if shown_id is not None and keep_old:
            self._kept[shown_id] = self.tiles
        self._view = view
        # New tiles first, old ones hidden after: should building fail, the
        # screen still shows the section it showed.
        tiles = self._kept.pop(section_id, None) or self._new_tiles(view, topics)
        old_tiles = self.tiles
        self.tiles = tiles
        self._placing.set_tiles(tiles)
        self._grid.set_tiles(tiles)
        # Tab goes through the tiles, then Home and Back (new tiles would
        # otherwise come last, after the buttons built with the screen).
        chain = [*tiles, self.home_button, self.back_button]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        if tiles is not old_tiles:  # else the same section again, its tiles still shown
            for tile in old_tiles:
                tile.hide()
                if not keep_old:
                    tile.deleteLater()
        self.section_id = section_id
        self._show_heading(view, section_id, section.title)
        self.scroll_area.verticalScrollBar().setValue(0)
        return True

    def _new_tiles(self, view: Pack, topics: tuple[Topic, ...]) -> list[PictureTile]:
        opens = self.tr("Opens the answer")
        emit = self.topic_chosen.emit
        tiles = topic_tiles(view, topics, self._grid, opens, emit, placing=self._placing)
        if self._metrics is not None:
            style = theme.tile_style(self._palette, self._metrics)
            for tile in tiles:
                tile.set_style(style)
        return tiles

    def _drop_kept(self) -> None:
        """Deletes the tiles kept for the other sections."""
        for tiles in self._kept.values():
            for tile in tiles:
                tile.deleteLater()
        self._kept = {}

    def show_language(self, view: Pack) -> bool:
        """The open section's texts in the language of ``view``, where the
        patient is; ``False`` if ``view`` has no such section (or none is open)."""
        section_id = self.section_id
        section = next((s for s in view.sections if s.id == section_id), None)
        if section_id is None or section is None:
            return False
        topics = view.section_topics(section_id)
        if [t.id for t in topics] != [
            tile.objectName().removeprefix("tile-") for tile in self.tiles
        ]:
            return self.show_section(view, section_id)  # another pack: its tiles anew
        self._drop_kept()
        self._view = view
        for tile, topic in zip(self.tiles, topics, strict=True):
            tile.set_text_in(topic.question, topic_language(view, topic))
        self._show_heading(view, section_id, section.title)
        self._grid.relayout()
        return True

    def _show_heading(self, view: Pack, section_id: str, title: str) -> None:
        self.heading.set_language(section_language(view, section_id))
        self.heading.setText(title)

    def reset(self) -> None:
        """Forget the section: no tiles until the next one opens."""
        self.section_id = None
        self._drop_kept()
        self._view = None
        for tile in self.tiles:
            tile.hide()
            tile.deleteLater()
        self.tiles = []
        self._placing.set_tiles([])
        self._grid.set_tiles([])
        self.scroll_area.verticalScrollBar().setValue(0)

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette = palette
        self._metrics = metrics
        self._apply_margins(metrics)
        self.heading.set_style(theme.font(metrics.title_px, bold=True), palette.text, 1.15)
        style = theme.tile_style(palette, metrics)
        self._drop_kept()  # restyled when next built, not all now
        for tile in self.tiles:
            tile.set_style(style)
        self._grid.configure(
            min_tile_width=metrics.tile_min_width,
            min_tile_height=round(metrics.min_target * 1.6),
            gap=metrics.gap,
            margins=(0, metrics.gap // 2, 0, 0),
        )
        self.home_button.set_style(theme.primary_style(palette, metrics))
        self.back_button.set_style(theme.primary_style(palette, metrics))
        self.controls.set_spacing(metrics.gap)

    def _apply_margins(self, metrics: theme.Metrics) -> None:
        # As on the home screen: the scroll indicator sits in the margin on
        # the side the text ends, so the tiles keep equal margins.
        indicator = metrics.scrollbar_width + metrics.gap // 2
        near, far = metrics.margin, max(0, metrics.margin - indicator)
        margin = metrics.margin
        self._layout.setSpacing(metrics.target_gap)
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            self._layout.setContentsMargins(far, 0, near, metrics.gap)
            self._page_layout.setContentsMargins(indicator, margin, 0, margin)
        else:
            self._layout.setContentsMargins(near, 0, far, metrics.gap)
            self._page_layout.setContentsMargins(0, margin, indicator, margin)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._grid.set_max_tile_height(self.scroll_area.viewport().height())
