"""Numbered schema migrations, run by ``playhouse.migrations`` at start-up.

Each ``NNNN_*.py`` file holds its own frozen copy of the tables it touches, so
that later changes to ``keydesk.store.models`` never rewrite history.
"""
