"""What the keys page's search field says while keys are still loading:
:class:`SearchHint`."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit

from keydesk.views.keys_loading import KeysLoading


class SearchHint(QObject):
    """While a load runs, the search field (usable from the first rows on) says that it
    searches the keys loaded so far; its own placeholder and tooltip come back when
    every key is in."""

    def __init__(self, field: QLineEdit, load: KeysLoading) -> None:
        super().__init__(field)
        self._field = field
        self._load = load
        self._placeholder = field.placeholderText()
        self._tooltip = field.toolTip()
        self._shown = False
        load.changed.connect(self.update)
        load.failed.connect(self.update)

    def update(self, *_args: object) -> None:
        loading = self._load.loading
        if loading == self._shown:
            return
        self._shown = loading
        if loading:
            self._placeholder = self._field.placeholderText()
            self._tooltip = self._field.toolTip()
            self._field.setPlaceholderText(self.tr("Search the keys loaded so far…"))
            self._field.setToolTip(
                self.tr("Keys are still loading: a search covers those loaded so far")
            )
        else:
            self._field.setPlaceholderText(self._placeholder)
            self._field.setToolTip(self._tooltip)
