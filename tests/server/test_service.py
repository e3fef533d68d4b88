"""The verification service's contract (PRODUCT.md, "The verification service"), driven
through HTTP as a gateway would, on every backend: the JSON endpoint, forward auth,
health, metrics, body limits, and that no presented key ever comes back or reaches a log.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient
from support.verifying import caught_up, mistyped, other_secret

from keydesk import keyformat
from keydesk.server.app import MAX_BODY, create_app
from keydesk.services import keys
from keydesk.services.verify import Verifier


@pytest.fixture
def client(verifier: Verifier) -> Iterator[TestClient]:
    with TestClient(create_app(verifier)) as made:
        yield made


def bearer(key: str, model: str | None = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {key}"}
    if model is not None:
        headers["X-Keydesk-Model"] = model
    return headers


def test_json_endpoint_gives_the_verdict(client, make_key, verifier):
    created = make_key(models=["alfred-4"])
    answer = client.post("/v1/keys/verify", json={"key": created.key, "model": "alfred-4"})
    assert answer.status_code == 200
    assert answer.json() == {"valid": True, "reason": None, "prefix": created.prefix}
    answer = client.post("/v1/keys/verify", json={"key": created.key, "model": "bertha-2"})
    assert answer.json() == {
        "valid": False,
        "reason": "model_not_permitted",
        "prefix": created.prefix,
    }
    assert client.post("/v1/keys/verify", json={"key": created.key}).json()["valid"]
    answer = client.post("/v1/keys/verify", json={"key": other_secret(created.key)})
    assert answer.json() == {"valid": False, "reason": "unknown", "prefix": created.prefix}
    keys.revoke_keys([created.prefix])
    caught_up(verifier)
    assert client.post("/v1/keys/verify", json={"key": created.key}).json()["reason"] == "revoked"


@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b"[]", b'"kd_"', b'{"model": "alfred-4"}', b'{"key": 42}',
     b'{"key": "kd_x", "model": 7}', b'{"key": null}', b"\xff\xfe"],
)  # fmt: skip
def test_a_bad_body_is_400_in_fixed_words(client, body):
    answer = client.post("/v1/keys/verify", content=body)
    assert answer.status_code == 400
    assert answer.json()["error"].startswith("The body must be a JSON object")


def test_a_body_over_4_kib_is_refused_unread(client, make_key):
    created = make_key()
    padded = b'{"key": "' + created.key.encode() + b'", "pad": "' + b"x" * MAX_BODY + b'"}'
    assert client.post("/v1/keys/verify", content=padded).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the size is counted as it streams
        yield b'{"key": "' + created.key.encode() + b'", "pad": "'
        for _ in range(10):
            yield b"x" * 1024
        yield b'"}'

    assert client.post("/v1/keys/verify", content=chunks()).status_code == 413
    just_right = b'{"key": "' + created.key.encode() + b'"}'
    assert client.post("/v1/keys/verify", content=just_right).json()["valid"]


def test_forward_auth_answers_as_gateways_expect(client, make_key, verifier):
    created = make_key(models=["alfred-4"])
    answer = client.get("/v1/auth", headers=bearer(created.key, "alfred-4"))
    assert answer.status_code == 204
    assert answer.headers["X-Keydesk-Prefix"] == created.prefix
    assert answer.headers["X-Keydesk-User"] == "alice@example.com"

    refused = client.get("/v1/auth", headers=bearer(created.key, "bertha-2"))
    assert refused.status_code == 403
    assert refused.headers["X-Keydesk-Reason"] == "model_not_permitted"

    cases = {
        "malformed": {"Authorization": f"Bearer {mistyped(created.key)}"},
        "unknown": bearer(other_secret(created.key)),
    }
    for reason, headers in cases.items():
        answer = client.get("/v1/auth", headers=headers)
        assert answer.status_code == 401, reason
        assert answer.headers["X-Keydesk-Reason"] == reason
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    for headers in ({}, {"Authorization": created.key}, {"Authorization": "Basic abc"}):
        answer = client.get("/v1/auth", headers=headers)
        assert (answer.status_code, answer.headers["X-Keydesk-Reason"]) == (401, "malformed")

    keys.revoke_keys([created.prefix])
    caught_up(verifier)
    answer = client.get("/v1/auth", headers=bearer(created.key, "alfred-4"))
    assert (answer.status_code, answer.headers["X-Keydesk-Reason"]) == (401, "revoked")


def test_a_database_out_of_reach_is_503_everywhere(sqlite_db):
    verifier = Verifier("postgresql://nobody@127.0.0.1:9/nothing", remember=False)
    key = keyformat.format_key(keyformat.generate_prefix(), keyformat.generate_secret())
    with TestClient(create_app(verifier)) as client:
        assert client.get("/healthz").status_code == 503
        assert client.get("/v1/auth", headers=bearer(key)).status_code == 503
        answer = client.post("/v1/keys/verify", json={"key": key})
        assert answer.status_code == 503 and answer.json()["reason"] == "unavailable"
    verifier.close()


def test_health_and_metrics(client, make_key):
    created = make_key()
    assert client.get("/healthz").json() == {"database": "up"}
    for _ in range(3):
        client.get("/v1/auth", headers=bearer(created.key))
    client.get("/v1/auth", headers=bearer("kd_nonsense"))
    text = client.get("/metrics").text
    for name in (
        'keydesk_verdicts_total{reason="valid"}',
        'keydesk_verdicts_total{reason="malformed"}',
        "keydesk_verify_seconds_bucket",
        "keydesk_memory_hits_total",
        "keydesk_bcrypt_queue",
        "keydesk_usage_flushes_total",
    ):
        assert name in text


def test_no_presented_key_comes_back_or_reaches_a_log(client, make_key, caplog):
    caplog.set_level(logging.DEBUG)
    created = make_key(models=["alfred-4"])
    secret = keyformat.parse_key(created.key).secret
    presented = [created.key, other_secret(created.key), created.key + "x", created.key[:-1]]
    bodies = []
    for key in presented:
        for response in (
            client.get("/v1/auth", headers=bearer(key, "alfred-4")),
            client.get("/v1/auth", headers=bearer(key, "bertha-2")),
            client.post("/v1/keys/verify", json={"key": key, "model": "nope"}),
            client.post("/v1/keys/verify", content=b'{"key": "' + key.encode() + b'"'),
            client.get(f"/v1/auth?key={key}"),
        ):
            bodies.append(response.text + repr(dict(response.headers)))
    server_logs = [  # the test's HTTP client logs the URLs it asks for; the server may not
        record.getMessage() + repr(record.args)
        for record in caplog.records
        if not record.name.startswith(("httpx", "httpcore"))
    ]
    everything = "\n".join(bodies + server_logs)
    for key in presented:
        assert keyformat.parse_key(created.key).secret not in everything
        assert key not in everything
    assert secret not in everything
