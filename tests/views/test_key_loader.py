"""The keys table's loader: a first page in the table's sort, then every other key once,
over a real temporary SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QThreadPool

from keydesk.services import keys, users
from keydesk.services.key_columns import KeyColumns
from keydesk.services.keys import NewKey
from keydesk.store.models import ApiKey
from keydesk.views.key_filter_proxy import KeyFilterProxy
from keydesk.views.key_loader import FirstPage, KeyLoader
from keydesk.views.key_table_columns import COL_CREATED, COL_NAME
from keydesk.views.key_table_model import KeyTableModel
from keydesk.views.keys_loading import first_page_for


@pytest.fixture
def twelve_keys(sqlite_db: str) -> Iterator[list[str]]:
    """Twelve keys whose creation order is the reverse of their id order."""
    users.add_user("ada@example.com", "Ada")
    made = [keys.create_key(NewKey(name=f"key {n}", user="ada@example.com")) for n in range(12)]
    base = datetime(2026, 6, 1)
    for number, key in enumerate(made):
        moment = base - timedelta(hours=number)
        ApiKey.update(created=moment).where(ApiKey.prefix == key.prefix).execute()
    yield [key.prefix for key in made]
    QThreadPool.globalInstance().waitForDone(10_000)


def load(qtbot, first_page: FirstPage | None) -> list[KeyColumns]:
    loader = KeyLoader(batch_size=5, interval=0.0, first_page=first_page)
    chunks: list[KeyColumns] = []
    loader.chunk.connect(chunks.append)
    with qtbot.waitSignal(loader.finished, timeout=10_000) as finished:
        loader.start()
    assert finished.args == [sum(len(chunk) for chunk in chunks)]
    return chunks


def test_the_first_page_comes_first_then_every_other_key_once(qtbot, twelve_keys):
    chunks = load(qtbot, FirstPage("created", descending=True, rows=4))
    newest = twelve_keys[:4]  # created latest, ids first
    assert chunks[0].prefix == newest
    delivered = [prefix for chunk in chunks for prefix in chunk.prefix]
    assert sorted(delivered) == sorted(twelve_keys)
    assert delivered[4:] == twelve_keys[4:]  # the rest in id order


def test_without_a_first_page_every_key_comes_in_id_order(qtbot, twelve_keys):
    chunks = load(qtbot, None)
    assert [prefix for chunk in chunks for prefix in chunk.prefix] == twelve_keys
    rows = [row for chunk in chunks for row in chunk.rows_between(0, len(chunk))]
    assert sorted(rows) == sorted(keys.list_key_rows())


def test_the_first_page_follows_the_tables_sort(qapp):
    model = KeyTableModel()
    proxy = KeyFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_CREATED, Qt.SortOrder.DescendingOrder)
    assert first_page_for(proxy) == FirstPage("created", True)
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)  # text: no index serves it
    assert first_page_for(proxy) == FirstPage(None, False)


def test_while_keys_load_the_search_field_says_it_searches_those_loaded(qtbot, twelve_keys):
    from keydesk.views.keys_page import KeysPage

    page = KeysPage()
    qtbot.addWidget(page)
    placeholder, tooltip = page.search_field.placeholderText(), page.search_field.toolTip()
    page.reload()
    assert page.loading
    assert "loaded so far" in page.search_field.placeholderText()
    assert "still loading" in page.search_field.toolTip()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert page.model.rowCount() == len(twelve_keys)
    assert page.search_field.placeholderText() == placeholder
    assert page.search_field.toolTip() == tooltip
