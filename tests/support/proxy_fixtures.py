"""Fixtures for tests that cut the connection to a real server (a pytest plugin, loaded
by tests/conftest.py): ``proxy`` is a loopback :class:`TcpProxy` in front of the test's
``db_url`` server, ``proxied_url`` is that database reached through it."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest

from support.tcp_proxy import TcpProxy


@pytest.fixture
def proxy(db_url: str) -> Iterator[TcpProxy]:
    """A loopback proxy in front of the test's database server."""
    port = urlsplit(db_url).port
    assert port is not None, db_url
    with TcpProxy(port) as running:
        yield running


@pytest.fixture
def proxied_url(db_url: str, proxy: TcpProxy) -> str:
    """``db_url`` with its host and port replaced by the proxy's."""
    parts = urlsplit(db_url)
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit(parts._replace(netloc=f"{user}127.0.0.1:{proxy.port}"))
