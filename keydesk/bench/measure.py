"""Measure one design in this process and print one JSON line. Run by ``keydesk.bench``
in a fresh subprocess per design, so that launch time and peak memory are each design's
own. ``python -m keydesk.bench.measure --design ours|stock|qsql --db URL``.

Every figure is wall time on the GUI thread, each user action timed until the table has
painted once (the paint the action schedules, or a forced ``viewport().repaint()`` if
none happened), so "per keystroke" means typed → painted. "filter_ms" is the same
keystroke timed to the end of event processing (which includes the paint Qt schedules
itself; it differs only where a forced repaint was needed).
The heartbeat's "startup" phase (imports, building the window) ends when the window is
shown, "first paint" when rows are first painted; "load" then runs until every row is
in. Launch is also split into its steps (``launch_s``: imports done, window built,
shown, first rows in the model, first rows painted), each since the process started.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before Qt and keydesk are imported: launch counts them

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import TYPE_CHECKING, TypeVar  # noqa: E402

if TYPE_CHECKING:  # Qt and keydesk are imported inside the designs: launch counts them
    from PySide6.QtWidgets import QAbstractScrollArea, QLineEdit, QTableView, QWidget

    from keydesk.services.keys import KeyRow
    from keydesk.views.main_window import MainWindow

W = TypeVar("W", bound="QWidget")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUERIES_HELP = "queries typed one character at a time (JSON list)"


def rss_peak_mb() -> float:
    """This process's peak resident memory (MiB). On Linux from ``VmHWM``: getrusage's
    ``ru_maxrss`` keeps the peak of the process that forked it (the benchmark's parent,
    which read every key to pick the queries), so it reported that instead."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(values: list[float]) -> dict[str, float]:
    millis = [v * 1000 for v in values]
    return {
        "n": len(millis),
        "p50": round(statistics.median(millis), 2) if millis else float("nan"),
        "p95": round(percentile(millis, 0.95), 2),
        "max": round(max(millis), 2) if millis else float("nan"),
    }


class Heartbeat:
    """A 2 ms timer on the GUI thread; the longest gap between ticks is the longest time
    the thread was blocked. ``phase(name)`` starts a new measurement window."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(2)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.worst: dict[str, float] = {}
        #: The process's peak memory (MB) at the end of each phase: where it was reached.
        self.peaks: dict[str, float] = {}
        self.current = "idle"
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self.last
        self.last = now
        if gap > self.worst.get(self.current, 0.0):
            self.worst[self.current] = gap

    def phase(self, name: str) -> None:
        self._tick()
        self.peaks[self.current] = round(rss_peak_mb(), 1)
        self.current = name

    def report(self) -> dict[str, float]:
        return {name: round(gap * 1000, 1) for name, gap in self.worst.items()}


def pump(until: Callable[[], bool], timeout: float) -> bool:
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + timeout
    while not until():
        if time.perf_counter() > deadline:
            return False
        QApplication.processEvents()
        time.sleep(0.0005)
    return True


class PaintCounter:
    """Counts paint events of a view's viewport, so :func:`painted` repaints only when
    processing the events did not paint already (each action is timed to one paint)."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.count = 0
        counter = self

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self._filter = Filter(view)
        view.viewport().installEventFilter(self._filter)


def painted(
    view: QAbstractScrollArea, settle: Callable[[], None], counter: PaintCounter | None
) -> None:
    """Process pending events (the action's own repaint included) and make sure the
    table has painted since: a forced repaint only when nothing painted yet."""
    before = counter.count if counter is not None else -1
    settle()
    if counter is None or counter.count == before:
        view.viewport().repaint()


def type_queries(
    view: QTableView,
    field: QLineEdit,
    queries: list[str],
    settle: Callable[[], None],
    cap_seconds: float | None,
    counter: PaintCounter | None = None,
    filtered: list[float] | None = None,
) -> tuple[list[float], dict[str, int], bool]:
    """Type each query one key at a time into ``field`` (real key events), timing each
    keystroke until the table is repainted. Returns the times, the final row count per
    query, and whether the time cap cut the run short."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    times: list[float] = []
    finals: dict[str, int] = {}
    spent = 0.0
    for query in queries:
        field.clear()
        settle()
        for char in query:
            started = time.perf_counter()
            # Qt's keyClick(widget, char) overload: the stub lists only Qt.Key and int.
            QTest.keyClick(field, char)  # type: ignore[call-overload]
            before = counter.count if counter is not None else -1
            settle()
            if filtered is not None:
                filtered.append(time.perf_counter() - started)
            if counter is None or counter.count == before:
                view.viewport().repaint()
            elapsed = time.perf_counter() - started
            times.append(elapsed)
            spent += elapsed
            if cap_seconds is not None and spent > cap_seconds:
                return times, finals, True
        finals[query] = view.model().rowCount()
        QTest.keyClick(field, Qt.Key.Key_Escape)
    field.clear()
    settle()
    return times, finals, False


def time_sorts(
    view: QTableView, columns: int, settle: Callable[[], None], counter: PaintCounter | None = None
) -> dict[str, float]:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    result: dict[str, float] = {}
    header = view.model().headerData
    sections = view.horizontalHeader()
    for column in range(columns):
        name = str(header(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
        x = sections.sectionViewportPosition(column) + sections.sectionSize(column) // 2
        started = time.perf_counter()
        if sections.isSectionHidden(column) or not 0 <= x < sections.viewport().width():
            view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        else:  # clicked, as the user does (the window sees the user at work)
            where = QPoint(x, sections.height() // 2)
            QTest.mouseClick(sections.viewport(), Qt.MouseButton.LeftButton, pos=where)
        wait_for_sort(view, settle)
        painted(view, settle, counter)
        result[name] = round((time.perf_counter() - started) * 1000, 1)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    wait_for_sort(view, settle)
    settle()
    return result


def wait_for_sort(view: QTableView, settle: Callable[[], None]) -> None:
    """Keydesk sorts a large table in a worker thread: wait until the order is shown."""
    model = view.model()
    while getattr(model, "sorting", False):
        settle()
        time.sleep(0.0005)


def first_paint_probe(
    view: QAbstractScrollArea, has_rows: Callable[[], bool]
) -> Callable[[], float | None]:
    """Returns a getter for the time (since STARTED) the view first painted rows."""
    from PySide6.QtCore import QEvent, QObject

    seen: list[float] = []

    class Probe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not seen and event.type() == QEvent.Type.Paint and has_rows():
                seen.append(time.perf_counter() - STARTED)
            return False

    probe = Probe(view)
    view.viewport().installEventFilter(probe)
    return lambda: seen[0] if seen else None


# --- designs ---------------------------------------------------------------------------


def measure_ours(url: str, queries: list[str], revoke: int) -> dict[str, object]:
    from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("keydesk-bench")  # keep the user's own settings untouched
    heartbeat = Heartbeat()
    heartbeat.phase("startup")

    from keydesk import app as keydesk_app
    from keydesk.views import key_actions
    from keydesk.views.key_sort_standing import TEXT_COLUMNS, StandingOrders

    launch = {"imported": time.perf_counter() - STARTED}
    window = keydesk_app.main_window(url)
    launch["window built"] = time.perf_counter() - STARTED
    page = window.keys_page
    view = page.table
    first_paint = first_paint_probe(view, lambda: page.model.rowCount() > 0)
    first_rows: list[float] = []

    def rows_in(*_: object) -> None:
        if not first_rows:
            first_rows.append(time.perf_counter() - STARTED)

    page.model.rowsInserted.connect(rows_in)
    counter = PaintCounter(view)
    window.resize(1440, 820)
    window.show()
    launch["shown"] = time.perf_counter() - STARTED
    heartbeat.phase("first paint")
    pump(lambda: first_paint() is not None, 120)
    heartbeat.phase("load")
    launch["first rows in"] = first_rows[0] if first_rows else float("nan")
    launch["first rows painted"] = first_paint() or float("nan")
    pump(lambda: not page.loading, 600)
    loaded_at = time.perf_counter() - STARTED
    total = page.model.rowCount()
    loaded_rss = round(rss_peak_mb(), 1)

    def settle() -> None:
        QApplication.processEvents()

    heartbeat.phase("search")
    filtered: list[float] = []
    times, finals, _ = type_queries(
        view, page.search_field, queries, settle, None, counter, filtered
    )
    heartbeat.phase("sort")
    # Right after the typing: the text columns' standing orders are not computed yet
    # (they wait while the user types), so these sorts are the ones a click soon after
    # the load gets.
    soon_sorts = time_sorts(view, page.model.columnCount(), settle, counter)
    heartbeat.phase("standing orders")
    standing_from = time.perf_counter()
    wanted = sorted(TEXT_COLUMNS) if total >= StandingOrders.MIN_ROWS else []
    pump(lambda: page.proxy.standing.columns() == wanted, 60)
    standing_s = time.perf_counter() - standing_from
    heartbeat.phase("sort")
    page.proxy.sort(-1)  # from the load order, no permutation cached
    settle()
    sorts = time_sorts(view, page.model.columnCount(), settle, counter)

    revoke_ms = None
    if revoke:
        from keydesk.views.key_table_columns import COL_REVOKED

        view.sortByColumn(COL_REVOKED, Qt.SortOrder.AscendingOrder)
        wait_for_sort(view, settle)
        settle()
        heartbeat.phase("select")
        proxy = view.model()
        count = min(revoke, proxy.rowCount())
        selection = QItemSelection(
            proxy.index(0, 0), proxy.index(count - 1, proxy.columnCount() - 1)
        )
        view.selectionModel().select(
            selection,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        painted(view, settle, counter)
        heartbeat.phase("revoke")
        # The admin clicks "Revoke": replace the confirmation the actions imported.
        key_actions.confirm = lambda *args, **kwargs: True  # type: ignore[attr-defined]
        started = time.perf_counter()
        page.revoke_selected()
        while page.changing:  # written in a worker thread: wait until it is done
            settle()
            time.sleep(0.0005)
        painted(view, settle, counter)
        revoke_ms = round((time.perf_counter() - started) * 1000, 1)

    heartbeat.phase("create")
    create_ms = measure_create(window, settle)
    heartbeat.phase("done")
    window.close()
    return {
        "design": "ours",
        "rows": total,
        "first_paint_s": round(first_paint() or float("nan"), 3),
        "loaded_s": round(loaded_at, 3),
        "launch_s": {step: round(moment, 3) for step, moment in launch.items()},
        "keystroke_ms": summary_ms(times),
        "filter_ms": summary_ms(filtered),
        "final_rows": finals,
        "sort_ms": sorts,
        "sort_soon_ms": soon_sorts,
        "standing_s": round(standing_s, 2),
        "revoke_1000_ms": revoke_ms,
        "loaded_peak_rss_mb": loaded_rss,
        "create_ms": create_ms,
        "blocked_ms": heartbeat.report(),
        "peak_rss_mb": round(rss_peak_mb(), 1),
        "peak_rss_by_phase_mb": heartbeat.peaks,
    }


def _child(parent: QWidget, kind: type[W], name: str) -> W:
    """The child widget called ``name``, which the dialog must have."""
    child = parent.findChild(kind, name)
    if child is None:
        raise LookupError(f"{parent.objectName()} has no {kind.__name__} {name!r}")
    return child


def measure_create(window: MainWindow, settle: Callable[[], None]) -> float | None:
    """Create one key as the admin does: click Add API Key (the page reads the form's
    users in a worker, then opens the dialog), type a name, pick the first user, click
    Create, wait for the copy-once dialog, copy, close. Times Create → key shown.

    The dialogs run their own event loops (``exec()``), so a timer drives them."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit, QPushButton

    state: dict[str, float] = {}

    def step() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, QDialog):  # both steps drive a dialog
            return
        name = widget.objectName()
        if "started" not in state and name == "createKeyDialog":
            _child(widget, QLineEdit, "nameField").setText("bench key")
            users = _child(widget, QComboBox, "userCombo")
            if users.count() > 0 and users.currentIndex() < 0:
                users.setCurrentIndex(0)
            save = widget.findChild(QPushButton, "saveButton")
            if save is None or not save.isEnabled():
                state["failed"] = 1.0
                widget.reject()
                return
            state["started"] = time.perf_counter()
            save.click()
        elif "started" in state and "shown" not in state and name == "copyOnceDialog":
            state["shown"] = time.perf_counter()
            _child(widget, QPushButton, "copyButton").click()
            widget.accept()

    driver = QTimer()
    driver.setInterval(1)
    driver.timeout.connect(step)
    driver.start()
    window.keys_page.add_key()
    done = pump(
        lambda: (
            "failed" in state or ("shown" in state and QApplication.activeModalWidget() is None)
        ),
        60,
    )
    driver.stop()
    settle()
    if not done or "shown" not in state:
        return None
    return round((state["shown"] - state["started"]) * 1000, 1)


def _load_rows(url: str) -> list[KeyRow]:
    from keydesk.services.keys import list_key_rows
    from keydesk.store.connection import open_database

    open_database(url)
    return list_key_rows()


def _baseline_window() -> tuple[QWidget, QLineEdit, QTableView, PaintCounter]:
    """The plain window both baselines use: a search field above a table view."""
    from PySide6.QtWidgets import QLineEdit, QTableView, QVBoxLayout, QWidget

    window = QWidget()
    field = QLineEdit(window)
    view = QTableView(window)
    layout = QVBoxLayout(window)
    layout.addWidget(field)
    layout.addWidget(view)
    return window, field, view, PaintCounter(view)


def _baseline_result(
    design: str,
    rows: int,
    first_paint: float | None,
    times: list[float],
    filtered: list[float],
    capped: bool,
    finals: dict[str, int],
    sorts: dict[str, float],
    heartbeat: Heartbeat,
) -> dict[str, object]:
    return {
        "design": design,
        "rows": rows,
        "first_paint_s": round(first_paint or float("nan"), 3),
        # Every key is searchable once rows show: the stock design reads them all first,
        # QSqlTableModel asks the database at each keystroke.
        "loaded_s": round(first_paint or float("nan"), 3),
        "keystroke_ms": summary_ms(times),
        "filter_ms": summary_ms(filtered),
        "capped": capped,
        "final_rows": finals,
        "sort_ms": sorts,
        "blocked_ms": heartbeat.report(),
        "peak_rss_mb": round(rss_peak_mb(), 1),
    }


def measure_stock(url: str, queries: list[str], cap: float) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    from keydesk.bench.baselines import stock_proxy

    app = QApplication.instance() or QApplication(sys.argv[:1])
    heartbeat = Heartbeat()
    heartbeat.phase("load")  # the textbook design shows its window only once rows are in
    window, field, view, counter = _baseline_window()
    rows = _load_rows(url)  # the textbook way: read everything, then show
    model, proxy = stock_proxy(rows)
    del rows
    view.setModel(proxy)
    view.setSortingEnabled(True)
    field.textChanged.connect(proxy.setFilterFixedString)
    first_paint = first_paint_probe(view, lambda: proxy.rowCount() > 0)
    window.resize(1440, 820)
    window.show()
    pump(lambda: first_paint() is not None, 600)
    app.processEvents()

    heartbeat.phase("search")
    filtered: list[float] = []
    times, finals, capped = type_queries(
        view, field, queries, app.processEvents, cap, counter, filtered
    )
    heartbeat.phase("sort")
    sorts = time_sorts(view, model.columnCount(), app.processEvents, counter) if not capped else {}
    heartbeat.phase("done")
    return _baseline_result(
        "stock", model.rowCount(), first_paint(), times, filtered, capped, finals, sorts, heartbeat
    )


def measure_qsql(url: str, queries: list[str], cap: float) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    from keydesk.bench.baselines import SqlTableBaseline

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not url.startswith("sqlite:///"):
        return {"design": "qsql", "skipped": "QSqlTableModel is measured on SQLite files only"}
    heartbeat = Heartbeat()
    heartbeat.phase("load")
    baseline = SqlTableBaseline(url.removeprefix("sqlite:///"))
    window, field, view, counter = _baseline_window()
    view.setModel(baseline.model)
    field.textChanged.connect(baseline.set_search)
    first_paint = first_paint_probe(view, lambda: baseline.model.rowCount() > 0)
    window.resize(1440, 820)
    window.show()
    pump(lambda: first_paint() is not None, 600)

    heartbeat.phase("search")
    filtered: list[float] = []
    times, finals, capped = type_queries(
        view, field, queries, app.processEvents, cap, counter, filtered
    )
    heartbeat.phase("sort")
    sorts: dict[str, float] = {}
    for column, name in enumerate(SqlTableBaseline.COLUMNS):
        started = time.perf_counter()
        baseline.sort_by(name)
        painted(view, app.processEvents, counter)
        sorts[name] = round((time.perf_counter() - started) * 1000, 1)
        del column
    heartbeat.phase("done")
    result = _baseline_result(
        "qsql", baseline.total_rows(), first_paint(), times, filtered, capped, finals, sorts,
        heartbeat,
    )  # fmt: skip
    baseline.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m keydesk.bench.measure")
    parser.add_argument("--design", choices=("ours", "stock", "qsql"), required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--queries", required=True, help=QUERIES_HELP)
    parser.add_argument("--revoke", type=int, default=1000)
    parser.add_argument("--cap", type=float, default=60.0, help="seconds of typing, baselines")
    args = parser.parse_args(argv)
    queries = json.loads(args.queries)
    if args.design == "ours":
        result = measure_ours(args.db, queries, args.revoke)
    elif args.design == "stock":
        result = measure_stock(args.db, queries, args.cap)
    else:
        result = measure_qsql(args.db, queries, args.cap)
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # skip teardown of a million Python objects: it is not what we measure


if __name__ == "__main__":
    sys.exit(main())
