"""What the dialog tests share: the keys they open dialogs on, and the windows they keep
alive until the test ends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtWidgets import QDialog, QWidget
from shiboken6 import isValid

from keydesk.services import catalog, keys, users
from keydesk.services.keys import NewKey

ADA, GRACE = "ada@example.com", "grace@example.com"


def seed_billing_and_ci(
    *,
    billing_models: Sequence[str] = ("alfred-4", "bertha-2"),
    billing_role: str = "project",
    billing_expires: datetime | None = None,
    ci_models: Sequence[str] = (),
) -> dict[str, keys.CreatedKey]:
    """Ada and Grace, the models alfred-4 and bertha-2, the skill web-search; Grace's
    "Billing service" key (usage opt-in) and Ada's "CI pipeline" key."""
    users.add_user(ADA, "Ada Lovelace")
    users.add_user(GRACE, "Grace Hopper")
    for model in ("alfred-4", "bertha-2"):
        catalog.add_model(model)
    catalog.add_skill("web-search")
    billing = NewKey(
        name="Billing service",
        user=GRACE,
        role=billing_role,
        models=list(billing_models),
        opt_in=True,
        expires=billing_expires,
    )
    ci = NewKey(name="CI pipeline", user=ADA, models=list(ci_models))
    return {"billing": keys.create_key(billing), "ci": keys.create_key(ci)}


#: Every window a test built, held until the test ends and then deleted by Qt: pytest-qt
#: keeps only weak references, and a dialog with a chart left to Python's garbage
#: collector mid-test crashed the process (pyqtgraph's items freed after their scene).
KEPT: list[QWidget] = []


def keep(widget: QWidget) -> QWidget:
    KEPT.append(widget)
    return widget


def release_kept() -> None:
    """After a test: wait for its workers, then hide and delete what it kept."""
    if not KEPT:
        return
    QThreadPool.globalInstance().waitForDone(10_000)
    for widget in KEPT:
        if isValid(widget):
            for inner in widget.findChildren(QDialog):
                inner.hide()
            widget.hide()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    KEPT.clear()
