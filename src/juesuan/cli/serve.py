"""``juesuan serve`` (the workspace and portal) and ``juesuan worker`` (its job consumer)."""

from __future__ import annotations

import os

import typer

from . import app
from .common import console, err_console, needs_extra


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址（默认仅本机）"),
    port: int = typer.Option(8000, "--port"),
    demo: bool = typer.Option(False, "--demo", help="首次启动时写入演示数据：一个财政局、三个部门、各角色用户"),
    worker: bool = typer.Option(True, "--worker/--no-worker", help="同时启动后台任务进程（huey consumer）"),
) -> None:
    """启动决算公开工作台与公开门户。数据库默认 SQLite（JUESUAN_DATABASE_URL 可指向 PostgreSQL）。"""
    try:
        import uvicorn

        from ..web.app import create_app
    except ImportError:
        needs_extra("web", "工作台")
    application = create_app()
    settings = application.state.settings
    if demo:
        from ..web.demo import seed_demo

        password = seed_demo(application.state.sessions)
        if password:
            console.print(f"演示账号已创建 / demo users created: admin, reviewer_a, head_a1, filler_a1 …；密码 / password: "
                          f"{password}", highlight=False)
    process = None
    if worker:
        import subprocess
        import sys

        process = subprocess.Popen([sys.executable, "-m", "juesuan", "worker"], env=os.environ.copy())
    console.print(f"工作台 / workspace: http://{host}:{port}/  数据 / data: {settings.data_dir}  "
                  f"数据库 / database: {settings.database_url.split('@')[-1]}", highlight=False)
    try:
        uvicorn.run(application, host=host, port=port, log_level="warning")
    finally:
        if process is not None:
            process.terminate()


@app.command()
def worker(workers: int = typer.Option(1, "--workers", help="并行任务数")) -> None:
    """运行后台任务（解析上传文件、批量审核、生成公开文件）；与 serve 使用同一设置。"""
    try:
        from huey.consumer import Consumer

        from ..web.jobs import huey
    except ImportError:
        needs_extra("web", "工作台")
    import logging

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # An idle consumer looks at the queue at least every second (huey's default backs off to 10 s: a job
    # queued then would wait that long on the SQLite storage); at start it puts back the jobs a dead
    # worker of this machine left running (web/jobs.py).
    Consumer(huey, workers=workers, worker_type="thread", max_delay=1.0).run()
