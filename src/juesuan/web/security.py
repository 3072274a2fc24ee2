"""Passwords (argon2), server-side sessions, CSRF tokens and the login rate limit.

The session cookie is a random token; only its SHA-256 is stored, so a database leak does
not hand out sessions. A login always issues a new token (no session fixation) and logout
deletes it. Every state-changing request must carry the session's CSRF token (header
``X-CSRF-Token`` or form field ``csrf_token``), compared in constant time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from .models import LoginAttempt, SessionRecord, User, now
from .settings import Settings

COOKIE = "juesuan_session"
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("not a password")
"""Verified against when the user does not exist, so timing does not reveal user names."""


def use_hasher(hasher: PasswordHasher) -> None:
    """Swap the argon2 parameters (the test suite uses a cheap hasher; production keeps the default)."""
    global _HASHER, _DUMMY_HASH
    _HASHER, _DUMMY_HASH = hasher, hasher.hash("not a password")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password: str, stored: str | None) -> bool:
    try:
        return _HASHER.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(db: Session, user: User, settings: Settings) -> tuple[str, SessionRecord]:
    """A new session for ``user``: the cookie token (shown once) and its record."""
    token = secrets.token_urlsafe(32)
    record = SessionRecord(token_hash=_digest(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                           expires_at=now() + dt.timedelta(hours=settings.session_hours))
    db.add(record)
    return token, record


def find_session(db: Session, token: str | None) -> tuple[SessionRecord, User] | None:
    if not token or len(token) > 200:
        return None
    found = db.execute(select(SessionRecord, User).outerjoin(User, User.id == SessionRecord.user_id)
                       .where(SessionRecord.token_hash == _digest(token))).first()  # one round trip, not two
    if found is None:
        return None
    record, user = found
    expires = record.expires_at if record.expires_at.tzinfo else record.expires_at.replace(tzinfo=dt.timezone.utc)
    if expires < now():
        db.delete(record)
        return None
    if user is None or not user.active:
        return None
    return record, user


def close_session(db: Session, token: str | None) -> None:
    if token:
        db.execute(delete(SessionRecord).where(SessionRecord.token_hash == _digest(token)))


def csrf_ok(record: SessionRecord | None, presented: str | None) -> bool:
    return bool(record and presented) and hmac.compare_digest(record.csrf_token, presented or "")


def too_many_attempts(db: Session, username: str, address: str, settings: Settings) -> bool:
    since = now() - dt.timedelta(minutes=settings.login_window_minutes)
    failures = db.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.username == username, LoginAttempt.address == address,
        LoginAttempt.ok.is_(False), LoginAttempt.at >= since))
    return (failures or 0) >= settings.login_attempts


def record_attempt(db: Session, username: str, address: str, ok: bool) -> None:
    db.add(LoginAttempt(username=username[:80], address=address[:64], ok=ok))
