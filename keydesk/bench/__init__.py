"""keydesk's own benchmark: seed synthetic keys, measure the app beside stock Qt designs.

``python -m keydesk.bench --keys 100000`` (see ``--help``). No Qt is imported until the
measuring starts, so ``--seed-only`` works headless.
"""
