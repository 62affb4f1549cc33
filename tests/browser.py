"""Headless Chromium through the DevTools protocol, for the report's browser test.

One launch gives everything the test asserts on: the DOM after load (what `--dump-dom`
prints), every request the page made, every console message and uncaught exception, and a
screenshot. The protocol is spoken over one WebSocket (websocket-client), in "flat" sessions:
no HTTP endpoint, no driver binary, nothing but the browser and this file.

Chromium runs as Debian packages it, as root in CI: `--no-sandbox`, and without the
background networking, component updates and sync that would otherwise try to reach the
internet from this closed network.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
)


def find_chromium() -> str | None:
    for candidate in CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


@dataclass
class Visit:
    """What the browser saw of one page."""

    dom: str
    requests: list[str] = field(default_factory=list)
    console: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    screenshot: bytes = b""
    checks: dict[str, Any] = field(default_factory=dict)


class Browser:
    def __init__(self, executable: str, timeout: float = 60) -> None:
        import websocket

        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="jdiplo-chromium-")
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        address = self._devtools_address()
        self.socket = websocket.create_connection(address, timeout=timeout, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def _devtools_address(self) -> str:
        assert self.process.stderr is not None
        deadline = time.monotonic() + self.timeout
        seen = []
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            seen.append(line)
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                return found.group(1)
        self.close()
        raise RuntimeError("Chromium did not start:\n" + "".join(seen[-20:]))

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its answer, keeping the events that come meanwhile."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        while True:
            answer = json.loads(self.socket.recv())
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                return event
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            event = json.loads(self.socket.recv())
            self.events.append(event)
            if event.get("method") == method and event.get("sessionId") == session:
                return event
        raise TimeoutError(method)

    def visit(self, url: str, width: int = 1200, height: int = 1800) -> Visit:
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.send(f"{domain}.enable", session)
        self.send(
            "Emulation.setDeviceMetricsOverride", session,
            width=width, height=height, deviceScaleFactor=1, mobile=False,
        )  # fmt: skip
        self.events.clear()
        self.send("Page.navigate", session, url=url)
        self.wait_for("Page.loadEventFired", session)
        dom = self.evaluate(session, "document.documentElement.outerHTML")
        checks = self.evaluate(session, CHECKS)
        shot = self.send("Page.captureScreenshot", session, format="png")["data"]
        visit = Visit(dom=dom, screenshot=base64.b64decode(shot), checks=checks)
        for event in self.events:
            if event.get("sessionId") != session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                visit.requests.append(params["request"]["url"])
            elif method == "Runtime.consoleAPICalled":
                visit.console.append(params)
            elif method == "Runtime.exceptionThrown":
                visit.errors.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                visit.errors.append(params["entry"].get("text", ""))
        self.send("Target.closeTarget", targetId=target)
        return visit

    def evaluate(self, session: str, expression: str) -> Any:
        result = self.send("Runtime.evaluate", session, expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def close(self) -> None:
        socket = getattr(self, "socket", None)
        if socket is not None:
            socket.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


# What the test asks of the rendered page, computed by the browser itself (it is the page's
# own DOM, after parsing, that must hold together).
CHECKS = """
(() => {
  const links = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href'));
  const broken = links.filter(href => !document.getElementById(href.slice(1)));
  const images = [...document.images].map(img => ({
    src: img.getAttribute('src').slice(0, 30), alt: img.alt,
    loaded: img.complete && img.naturalWidth > 0,
  }));
  const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
    .map(h => Number(h.tagName[1]));
  return {
    links: links.length, broken, images, headings,
    scripts: document.scripts.length,
    title: document.title,
    width: document.documentElement.scrollWidth,
  };
})()
"""
