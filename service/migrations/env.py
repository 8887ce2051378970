"""Alembic's environment: run by `Database.migrate()` with the service's own engine."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from service.db import Base

config = context.config
engine = config.attributes["engine"]
target_metadata = Base.metadata

with engine.connect() as connection:
    if connection.dialect.name == "postgresql":
        # processes starting together (an API and its workers) migrate one after the other
        connection.execute(text("SELECT pg_advisory_lock(727274)"))
        connection.commit()
    try:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
    finally:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_unlock(727274)"))
            connection.commit()
