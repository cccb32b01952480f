"""The language chooser: a big button per language, for a pack with many."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAccessible, QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QVBoxLayout, QWidget

from kiosk.ui.languages import native_names
from kiosk.ui.style import theme
from kiosk.ui.widgets.accessible import name_scroll_area, set_role
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.flow_row import FlowRow
from kiosk.ui.widgets.navigation import home_and_back
from kiosk.ui.widgets.scrolling import scrolling_page
from kiosk.ui.widgets.text import WrappedText
from kiosk.ui.widgets.tile_grid import TileGrid


class LanguageScreen(QWidget):
    """Every language of the pack as a big tile, named in its own language;
    Back (to where the patient was) and Home at the bottom, as on an answer."""

    language_chosen = Signal(str)
    back = Signal()
    home_requested = Signal()

    def __init__(self, palette: theme.Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._palette = palette
        self._metrics: theme.Metrics | None = None
        self._languages: tuple[str, ...] = ()
        self.heading = WrappedText()
        set_role(self.heading, QAccessible.Role.Heading)
        self.tiles: dict[str, TouchButton] = {}
        self._group = QButtonGroup(self)
        self._grid = TileGrid()
        page = QWidget()
        self._page_layout = QVBoxLayout(page)
        self._page_layout.addWidget(self.heading)
        self._page_layout.addWidget(self._grid)
        self._page_layout.addStretch(1)
        self._page = page
        self.scroll_area = scrolling_page(page, "Languages")  # named in _retranslate

        self.home_button, self.back_button = home_and_back(
            home_name="languagesHome",
            back_name="languagesBack",
            home=self.home_requested,
            back=self.back,
        )
        self.controls = FlowRow()
        self.controls.set_items([self.home_button, self.back_button])

        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.scroll_area, 1)
        self._layout.addWidget(self.controls)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()

    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("Languages screen"))
        languages = self.tr("Languages")
        self._page.setAccessibleName(languages)
        self._grid.setAccessibleName(languages)
        self.scroll_area.setAccessibleName(languages)
        name_scroll_area(self.scroll_area, languages, self.tr("Languages: scroll bar"))
        self.controls.setAccessibleName(self.tr("Controls"))
        self.heading.setText(self.tr("Choose a language"))
        self.back_button.set_label(self.tr("Back"))
        self.back_button.setAccessibleDescription(self.tr("Back to where you were"))
        self.home_button.set_label(self.tr("Home"))
        self.home_button.setAccessibleDescription(self.tr("Back to all questions"))

    def set_languages(self, languages: Sequence[str], current: str) -> None:
        languages = tuple(languages)
        if languages != self._languages:
            self._languages = languages
            for tile in self.tiles.values():
                self._group.removeButton(tile)
                tile.hide()
                tile.deleteLater()
            self.tiles = {}
            for tag, name in native_names(languages).items():
                tile = TouchButton(name, self._grid)
                tile.setObjectName(f"language-{tag}")
                tile.set_language(tag)
                tile.make_choice(exclusive=True)
                self._group.addButton(tile)
                tile.chosen.connect(lambda tag=tag: self.language_chosen.emit(tag))
                self.tiles[tag] = tile
            self._grid.set_tiles(list(self.tiles.values()))
            if self._metrics is not None:
                self.apply_theme(self._palette, self._metrics)
        if current in self.tiles:
            self.tiles[current].show_checked(True)

    def apply_theme(self, palette: theme.Palette, metrics: theme.Metrics) -> None:
        self._palette, self._metrics = palette, metrics
        self._layout.setContentsMargins(metrics.margin, metrics.margin, metrics.margin, metrics.gap)
        self._layout.setSpacing(metrics.gap)
        self._page_layout.setContentsMargins(0, 0, 0, 0)
        self._page_layout.setSpacing(metrics.gap)
        self.heading.set_style(theme.font(metrics.title_px, bold=True), palette.text, 1.15)
        style = theme.toggle_style(palette, metrics, size=1.2)
        for tile in self.tiles.values():
            tile.set_style(style)
        self._grid.configure(
            min_tile_width=metrics.tile_min_width,
            min_tile_height=round(metrics.min_target * 1.6),
            gap=metrics.gap,
        )
        self.home_button.set_style(theme.primary_style(palette, metrics))
        self.back_button.set_style(theme.primary_style(palette, metrics))
        self.controls.set_spacing(metrics.gap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._grid.set_max_tile_height(self.scroll_area.viewport().height())
