"""A minimal Chrome DevTools Protocol client: enough to drive one headless page from a test script."""
import base64
import json
import subprocess
import tempfile
import time
import urllib.request

import websocket


class Browser:
    """Headless Chromium on a debugging port, with one page to drive."""

    def __init__(self, executable="chromium", port=9333):
        # Chromium's helper processes may still write to the profile while it is removed: not an error of the page.
        self.profile = tempfile.TemporaryDirectory(prefix="motcua-chromium-", ignore_cleanup_errors=True)
        self.process = subprocess.Popen(
            [executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             f"--remote-debugging-port={port}", f"--user-data-dir={self.profile.name}",
             "--window-size=1280,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        targets = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as answer:
                    targets = [t for t in json.load(answer) if t["type"] == "page"]
                if targets:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        if not targets:
            raise RuntimeError("chromium did not open a debugging port")
        self.port = port
        self.page = Page(targets[0]["webSocketDebuggerUrl"])
        self.page_id = targets[0]["id"]
        self.browser_ws = None

    def targets(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list") as answer:
            return [t for t in json.load(answer) if t["type"] == "page"]

    def allow_downloads(self, directory):
        """Saves downloads into `directory` (headless Chromium refuses them otherwise). The setting lasts while
        the browser-level connection that made it is open, so that connection is kept until `close`."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/version") as answer:
            url = json.load(answer)["webSocketDebuggerUrl"]
        self.browser_ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.browser_ws.send(json.dumps({"id": 1, "method": "Browser.setDownloadBehavior",
                                         "params": {"behavior": "allow", "downloadPath": directory}}))
        while json.loads(self.browser_ws.recv()).get("id") != 1:
            pass

    def browser_call(self, method, **params):
        """A browser-level command (on the connection `allow_downloads` opened, or a new one)."""
        if self.browser_ws is None:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/version") as answer:
                url = json.load(answer)["webSocketDebuggerUrl"]
            self.browser_ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.browser_id = getattr(self, "browser_id", 1) + 1
        self.browser_ws.send(json.dumps({"id": self.browser_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.browser_ws.recv())
            if message.get("id") == self.browser_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def fresh_context_page(self, url, timeout=20):
        """A tab at `url` in a new browser context: no cookies or storage shared with the other tabs, as a
        stranger's browser would open a link. Returns the Page and its target id (for `close_page`)."""
        context = self.browser_call("Target.createBrowserContext")["browserContextId"]
        target = self.browser_call("Target.createTarget", url=url, browserContextId=context)["targetId"]
        deadline = time.time() + timeout
        while time.time() < deadline:
            for candidate in self.targets():
                if candidate["id"] == target and candidate.get("webSocketDebuggerUrl"):
                    page = Page(candidate["webSocketDebuggerUrl"])
                    page.wait_for("document.readyState === 'complete'")
                    return page, target
            time.sleep(0.1)
        raise AssertionError("the new context's tab did not open")

    def wait_for_new_page(self, timeout=20):
        """The tab the page opened (window.open), as a Page, with its target id."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for target in self.targets():
                if target["id"] != self.page_id and target.get("webSocketDebuggerUrl"):
                    return Page(target["webSocketDebuggerUrl"]), target["id"]
            time.sleep(0.1)
        raise AssertionError("no new tab was opened")

    def close_page(self, page, target_id):
        page.ws.close()
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/close/{target_id}"):
            pass

    def close(self):
        self.page.ws.close()
        if self.browser_ws:
            self.browser_ws.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        self.profile.cleanup()


class Page:
    """One tab: navigate, evaluate JavaScript, wait for a condition, take screenshots."""

    def __init__(self, url):
        self.ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0
        self.console = []
        self.send("Runtime.enable")
        self.send("Page.enable")

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("method") == "Runtime.exceptionThrown":
                self.console.append(message["params"]["exceptionDetails"].get("text", "exception"))
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def eval(self, expression, user_gesture=False):
        result = self.send("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True,
                           userGesture=user_gesture)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r} threw {result['exceptionDetails']}")
        return result["result"].get("value")

    def goto(self, url):
        self.send("Page.navigate", url=url)
        time.sleep(0.2)
        self.wait_for("document.readyState === 'complete'")

    def wait_for(self, condition, timeout=20, what=None):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self.eval(f"Boolean({condition})"):
                    return
            except RuntimeError:
                pass
            time.sleep(0.1)
        text = self.eval("document.body ? document.body.innerText.slice(0, 2000) : ''")
        raise AssertionError(f"timed out waiting for {what or condition}\n--- page text ---\n{text}")

    def fill(self, selector, value):
        self.eval(f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
            e.value = {json.dumps(value)}; e.dispatchEvent(new Event('input', {{bubbles: true}})); }})()""")

    def click(self, selector):
        # As the user's click, so that a tab the page opens is not taken for an unwanted popup.
        self.eval(f"document.querySelector({json.dumps(selector)}).click()", user_gesture=True)

    def text(self, selector):
        return self.eval(f"(document.querySelector({json.dumps(selector)}) || {{innerText: ''}}).innerText")

    def screenshot_element(self, selector, path, scale=4, margin=16):
        """The element alone, enlarged `scale` times, with a white `margin` (CSS pixels) around it."""
        box = self.eval(f"""(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();
            return {{x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height}}; }})()""")
        clip = {"x": max(box["x"] - margin, 0), "y": max(box["y"] - margin, 0),
                "width": box["width"] + 2 * margin, "height": box["height"] + 2 * margin, "scale": scale}
        data = self.send("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def screenshot(self, path, width=1280):
        height = self.eval("Math.max(document.documentElement.scrollHeight, 600)")
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600)
        data = self.send("Page.captureScreenshot", format="png")["data"]
        self.send("Emulation.clearDeviceMetricsOverride")
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))
