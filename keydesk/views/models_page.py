"""The Models page: the catalog of AI models a key may call, and the skills, which are
stored but not active yet (listed, disabled, with a tooltip saying why)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from keydesk.errors import KeydeskError, sentence
from keydesk.offline import OfflineSession
from keydesk.services.capabilities import Capabilities
from keydesk.services.catalog import add_model, list_models, list_skills
from keydesk.views import i18n
from keydesk.views.confirm import show_error
from keydesk.views.copy_note import CopyNote
from keydesk.views.offline_reads import Sourced, read_live_or_copy

SKILLS_INACTIVE = "Skills are not active yet"  # in English; skills_inactive() says it


def skills_inactive() -> str:
    """Why skills are listed but disabled, in the current language."""
    return QCoreApplication.translate("ModelsPage", "Skills are not active yet")


def _catalog() -> tuple[list[str], list[str]]:
    return list_models(), list_skills()


class ModelsPage(QWidget):
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelsPage")
        self._may_manage = True
        self._manage_reason = ""
        self._session: OfflineSession | None = None
        self.copy_note = CopyNote("modelsCopyNote", self)

        self.name_field = QLineEdit(self)
        self.name_field.setObjectName("modelNameField")
        self.name_field.setPlaceholderText(self.tr("New model name, e.g. alfred-4"))
        self.name_field.setAccessibleName(self.tr("New model name"))
        self.name_field.setAccessibleDescription(
            self.tr("Type a model name and press Enter to add it to the catalog")
        )
        self.name_field.setClearButtonEnabled(True)
        self.name_field.setMaxLength(100)
        self.name_field.returnPressed.connect(self.add_model)
        self.name_field.textChanged.connect(self._update_button)
        self.add_button = QPushButton(self.tr("Add model"), self)
        self.add_button.setObjectName("addModelButton")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_model)

        self.models_list = QListWidget(self)
        self.models_list.setObjectName("modelsList")
        self.models_list.setAlternatingRowColors(True)
        self.models_list.setAccessibleName(self.tr("Models"))
        self.models_list.setAccessibleDescription(self.tr("The models a key may be granted"))

        self.skills_list = QListWidget(self)
        self.skills_list.setObjectName("skillsList")
        self.skills_list.setToolTip(skills_inactive())
        self.skills_list.setAccessibleName(self.tr("Skills (not active yet)"))
        self.skills_list.setMaximumHeight(150)
        self.skills_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        # Nothing in it can be chosen (its items are disabled), and a list without a usable
        # item would take the focus without showing it: Tab passes it by. Screen readers
        # still find it, named, in the window's tree.
        self.skills_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        models_title = QLabel(self.tr("Models"), self)
        models_title.setObjectName("modelsTitle")
        skills_title = QLabel(self.tr("Skills — not active yet"), self)
        skills_title.setObjectName("skillsTitle")
        skills_title.setToolTip(skills_inactive())
        for title in (models_title, skills_title):
            font = title.font()
            font.setBold(True)
            title.setFont(font)
        hint = QLabel(
            self.tr(
                "Keys may call only the models they are granted. Skills are stored with the "
                "keys but cannot be granted until they become active."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(self.name_field, 1)
        bar.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.setSpacing(8)
        layout.addWidget(self.copy_note)
        layout.addLayout(bar)
        layout.addWidget(models_title)
        layout.addWidget(self.models_list, 1)
        layout.addWidget(skills_title)
        layout.addWidget(self.skills_list)
        layout.addWidget(hint)
        self._update_button()

    def showEvent(self, event: QShowEvent) -> None:
        """Shown (Ctrl+3 or the sidebar): the keyboard lands in the name field (the list
        when models cannot be added) unless it is already somewhere on this page."""
        super().showEvent(event)
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            first = self.name_field if self.name_field.isEnabled() else self.models_list
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_capabilities(self, capabilities: Capabilities) -> None:
        """Disable adding models if the database role may not change the catalog."""
        self._may_manage = capabilities.can_manage_catalog
        self._manage_reason = capabilities.reason("manage_catalog")
        self._update_button()

    def set_session(self, session: OfflineSession | None) -> None:
        """Offline, the catalog comes from the session's copy, read-only."""
        self._session = session

    @property
    def from_copy(self) -> bool:
        """Whether the catalog shown is the offline copy's (nothing can be added)."""
        return not self.copy_note.isHidden()

    def _update_button(self, *_args: object) -> None:
        may_manage = self._may_manage and not self.from_copy
        reason = (
            self.tr(
                "You are offline: adding models is not possible until the database server is back."
            )
            if self.from_copy
            else i18n.say(self._manage_reason)
        )
        self.name_field.setEnabled(may_manage)
        self.name_field.setToolTip(reason)
        self.add_button.setToolTip(reason)
        self.add_button.setEnabled(may_manage and bool(self.name_field.text().strip()))

    def refresh(self) -> None:
        """Read the catalog off the GUI thread: from the server, or from the offline copy
        while it is out of reach."""
        read_live_or_copy(
            self._session, sentence("Catalog", "reading the catalog"), _catalog, lambda copy: copy.catalog(),
            self._show, self._failed, self,
        )  # fmt: skip

    def _item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setSizeHint(QSize(0, self.fontMetrics().height() + 10))
        return item

    def _set_models(self, names: list[str]) -> None:
        self.models_list.clear()
        for name in names:
            self.models_list.addItem(self._item(name))

    def _show(self, catalog: Sourced[tuple[list[str], list[str]]]) -> None:
        self.copy_note.show_copy(catalog.as_of, self.tr("the catalog"))
        self._update_button()
        models, skills = catalog.value
        self._set_models(models)
        self.skills_list.clear()
        for name in skills or [self.tr("No skills in the catalog")]:
            item = self._item(name)
            item.setFlags(Qt.ItemFlag.NoItemFlags)  # shown, but not enabled
            item.setToolTip(skills_inactive())
            self.skills_list.addItem(item)

    def _failed(self, error: Exception) -> None:
        show_error(self, self.tr("Could not load the catalog"), i18n.error_text(error))

    def model_names(self) -> list[str]:
        return [self.models_list.item(i).text() for i in range(self.models_list.count())]

    def add_model(self) -> None:
        """Add the typed model; on a broken rule the text stays for correction."""
        text = self.name_field.text()
        if not text.strip():
            return
        try:
            name = add_model(text)
        except KeydeskError as error:
            show_error(self, self.tr("Could not add the model"), i18n.error_text(error))
            self.name_field.setFocus()
            return
        self._set_models(sorted({*self.model_names(), name}))
        matches = self.models_list.findItems(name, Qt.MatchFlag.MatchExactly)
        if matches:
            self.models_list.setCurrentItem(matches[0])
        self.name_field.clear()
        self.message.emit(self.tr("Added the model {name}.").format(name=name))
