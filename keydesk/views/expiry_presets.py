"""Expiry presets of the create dialog: Never, 7, 30, 60 or 90 days, or Custom (the date
and time editor). Most keys get a round lifetime; picking one should not mean working a
calendar.

:class:`ExpiryPresets` drives the form's :class:`~keydesk.views.key_form_fields.ExpiryField`,
which still holds the value (so validation and saving are unchanged): it takes the place
of the field's "Expires" check box, sets the field for a preset and shows the moment it
stands for, and shows the field's editor for Custom. The detail dialog keeps the plain
field: there an expiry can only move earlier, which a lifetime from now does not say.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QBoxLayout, QComboBox, QLabel

from keydesk.views.formatting import format_time
from keydesk.views.key_form_fields import ExpiryField, local_zone_name
from keydesk.views.widgets import mute

NEVER, CUSTOM = "never", "custom"
#: The lifetimes offered, in order: days, or NEVER / CUSTOM.
CHOICES: tuple[int | str, ...] = (NEVER, 7, 30, 60, 90, CUSTOM)


def presets() -> tuple[tuple[str, int | str], ...]:
    """(label, choice) for each of :data:`CHOICES`, the labels in the current language."""
    labels = (
        QCoreApplication.translate("ExpiryPresets", "Never"),
        QCoreApplication.translate("ExpiryPresets", "7 days"),
        QCoreApplication.translate("ExpiryPresets", "30 days"),
        QCoreApplication.translate("ExpiryPresets", "60 days"),
        QCoreApplication.translate("ExpiryPresets", "90 days"),
        QCoreApplication.translate("ExpiryPresets", "Custom…"),
    )
    return tuple(zip(labels, CHOICES, strict=True))


def preset_moment(days: int, now: datetime | None = None) -> datetime:
    """Now plus ``days``, to the minute (naive UTC): what a preset sets."""
    moment = (now or datetime.now(timezone.utc).replace(tzinfo=None)) + timedelta(days=days)
    return moment.replace(second=0, microsecond=0)


class ExpiryPresets(QComboBox):
    """The presets, placed in ``field`` in front of its (then hidden) check box."""

    def __init__(self, field: ExpiryField) -> None:
        super().__init__(field)
        self.setObjectName("expiryPresets")
        self.setAccessibleName(self.tr("Expiry"))
        self.setAccessibleDescription(self.tr("How long the key lives"))
        self.setToolTip(self.tr("How long the key lives; Custom… picks a date and time"))
        for label, value in presets():
            self.addItem(label, value)
        self._field = field
        self._setting = False
        self.moment_label = QLabel(field)
        self.moment_label.setObjectName("expiryPresetMoment")
        mute(self.moment_label)
        layout = field.layout()
        assert isinstance(layout, QBoxLayout)
        layout.insertWidget(0, self)
        layout.insertWidget(layout.indexOf(field.never) + 1, self.moment_label)
        field.check.hide()
        self.currentIndexChanged.connect(self._on_chosen)
        # Someone else setting the value (a form loaded with an expiry) means Custom.
        field.check.toggled.connect(self._on_check_toggled)
        self.select(CUSTOM if field.check.isChecked() else NEVER)

    @property
    def choice(self) -> int | str:
        value: int | str = self.currentData()
        return value

    def select(self, choice: int | str) -> None:
        """Choose a preset (days, NEVER or CUSTOM) as a click on it would."""
        number = CHOICES.index(choice)
        if number == self.currentIndex():
            self._on_chosen(number)
        else:
            self.setCurrentIndex(number)

    def _on_chosen(self, number: int) -> None:
        choice = CHOICES[number]
        field = self._field
        self._setting = True
        try:
            if choice == NEVER:
                field.set_value(None)
            elif choice == CUSTOM:
                if not field.check.isChecked():
                    field.set_value(field.value() or field.default_expiry())
            else:
                assert isinstance(choice, int)
                field.set_value(preset_moment(choice))
        finally:
            self._setting = False
        custom = choice == CUSTOM
        field.edit.setVisible(custom)
        field.zone.setVisible(custom)
        field.never.hide()
        moment = field.value()
        shown = moment is not None and not custom
        self.moment_label.setText(
            self.tr("until {time} {zone}").format(time=format_time(moment), zone=local_zone_name())
            if moment is not None
            else ""
        )
        self.moment_label.setVisible(shown)
        field.changed.emit()

    def _on_check_toggled(self, on: bool) -> None:
        if not self._setting:
            self.select(CUSTOM if on else NEVER)
