"""Opening a key's details while the server is out of reach: everything the detail dialog
shows, read from the offline copy (the key, its models, its owner, the users and models
its read-only form lists, its recent history), with the copy's time for the banner.

:func:`read_key_detail_live_or_copy` is what the keys page runs in a worker before it
opens the dialog: the server while it answers, the copy otherwise.
"""

from __future__ import annotations

from keydesk.offline import OfflineCopy, OfflineSession
from keydesk.views.key_detail_dialog import KeyDetailData, read_key_detail
from keydesk.views.key_form import FormChoices
from keydesk.views.key_history import HISTORY_LIMIT
from keydesk.views.offline_reads import read_sourced


def read_key_detail_from_copy(copy: OfflineCopy, prefix: str) -> KeyDetailData:
    """The detail dialog's data as the copy has it (NotFound if it has no such key)."""
    prefix = prefix.strip()
    detail = copy.key_detail(prefix)
    models, skills = copy.catalog()
    return KeyDetailData(
        detail,
        FormChoices(copy.users(), models, skills),
        copy.history(prefix, HISTORY_LIMIT),
        copy.as_of,
    )


def read_key_detail_live_or_copy(session: OfflineSession | None, prefix: str) -> KeyDetailData:
    """The key from the server while it answers, else from the copy (``as_of`` set)."""
    return read_sourced(
        session,
        "opening the key details",
        lambda: read_key_detail(prefix),
        lambda copy: read_key_detail_from_copy(copy, prefix),
    ).value
