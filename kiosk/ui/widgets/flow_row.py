"""A row of controls that wraps onto more lines when the window is narrow."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QStyle, QWidget

from kiosk.ui.widgets.placing import PlacingWidget
from kiosk.ui.widgets.sizing import height_for_width


class FlowRow(PlacingWidget):
    """Places its child widgets left to right (right to left on a
    right-to-left screen) at their preferred widths,
    starting a new line where the next one would not fit; or, set to one
    per line, as a column of equally wide controls.

    Like :class:`~kiosk.ui.widgets.tile_grid.TileGrid` it places children by hand
    (no Python ``QLayout``) and answers height-for-width, so the screen's
    layout gives it the lines it needs.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QWidget] = []
        self._together: list[QWidget] = []
        self.spacing = 16
        self.one_per_line = False
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_items(self, items: Sequence[QWidget]) -> None:
        """Shows ``items`` (made children of this row) in this order; those
        hidden on purpose stay hidden."""
        self._items = list(items)
        for item in self._items:
            # One its owner hid stays hidden (a new parent hides every child).
            hidden = item.isHidden() and item.testAttribute(
                Qt.WidgetAttribute.WA_WState_ExplicitShowHide
            )
            item.setParent(self)
            item.setHidden(hidden)
        self.relayout()

    def keep_together(self, items: Sequence[QWidget]) -> None:
        """Starts a new line before ``items`` (consecutive ones) where the
        line they would start on cannot hold them all: a group of choices,
        such as the language buttons, is never split across two lines."""
        self._together = list(items)
        self.relayout()

    def set_spacing(self, spacing: int) -> None:
        self.spacing = spacing
        self.relayout()

    def set_one_per_line(self, one_per_line: bool) -> None:
        """A column: each control on a line of its own, as wide as the widest."""
        self.one_per_line = one_per_line
        self.relayout()

    def relayout(self) -> None:
        self.updateGeometry()
        self._arrange(self.width(), apply=True)

    def widest_item(self) -> int:
        """The preferred width of the widest control shown: a column's width."""
        return max((item.sizeHint().width() for item in self._visible()), default=0)

    def height_for(self, width: int, *, spacing: int, one_per_line: bool) -> int:
        """The height the controls need ``width`` wide, laid out so."""
        return self._arrange(width, apply=False, spacing=spacing, one_per_line=one_per_line)

    def rows_for(self, width: int, *, spacing: int) -> int:
        """How many rows the controls take ``width`` wide, side by side."""
        return len(self._lines(width, spacing, one_per_line=False))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(width, apply=False)

    def sizeHint(self) -> QSize:
        visible = self._visible()
        if self.one_per_line:
            width = self.widest_item()
            return QSize(width, self.heightForWidth(width))
        width = sum(item.sizeHint().width() for item in visible)
        width += self.spacing * max(0, len(visible) - 1)
        return QSize(width, max((item.sizeHint().height() for item in visible), default=0))

    def minimumSizeHint(self) -> QSize:
        visible = self._visible()
        widest = max((item.minimumSizeHint().width() for item in visible), default=0)
        if self.one_per_line:
            widest = self.widest_item()
        return QSize(widest, self.heightForWidth(max(1, widest)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(self.width(), apply=True)

    def _visible(self) -> list[QWidget]:
        return [item for item in self._items if not item.isHidden()]

    def _lines(
        self, width: int, spacing: int, one_per_line: bool
    ) -> list[list[tuple[QWidget, int]]]:
        if one_per_line:
            return [[(item, width)] for item in self._visible()]
        lines: list[list[tuple[QWidget, int]]] = [[]]
        used = 0
        visible = self._visible()
        together = [item for item in visible if item in self._together]
        together_width = sum(min(width, i.sizeHint().width()) for i in together)
        together_width += spacing * (len(together) - 1)
        for item in visible:
            item_width = min(width, item.sizeHint().width())
            needed = item_width
            if together and item is together[0] and together_width <= width:
                needed = together_width  # where the whole group must fit
            if lines[-1] and used + spacing + needed > width:
                lines.append([])
                used = 0
            used += (spacing if lines[-1] else 0) + item_width
            lines[-1].append((item, item_width))
        return [line for line in lines if line]

    def _arrange(
        self,
        width: int,
        *,
        apply: bool,
        spacing: int | None = None,
        one_per_line: bool | None = None,
    ) -> int:
        spacing = self.spacing if spacing is None else spacing
        one_per_line = self.one_per_line if one_per_line is None else one_per_line
        y = 0
        for line in self._lines(max(1, width), spacing, one_per_line):
            height = max(height_for_width(item, item_width) for item, item_width in line)
            x = 0
            for item, item_width in line:
                if apply:
                    place = QRect(x, y, item_width, height)
                    # From the right on a right-to-left screen.
                    item.setGeometry(QStyle.visualRect(self.layoutDirection(), self.rect(), place))
                x += item_width + spacing
            y += height + spacing
        return max(0, y - spacing)
