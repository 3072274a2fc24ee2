"""The web workspace: departments prepare, finance-bureau reviewers review, the public reads.

A thin layer over the same core the CLI uses (fileformat, checks, render, ingest, export):
``settings`` → ``db``/``models`` (SQLAlchemy 2, Alembic migrations) → ``security`` (argon2,
server-side sessions, CSRF, login rate limit) → ``rights`` (the role matrix as data) →
``workflow`` (draft → submitted → returned/approved → published → corrected) → ``store``
(versions with optimistic locking) → ``app`` (FastAPI routes and pages). Jobs run through
huey (``jobs``): SQLite by default, Redis when configured.
"""
