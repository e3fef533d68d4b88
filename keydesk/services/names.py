"""Readable unique names for keys, such as ``calm-otter-4821``."""

from __future__ import annotations

import secrets

ADJECTIVES = (
    "amber", "bold", "brave", "bright", "brisk", "calm", "clever", "cosmic", "crisp",
    "daring", "eager", "fair", "fancy", "fierce", "gentle", "glad", "golden", "grand",
    "happy", "hardy", "honest", "jolly", "keen", "kind", "lively", "lucky", "merry",
    "mighty", "misty", "noble", "polite", "proud", "quick", "quiet", "rapid", "ready",
    "rustic", "shiny", "silent", "silver", "sleek", "smart", "snowy", "solid", "steady",
    "stellar", "sunny", "swift", "tidy", "tranquil", "trusty", "vivid", "warm", "wise",
    "witty", "zesty",
)  # fmt: skip

ANIMALS = (
    "badger", "bear", "beaver", "bison", "cobra", "condor", "crane", "dingo", "dolphin",
    "eagle", "falcon", "ferret", "finch", "fox", "gecko", "heron", "hippo", "ibis",
    "jackal", "jaguar", "koala", "lemur", "lion", "llama", "lynx", "magpie", "marmot",
    "mink", "moose", "narwhal", "newt", "ocelot", "orca", "osprey", "otter", "owl",
    "panda", "panther", "pelican", "puffin", "quail", "raven", "robin", "salmon", "seal",
    "shark", "sparrow", "stork", "swan", "tapir", "tiger", "toucan", "turtle", "walrus",
    "weasel", "whale", "wolf", "wombat", "yak", "zebra",
)  # fmt: skip


def generate_unique_name() -> str:
    """``<adjective>-<animal>-<4 digits>``: about 30 million names; callers retry on a clash."""
    number = 1000 + secrets.randbelow(9000)
    return f"{secrets.choice(ADJECTIVES)}-{secrets.choice(ANIMALS)}-{number}"
