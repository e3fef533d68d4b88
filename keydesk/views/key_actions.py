"""What the Actions menu does: revoke or delete the selected keys, export the shown ones.

Each asks once, naming the keys, then writes in a worker (one service call, one
transaction) while the status bar says what is being done and Revoke and Delete wait;
the table is then patched in place (:class:`~keydesk.views.keys_page.KeysPage`), never
reloaded. A bulk revoke or delete shows how far it is and can be cancelled until it
commits (:class:`~keydesk.views.bulk_progress.BulkProgress`). Offline, a revocation goes to the
durable queue instead and shows as pending.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from keydesk.errors import KeydeskError, sentence
from keydesk.services.clock import utcnow
from keydesk.services.csv_export import write_csv
from keydesk.services.keys import (
    DeleteResult,
    KeyRow,
    Progress,
    RevokeResult,
    delete_keys_report,
    revoke_keys,
)
from keydesk.views import i18n
from keydesk.views.bulk_progress import STEPS
from keydesk.views.confirm import confirm, show_error
from keydesk.views.key_table_columns import HEADERS, KEY_TABLE_COLUMNS
from keydesk.views.reading import run_write
from keydesk.views.tasks import run_task

if TYPE_CHECKING:
    from keydesk.views.keys_page import KeysPage

T = TypeVar("T")

#: How the offline refusal names each action ("You are offline: deleting keys is …"):
#: sentences, so the refusal says them in the user's language (i18n.say).
OFFLINE_ACTIONS = {
    "create": sentence("Offline", "creating keys"),
    "edit": sentence("Offline", "editing keys"),
    "delete": sentence("Offline", "deleting keys"),
    "revoke": sentence("Offline", "revoking keys"),
    "reload": sentence("Offline", "reloading the keys"),
    "open": sentence("Offline", "opening the key details"),
}

#: How many names a confirmation lists before "and N more".
NAMES_LISTED = 10


#: Where each step of a bulk change starts and ends on the progress bar (out of
#: ``STEPS``), after the time each took on SQLite with 92,000 keys. Revoking: reading
#: them 0.9 s, writing the flag 0.45 s, recording the audit events 1.2 s. Deleting:
#: reading 1.2 s, recording what each key was 3 s, deleting the rows 3.8 s.
REVOKE_STEPS = {"read": (0, 350), "write": (350, 520), "audit": (520, STEPS)}
DELETE_STEPS = {"read": (0, 150), "audit": (150, 520), "write": (520, STEPS)}
#: At most one progress report per this many seconds reaches the GUI thread.
REPORT_EVERY = 0.05


class ChangeCancelled(Exception):
    """Raised in the worker, at the next chunk after Cancel: the transaction rolls back."""


def progress_reporter(
    steps: dict[str, tuple[int, int]], cancel: threading.Event, report: Callable[[int], None]
) -> Progress:
    """The ``progress`` a bulk change's service call hears from the worker: it reports
    how far the change is (out of ``STEPS``, at most every :data:`REPORT_EVERY`) and
    raises :class:`ChangeCancelled`, rolling the change back, once ``cancel`` is set."""
    last = [0.0]

    def progress(step: str, done: int, total: int) -> None:
        if cancel.is_set():
            raise ChangeCancelled
        start, end = steps[step]
        moment = time.monotonic()
        if moment - last[0] >= REPORT_EVERY or done >= total:
            last[0] = moment
            report(start + (end - start) * done // max(1, total))

    return progress


def key_csv_rows(rows: Iterable[KeyRow]) -> Iterator[list[str]]:
    """Each row's cells as the table's columns write them to CSV; times in ISO-8601 UTC."""
    now = utcnow()
    texts = [column.csv for column in KEY_TABLE_COLUMNS]
    for row in rows:
        yield [text(row, now) for text in texts]


class KeyActions(QObject):
    """Revoke and delete the selected keys of ``page``; :attr:`doing` says what is
    being written ("" when nothing), :attr:`changed_rows` where the keys of the last
    bulk revoke were (a hint for the live refresh's echo of it)."""

    def __init__(self, page: KeysPage) -> None:
        super().__init__(page)
        self._page = page
        self.doing = ""
        self.changed_rows: dict[str, int] = {}

    def name_list(
        self, rows: Sequence[KeyRow], limit: int = NAMES_LISTED, total: int | None = None
    ) -> str:
        """One line per key, "name (prefix)", the first ``limit`` then "and N more" (of
        ``total`` keys, when ``rows`` holds only the first ones)."""
        count = len(rows) if total is None else total
        lines = [f"• {row.name} ({row.prefix})" for row in rows[:limit]]
        if count > limit:
            lines.append(self.tr("and %Ln more", "", count - limit))
        return "\n".join(lines)

    def cancelled_message(self, count: int, deleted: bool) -> str:
        """What the status bar says after Cancel rolled a revocation (or a deletion) back."""
        if deleted:
            if count == 1:
                return self.tr("Cancelled: the key was not deleted.")
            return self.tr("Cancelled: none of the %Ln keys was deleted.", "", count)
        if count == 1:
            return self.tr("Cancelled: the key was not revoked.")
        return self.tr("Cancelled: none of the %Ln keys was revoked.", "", count)

    @property
    def changing(self) -> bool:
        """Whether a revoke or delete of the selected keys is being written."""
        return bool(self.doing)

    def export_csv(self) -> None:
        """Write the rows as shown (filtered and sorted) to a CSV file, off the GUI
        thread; the rows are a snapshot taken when the file was chosen."""
        page = self._page
        rows = page.proxy.visible_snapshot()  # the rows are built by the worker
        suggested = str(Path.home() / f"keydesk-keys-{date.today():%Y-%m-%d}.csv")
        path_text, _ = QFileDialog.getSaveFileName(
            page,
            self.tr("Export keys as CSV"),
            suggested,
            self.tr("CSV files (*.csv);;All files (*)"),
        )
        if not path_text:
            return
        path = Path(path_text)
        if not path.suffix:
            path = path.with_suffix(".csv")

        def done(count: int) -> None:
            page.message.emit(self.tr("Exported %Ln keys to {path}.", "", count).format(path=path))
            page.exported.emit(str(path))

        def failed(error: Exception) -> None:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            show_error(
                page,
                self.tr("Export failed"),
                self.tr("Could not write {path}: {reason}.").format(path=path, reason=reason),
            )

        run_task(lambda: write_csv(path, HEADERS, key_csv_rows(rows())), done, failed, self)

    def revoke_selected(self) -> None:
        page = self._page
        # Read from the columns, not as KeyRows: 100,000 of them took 0.9 s to build.
        selected = page.selected_sources()
        if not selected or not page.allowed("revoke"):
            return
        columns, pending = page.model.columns, page.pending
        targets = [source for source in selected if not columns.revoked[source]]
        waiting = [source for source in targets if columns.prefix[source] in pending]
        if waiting and len(waiting) == len(targets):
            page.message.emit(
                self.tr("The revocation of the selected key is already pending.")
                if len(waiting) == 1
                else self.tr("The revocation of the selected keys is already pending.")
            )
            return
        if pending:
            targets = [source for source in targets if columns.prefix[source] not in pending]
        already = len(selected) - len(targets)
        if not targets:
            page.message.emit(
                self.tr("The selected key is already revoked.")
                if already == 1
                else self.tr("The selected keys are already revoked.")
            )
            return
        named = [page.model.row(source) for source in targets[:NAMES_LISTED]]
        if len(targets) == 1:
            text = self.tr("Revoke the key “{name}” ({prefix})?").format(
                name=named[0].name, prefix=named[0].prefix
            )
        else:
            text = self.tr("Revoke %Ln keys?", "", len(targets))
        details = [] if len(targets) == 1 else [self.name_list(named, total=len(targets)), ""]
        details.append(self.tr("Revoked keys stop working at once. Revoking cannot be undone."))
        if already:
            details.append(
                self.tr("%Ln selected keys already revoked stay as they are.", "", already)
            )
        if page.offline:
            details.append(
                self.tr(
                    "You are offline: the revocation is kept on this computer and applied once "
                    "when the database server is back."
                )
            )
        title, accept = self.tr("Revoke keys"), self.tr("Revoke")
        if not confirm(page, title, text, accept, informative="\n".join(details)):
            return
        prefixes = [columns.prefix[source] for source in targets]
        if page.offline and page.session is not None:
            self.queue_revocation(prefixes)
            return
        hint = {columns.prefix[source]: source for source in selected}
        self.changed_rows = hint

        cancel = threading.Event()

        def revoked(result: RevokeResult) -> None:
            page.model.mark_revoked([*result.revoked, *result.already_revoked], hint)
            if result.missing:
                page.remove_local(result.missing)
            late = (
                " " + self.tr("(Cancel came after they were written.)") if cancel.is_set() else ""
            )
            page.message.emit(i18n.say(result.summary()) + late)

        def failed(error: Exception) -> None:
            if isinstance(error, ChangeCancelled):
                page.message.emit(self.cancelled_message(len(prefixes), deleted=False))
                return
            if page.session is not None and page.session.handle_error(error):
                self.queue_revocation(prefixes)  # the server went away: keep it for later
                return
            if not isinstance(error, KeydeskError):
                raise error
            show_error(page, self.tr("Could not revoke"), i18n.error_text(error))

        # One transaction; keys another desk deleted meanwhile are reported, not fatal.
        self._change_in_background(
            self.tr("Revoking %Ln keys…", "", len(prefixes)),
            lambda report: revoke_keys(
                prefixes, missing_ok=True, progress=progress_reporter(REVOKE_STEPS, cancel, report)
            ),
            revoked,
            failed,
            cancel=cancel,
        )

    def queue_revocation(self, prefixes: list[str]) -> None:
        """Offline: put the revocation in the durable queue and show it as pending."""
        page = self._page
        assert page.session is not None
        try:
            outcome = page.session.revoke(prefixes)
        except KeydeskError as error:
            show_error(page, self.tr("Could not revoke"), i18n.error_text(error))
            return
        page.set_pending(page.session.pending_prefixes())
        page.refresh_actions()
        page.message.emit(i18n.say(outcome.message()))

    def delete_selected(self) -> None:
        page = self._page
        selected = page.selected_sources()
        if not selected or not page.allowed("delete"):
            return
        named = [page.model.row(source) for source in selected[:NAMES_LISTED]]
        if len(selected) == 1:
            text = self.tr("Delete the key “{name}” ({prefix})?").format(
                name=named[0].name, prefix=named[0].prefix
            )
            details = [self.tr("Deleting is permanent: the key and its usage history are removed.")]
        else:
            text = self.tr("Delete %Ln keys?", "", len(selected))
            details = [
                self.name_list(named, total=len(selected)),
                "",
                self.tr("Deleting is permanent: the keys and their usage history are removed."),
            ]
        title, accept = self.tr("Delete keys"), self.tr("Delete")
        if not confirm(page, title, text, accept, informative="\n".join(details)):
            return
        columns = page.model.columns
        prefixes = [columns.prefix[source] for source in selected]
        cancel = threading.Event()

        def deleted(result: DeleteResult) -> None:
            page.remove_local([*result.deleted, *result.already_deleted])
            late = (
                " " + self.tr("(Cancel came after they were deleted.)") if cancel.is_set() else ""
            )
            page.message.emit(i18n.say(result.summary()) + late)

        def failed(error: Exception) -> None:
            if isinstance(error, ChangeCancelled):
                page.message.emit(self.cancelled_message(len(prefixes), deleted=True))
                return
            if not isinstance(error, KeydeskError):
                raise error
            show_error(page, self.tr("Could not delete"), i18n.error_text(error))

        self._change_in_background(
            self.tr("Deleting %Ln keys…", "", len(prefixes)),
            lambda report: page.server_call(
                OFFLINE_ACTIONS["delete"],
                lambda: delete_keys_report(
                    prefixes, progress=progress_reporter(DELETE_STEPS, cancel, report)
                ),
            ),
            deleted,
            failed,
            cancel=cancel,
        )

    def _change_in_background(
        self,
        doing: str,
        change: Callable[[Callable[[int], None]], T],
        on_done: Callable[[T], None],
        on_failed: Callable[[Exception], None],
        *,
        cancel: threading.Event | None = None,
    ) -> None:
        """Run a change of the selected keys in a worker (one transaction on its own
        connection), so the window stays responsive however many keys it touches:
        ``change(report)`` may report how far it is (out of ``STEPS``). The status bar
        says ``doing``, with a bar and, given ``cancel``, a Cancel button that sets it;
        Revoke and Delete wait until it is over."""
        page = self._page
        self.doing = doing
        page.refresh_actions()
        progress = page.bulk_progress
        progress.start(doing, cancel)

        def over() -> None:
            self.doing = ""
            progress.finish()
            page.refresh_actions()

        def done(result: T) -> None:
            over()
            on_done(result)

        def failed(error: Exception) -> None:
            over()
            on_failed(error)

        run_write(change, done, failed, self, on_progress=progress.advance)
