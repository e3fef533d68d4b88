"""Opening a key's details while the server is out of reach: everything the detail dialog
shows, read from the offline copy (the key, its models, its owner, the users and models
its read-only form lists, its recent history), with the copy's time for the banner.
The keys page reads it in a worker (:func:`~keydesk.views.offline_reads.read_sourced`)
when the server does not answer.
"""

from __future__ import annotations

from keydesk.offline import OfflineCopy
from keydesk.views.key_detail_parts import KeyDetailData
from keydesk.views.key_form import FormChoices
from keydesk.views.key_history import HISTORY_LIMIT


def read_key_detail_from_copy(copy: OfflineCopy, prefix: str) -> KeyDetailData:
    """The detail dialog's data as the copy has it (NotFound if it has no such key)."""
    prefix = prefix.strip()
    detail = copy.key_detail(prefix)
    models, skills = copy.catalog()
    return KeyDetailData(
        detail,
        FormChoices(copy.users(key_counts=False), models, skills),
        copy.history(prefix, HISTORY_LIMIT),
        copy.as_of,
    )
