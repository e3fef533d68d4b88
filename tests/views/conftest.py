"""Helpers for driving modal boxes the way a user would: find the box, click a button."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from support.desks import private_qsettings, shown_window, stop_modal_polls
from support.language import compile_catalogs, speaking

from keydesk.views import i18n


def _click_in_modal(object_name: str, button_name: str, seen: list[str]) -> bool:
    box = QApplication.activeModalWidget()
    if box is None or box.objectName() != object_name:
        return False
    if isinstance(box, QMessageBox):
        seen.append(box.text() + "\n" + box.informativeText())
    button = box.findChild(QAbstractButton, button_name)
    assert button is not None, f"{object_name} has no button {button_name}"
    button.click()
    return True


@pytest.fixture
def answer_box() -> Callable[..., list[str]]:
    """``texts = answer_box("confirmDialog", "confirmAcceptButton")`` arms a timer that
    clicks that button in the next modal box with that object name; ``texts`` receives
    the box's text so the test can check what the user was told."""

    def arm(object_name: str, button_name: str, timeout_ms: int = 5000) -> list[str]:
        seen: list[str] = []
        timer = QTimer()
        elapsed = [0]

        def poll() -> None:
            elapsed[0] += 20
            if _click_in_modal(object_name, button_name, seen) or elapsed[0] > timeout_ms:
                timer.stop()

        timer.timeout.connect(poll)
        timer.start(20)
        seen_timer.append(timer)  # keep the timer alive for the test's duration
        return seen

    seen_timer: list[QTimer] = []
    return arm


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> Iterator[Path]:
    """Each test gets its own Qt settings folder (yielded), and no modal poll outlives
    its test."""
    folder = tmp_path / "qsettings"
    private_qsettings(folder)
    yield folder
    stop_modal_polls()


def modal_widget() -> QWidget | None:
    return QApplication.activeModalWidget()


@pytest.fixture(scope="session")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The translation catalogs compiled from the committed .ts, once per run."""
    return compile_catalogs(tmp_path_factory.mktemp("catalogs"))


@pytest.fixture(autouse=True)
def english(qapp: QApplication, catalogs: Path) -> Iterator[None]:
    """Tests speak English (the source texts, and the English catalog's plural forms:
    "1 key") unless they ask for French, whatever the machine's locale."""
    with speaking(i18n.ENGLISH, catalogs):
        yield


@pytest.fixture
def french(qapp: QApplication, catalogs: Path) -> Iterator[None]:
    """The app speaks French for this test: build windows after this fixture."""
    with speaking(i18n.FRENCH, catalogs):
        yield


@pytest.fixture
def windows(qtbot) -> Iterator[Callable[..., Any]]:
    """Builds real main windows (``windows(url, size=...)``: support.desks.shown_window,
    in the language spoken when called); at the end stops their loads and live refresh
    and waits for their background reads."""
    made: list[Any] = []

    def make(url: str, **options: Any) -> Any:
        window = shown_window(qtbot, url, **options)
        made.append(window)
        return window

    yield make
    for window in made:
        window.keys_page.cancel_loading()
        window.close()
    QThreadPool.globalInstance().waitForDone(10_000)
