"""The window and its dialogs fit the screen at any scale.

Qt reads its scale factor and platform once, when the application starts, so each case
runs in a fresh interpreter on Qt's offscreen platform with a virtual screen of the given
size in pixels (QT_SCALE_FACTOR=2 makes a 1600×1000 screen hold 800×500 of Qt's logical
pixels, where the window had opened at 1440×820 of them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROBE = textwrap.dedent(
    """
    import json, sys, time
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication, QPushButton, QWidget
    from keydesk import config
    from keydesk.services import catalog, keys, users
    from keydesk.store.connection import open_database

    url = sys.argv[1]
    config.configure(bcrypt_rounds=4)
    open_database(url)
    users.add_user("ada@example.com", "Ada Lovelace")
    for number in range(12):
        catalog.add_model(f"model-{number:02}")
    created = keys.create_key(keys.NewKey(name="CI pipeline", user="ada@example.com",
                                          role="project", models=["model-01"], opt_in=True))
    app = QApplication([])
    from keydesk.app import main_window
    from keydesk.views.create_dialog import CreateKeyDialog
    from keydesk.views.key_detail_dialog import KeyDetailDialog

    def settle(until=lambda: True):
        deadline = time.monotonic() + 10
        while True:
            app.processEvents()
            if until() or time.monotonic() > deadline:
                return
            time.sleep(0.01)

    def outside(widget):
        area = widget.screen().availableGeometry()
        frame = widget.frameGeometry()
        return None if area.contains(frame) else [frame.getRect(), area.getRect()]

    def cut(window, widget):
        # a child the user must reach, not inside its window's visible rectangle
        top_left = widget.mapTo(window, widget.rect().topLeft())
        inside = window.rect().contains(QRect(top_left, widget.size()))
        return None if inside and widget.isVisible() else widget.objectName()

    window = main_window(url)
    window.show()
    settle(lambda: not window.keys_page.loading)
    report = {"main": outside(window), "cut": [
        cut(window, window.findChild(QWidget, name))
        for name in ("addKeyButton", "actionsButton", "searchField", "keyTable")
    ] + [cut(window, window.statusBar())]}
    create = CreateKeyDialog(window)
    create.show()
    settle()
    report["create"] = outside(create)
    report["create_cut"] = [cut(create, create.findChild(QPushButton, "saveButton"))]
    create.hide()
    detail = KeyDetailDialog(created.prefix, window.keys_page)
    detail.show()
    settle(lambda: not detail.loading)
    settle()
    report["detail"] = outside(detail)
    report["detail_cut"] = [cut(detail, detail.findChild(QPushButton, name))
                            for name in ("saveButton", "closeButton", "revokeButton")]
    print(json.dumps(report))
    """
)


@pytest.mark.parametrize(
    ("screen", "scale"),
    [((1600, 1000), "2"), ((1366, 768), "1"), ((1366, 768), "1.5"), ((2560, 1440), "2")],
    ids=["1600x1000@2x", "1366x768@1x", "1366x768@1.5x", "2560x1440@2x"],
)
def test_window_and_dialogs_fit_the_screen(
    tmp_path: Path, screen: tuple[int, int], scale: str
) -> None:
    config = tmp_path / "screen.json"
    width, height = screen
    config.write_text(
        json.dumps(
            {"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                          "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
        ),
        encoding="utf-8",
    )  # fmt: skip
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("KEYDESK_DB", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, f"sqlite:///{tmp_path / 'keys.db'}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {
        "main": None,
        "cut": [None] * 5,
        "create": None,
        "create_cut": [None],
        "detail": None,
        "detail_cut": [None] * 3,
    }
