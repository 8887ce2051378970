"""Celery's filesystem:// transport with atomic writes: the embedded default's broker.

kombu's own transport opens the message file under its final name and then writes it, so a
worker listing the folder at that moment can read an empty or half-written message; it fails to
decode it and the worker stops ("Unrecoverable error: JSONDecodeError", celery/kombu#1551). Here
a message is written under a temporary name in a sibling folder and renamed into the queue folder
once complete: a rename within one filesystem is atomic, so a reader sees all of it or nothing.
Registered as the `bpofs://` transport by `service.tasks`.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path
from time import monotonic_ns

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):  # type: ignore[no-untyped-def,override]
        # zero-padded nanoseconds: the folder's sorted listing is the order messages were sent
        name = f"{monotonic_ns():020d}_{uuid.uuid4()}.{queue}.msg"
        folder = Path(self.data_folder_out)
        staging = folder.parent / f"{folder.name}.incoming"
        try:
            staging.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=staging, prefix=".msg-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(str_to_bytes(dumps(payload)))
            os.replace(tmp, folder / name)
        except OSError as exc:
            raise ChannelError(f"Cannot add message {name!r} to {folder}") from exc


class Transport(filesystem.Transport):
    Channel = Channel
