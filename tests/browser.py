"""Helpers for the real-browser tests: the real app under `streamlit run` on a free
localhost port, and Debian's chromium driven by Playwright (which cannot download its own
browser here).

    with serve(AIRT_TABLE="/tmp/table.csv") as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url)
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

from tests.conftest import ROOT

APP = "dashboard/app.py"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
START_TIMEOUT = 60.0  # seconds for the server to answer its health check


class ServerError(RuntimeError):
    """The app did not start; the message holds the end of its log."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def _stop(proc: subprocess.Popen) -> None:
    """End the server and anything it started (its whole process group)."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@contextlib.contextmanager
def serve(**env: str) -> Iterator[str]:
    """Run `streamlit run dashboard/app.py` on a free port and yield its base URL
    (http://localhost:PORT); keyword arguments are environment overrides, e.g.
    AIRT_TABLE=path. The server is stopped on exit, also when the body fails."""
    port = free_port()
    url = f"http://localhost:{port}"
    command = [sys.executable, "-m", "streamlit", "run", APP, "--server.headless", "true",
               "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    with tempfile.TemporaryFile(mode="w+b") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not _healthy(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    tail = log.read().decode("utf-8", "replace")[-3000:]
                    state = f"exited with {proc.returncode}" if proc.poll() is not None else "did not answer in time"
                    raise ServerError(f"streamlit {state} on port {port}:\n{tail}")
                time.sleep(0.2)
            yield url
        finally:
            _stop(proc)


@contextlib.contextmanager
def chromium(**launch):
    """A headless chromium launched by Playwright from CHROMIUM (default /usr/bin/chromium)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, **launch)
        try:
            yield browser
        finally:
            browser.close()
