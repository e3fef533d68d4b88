"""Working on a shared server that may go away: snapshot, revocation queue, reconnection.

When the PostgreSQL or MySQL server cannot be reached, keydesk keeps showing the keys
from a local read-only snapshot (never the hashes), queues revocations durably and
applies each exactly once when the server is back, and refuses every other change with
one sentence. No Qt: the GUI drives it all through :class:`OfflineSession`.

* :mod:`~keydesk.offline.session` — :class:`OfflineSession`, the facade;
* :mod:`~keydesk.offline.snapshot` — the local copy of the key metadata;
* :mod:`~keydesk.offline.copy` — what that copy answers: a key's details and history,
  the audit log, the users, the catalog;
* :mod:`~keydesk.offline.queue` — the durable queue of revocations made offline;
* :mod:`~keydesk.offline.connectivity` — lost-server detection, back-off, refusals;
* :mod:`~keydesk.offline.local` — where those files live.
"""

from keydesk.offline.connectivity import (
    Backoff,
    ConnectionLost,
    OfflineError,
    is_connection_error,
    probe_server,
    refuse_offline,
    try_reconnect,
)
from keydesk.offline.copy import OfflineCopy
from keydesk.offline.queue import ApplyResult, PendingRevocation, RevocationQueue
from keydesk.offline.session import (
    NoOfflineCopy,
    OfflineSession,
    RevokeOutcome,
    SessionData,
    SessionStatus,
    StartResult,
    offline_text,
)
from keydesk.offline.snapshot import Snapshot, SnapshotData

__all__ = [
    "ApplyResult",
    "Backoff",
    "ConnectionLost",
    "NoOfflineCopy",
    "OfflineCopy",
    "OfflineError",
    "OfflineSession",
    "PendingRevocation",
    "RevocationQueue",
    "RevokeOutcome",
    "SessionData",
    "SessionStatus",
    "Snapshot",
    "SnapshotData",
    "StartResult",
    "is_connection_error",
    "offline_text",
    "probe_server",
    "refuse_offline",
    "try_reconnect",
]
