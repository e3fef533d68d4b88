"""The texts a person can see or hear in a window, and which of them stayed English
under French: the untranslated-string check walks every widget of a screen built once
in each language and compares them place by place."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "translations" / "keydesk_fr.ts"
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[A-Za-z]{2,}")
ROWS_READ = 50  # cells of item views: enough to meet every status word and state


def same_in_french() -> set[str]:
    """Source texts whose French is the same word ("Description", "Expiration" …)."""
    same = set()
    for message in ET.parse(CATALOG).getroot().iter("message"):
        source = message.findtext("source")
        if source is not None and message.findtext("translation") == source:
            same.add(source)
    return same


def _plain(text: str) -> str:
    return TAG.sub(" ", text).replace("&&", "&").replace("&", "").strip()


def _action_texts(path: str, actions: list[QAction], texts: dict[str, str]) -> None:
    for number, action in enumerate(actions):
        where = f"{path}/action{number}:{action.objectName()}"
        for prop, value in (("text", action.text()), ("toolTip", action.toolTip())):
            texts[f"{where}.{prop}"] = value
        menu = action.menu()
        if isinstance(menu, QMenu):
            texts[f"{where}.menu"] = menu.title()
            _action_texts(f"{where}/menu", menu.actions(), texts)


def _view_texts(path: str, view: QAbstractItemView, texts: dict[str, str]) -> None:
    if isinstance(view, QListWidget):  # its model's counts are private to Qt
        for row in range(view.count()):
            item = view.item(row)
            texts[f"{path}/item{row}"] = item.text()
            texts[f"{path}/item{row}.toolTip"] = item.toolTip()
        return
    model = view.model()
    if model is None:
        return
    for column in range(model.columnCount(QModelIndex())):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(column, Qt.Orientation.Horizontal, role)
            texts[f"{path}/header{column}.{role.name}"] = str(value or "")
    for row in range(min(model.rowCount(QModelIndex()), ROWS_READ)):
        for column in range(max(model.columnCount(QModelIndex()), 1)):
            index = model.index(row, column, QModelIndex())
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    texts[f"{path}/cell{row},{column}.{role.name}"] = value


def visible_texts(root: QWidget) -> dict[str, str]:
    """Every text of ``root`` and its descendants, keyed by where it is (the widget's
    place in the tree and the property), so two builds of one screen line up."""
    texts: dict[str, str] = {}
    widgets = [root, *root.findChildren(QWidget)]
    for number, widget in enumerate(widgets):
        path = f"{number}:{type(widget).__name__}:{widget.objectName()}"
        texts[f"{path}.toolTip"] = widget.toolTip()
        texts[f"{path}.accessibleName"] = widget.accessibleName()
        texts[f"{path}.accessibleDescription"] = widget.accessibleDescription()
        texts[f"{path}.statusTip"] = widget.statusTip()
        if widget.isWindow():
            texts[f"{path}.windowTitle"] = widget.windowTitle()
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts[f"{path}.text"] = widget.text()
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            texts[f"{path}.placeholder"] = widget.placeholderText()
        elif isinstance(widget, QGroupBox):
            texts[f"{path}.title"] = widget.title()
        elif isinstance(widget, QComboBox):
            for item in range(widget.count()):
                texts[f"{path}/item{item}"] = widget.itemText(item)
        elif isinstance(widget, QTabWidget):
            for tab in range(widget.count()):
                texts[f"{path}/tab{tab}"] = widget.tabText(tab)
        if isinstance(widget, QMenu):
            texts[f"{path}.title"] = widget.title()
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            _view_texts(path, widget, texts)
        _action_texts(path, widget.actions(), texts)
    return {where: _plain(text) for where, text in texts.items() if _plain(text)}


def untranslated(
    english: dict[str, str], french: dict[str, str], data: set[str] = frozenset()
) -> list[str]:
    """Texts shown identically in both languages that hold an English word: not data
    (names, emails, prefixes the test seeded) and not a word French shares."""
    allowed = same_in_french() | set(data)
    left = []
    for where, text in english.items():
        if french.get(where) != text or text in allowed or not WORD.search(text):
            continue
        if any(item and item in text for item in data) and not WORD.search(_without(text, data)):
            continue
        left.append(f"{where}: {text!r}")
    return left


def _without(text: str, data: set[str]) -> str:
    for item in sorted(data, key=len, reverse=True):
        if item:
            text = text.replace(item, " ")
    return text
