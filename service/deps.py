"""Dependencies of the routes: settings, database session, file store, the caller and their role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session

from service.db import Database, Role
from service.keys import Principal, authenticate
from service.problems import ProblemError
from service.settings import ServiceSettings
from service.store import FileStore


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_session(db: Annotated[Database, Depends(get_db)]) -> Iterator[Session]:
    """A session for reading (the routes that write open `db.session()` and commit before
    they answer)."""
    with db.read_session() as session:
        yield session


def get_service_settings(request: Request) -> ServiceSettings:
    settings: ServiceSettings = request.app.state.settings
    return settings


def get_store(request: Request) -> FileStore:
    store: FileStore = request.app.state.store
    return store


def get_principal(
    db: Annotated[Database, Depends(get_db)],
    authorization: Annotated[str | None, Header()] = None,
    x_api_key: Annotated[str | None, Header()] = None,
) -> Principal:
    key = x_api_key
    if authorization and authorization.lower().startswith("bearer "):
        key = authorization[7:]
    if not key:
        raise ProblemError(
            401,
            "no-api-key",
            "Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.",
        )
    with db.read_session() as session:
        principal = authenticate(session, key)
    if principal is None:
        raise ProblemError(401, "bad-api-key", "The API key is not known or has been revoked.")
    return principal


def require(role: Role) -> object:
    def check(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        if not principal.may(role):
            raise ProblemError(
                403,
                "role",
                f"This needs the {role.value} role; the key has the {principal.role.value} role.",
            )
        return principal

    return Depends(check)


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[ServiceSettings, Depends(get_service_settings)]
StoreDep = Annotated[FileStore, Depends(get_store)]
DbDep = Annotated[Database, Depends(get_db)]
Submitter = Annotated[Principal, require(Role.SUBMITTER)]
Reviewer = Annotated[Principal, require(Role.REVIEWER)]
Admin = Annotated[Principal, require(Role.ADMIN)]
