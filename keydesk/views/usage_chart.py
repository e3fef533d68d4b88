"""The usage section of the detail dialog: calls per day over 30 or 90 days, by model.

Drawn with pyqtgraph (stacked bars, one colour per model, a legend), which follows the
palette of the light and dark themes. Why pyqtgraph and not Qt Charts (measured here,
README "Usage chart"): Qt Charts ships only in PySide6-Addons, +418 MB installed for
one chart, and is deprecated since Qt 6.10; pyqtgraph is +10 MB of pure Python over
numpy, which keydesk already needs. Its import costs ~0.35 s once per process, paid
on the GUI thread the first time a chart is drawn (importing it on a worker loads Qt
modules off the GUI thread and crashed the process here); building and painting a 90-day
chart then takes ~30-60 ms.

A key without opt-in records nothing: the section says "Not tracked" and draws no chart.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from keydesk.errors import KeydeskError
from keydesk.offline.connectivity import is_connection_error
from keydesk.services.key_records import KeyDetail
from keydesk.services.usage_report import NO_MODEL, PERIODS, UsageReport, usage_report
from keydesk.views import i18n
from keydesk.views.formatting import format_time
from keydesk.views.reading import run_read
from keydesk.views.tasks import Task
from keydesk.views.theme import palette_is_dark
from keydesk.views.widgets import mute

if TYPE_CHECKING:
    import pyqtgraph as pg

#: Okabe-Ito colours: told apart by people with any common colour-vision deficiency.
MODEL_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
CHART_HEIGHT = 220


def chart_library() -> Any:
    """pyqtgraph, imported on first use, on the GUI thread (see the module's doc)."""
    return importlib.import_module("pyqtgraph")


class UsageChart(QWidget):
    """Stacked bars of calls per day, one series per model (objectName ``usageChart``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usageChart")
        self.setAccessibleName(self.tr("Calls per day by model"))
        self.setMinimumHeight(CHART_HEIGHT)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._plot: pg.PlotWidget | None = None
        self._series: dict[str, tuple[int, ...]] = {}

    def series(self) -> dict[str, tuple[int, ...]]:
        """What the bars show: per model, the calls of each day (as drawn, read back from
        the plotted items, so a test compares the picture with the data)."""
        if self._plot is None:
            return {}
        drawn: dict[str, tuple[int, ...]] = {}
        for item in self._plot.getPlotItem().items:
            name = item.name() if hasattr(item, "name") else None
            if name is not None and hasattr(item, "opts") and "height" in item.opts:
                drawn[name] = tuple(int(value) for value in item.opts["height"])
        return drawn

    def show_report(self, report: UsageReport) -> None:
        pg = chart_library()
        if self._plot is None:
            self._plot = pg.PlotWidget(self)
            self._plot.setObjectName("usagePlot")
            self._plot.setMenuEnabled(False)
            self._plot.setMouseEnabled(x=False, y=False)
            self._plot.hideButtons()
            self._layout.addWidget(self._plot)
        plot = self._plot
        plot.clear()
        item = plot.getPlotItem()
        if item.legend is None:
            item.addLegend(offset=(8, 4), colCount=4)
        else:
            item.legend.clear()
        self._apply_colours(plot)
        days = len(report.days)
        x = list(range(days))
        base = [0] * days
        for index, (model, calls) in enumerate(report.by_model.items()):
            colour = QColor(MODEL_COLOURS[index % len(MODEL_COLOURS)])
            bars = pg.BarGraphItem(
                x=x,
                height=list(calls),
                y0=list(base),
                width=0.8,
                brush=colour,
                pen=pg.mkPen(colour),
                name=self.tr("(no model)") if model == NO_MODEL else model,
            )
            plot.addItem(bars)
            base = [b + c for b, c in zip(base, calls, strict=True)]
        plot.getAxis("bottom").setTicks([_date_ticks(report.days)])
        total = sum(base)
        self.setAccessibleDescription(self.tr("%Ln calls over the period", "", total))
        plot.setXRange(-0.6, days - 0.4, padding=0)
        plot.setYRange(0, max([*base, 1]) * 1.3, padding=0)  # room for the legend
        self._series = dict(report.by_model)

    def _apply_colours(self, plot: pg.PlotWidget) -> None:
        palette = self.palette()
        plot.setBackground(palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        for side in ("bottom", "left"):
            axis = plot.getAxis(side)
            axis.setTextPen(text)
            axis.setPen(palette.color(QPalette.ColorRole.Mid))
        legend = plot.getPlotItem().legend
        if legend is not None:
            legend.setLabelTextColor(text)
            legend.setBrush(palette.color(QPalette.ColorRole.Base))
        plot.showGrid(y=True, alpha=0.35 if palette_is_dark(palette) else 0.2)


def _date_ticks(days: tuple[date, ...]) -> list[tuple[int, str]]:
    """A label every week over 30 days, every other week over 90; always the last day."""
    step = 7 if len(days) <= 31 else 14
    locale = QLocale()
    # "Nov 28" in English, "28 nov." in French: the language's short month name.
    english = locale.language() == QLocale.Language.English
    ticks = []
    for i, day in enumerate(days):
        if (len(days) - 1 - i) % step == 0:
            month = locale.monthName(day.month, QLocale.FormatType.ShortFormat)
            ticks.append((i, f"{month} {day.day}" if english else f"{day.day} {month}"))
    return ticks


class UsageSection(QGroupBox):
    """The detail dialog's "Usage" box: period, chart, totals and last use; or "Not
    tracked" for a key without opt-in. It reads in a worker each time it is shown a key
    or another period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Usage"))
        self.setObjectName("usageSection")
        self._detail: KeyDetail | None = None
        self._task: Task | None = None
        self.report: UsageReport | None = None

        self.period = QComboBox(self)
        self.period.setObjectName("usagePeriod")
        self.period.setAccessibleName(self.tr("Usage period"))
        for days in PERIODS:
            self.period.addItem(self.tr("Last %Ln days", "", days), days)
        self.period.currentIndexChanged.connect(self._reload)
        self.totals = QLabel(self)
        self.totals.setObjectName("usageTotals")
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # French runs ~20 % longer: wrapped, the line never widens the dialog past its edge.
        self.totals.setWordWrap(True)

        self.chart = UsageChart(self)
        self.not_tracked = QLabel(
            self.tr(
                "Not tracked: this key has no usage opt-in, so keydesk records nothing about "
                "its use, not even when it was last used."
            ),
            self,
        )
        self.not_tracked.setObjectName("usageNotTracked")
        self.not_tracked.setWordWrap(True)
        mute(self.not_tracked)
        self._pages = QStackedWidget(self)
        tracked = QWidget(self._pages)
        tracked_layout = QVBoxLayout(tracked)
        tracked_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.totals, 1)
        top.addWidget(self.period)
        tracked_layout.addLayout(top)
        tracked_layout.addWidget(self.chart, 1)
        self._pages.addWidget(tracked)
        self._pages.addWidget(self.not_tracked)
        QVBoxLayout(self).addWidget(self._pages)

    @property
    def tracked(self) -> bool:
        return self._pages.currentWidget() is not self.not_tracked

    def days(self) -> int:
        value = self.period.currentData()
        return int(value) if isinstance(value, int) else PERIODS[0]

    def show_key(self, detail: KeyDetail) -> None:
        """Show ``detail``'s usage (read in a worker), or "Not tracked"."""
        self._detail = detail
        if not detail.opt_in:
            self._pages.setCurrentWidget(self.not_tracked)
            self.setMinimumHeight(0)
            return
        self._pages.setCurrentIndex(0)
        self._reload()

    def _reload(self, *_args: object) -> None:
        detail = self._detail
        if detail is None or not detail.opt_in:
            return
        self.totals.setText(self.tr("Reading usage…"))
        prefix, days = detail.prefix, self.days()
        self._task = run_read(lambda: usage_report(prefix, days), self._loaded, self._failed, self)

    def _loaded(self, report: UsageReport) -> None:
        self._task = None
        if not isValid(self.chart):  # the dialog was closed and torn down meanwhile
            return
        if self._detail is None or report.prefix != self._detail.prefix:
            return
        if len(report.days) != self.days():
            return  # an older read for another period: the newer one follows
        self.report = report
        if not report.tracked:  # consent withdrawn since the dialog read the key
            self._pages.setCurrentWidget(self.not_tracked)
            return
        self.chart.show_report(report)
        calls = self.tr("%Ln calls", "", report.total)
        last = format_time(report.last_used, self.tr("never"))
        self.totals.setText(
            self.tr("{calls} in the last %Ln days · last used {last}", "", len(report.days)).format(
                calls=calls, last=last
            )
        )

    def _failed(self, error: Exception) -> None:
        self._task = None
        if is_connection_error(error):
            self.totals.setText(self.tr("Usage cannot be read now: the database does not answer."))
            return
        if not isinstance(error, KeydeskError):
            raise error
        self.totals.setText(
            self.tr("Usage could not be read: {error}").format(error=i18n.error_text(error))
        )

    @property
    def loading(self) -> bool:
        return self._task is not None
