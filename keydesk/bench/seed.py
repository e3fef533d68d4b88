"""Seed a database with N synthetic keys, quickly, in batches.

The rows look real (thousands of users, a model catalog, readable names, a spread of
roles, expiries, revocations, last-used times) but are marked ``synthetic`` and share
one precomputed bcrypt hash: hashing a million secrets would take days and measures
nothing the benchmark cares about. Seeding writes through the store's tables because
it is a bulk tool, not a user: it bypasses the audit trail on purpose.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from keydesk import keyformat
from keydesk.config import settings
from keydesk.services.clock import utcnow
from keydesk.services.hashing import hash_secret
from keydesk.services.names import ADJECTIVES, ANIMALS
from keydesk.store.bulk import insert_rows
from keydesk.store.connection import (
    HISTORY_TABLE,
    ISSUED_TABLE,
    database,
    prepare_schema,
    remember_file,
)
from keydesk.store.models import ALL_TABLES, AiModel, ApiKey, KeyModel, User, tuples

MODEL_NAMES = (
    "alfred-4", "alfred-4-mini", "bruno-2", "bruno-2-vision", "cleo-3", "cleo-3-long",
    "dora-embed-1", "ember-tts-2", "falk-code-5", "gaia-rerank-1",
)  # fmt: skip
FIRST_NAMES = (
    "ada", "ben", "chen", "dana", "emil", "fatima", "gus", "hana", "ivan", "jo", "kofi",
    "lena", "mateo", "nia", "omar", "priya", "quinn", "rosa", "sven", "tara", "uma", "vik",
    "wen", "xavi", "yara", "zoe",
)  # fmt: skip
LAST_NAMES = (
    "adams", "berg", "costa", "diaz", "evans", "fischer", "garcia", "huang", "ito", "jensen",
    "kim", "lopez", "moreau", "nakamura", "okafor", "patel", "quist", "rossi", "singh",
    "tanaka", "ueda", "vargas", "weber", "xu", "yilmaz", "zhang",
)  # fmt: skip
PURPOSES = (
    "CI pipeline", "staging", "production", "billing service", "search backend",
    "chat widget", "nightly batch", "data export", "support bot", "mobile app",
    "analytics", "load test", "partner integration", "dev laptop", "notebook",
    "ingest worker", "translation", "summarizer", "webhook relay", "QA",
)  # fmt: skip
DOMAINS = ("example.com", "example.org", "acme.test", "globex.test", "initech.test")
ROLE_WEIGHTS = (("standard", 70), ("project", 25), ("admin", 5))


@dataclass(frozen=True)
class SeedReport:
    keys: int
    users: int
    models: int
    seconds: float


def empty_database() -> None:
    """Start the open database afresh (the verification and service benchmarks start
    from nothing): its tables are dropped and the migrations applied again, since the
    audit trail and the issued prefixes refuse DELETE."""
    db = database.obj
    names = [model._meta.table_name for model in reversed(ALL_TABLES)]
    with database.atomic():
        for name in [*names, ISSUED_TABLE, HISTORY_TABLE]:
            db.execute_sql(f"DROP TABLE IF EXISTS {db.quote[0]}{name}{db.quote[1]}")
    prepare_schema(db)
    remember_file(db)  # rebuilt here on purpose: not a file swapped under this process


def _prefixes(rng: random.Random, count: int, tag: str, taken: set[str]) -> list[str]:
    seen: set[str] = set()
    alphabet = keyformat.BASE62
    while len(seen) < count:
        prefix = f"{tag}_" + "".join(rng.choices(alphabet, k=keyformat.PREFIX_RANDOM_LENGTH))
        if prefix not in taken:
            seen.add(prefix)
    result = list(seen)
    rng.shuffle(result)
    return result


def _unique_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    space = len(ADJECTIVES) * len(ANIMALS) * 9000
    if count + len(taken) > space:
        raise ValueError(f"At most {space} unique names can be generated.")
    names = []
    for index in rng.sample(range(space), count + len(taken)):
        index, number = divmod(index, 9000)
        adjective, animal = divmod(index, len(ANIMALS))
        name = f"{ADJECTIVES[adjective]}-{ANIMALS[animal]}-{1000 + number}"
        if name not in taken:
            names.append(name)
    return names[:count]


def _batch_size(columns: int) -> int:
    """Rows per INSERT, under SQLite's bound-variable limit (32766) on every backend."""
    return max(1, min(2000, 32000 // columns))


def seed(
    keys: int,
    *,
    users: int | None = None,
    seed_value: int = 20261128,
    progress: Callable[[int], None] | None = None,
) -> SeedReport:
    """Insert ``keys`` synthetic keys (plus users and the model catalog) into the bound
    database. Deterministic for a given ``seed_value``."""
    started = time.perf_counter()
    rng = random.Random(seed_value)
    now = utcnow()
    user_count = users if users is not None else max(10, min(5000, keys // 20))
    shared_hash = hash_secret(keyformat.generate_secret(), settings().bcrypt_rounds)

    with database.atomic():
        existing_models = {m.name for m in AiModel.select(AiModel.name)}
        AiModel.insert_many(
            [{"name": name} for name in MODEL_NAMES if name not in existing_models]
        ).execute()
    model_ids = [m.id for m in AiModel.select(AiModel.id).where(AiModel.name.in_(MODEL_NAMES))]

    emails: set[str] = {u.email for u in User.select(User.email)}
    user_rows: list[dict[str, object]] = []
    while len(user_rows) < user_count:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{first}.{last}{rng.randrange(1, 1000)}@{rng.choice(DOMAINS)}"
        if email in emails:
            continue
        emails.add(email)
        user_rows.append(
            {
                "email": email,
                "display_name": f"{first.title()} {last.title()}",
                "active": rng.random() > 0.03,
                "created": now - timedelta(days=rng.randrange(1, 1500)),
            }
        )
    with database.atomic():
        columns: tuple[str, ...] = ("email", "display_name", "active", "created")
        insert_rows(User, columns, [tuple(row[c] for c in columns) for row in user_rows])
    all_user_ids = [uid for (uid,) in tuples(User.select(User.id))]

    taken_prefixes: set[str] = set()
    taken_names: set[str] = set()
    for prefix, unique_name in tuples(ApiKey.select(ApiKey.prefix, ApiKey.unique_name)):
        taken_prefixes.add(prefix)
        taken_names.add(unique_name)
    prefixes = _prefixes(rng, keys, settings().key_tag, taken_prefixes)
    names = _unique_names(rng, keys, taken_names)
    roles = [role for role, _ in ROLE_WEIGHTS]
    weights = [weight for _, weight in ROLE_WEIGHTS]
    done = 0
    chunk = 20_000
    for start in range(0, keys, chunk):
        rows: list[dict[str, object]] = []
        for index in range(start, min(keys, start + chunk)):
            created = now - timedelta(seconds=rng.randrange(60, 3 * 365 * 86400))
            roll = rng.random()
            expires: datetime | None
            if roll < 0.45:
                expires = None
            elif roll < 0.60:  # already expired
                expires = created + timedelta(days=rng.randrange(1, 365))
                expires = min(expires, now - timedelta(hours=1))
            else:
                expires = now + timedelta(days=rng.randrange(1, 730))
            revoked = rng.random() < 0.08
            opt_in = rng.random() < 0.6
            rows.append(
                {
                    "prefix": prefixes[index],
                    "unique_name": names[index],
                    "name": f"{rng.choice(PURPOSES)} {rng.randrange(1, 100)}",
                    "role": rng.choices(roles, weights)[0],
                    "user": rng.choice(all_user_ids),
                    "created": created,
                    "expires": expires,
                    "revoked": revoked,
                    "revoked_at": created + timedelta(days=1) if revoked else None,
                    "secret_hash": shared_hash,
                    "opt_in": opt_in,
                    "last_used": (now - timedelta(minutes=rng.randrange(1, 200_000)))
                    if opt_in and rng.random() < 0.7
                    else None,
                    "version": 1,
                    "synthetic": True,
                }
            )
        with database.atomic():
            columns = tuple(rows[0])
            insert_rows(ApiKey, columns, [tuple(row[c] for c in columns) for row in rows])
            inserted = dict(
                tuples(
                    ApiKey.select(ApiKey.prefix, ApiKey.id).where(
                        ApiKey.prefix.in_([row["prefix"] for row in rows])
                    )
                )
            )
            links = []
            for row in rows:
                for model_id in rng.sample(model_ids, rng.choice((0, 1, 1, 2, 2, 3))):
                    links.append((inserted[row["prefix"]], model_id))
            insert_rows(KeyModel, ("key", "model"), links)
        done += len(rows)
        if progress is not None:
            progress(done)
    return SeedReport(keys, user_count, len(MODEL_NAMES), time.perf_counter() - started)
