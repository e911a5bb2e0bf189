"""The station database (SQLite through sqlite-utils): migrations, caches, outbox, records, audit chain."""
