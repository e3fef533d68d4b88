"""The rules of keydesk: keys, users, catalogs, audit and verification. No Qt."""
