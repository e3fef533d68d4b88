"""The dialog shown when a database cannot be opened: one sentence saying why, and a
way out: pick another SQLite file, create a new one, type a server URL and retry, or
quit. It also serves File → Open database….

The dialog does the opening itself through the ``opener`` it is given (so a failed
retry shows the new reason in place, without closing); the opener's result is kept in
:attr:`DatabaseDialog.result_value` once one succeeds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from keydesk.errors import DatabaseError
from keydesk.services.database import redact_url, sqlite_file
from keydesk.views import i18n
from keydesk.views.widgets import fit_to_screen

T = TypeVar("T")


def file_filter() -> str:
    return QCoreApplication.translate(
        "DatabaseDialog", "keydesk databases (*.db *.sqlite *.sqlite3);;All files (*)"
    )


URL_EXAMPLES = (
    "sqlite:///path/to/keydesk.db · postgresql://user@host:5432/keydesk · "
    "mysql://user@host:3306/keydesk"
)


def sqlite_url(path: str | Path) -> str:
    """The ``sqlite:///`` URL of a file path (absolute paths give four slashes)."""
    return f"sqlite:///{Path(path).expanduser().resolve()}"


class DatabaseDialog(QDialog, Generic[T]):
    def __init__(
        self,
        message: str,
        url: str,
        opener: Callable[[str], T],
        parent: QWidget | None = None,
        *,
        title: str | None = None,
        quit_label: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("databaseDialog")
        self.setWindowTitle(title or self.tr("Open a keydesk database"))
        self.setModal(True)
        self._opener = opener
        self._url = url
        self.result_value: T | None = None

        icon = QLabel(self)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message_label = QLabel(i18n.say(message), self)
        self.message_label.setObjectName("databaseMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.message_label.font()
        font.setBold(True)
        self.message_label.setFont(font)
        explanation = QLabel(
            self.tr(
                "Choose another keydesk database file, create a new one, or type the URL of a "
                "database server and press Open."
            ),
            self,
        )
        explanation.setWordWrap(True)

        self.url_field = QLineEdit(redact_url(url), self)
        self.url_field.setObjectName("databaseUrlField")
        self.url_field.setPlaceholderText(self.tr("Database URL"))
        self.url_field.setAccessibleName(self.tr("Database URL"))
        self.url_field.setAccessibleDescription(
            self.tr("An SQLite file or a database server, as a URL; Enter opens it")
        )
        self.url_field.setClearButtonEnabled(True)
        self.url_field.setMinimumWidth(460)
        self.url_field.returnPressed.connect(self.retry)
        examples = QLabel(URL_EXAMPLES, self)
        examples.setWordWrap(True)
        examples.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.choose_button = QPushButton(self.tr("&Choose file…"), self)
        self.choose_button.setObjectName("chooseFileButton")
        self.choose_button.clicked.connect(self.choose_file)
        self.new_button = QPushButton(self.tr("&New database…"), self)
        self.new_button.setObjectName("newDatabaseButton")
        self.new_button.clicked.connect(self.new_database)
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.setObjectName("openDatabaseButton")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.retry)
        self.quit_button = QPushButton(quit_label or self.tr("Quit"), self)
        self.quit_button.setObjectName("quitButton")
        self.quit_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(icon)
        text = QVBoxLayout()
        text.addWidget(self.message_label)
        text.addWidget(explanation)
        top.addLayout(text, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addSpacing(4)
        layout.addWidget(self.url_field)
        layout.addWidget(examples)
        layout.addSpacing(6)
        layout.addLayout(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        fit_to_screen(self)  # before Qt centres it over its parent
        super().showEvent(event)

    @property
    def url(self) -> str:
        """The URL to open: the field's text, or the original URL (with its password)
        while the field still shows its redacted form."""
        text = self.url_field.text().strip()
        return self._url if text == redact_url(self._url) else text

    def message(self) -> str:
        return self.message_label.text()

    def retry(self) -> None:
        self.try_open(self.url)

    def try_open(self, url: str) -> bool:
        """Open ``url`` through the opener; on failure show the new reason and stay."""
        if not url:
            self.message_label.setText(self.tr("Type a database URL or choose a file."))
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result_value = self._opener(url)
        except DatabaseError as error:
            self.message_label.setText(i18n.error_text(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._url = url
        self.accept()
        return True

    def _start_folder(self) -> str:
        path = sqlite_file(self.url)
        if path is not None and path.parent.is_dir():
            return str(path.parent)
        return str(Path.home())

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a keydesk database"),
            self._start_folder(),
            file_filter(),
        )
        if path:
            url = sqlite_url(path)
            self.url_field.setText(url)
            self.try_open(url)

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Create a keydesk database"),
            str(Path(self._start_folder()) / "keydesk.db"),
            file_filter(),
        )
        if path:
            file = Path(path)
            if not file.suffix:
                file = file.with_suffix(".db")
            url = sqlite_url(file)
            self.url_field.setText(url)
            self.try_open(url)
