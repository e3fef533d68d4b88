"""Loading the keys page's rows: :class:`KeysLoading`.

The first rows a window paints are read first (a :class:`~keydesk.views.key_loader.FirstPage`
in the sort the user last chose, when an index serves it), then every key in the order
the database stores them, off the GUI thread (:class:`~keydesk.views.key_loader.KeyLoader`).
While the rest arrives the table is sorted, searched and filtered over what is loaded,
and the search field says so (:class:`~keydesk.views.key_search_hint.SearchHint`).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt, Signal

from keydesk.services.key_columns import KeyColumns
from keydesk.views.key_filter_proxy import KeyFilterProxy
from keydesk.views.key_loader import FirstPage, KeyLoader
from keydesk.views.key_table_columns import KEY_TABLE_COLUMNS
from keydesk.views.key_table_model import KeyTableModel
from keydesk.views.memory import release_free_memory


def first_page_for(proxy: KeyFilterProxy) -> FirstPage:
    """The first page in the proxy's sort (its column's field, newest first when the
    sort is descending); by id when the table is not sorted or the sort is no field's
    own order (text sorts case-insensitively, which no index serves)."""
    column = proxy.sortColumn()
    descending = proxy.sortOrder() == Qt.SortOrder.DescendingOrder
    if not 0 <= column < len(KEY_TABLE_COLUMNS):
        return FirstPage()
    sort = KEY_TABLE_COLUMNS[column].sort
    return FirstPage(sort.field if sort.how == "number" else None, descending)


class KeysLoading(QObject):
    """Reads every key into ``model`` (a reload empties it first) and says how it goes:
    ``changed()`` after each delivery and at the end, ``failed(error)`` if reading
    failed. Keys added to the model meanwhile by other means (:meth:`added`) are not
    delivered twice."""

    changed = Signal()
    failed = Signal(object)

    def __init__(self, model: KeyTableModel, proxy: KeyFilterProxy, parent: QObject) -> None:
        super().__init__(parent)
        self._model = model
        self._proxy = proxy
        self._loader: KeyLoader | None = None
        self._loading = False
        #: Keys added while a load runs (created here, arriving live): it may deliver them.
        self._added: set[str] = set()

    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        """Read every key again, off the GUI thread; rows appear as they arrive, the
        first page first."""
        if self._loader is not None:
            self._loader.cancel()
        self._added = set()
        self._loading = True
        self._proxy.standing.hold()  # until every key is in
        self._model.set_rows([])
        loader = KeyLoader(self, first_page=first_page_for(self._proxy))
        loader.chunk.connect(self._on_chunk)
        loader.finished.connect(self._on_loaded)
        loader.failed.connect(self._on_failed)
        self._loader = loader
        self.changed.emit()
        loader.start()

    def cancel(self) -> None:
        if self._loader is not None:
            self._loader.cancel()
        self._loading = False
        self._proxy.standing.resume()

    def added(self, prefixes: Iterable[str]) -> None:
        """These keys are in the model already: a load under way may deliver them."""
        if self._loading:
            self._added.update(prefixes)

    def _on_chunk(self, columns: KeyColumns) -> None:
        added = self._added
        if added and not added.isdisjoint(columns.prefix):
            # A key created here while the load ran is already in the table.
            columns = columns.without_prefixes(added)
        self._model.append_columns(columns)
        self.changed.emit()

    def _on_loaded(self, _total: int) -> None:
        self._loading = False
        self._added = set()
        self._proxy.standing.resume()
        self.changed.emit()
        release_free_memory()  # what the loader's rows left behind

    def _on_failed(self, error: Exception) -> None:
        self._loading = False
        self._added = set()
        self._proxy.standing.resume()
        self.failed.emit(error)
