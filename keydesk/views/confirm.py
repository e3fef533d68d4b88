"""Confirmation and error boxes shared by every screen.

Each box has the object name ``confirmDialog`` / ``errorDialog`` so tests and
accessibility tools can find it. Cancel is the default button of a confirmation:
Enter on a destructive question never destroys anything by accident.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    accept_label: str,
    *,
    informative: str = "",
    destructive: bool = True,
) -> bool:
    box = QMessageBox(parent)
    box.setObjectName("confirmDialog")
    box.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    accept = box.addButton(
        accept_label,
        QMessageBox.ButtonRole.DestructiveRole
        if destructive
        else QMessageBox.ButtonRole.AcceptRole,
    )
    accept.setObjectName("confirmAcceptButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setObjectName("confirmCancelButton")
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """One clear sentence to the user, never a traceback."""
    box = QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(text)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
