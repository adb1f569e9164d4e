#!/usr/bin/env python3
"""Clicks a node of a nergraph HTML page in headless Chromium, as a person would.

    python3 tests/support/cdp_click.py URL ENTITY_ID SCREENSHOT.png

Starts Debian's `chromium` headless with remote debugging, opens URL, scrolls the graph node
whose SVG <title> is ENTITY_ID into view, and sends a real mouse press and release at its
centre through the DevTools protocol (Input.dispatchMouseEvent: the browser hit-tests the point
and the page's own click handler runs). Then it prints, as JSON, what the page shows: the
selected node, the name in the side panel, how many links and evidence sentences are listed,
the address hash and the document title; and it saves a screenshot. Needs the PyPI package
websocket-client. No network: only 127.0.0.1.
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # websocket-client


def main():
    url, entity, shot = sys.argv[1:4]
    profile = tempfile.mkdtemp(prefix="nergraph-cdp-")
    proc = subprocess.Popen(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--window-size=1400,1000", "--remote-debugging-port=0",
         f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if time.time() > deadline:
                sys.exit("chromium did not open its debugging port")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        ids = iter(range(1, 10**6))

        def call(method, **params):
            i = next(ids)
            ws.send(json.dumps({"id": i, "method": method, "params": params}))
            while True:
                msg = json.loads(ws.recv())
                if msg.get("id") == i:
                    if "error" in msg:
                        sys.exit(f"{method}: {msg['error']}")
                    return msg.get("result", {})

        def evaluate(js):
            r = call("Runtime.evaluate", expression=js, returnByValue=True)
            return r.get("result", {}).get("value")

        call("Page.enable")
        call("Page.navigate", url=url)
        deadline = time.time() + 30
        while evaluate("document.readyState") != "complete":
            if time.time() > deadline:
                sys.exit("the page did not load")
            time.sleep(0.1)
        centre = evaluate("""(() => {
            for (const g of document.querySelectorAll('#graph g.node')) {
              const t = g.querySelector('title');
              if (t && t.textContent === %s) {
                g.scrollIntoView({block: 'center', inline: 'center'});
                const s = g.querySelector('ellipse, polygon, path') || g;
                const r = s.getBoundingClientRect();
                return [r.left + r.width / 2, r.top + r.height / 2];
              }
            }
            return null;
        })()""" % json.dumps(entity))
        if centre is None:
            sys.exit(f"no node {entity} in the page")
        x, y = centre
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
        time.sleep(0.3)
        state = evaluate("""JSON.stringify({
            chosen: [...document.querySelectorAll('#graph g.node.chosen title')].map(t => t.textContent),
            name: document.getElementById('name').textContent,
            links: document.querySelectorAll('#links > li').length,
            evidence: document.querySelectorAll('#links .evidence li').length,
            hash: location.hash,
            title: document.title
        })""")
        png = call("Page.captureScreenshot", format="png")["data"]
        with open(shot, "wb") as f:
            f.write(base64.b64decode(png))
        print(state)
        ws.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
