"""The fields of :class:`~keydesk.views.key_form.KeyForm`, each a widget of its own:
name (with its ``n/50`` counter), user, role, a check list (models, skills), the model
picker (a filter above the list from :data:`MODEL_FILTER_FROM` models) and the expiry
(never, or a local date and time), with the error label a field shows under it and the
helpers converting times between Python and Qt."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QCoreApplication, QDateTime, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from keydesk.services.keys import NAME_MAX, ROLES, role_label
from keydesk.services.users import UserInfo
from keydesk.views.formatting import format_count, time_pattern
from keydesk.views.widgets import mute, set_text_colour

DEFAULT_LIFETIME = timedelta(days=90)
#: Rows a check list shows before it scrolls: all of a usual catalog of models.
MODEL_ROWS_SHOWN = 10
SKILL_ROWS_SHOWN = 4
#: From this many models on, a filter field above the list narrows it as you type.
MODEL_FILTER_FROM = 12


# --- time helpers ------------------------------------------------------------------------


def to_qdatetime(moment: datetime) -> QDateTime:
    """A stored moment (naive UTC) as a local-time QDateTime, to the second."""
    return QDateTime.fromSecsSinceEpoch(int(moment.replace(tzinfo=timezone.utc).timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    """A QDateTime (any zone) as moments are kept: naive UTC, to the second."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), timezone.utc).replace(tzinfo=None)


def local_zone_name() -> str:
    """The abbreviation of the local time zone (``CEST``, ``UTC`` …) for labels."""
    return datetime.now().astimezone().tzname() or QCoreApplication.translate(
        "KeyForm", "local time"
    )


def skills_inactive() -> str:
    return QCoreApplication.translate("KeyForm", "Skills are not active yet")


def no_model_warning() -> str:
    return QCoreApplication.translate("KeyForm", "This key can call no model")


def opt_in_tooltip() -> str:
    return QCoreApplication.translate(
        "KeyForm",
        "Usage tracking consent. When on, each successful verification of this key records "
        "the time and the model called, and updates its last-used time.\n"
        "When off, no usage data of this key is recorded at all, not even the last-used time.",
    )


def role_text(code: str) -> str:
    """A role's label in the current language (an unknown role reads as the services say)."""
    labels = {
        "standard": QCoreApplication.translate("KeyRole", "Standard API Key"),
        "admin": QCoreApplication.translate("KeyRole", "Admin API Key"),
        "project": QCoreApplication.translate("KeyRole", "Project API Key"),
    }
    return labels.get(code) or role_label(code)


# --- small widgets -------------------------------------------------------------------------


class FieldError(QLabel):
    """The sentence explaining why a field's input is refused; hidden while empty."""

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{field}Error")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_text_colour(self, "#c62828", "#ff8a80")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))

    def clear_message(self) -> None:
        self.show_message("")


class NameField(QWidget):
    """A line edit limited to :data:`NAME_MAX` characters with a live ``n/50`` counter."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("nameField")
        self.edit.setAccessibleName(self.tr("Name"))
        self.edit.setAccessibleDescription(
            self.tr("Required; at most {count} characters").format(count=NAME_MAX)
        )
        self.edit.setMaxLength(NAME_MAX)
        self.edit.setPlaceholderText(self.tr("Required, e.g. Billing service (production)"))
        self.edit.setClearButtonEnabled(True)
        self.counter = QLabel(self)
        self.counter.setObjectName("nameCounter")
        mute(self.counter)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.counter.setMinimumWidth(self.counter.fontMetrics().horizontalAdvance("00/00") + 4)
        self.counter.setToolTip(
            self.tr("A name has at most {count} characters.").format(count=NAME_MAX)
        )
        self.counter.setAccessibleDescription(self.tr("Characters used"))
        self.touched = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.counter)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.textChanged.connect(self._on_changed)
        self._on_changed(self.edit.text())

    def _on_edited(self, _text: str) -> None:
        self.touched = True

    def _on_changed(self, text: str) -> None:
        self.counter.setText(f"{len(text)}/{NAME_MAX}")
        self.changed.emit()

    def text(self) -> str:
        """The name as typed (the services trim it)."""
        return self.edit.text()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)


class UserCombo(QComboBox):
    """The owner: one entry per user, ``Display Name <email>``, the email as item data."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userCombo")
        self.setAccessibleName(self.tr("User"))
        self.setAccessibleDescription(self.tr("The user who owns the key"))
        self.setPlaceholderText(self.tr("Choose a user…"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(28)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.currentIndexChanged.connect(self._on_index_changed)

    def _on_index_changed(self, _index: int) -> None:
        self.changed.emit()

    def set_users(self, users: Iterable[UserInfo], keep: str | None = None) -> None:
        """List the active users, plus ``keep`` (the current owner) even if deactivated."""
        self.blockSignals(True)
        self.clear()
        for user in users:
            if not user.active and user.email != keep:
                continue
            label = f"{user.display_name} <{user.email}>"
            if not user.active:
                label = self.tr("{user} (deactivated)").format(user=label)
            self.addItem(label, user.email)
        self.setCurrentIndex(-1)
        self.blockSignals(False)

    def user(self) -> str | None:
        """The chosen user's email, or None while no user is chosen."""
        email = self.currentData()
        return email if isinstance(email, str) else None

    def set_user(self, email: str | None) -> None:
        self.setCurrentIndex(-1 if email is None else self.findData(email))


class RoleCombo(QComboBox):
    """The three roles by their labels; the role code is the item data."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roleCombo")
        self.setAccessibleName(self.tr("Role"))
        for code in ROLES:
            self.addItem(role_text(code), code)
        self.setItemData(
            self.findData("project"),
            self.tr("For an application or web service"),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.currentIndexChanged.connect(self._on_index_changed)

    def _on_index_changed(self, _index: int) -> None:
        self.changed.emit()

    def role(self) -> str:
        return str(self.currentData())

    def set_role(self, role: str) -> None:
        index = self.findData(role)
        self.setCurrentIndex(index if index >= 0 else 0)


class CheckList(QListWidget):
    """A list of names with a check box each, up to ``rows`` rows high."""

    changed = Signal()

    def __init__(self, object_name: str, rows: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = rows
        self.setObjectName(object_name)
        self.setUniformItemSizes(True)
        self.setSpacing(1)
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.itemChanged.connect(self._on_item_changed)

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        self.changed.emit()

    def sizeHint(self) -> QSize:
        row = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 4
        row += 2 * self.spacing()
        rows = max(2, min(self.count(), self._rows))
        return QSize(super().sizeHint().width(), row * rows + 2 * self.frameWidth() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def set_names(self, names: Iterable[str], checked: Iterable[str] = ()) -> None:
        """List ``names`` (plus any checked name missing from them), checking ``checked``."""
        wanted = set(checked)
        self.blockSignals(True)
        self.clear()
        for name in sorted(set(names) | wanted):
            item = QListWidgetItem(name, self)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in wanted else Qt.CheckState.Unchecked)
        self.blockSignals(False)
        self.setMinimumHeight(self.sizeHint().height())  # never squeezed into a scroll

    def checked(self) -> list[str]:
        """The checked names, in list order."""
        return [
            self.item(row).text()
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, names: Iterable[str]) -> None:
        wanted = set(names)
        for row in range(self.count()):
            item = self.item(row)
            item.setCheckState(
                Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked
            )

    def show_matching(self, text: str) -> int:
        """Hide the names not containing ``text`` (any case); checked ones stay checked.
        Returns how many are shown."""
        needle = text.strip().casefold()
        shown = 0
        for row in range(self.count()):
            match = needle in self.item(row).text().casefold()
            self.setRowHidden(row, not match)
            shown += match
        return shown


class ModelPicker(QWidget):
    """The permitted models: a check list, "2 of 10 selected" under it, and above it a
    filter field once the catalog is long (a platform offers dozens of models)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("modelFilter")
        self.filter.setPlaceholderText(self.tr("Filter models…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Filter permitted models"))
        self.list = CheckList("modelList", MODEL_ROWS_SHOWN, self)
        self.list.setAccessibleName(self.tr("Permitted models"))
        self.list.setAccessibleDescription(
            self.tr("The models this key may call; Space checks or unchecks one")
        )
        self.summary = QLabel(self)
        self.summary.setObjectName("modelSummary")
        mute(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(self.summary)
        # No focus proxy here or on the expiry field: Qt 6 tabs into a container's proxy
        # where the container sits in the focus chain (after the dialog's buttons), so
        # Tab from the last button went to the model list instead of back to the name.
        self.filter.textChanged.connect(self._on_filter)
        self.list.changed.connect(self._on_changed)
        self._update()

    def set_names(self, names: Iterable[str], checked: Iterable[str] = ()) -> None:
        self.list.set_names(names, checked)
        self.filter.clear()
        self._update()

    def set_checked(self, names: Iterable[str]) -> None:
        self.list.set_checked(names)
        self._update()

    def checked(self) -> list[str]:
        return self.list.checked()

    def _on_filter(self, text: str) -> None:
        self.list.show_matching(text)
        self._update()

    def _on_changed(self) -> None:
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        total = self.list.count()
        self.filter.setVisible(total >= MODEL_FILTER_FROM)
        selected = len(self.list.checked())
        text = self.tr("%Ln of {total} selected", "", selected).format(total=format_count(total))
        if self.filter.text().strip():
            shown = sum(not self.list.isRowHidden(row) for row in range(total))
            text += " · " + self.tr("%Ln shown", "", shown)
        self.summary.setText(text if total else "")
        self.summary.setVisible(bool(total))


class ExpiryField(QWidget):
    """Never, or a date and time shown in local time, read back as naive UTC.

    A check box "Expires" switches between "Never" and a date/time editor with a
    calendar popup. The editor takes any date: a cap at a key's current expiry (or at
    today) made Up do nothing and silently dropped a typed year, with the reason only
    in a tooltip. The dialog asks the services' rule as the value changes and says why
    under the field; :meth:`set_hint` puts the rule itself beside it beforehand.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self.tr("E&xpires"), self)
        self.check.setObjectName("expiresCheck")
        self.check.setToolTip(self.tr("Leave unchecked for a key that never expires."))
        self.edit = QDateTimeEdit(self)
        self.edit.setObjectName("expiresEdit")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(time_pattern())
        self.edit.setToolTip(
            self.tr("Date and time in your local time zone ({zone}).").format(
                zone=local_zone_name()
            )
        )
        self.edit.setAccessibleName(self.tr("Expiry date and time"))
        self.never = QLabel(self.tr("Never"), self)
        self.never.setObjectName("expiresNever")
        mute(self.never)
        self.hint = QLabel(self)
        self.hint.setObjectName("expiresHint")
        self.hint.setWordWrap(True)
        mute(self.hint)
        self.hint.hide()
        self.zone = QLabel(local_zone_name(), self)
        mute(self.zone)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addWidget(self.zone)
        layout.addWidget(self.never)
        layout.addStretch(1)
        self.set_value(None)
        self.check.toggled.connect(self._on_toggled)
        self.edit.dateTimeChanged.connect(self._on_edited)

    @staticmethod
    def default_expiry() -> datetime:
        """Now plus 90 days, to the minute (naive UTC)."""
        moment = datetime.now(timezone.utc).replace(tzinfo=None) + DEFAULT_LIFETIME
        return moment.replace(second=0, microsecond=0)

    def _show_state(self) -> None:
        on = self.check.isChecked()
        self.edit.setVisible(on)
        self.zone.setVisible(on)
        self.never.setVisible(not on)

    def _on_toggled(self, _on: bool) -> None:
        self._show_state()
        self.changed.emit()

    def _on_edited(self, _value: QDateTime) -> None:
        self.changed.emit()

    def value(self) -> datetime | None:
        """The expiry as naive UTC, or None for never."""
        return from_qdatetime(self.edit.dateTime()) if self.check.isChecked() else None

    def set_value(self, moment: datetime | None) -> None:
        """Show ``moment`` (naive UTC) or "Never"; the editor then offers +90 days."""
        blocked = self.blockSignals(True)
        self.edit.setDateTime(to_qdatetime(moment or self.default_expiry()))
        self.check.setChecked(moment is not None)
        self._show_state()
        self.blockSignals(blocked)

    def set_hint(self, text: str) -> None:
        """A sentence under the field about what it accepts ("" hides it)."""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_read_only(self, read_only: bool) -> None:
        self.check.setEnabled(not read_only)
        self.edit.setReadOnly(read_only)
        self.edit.setCalendarPopup(not read_only)
        self.edit.setButtonSymbols(
            QDateTimeEdit.ButtonSymbols.NoButtons
            if read_only
            else QDateTimeEdit.ButtonSymbols.UpDownArrows
        )
        self.edit.setEnabled(not read_only)
