"""The editable fields of a key, shared by the create and the detail dialog.

:class:`KeyForm` lays out name (with a live ``n/50`` counter), user, role, permitted
models (a checklist that warns when nothing is checked), skills (listed, disabled:
they are not active yet), usage-tracking consent and expiry (never, or a local date
and time). Each field has an error label underneath, so a dialog can put a rule's
sentence (a :class:`keydesk.errors.ValidationError` and its ``field``) right where the
input is. The form knows no rule itself: dialogs ask the services layer.

Object names (for tests and accessibility tools): ``nameField``, ``nameCounter``,
``userCombo``, ``roleCombo``, ``modelList``, ``noModelWarning``, ``skillList``,
``optInCheck``, ``expiresCheck``, ``expiresEdit``, and ``<field>Error`` for the error
label of each field named as the services name it (``nameError``, ``expiresError`` …).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from keydesk.services import catalog
from keydesk.services.users import UserInfo, list_users
from keydesk.views.key_form_fields import (
    SKILL_ROWS_SHOWN,
    CheckList,
    ExpiryField,
    FieldError,
    ModelPicker,
    NameField,
    RoleCombo,
    UserCombo,
    no_model_warning,
    opt_in_tooltip,
    skills_inactive,
)
from keydesk.views.widgets import mute, set_text_colour, show_checks

FIELDS = ("name", "user", "role", "models", "skills", "opt_in", "expires")


# --- the form ------------------------------------------------------------------------------


def _column(*widgets: QWidget) -> QWidget:
    """Widgets stacked without margins: a field and the labels that explain it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(3)
    for widget in widgets:
        layout.addWidget(widget)
    return box


@dataclass(frozen=True)
class FormChoices:
    """What the form offers: the users (without key counts), the models, the skills."""

    users: Sequence[UserInfo]
    models: Sequence[str]
    skills: Sequence[str]


def read_form_choices() -> FormChoices:
    """Three reads (5,000 users take ~15 ms, more over a network): the keys page runs
    this in a worker before it opens the create dialog."""
    return FormChoices(list_users(key_counts=False), catalog.list_models(), catalog.list_skills())


class KeyForm(QWidget):
    """Every editable field of a key, each with an error label; ``edited`` on any change.

    ``choices=None`` builds the form before its choices are read (in a worker): the
    lists stay empty until :meth:`set_choices`, and the hints (no user, no model) hidden
    until :meth:`load` fills the form, so they never flash up in between.
    """

    edited = Signal()

    def __init__(self, choices: FormChoices | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users: list[UserInfo] = []
        self._filled = False  # the hints wait until there is something to judge
        self.read_only = False
        self.errors: dict[str, FieldError] = {name: FieldError(name, self) for name in FIELDS}

        self.name = NameField(self)
        self.user = UserCombo(self)
        self.no_users = QLabel(
            self.tr("There is no active user yet: add one on the Users page first."), self
        )
        self.no_users.setObjectName("noUsersHint")
        self.no_users.setWordWrap(True)
        mute(self.no_users)
        self.no_users.hide()
        self.role = RoleCombo(self)

        self.models = ModelPicker(self)
        self.no_model = QWidget(self)
        icon = QLabel(self.no_model)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        self.no_model_label = QLabel(no_model_warning(), self.no_model)
        self.no_model_label.setObjectName("noModelWarning")
        set_text_colour(self.no_model_label, "#8a5300", "#ffcc80")
        warning_row = QHBoxLayout(self.no_model)
        warning_row.setContentsMargins(0, 0, 0, 0)
        warning_row.addWidget(icon)
        warning_row.addWidget(self.no_model_label, 1)

        self.skills = CheckList("skillList", SKILL_ROWS_SHOWN, self)
        self.skills.setEnabled(False)
        inactive = skills_inactive()
        self.skills.setToolTip(inactive)
        self.skills.viewport().setToolTip(inactive)
        self.skills.setAccessibleName(self.tr("Skills"))
        self.skills.setAccessibleDescription(inactive)
        skills_note = QLabel(self.tr("Skills are not active yet."), self)
        skills_note.setObjectName("skillsNote")
        mute(skills_note)
        skills_note.setToolTip(inactive)

        self.opt_in = QCheckBox(self.tr("&Opt in: record the usage of this key"), self)
        self.opt_in.setObjectName("optInCheck")
        self.opt_in.setToolTip(opt_in_tooltip())
        self.opt_in.setAccessibleDescription(opt_in_tooltip())

        self.expiry = ExpiryField(self)
        show_checks(self.models.list, self.skills, self.opt_in, self.expiry.check)

        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        rows: list[tuple[str, QWidget, QWidget]] = [
            (self.tr("&Name:"), self.name.edit, _column(self.name, self.errors["name"])),
            (
                self.tr("&User:"),
                self.user,
                _column(self.user, self.no_users, self.errors["user"]),
            ),
            (self.tr("&Role:"), self.role, _column(self.role, self.errors["role"])),
            (
                self.tr("Permitted &models:"),
                self.models.list,
                _column(self.models, self.no_model, self.errors["models"]),
            ),
            (
                self.tr("Skills:"),
                self.skills,
                _column(self.skills, skills_note, self.errors["skills"]),
            ),
            (
                self.tr("Usage tracking:"),
                self.opt_in,
                _column(self.opt_in, self.errors["opt_in"]),
            ),
            (
                self.tr("Expiry:"),
                self.expiry.check,
                _column(self.expiry, self.expiry.hint, self.errors["expires"]),
            ),
        ]
        self.labels: list[QLabel] = []
        for text, buddy, field in rows:
            label = QLabel(text, self)
            label.setBuddy(buddy)
            layout.addRow(label, field)
            self.labels.append(label)

        for signal in (
            self.name.changed,
            self.user.changed,
            self.role.changed,
            self.models.changed,
            self.opt_in.toggled,
            self.expiry.changed,
        ):
            signal.connect(self._on_edited)
        if choices is not None:
            self.set_choices(choices)
            self._filled = True
        self._update_hints()

    def set_choices(self, choices: FormChoices) -> None:
        """Offer these users, models and skills (what :func:`read_form_choices` read)."""
        self._users = list(choices.users)
        self.user.set_users(self._users)
        self.models.set_names(choices.models)
        tip = self.tr("Check at least one model the key may call.")
        if not choices.models:
            tip += " " + self.tr("The model catalog is empty: add models on the Models page.")
        self.no_model_label.setToolTip(tip)
        self.skills.set_names(choices.skills)
        for row in range(self.skills.count()):
            self.skills.item(row).setToolTip(skills_inactive())
        self._update_hints()

    # -- tab order, state -------------------------------------------------------------------

    def focus_chain(self) -> list[QWidget]:
        """The form's inputs in tab order, for the dialog to splice into its own chain."""
        return [
            self.name.edit,
            self.user,
            self.role,
            self.models.filter,
            self.models.list,
            self.opt_in,
            self.expiry.check,
            self.expiry.edit,
        ]

    def _on_edited(self, *_args: object) -> None:
        self._update_hints()
        self.edited.emit()

    def _update_hints(self) -> None:
        self.no_users.setVisible(self._filled and self.user.count() == 0)
        self.no_model.setVisible(self._filled and not self.read_only and not self.models.checked())

    def set_read_only(self, read_only: bool) -> None:
        """Show the values without letting them change (a revoked key)."""
        self.read_only = read_only
        self.name.counter.setVisible(not read_only)
        self.name.edit.setClearButtonEnabled(not read_only)
        for widget in (self.name.edit, self.user, self.role, self.models, self.opt_in):
            widget.setEnabled(not read_only)
        self.expiry.set_read_only(read_only)
        self._update_hints()

    # -- values -------------------------------------------------------------------------------

    def load(
        self,
        *,
        name: str,
        user: str,
        role: str,
        models: Iterable[str],
        skills: Iterable[str],
        opt_in: bool,
        expires: datetime | None,
    ) -> None:
        """Show a key's current values without emitting ``edited``."""
        self.blockSignals(True)
        self.user.set_users(self._users, keep=user)
        self.name.set_text(name)
        self.user.set_user(user)
        self.role.set_role(role)
        self.models.set_checked(models)
        self.skills.set_checked(skills)
        self.opt_in.setChecked(opt_in)
        self.expiry.set_value(expires)
        self.blockSignals(False)
        self._filled = True
        self._update_hints()

    def values(self) -> dict[str, object]:
        """The input as the services take it, keyed like :data:`FIELDS`."""
        return {
            "name": self.name.text(),
            "user": self.user.user(),
            "role": self.role.role(),
            "models": self.models.checked(),
            "skills": self.skills.checked(),
            "opt_in": self.opt_in.isChecked(),
            "expires": self.expiry.value(),
        }

    # -- errors -------------------------------------------------------------------------------

    def show_error(self, field: str | None, message: str) -> bool:
        """Put ``message`` under ``field``; False when the form has no such field."""
        label = self.errors.get(field or "")
        if label is None:
            return False
        label.show_message(message)
        if field == "expires":
            self.expiry.hint.hide()  # the refusal says it again, about this value
        return True

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear_message()
        self.expiry.hint.setVisible(bool(self.expiry.hint.text()))
