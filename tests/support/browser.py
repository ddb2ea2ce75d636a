"""Real headless Chromium for tests: open a local page, run its own JavaScript, take screenshots."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; tests never download a browser
INSTALL_HINT = "apt-get install chromium"
LAUNCH_ARGS = (
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def require_chromium() -> None:
    """Fail (under CI) or skip (elsewhere) with the fix when Chromium or playwright is missing."""
    problem = None
    if not CHROMIUM.exists():
        problem = f"no headless Chromium at {CHROMIUM}: run `{INSTALL_HINT}`"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright package is missing: pip install -e '.[test]'"
    if problem and os.environ.get("CI"):
        pytest.fail(problem, pytrace=False)
    if problem:
        pytest.skip(problem)


@dataclass
class Page:
    """A loaded page, what it logged as errors and every request it tried to send elsewhere."""

    raw: object  # playwright.sync_api.Page, for anything this wrapper does not cover
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def evaluate(self, js: str):
        """The value of a JavaScript expression evaluated in the page."""
        return self.raw.evaluate(js)

    def wait_for(self, js: str, *, timeout_ms: int = 15_000) -> None:
        """Wait until a JavaScript expression is truthy in the page."""
        self.raw.wait_for_function(js, timeout=timeout_ms)

    def screenshot(self, path: str | os.PathLike[str], *, selector: str | None = None) -> Path:
        """A PNG of the whole viewport, or of the element ``selector`` names."""
        target = self.raw.locator(selector) if selector else self.raw
        target.screenshot(path=str(path))
        return Path(path)


@contextmanager
def open_page(
    path: str | os.PathLike[str], *, width: int = 1280, height: int = 900
) -> Iterator[Page]:
    """Open a local HTML file in headless Chromium; requests off the machine are blocked and kept.

    Pages opened while another is open share its browser (playwright allows one per thread).
    """
    require_chromium()
    browser = _browser.start()
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        raw = context.new_page()
        page = Page(raw)
        raw.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        raw.on("pageerror", lambda e: page.console_errors.append(str(e)))
        context.route("**/*", lambda route: _local_only(route, page))
        raw.goto(Path(path).resolve().as_uri(), wait_until="load")
        yield page
    finally:
        context.close()
        _browser.stop()


class _SharedBrowser:
    """One Chromium for all open pages, started by the first and closed with the last."""

    def __init__(self) -> None:
        self.users, self.driver, self.browser = 0, None, None

    def start(self):
        if self.users == 0:
            from playwright.sync_api import sync_playwright

            self.driver = sync_playwright().start()
            try:
                self.browser = self.driver.chromium.launch(
                    executable_path=str(CHROMIUM), args=list(LAUNCH_ARGS)
                )
            except Exception:
                self.driver.stop()
                raise
        self.users += 1
        return self.browser

    def stop(self) -> None:
        self.users -= 1
        if self.users == 0:
            self.browser.close()
            self.driver.stop()


_browser = _SharedBrowser()


def _local_only(route, page: Page) -> None:
    url = route.request.url
    if url.startswith(LOCAL_SCHEMES):
        route.continue_()
    else:
        page.external_requests.append(url)
        route.abort()
