"""API keys: `bpo_<id>_<secret>`; the database keeps the id and a hash of the secret, never the key.

The secret is 32 random bytes, so a plain SHA-256 is enough (no password stretching needed), and
comparison is constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.db import ApiKey, Client, Role, utcnow

PREFIX = "bpo"


@dataclass(frozen=True)
class Principal:
    """Who is calling: their key, client (tenant) and role."""

    key_id: str
    client_id: str
    role: Role
    name: str

    @property
    def actor(self) -> str:
        return f"key:{self.key_id} ({self.name})"

    def may(self, role: Role) -> bool:
        order = [Role.SUBMITTER, Role.REVIEWER, Role.ADMIN]
        return order.index(self.role) >= order.index(role)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(session: Session, client_id: str, role: Role, name: str) -> str:
    """A new key for the client (made if new); the key is shown once and never stored."""
    if session.get(Client, client_id) is None:
        session.add(Client(id=client_id, settings={}))
        session.flush()
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    session.add(
        ApiKey(
            id=key_id, client_id=client_id, role=role.value, name=name, secret_hash=_hash(secret)
        )
    )
    return f"{PREFIX}_{key_id}_{secret}"


def authenticate(session: Session, key: str) -> Principal | None:
    parts = key.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    row = session.get(ApiKey, parts[1])
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.secret_hash, _hash(parts[2])):
        return None
    return Principal(row.id, row.client_id, Role(row.role), row.name)


def revoke_key(session: Session, key_id: str) -> bool:
    row = session.get(ApiKey, key_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    return True
