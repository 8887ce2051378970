"""The CLI's local memory of processed documents, for the duplicate rules (SQLite on disk)."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from pipelines.rules.base import Match

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    document_type TEXT NOT NULL,
    key_kind TEXT NOT NULL,
    key TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    recorded_at REAL NOT NULL,
    PRIMARY KEY (document_type, key_kind, key, sha256)
)
"""


def default_store_path() -> Path:
    home = os.environ.get("BPO_HOME")
    return Path(home) if home else Path.home() / ".bpo"


class SqliteSeenIndex:
    """Keys of every document processed; a document never matches itself (same sha256)."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        self._lock = threading.Lock()
        with self._db:
            if str(path) != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
            self._db.execute(_SCHEMA)

    def check_and_record(
        self, document_type: str, sha256: str, source: str, keys: Mapping[str, str]
    ) -> list[Match]:
        matches: list[Match] = []
        with self._lock, self._db:
            for kind, key in keys.items():
                row = self._db.execute(
                    "SELECT source, sha256 FROM seen WHERE document_type=? AND key_kind=? AND key=? "
                    "AND sha256<>? ORDER BY recorded_at LIMIT 1",
                    (document_type, kind, key, sha256),
                ).fetchone()
                if row:
                    matches.append(Match(kind, row[0], row[1]))
                self._db.execute(
                    "INSERT OR IGNORE INTO seen VALUES (?, ?, ?, ?, ?, ?)",
                    (document_type, kind, key, sha256, source, time.time()),
                )
        return matches

    def close(self) -> None:
        self._db.close()
