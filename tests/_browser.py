"""Debian's Chromium driven by Playwright, for the review page's browser tests
and the docs screenshot. Playwright is told to use the system browser (apt
package ``chromium``, installed by ``scripts/setup --dev``); it never
downloads one."""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

#: Flags that keep a headless Chromium off the network entirely: no
#: background connections, component updates, sync or first-run fetches.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--autoplay-policy=no-user-gesture-required",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@dataclass
class PageLog:
    """Everything a page did that a test may want to refuse."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # url -> why the browser did not send it

    def network(self) -> list[str]:
        """Requests that left the file system (those the page's CSP stopped did not)."""
        return [u for u in self.requests
                if not u.startswith("file://") and self.failed.get(u) not in ("csp", "net::ERR_BLOCKED_BY_CSP")]


@contextlib.contextmanager
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        raise RuntimeError("chromium is not installed: run `bash scripts/setup --dev`")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@contextlib.contextmanager
def open_page(b, path: Path, *, viewport=(1280, 900)) -> Iterator[tuple[object, PageLog]]:
    """Open ``path`` (file://) in a fresh context with clipboard access; yield (page, log)."""
    ctx = b.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                        permissions=["clipboard-read", "clipboard-write"])
    page = ctx.new_page()
    log = PageLog()
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.page_errors.append(str(e)))
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("requestfailed", lambda r: log.failed.__setitem__(r.url, r.failure or ""))

    def dialog(d) -> None:
        log.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    try:
        page.goto(path.resolve().as_uri(), wait_until="load")
        yield page, log
    finally:
        ctx.close()


def wait_until(page, expression: str, timeout: float = 15.0) -> None:
    """Poll ``expression`` in the page until it is truthy.

    Not ``page.wait_for_function``: its polling evaluates a string inside the
    page, which the review page's Content-Security-Policy rightly refuses
    ('unsafe-eval'); ``page.evaluate`` goes through the debugging protocol.
    """
    import time

    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(25)
