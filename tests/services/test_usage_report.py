"""The usage of an opted-in key per day and model, as the chart and `keydesk usage` read it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from keydesk.errors import NotFound, ValidationError
from keydesk.services.keys import get_key
from keydesk.services.usage_report import NO_MODEL, usage_report
from keydesk.store.models import ApiKey, UsageMinute

NOW = datetime(2026, 11, 30, 15, 0)


def add_usage(prefix: str, rows: list[tuple[datetime, str, int]]) -> None:
    key = ApiKey.get(ApiKey.prefix == prefix)
    for minute, model, calls in rows:
        UsageMinute.create(key=key, minute=minute, model=model, calls=calls)


def test_calls_are_summed_per_day_and_model(make_key):
    key = make_key(opt_in=True)
    add_usage(
        key.prefix,
        [
            (NOW - timedelta(minutes=5), "alfred-4", 3),
            (NOW - timedelta(minutes=4), "alfred-4", 4),
            (NOW - timedelta(minutes=3), "bertha-2", 1),
            (NOW - timedelta(days=1), "alfred-4", 10),
            (NOW - timedelta(days=2), "", 2),
            (NOW - timedelta(days=40), "alfred-4", 99),  # outside 30 days
        ],
    )
    report = usage_report(key.prefix, 30, now=NOW)
    assert report.tracked
    assert len(report.days) == 30
    assert report.days[-1] == date(2026, 11, 30)
    assert report.by_model["alfred-4"][-2:] == (10, 7)
    assert report.by_model["bertha-2"][-1] == 1
    assert report.by_model[NO_MODEL][-3] == 2
    assert report.total == 20
    assert report.per_day()[-3:] == (2, 10, 8)
    assert usage_report(key.prefix, 90, now=NOW).total == 119


def test_a_key_without_opt_in_is_not_tracked(make_key):
    key = make_key(opt_in=False)
    report = usage_report(key.prefix, 30, now=NOW)
    assert not report.tracked
    assert report.by_model == {}
    assert report.total == 0


def test_an_opted_in_key_never_used_has_no_calls(make_key):
    key = make_key(opt_in=True)
    report = usage_report(key.prefix)
    assert report.tracked and report.total == 0 and report.per_day() == (0,) * 30
    assert report.last_used == get_key(key.prefix).last_used is None


def test_unknown_prefix_and_bad_periods_are_refused(db, make_key):
    with pytest.raises(NotFound):
        usage_report("kd_00000000")
    with pytest.raises(ValidationError):
        usage_report(make_key().prefix, 0)
