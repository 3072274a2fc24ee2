"""Settings from the environment, with embedded defaults that need nothing else installed.

``JUESUAN_DATABASE_URL``  SQLAlchemy URL (default: SQLite file in the data folder);
                          e.g. ``postgresql+psycopg://user@127.0.0.1:5432/test``.
``JUESUAN_REDIS_URL``     huey's broker (default: huey's SQLite storage in the data folder).
``JUESUAN_DATA_DIR``      uploads, built packages, the SQLite files (default ``./workspace-data``).
``JUESUAN_SECRET_KEY``    signs nothing secret-bearing today (sessions are server-side); kept for CSRF
                          token derivation; generated once into the data folder when unset.
``JUESUAN_SECURE_COOKIES`` ``1`` behind HTTPS (adds the Secure flag).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    redis_url: str | None = None
    secure_cookies: bool = False
    session_hours: int = 8
    login_attempts: int = 5
    """Failed logins per user name and address within ``login_window_minutes`` before 429."""
    login_window_minutes: int = 15
    max_upload_bytes: int = 50 * 1024 * 1024
    immediate_jobs: bool = False
    """Run jobs in the calling thread (tests); the server uses a huey consumer."""

    @property
    def secret_key(self) -> str:
        key = os.environ.get("JUESUAN_SECRET_KEY")
        if key:
            return key
        path = self.data_dir / "secret.key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
            path.chmod(0o600)
        return path.read_text(encoding="utf-8").strip()


def from_env(**overrides) -> Settings:
    data_dir = Path(os.environ.get("JUESUAN_DATA_DIR", "workspace-data")).resolve()
    values = dict(
        database_url=os.environ.get("JUESUAN_DATABASE_URL", f"sqlite:///{data_dir / 'workspace.db'}"),
        data_dir=data_dir,
        redis_url=os.environ.get("JUESUAN_REDIS_URL") or None,
        secure_cookies=os.environ.get("JUESUAN_SECURE_COOKIES") == "1",
    )
    values.update(overrides)
    return Settings(**values)
