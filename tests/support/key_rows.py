"""Keys-table rows for tests, built from plain ``KeyRow`` tuples (no database), and the
reference the table's bulk filter and sort are held to: :func:`keydesk.services.search.filter_rows`
then Python's stable ``sorted`` on :func:`keydesk.views.key_table_columns.sort_key`.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from datetime import timedelta

from PySide6.QtCore import Qt

from keydesk.services.clock import utcnow
from keydesk.services.keys import ROLES, KeyRow
from keydesk.services.search import filter_rows
from keydesk.views.key_filter_proxy import KeyFilterProxy
from keydesk.views.key_table_columns import ROW_ROLE, sort_key
from keydesk.views.key_table_model import KeyTableModel

NOW = utcnow()
ORDERS = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
DISPLAY = Qt.ItemDataRole.DisplayRole


def make_row(number: int, rng: random.Random, alphabet: str = string.ascii_letters) -> KeyRow:
    def word(length: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(length))

    expires_choice = rng.randrange(3)
    return KeyRow(
        prefix=f"kd_{word(8)}",
        unique_name=f"{word(4)}-{word(5)}-{rng.randrange(1000, 9999)}",
        name=rng.choice(("Billing", "billing job", "CI", "Staging", word(6))),
        user=rng.choice(("ada@example.com", "Grace@Example.com", "ken@example.org")),
        role=rng.choice(tuple(ROLES)),
        created=NOW - timedelta(days=rng.randrange(0, 5), hours=rng.randrange(0, 3)),
        expires=None
        if expires_choice == 0
        else NOW + timedelta(days=rng.randrange(1, 9))
        if expires_choice == 1
        else NOW - timedelta(days=rng.randrange(1, 9)),
        revoked=rng.random() < 0.3,
        last_used=None if rng.random() < 0.5 else NOW - timedelta(days=rng.randrange(0, 9)),
        opt_in=rng.random() < 0.5,
    )


def make_rows(count: int, seed: int = 1, alphabet: str = string.ascii_letters) -> list[KeyRow]:
    rng = random.Random(seed)
    return [make_row(number, rng, alphabet) for number in range(count)]


def build(rows: Sequence[KeyRow]) -> tuple[KeyTableModel, KeyFilterProxy]:
    model = KeyTableModel()
    model.set_rows(rows)
    proxy = KeyFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def shown(proxy: KeyFilterProxy) -> list[KeyRow]:
    """What a view reads: the ROW_ROLE of every proxy row, through Qt's data()."""
    return [proxy.index(row, 0).data(ROW_ROLE) for row in range(proxy.rowCount())]


def reference(
    rows: Sequence[KeyRow], text: str, column: int = -1, order: Qt.SortOrder = ORDERS[0]
) -> list[KeyRow]:
    matched = filter_rows(rows, text)
    if column < 0:
        return matched
    return sorted(
        matched,
        key=lambda row: sort_key(row, column, utcnow()),
        reverse=order == Qt.SortOrder.DescendingOrder,
    )
