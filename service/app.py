"""The FastAPI application: routers under /v1, problem details, the review page, the sweeper.

`uvicorn --factory service.app:create_app` or `bpo serve` runs it.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm.exc import StaleDataError

from pipelines.run import Pipeline
from service import problems
from service.clients import ClientSettings
from service.db import Database
from service.routes import documents, ops, review
from service.settings import ServiceSettings, get_settings
from service.store import FileStore
from service.sweeper import Sweeper

log = logging.getLogger(__name__)
WEB_DIR = Path(__file__).parent / "web"

DESCRIPTION = """
Upload invoices, claims and contracts; get each one's result (the result contract of
`shared/CONTRACT.md`, the same as `bpo process` gives); work the review queue.

Authenticate with an API key (`bpo keys create --client acme --role reviewer`) sent as
`Authorization: Bearer <key>` or `X-API-Key: <key>`. A key sees only its own client's documents.
Roles: **submitter** (upload, read), **reviewer** (and the review queue, KPIs, exports),
**admin** (and the client's settings). Errors are RFC 9457 problem details.
"""


class PipelineCache:
    """Pipelines per client setting, for re-running rules on corrected values."""

    def __init__(self, size: int = 8) -> None:
        self._pipelines: OrderedDict[str, Pipeline] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def __call__(self, settings: ClientSettings) -> Pipeline:
        key = settings.cache_key()
        with self._lock:
            if key not in self._pipelines:
                self._pipelines[key] = Pipeline(settings.pipeline_settings())
                while len(self._pipelines) > self._size:
                    self._pipelines.popitem(last=False)
            self._pipelines.move_to_end(key)
            return self._pipelines[key]


def create_app(settings: ServiceSettings | None = None, *, sweeper: bool = True) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(settings)
        db.migrate()
        app.state.settings = settings
        app.state.db = db
        app.state.store = FileStore(settings.files_dir)
        app.state.pipelines = PipelineCache()
        running = Sweeper(db, settings) if sweeper else None
        if running:
            running.start()
        try:
            yield
        finally:
            if running:
                running.stop()
            db.dispose()

    app = FastAPI(
        title="bpo-toolkit",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=[
            {"name": "documents", "description": "Upload documents and read their results."},
            {"name": "review", "description": "The exception queue and its decisions."},
            {"name": "operations", "description": "KPIs, exports, settings, health."},
        ],
    )
    problems.install(app)

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> JSONResponse:
        return problems.problem_response(
            request, 409, "Someone else changed this just now; read it again.", "stale"
        )

    app.include_router(documents.router)
    app.include_router(review.router)
    app.include_router(ops.router)
    app.mount("/review/static", StaticFiles(directory=WEB_DIR), name="review-static")

    @app.get("/review", include_in_schema=False)
    def review_page() -> FileResponse:
        return FileResponse(WEB_DIR / "review.html", media_type="text/html")

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/review")

    return app


AppFactory = Callable[[], FastAPI]
