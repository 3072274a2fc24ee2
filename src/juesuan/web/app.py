"""The FastAPI application factory: settings → database (migrated) → routes and pages."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from . import db as database
from .migrate import upgrade
from .settings import Settings, from_env


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or from_env()
    engine = database.make_engine(settings)
    upgrade(engine)
    app = FastAPI(title="juesuan 决算公开工作台", version="0.1", docs_url="/api/docs", redoc_url=None,
                  openapi_url="/api/openapi.json")
    app.state.settings, app.state.engine = settings, engine
    app.state.sessions = database.make_sessions(engine, settings)

    from pathlib import Path

    from fastapi.staticfiles import StaticFiles

    from .routes import admin, auth, filings, jobs, pages, public, review

    for module in (auth, filings, jobs, review, admin, public, pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).with_name("static"))), name="static")

    @app.middleware("http")
    async def _limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > settings.max_upload_bytes:
            return JSONResponse(status_code=413, content={
                "detail": f"上传内容超过 {settings.max_upload_bytes // (1024 * 1024)} MB / request too large"})
        return await call_next(request)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        return JSONResponse(status_code=422, content={"detail": problems})

    @app.get("/healthz")
    def _health() -> dict:
        return {"ok": True}

    return app
