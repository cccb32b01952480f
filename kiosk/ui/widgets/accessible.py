"""What screen readers are told a widget is: its role, and a password's state.

Qt Widgets gives a plain QWidget the role of an unnamed "filler" and offers
no setter for the role, so the kiosk installs an accessibility factory (once
per process) that builds Qt's own ``QAccessibleWidget`` with the role asked
for here. Name and description still come from the widget
(``setAccessibleName``, ``setAccessibleDescription``), as for any widget.

A role is read when a screen reader first asks about the widget, and then
kept: set it in the constructor. The interfaces made here belong to widgets
that live as long as the window (PySide keeps a small wrapper for each after
Qt deletes it), so give roles to lasting widgets, not to ones made per pack.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAbstractScrollArea, QAccessibleWidget, QWidget

ROLE_PROPERTY = "kioskAccessibleRole"
PASSWORD_PROPERTY = "kioskAccessiblePassword"

_installed = False


class _PasswordField(QAccessibleWidget):
    """Editable text in the password state: screen readers do not echo what is typed."""

    def state(self) -> QAccessible.State:
        state = super().state()
        state.passwordEdit = True
        state.editable = True
        return state


def _factory(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    if not isinstance(obj, QWidget):
        return None
    if obj.property(PASSWORD_PROPERTY):
        return _PasswordField(obj, QAccessible.Role.EditableText)
    role = obj.property(ROLE_PROPERTY)
    if role is None:
        return None
    return QAccessibleWidget(obj, QAccessible.Role(role))


def _install() -> None:
    global _installed  # noqa: PLW0603  (one factory per process, as Qt keeps it)
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def set_role(widget: QWidget, role: QAccessible.Role) -> None:
    """Screen readers see ``widget`` as ``role`` (a heading, a window, an alert...)."""
    _install()
    widget.setProperty(ROLE_PROPERTY, role.value)


def set_password_field(widget: QWidget) -> None:
    """Screen readers see ``widget`` as a password field: they say that a
    character was typed, never which."""
    _install()
    widget.setProperty(PASSWORD_PROPERTY, True)


def name_scroll_area(area: QAbstractScrollArea, content: str, bar: str | None = None) -> None:
    """Names the parts Qt adds to a scroll area (the viewport, the scroll bar
    and the strip that holds it, ``bar``: "<content>: scroll bar" unless
    given) after what it scrolls, so that a screen reader meets no unnamed
    "filler"."""
    area.viewport().setAccessibleName(content)
    scroll_bar = area.verticalScrollBar()
    scroll_bar.setAccessibleName(content)
    holder = scroll_bar.parentWidget()
    if holder is not None and holder is not area:
        holder.setAccessibleName(bar or f"{content}: scroll bar")
