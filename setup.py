"""The build compiles the translation catalogs (resources/translations/*.ts) into the
.qm files the app loads, beside the package: in the source tree for an editable
install, in the wheel otherwise. Everything else is declared in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        editable = getattr(self, "editable_mode", False)
        target = (ROOT if editable else Path(self.build_lib)) / "keydesk" / "translations"
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted((ROOT / "resources" / "translations").glob("*.ts")):
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "from PySide6.scripts.pyside_tool import lrelease; lrelease()",
                    "-silent",
                    str(source),
                    "-qm",
                    str(target / source.with_suffix(".qm").name),
                ],
                check=True,
            )


setup(cmdclass={"build_py": BuildWithTranslations})
