"""The messages the Qt-free layers send to people are Sentences: ``str()`` is the English
the command line, the logs and many tests read, while the desktop app looks the
template up in the catalog and says it in its language. No Qt here."""

from __future__ import annotations

import ast
import pickle
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import peewee
import pytest

from keydesk.errors import DiskFull, Sentence, ValidationError, sentence
from keydesk.offline.connectivity import connection_lost, refuse_offline
from keydesk.offline.queue import ApplyResult, PendingRevocation
from keydesk.offline.session import RevokeOutcome, offline_text
from keydesk.services import keys
from keydesk.services.capabilities import Capabilities, denial_sentence
from keydesk.services.key_rules import check_expiry_change, role_label, validate_name
from keydesk.services.text import check_visible, quoted
from keydesk.services.users import normalize_email
from keydesk.store import faults

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "resources" / "translations" / "keydesk_fr.ts"


def _said_by(call: object) -> Sentence:
    """The Sentence an error raised by ``call()`` carries."""
    with pytest.raises(Exception) as raised:
        call()  # type: ignore[operator]
    message = raised.value.args[0]
    assert isinstance(message, Sentence), f"{type(raised.value).__name__} says a plain str"
    return message


# --- the Sentence type ---------------------------------------------------------------


def test_a_sentence_reads_as_its_english_with_the_values_in() -> None:
    said = sentence("Users", "There is no user with the email {email}.").format(
        email="'ada@example.com'"
    )
    assert said == "There is no user with the email 'ada@example.com'."
    assert str(said) == "There is no user with the email 'ada@example.com'."
    assert (said.context, said.template) == ("Users", "There is no user with the email {email}.")
    assert said.values == {"email": "'ada@example.com'"}


def test_a_sentence_without_values_is_its_template() -> None:
    said = sentence("Keys", "No key was given.")
    assert said == said.template == "No key was given."
    assert said.values == {}


def test_values_given_by_name_at_the_call_read_the_same() -> None:
    assert sentence("Keys", "The key {name} is revoked.", name="x") == sentence(
        "Keys", "The key {name} is revoked."
    ).format(name="x")


def test_a_sentence_formats_by_name_only() -> None:
    with pytest.raises(TypeError):
        sentence("Keys", "The key {} is revoked.").format("x")


def test_nested_sentences_read_as_their_english() -> None:
    who = sentence("Roles", "Your database role ({role})").format(role="support")
    said = sentence("Roles", "{who} may only inspect keys.").format(who=who)
    assert str(said) == "Your database role (support) may only inspect keys."
    assert said.values["who"] is who


def test_pickling_keeps_the_sentence_and_its_parts() -> None:
    inner = sentence("Fields", "The display name")
    said = sentence("Fields", "{what} must contain something visible.").format(what=inner)
    copy = pickle.loads(pickle.dumps(said))
    assert isinstance(copy, Sentence) and copy == said
    assert (copy.context, copy.template) == (said.context, said.template)
    assert isinstance(copy.values["what"], Sentence) and copy.values["what"] == inner


def test_an_error_carrying_a_sentence_survives_pickling() -> None:
    error = ValidationError(sentence("Keys", "The name cannot be empty."), field="name")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == "The name cannot be empty."
    assert isinstance(copy.args[0], Sentence)


# --- the services' messages keep their English ---------------------------------------


def test_an_empty_email_is_refused_in_a_sentence() -> None:
    said = _said_by(lambda: normalize_email("  "))
    assert said == "An email address is required."


def test_an_invalid_email_repeats_it_quoted() -> None:
    said = _said_by(lambda: normalize_email("not an email"))
    assert said.startswith("'not an email' is not a valid email address: ")
    assert said.template == "{email} is not a valid email address: {reason}"


def test_a_name_with_nothing_visible_names_the_field() -> None:
    said = _said_by(lambda: check_visible("\u200b", sentence("Fields", "The display name")))
    assert said == "The display name must contain something visible."
    assert isinstance(said.values["what"], Sentence)


def test_a_control_character_is_named_by_its_code() -> None:
    said = _said_by(lambda: validate_name("a\tb"))
    assert said == (
        "The name cannot contain control characters such as line breaks, tabs or terminal "
        "escapes (found U+0009)."
    )


def test_a_long_name_says_both_lengths() -> None:
    said = _said_by(lambda: validate_name("x" * 60))
    assert said == "The name must have at most 50 characters; it has 60."


def test_a_long_quote_says_its_length_the_english_way() -> None:
    assert quoted("y" * 2000) == f"'{'y' * 59}…' (2,000 characters)"


def test_an_extended_expiry_keeps_the_iso_times() -> None:
    said = _said_by(lambda: check_expiry_change(datetime(2027, 1, 2, 3, 4), None))
    assert said == (
        "This key expires at 2027-01-02 03:04 UTC; its expiry cannot be removed, because a "
        "key's lifetime can only be shortened."
    )


def test_role_labels_are_sentences() -> None:
    assert role_label("admin") == "Admin API Key"
    assert isinstance(role_label("admin"), Sentence)
    assert role_label("custom") == "custom"


def test_a_conflict_lists_every_change_in_english() -> None:
    changes = keys._listed(
        [keys._describe("name", "New"), keys._describe("opt_in", True), keys._describe("x", 1)]
    )
    said = sentence(
        "Keys", "{who} while you were editing it: {changes}. Reload it and apply your change again."
    ).format(who=keys._who_did("bob", "changed"), changes=changes)
    assert said == (
        "bob changed this key while you were editing it: name is now 'New', usage tracking "
        "is now on, x is now 1. Reload it and apply your change again."
    )


def test_denials_name_the_role_and_the_action() -> None:
    support = Capabilities("postgresql", "support", can_create=False, can_edit=False,
                           can_delete=False, can_manage_users=False)  # fmt: skip
    assert denial_sentence(support, "edit") == (
        "Your database role (support) may only inspect and revoke keys."
    )
    assert denial_sentence(support, "manage_users") == (
        "Your database role (support) may not add or change users."
    )
    assert denial_sentence(Capabilities("sqlite", None, read_only_file=True), "edit") == (
        "The database file is read-only for you, so keydesk can only show it."
    )


def test_a_full_disk_names_the_file(tmp_path: Path) -> None:
    db = peewee.SqliteDatabase(str(tmp_path / "k.db"))
    error = faults._sentence("full", db)
    assert isinstance(error, DiskFull)
    assert str(error) == (
        f"The disk holding the file {tmp_path / 'k.db'} is full, so nothing was changed: free "
        "some space and try again."
    )
    assert isinstance(error.args[0].values["where"], Sentence)


def test_offline_refusals_and_losses_keep_the_action_said() -> None:
    action = sentence("Users", "reading the users")
    refused = refuse_offline(action)
    assert str(refused) == (
        "You are offline: reading the users is not possible until the database server is "
        "back; you can still revoke keys."
    )
    assert refused.args[0].values["action"] is action
    assert str(connection_lost("editing keys")).startswith(
        "The database server stopped answering while editing keys, so the change"
    )


def test_the_offline_status_texts() -> None:
    assert offline_text(None) == "Offline — no saved data"
    assert offline_text(datetime(2026, 12, 3, 13, 50)).startswith("Offline — data as of 2026-")
    assert RevokeOutcome(queued=("a", "b")).message() == (
        "You are offline: the revocation of 2 keys is pending and will be applied when the "
        "database server is back."
    )
    assert RevokeOutcome(revoked=("a",)).message() == "Revoked 1 key."


def test_the_queue_summary_joins_its_parts() -> None:
    entry = PendingRevocation("r", "kd_a", datetime(2026, 1, 1), "alice")
    result = ApplyResult(revoked=(entry,), dropped=(entry, entry), remaining=1)
    said = result.summary()
    assert said == (
        "1 pending revocation applied; 2 keys no longer on the server; 1 revocation still pending."
    )
    assert isinstance(said, Sentence)
    assert ApplyResult().summary() == "No revocation was pending."


# --- every sentence can be translated ------------------------------------------------


def _sentence_calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted((ROOT / "keydesk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = node.func if isinstance(node, ast.Call) else None
            if isinstance(called, ast.Name) and called.id == "sentence":
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return found


def test_every_sentence_call_is_one_lupdate_reads() -> None:
    """lupdate reads ``sentence(context, template)`` as QT_TRANSLATE_NOOP only with exactly
    two arguments: values given in the call hide it from the catalog, so they go in
    through ``.format(name=…)``."""
    unread = [
        where
        for where, call in _sentence_calls()
        if call.keywords
        or len(call.args) != 2
        or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args)
    ]
    assert not unread, "sentence() calls lupdate cannot read:\n" + "\n".join(unread)


def test_every_sentence_template_has_its_french() -> None:
    translated = {}
    for context in ET.parse(CATALOG).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None:
                translated[(name, message.findtext("source"))] = "".join(translation.itertext())
    missing = []
    for where, call in _sentence_calls():
        if len(call.args) != 2 or not all(isinstance(a, ast.Constant) for a in call.args):
            continue
        context, template = (a.value for a in call.args)  # type: ignore[attr-defined]
        if not translated.get((context, template), "").strip():
            missing.append(f"{where}: {context}: {template!r}")
    assert not missing, "sentences without French:\n" + "\n".join(missing)
