#!/usr/bin/env python3
"""Browser test of the web graph explorer that `rhizome serve` serves at `/`.

It drives headless Chromium through Playwright against a running server whose store holds
Examples/documents, and checks, in order:

  1. `/` loads and the graph shows nodes (the best-connected part);
  2. typing "SQLite" in #search lists it, and picking it redraws the graph around SQLite;
  3. a real mouse click on the SQLite node (at explorer.nodeScreenPosition) opens #details with its name
     and a cited passage containing "Hipp";
  4. asking "Who designed SQLite?" streams an answer into #answer containing "Hipp" and a citation;
  5. clicking the first citation highlights supporting nodes (explorer.highlighted() is not empty);
  6. the documents list shows every document (10 for Examples/documents);
  7. a full-page screenshot is written, and its graph area really holds a drawing: enough pixels
     differ from the canvas background and there are many distinct colours.

Each step prints "ok: ..."; the first failure prints "FAIL: ..." and exits 1. Each wait times out after 20 s.

Run it (Playwright with Debian's Chromium; no browser download is needed):

    apt-get install -y chromium fonts-noto-cjk && pip install playwright
    rhizome ingest Examples/documents --store /tmp/explorer.sqlite --quiet
    rhizome serve --store /tmp/explorer.sqlite --port 9631 &
    python3 Tests/Browser/explorer_test.py --base-url http://127.0.0.1:9631 --screenshot /tmp/explorer.png

Needs only the standard library and Playwright; Pillow is used to read the screenshot when installed,
else the PNG is decoded with zlib.
"""

import argparse
import collections
import os
import struct
import sys
import time
import zlib

try:
    from playwright.sync_api import Error as PlaywrightError, TimeoutError as PlaywrightTimeout, sync_playwright
except ImportError:
    print("FAIL: the playwright package is missing: pip install playwright", flush=True)
    sys.exit(1)

TIMEOUT_MS = 20_000
QUESTION = "Who designed SQLite?"


class Failure(Exception):
    pass


def ok(message):
    print(f"ok: {message}", flush=True)


def wait_for(page, expression, what, arg=None):
    """Waits until the JavaScript expression is truthy, failing with `what` after the timeout."""
    try:
        return page.wait_for_function(expression, arg=arg, timeout=TIMEOUT_MS).json_value()
    except PlaywrightTimeout:
        raise Failure(f"timed out after {TIMEOUT_MS // 1000} s waiting for {what}")


def steady_position(page, name):
    """The node's page position once the layout has stopped moving it (it animates while it cools)."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    last = None
    while time.monotonic() < deadline:
        position = page.evaluate("(name) => explorer.nodeScreenPosition(name)", name)
        if position and last and abs(position["x"] - last["x"]) < 0.5 and abs(position["y"] - last["y"]) < 0.5:
            return position
        last = position
        time.sleep(0.25)
    raise Failure(f"the node {name!r} did not come to rest within {TIMEOUT_MS // 1000} s (last position {last})")


def text_of(page, selector):
    return page.eval_on_selector(selector, "(element) => element.innerText")


# ---- Steps ---------------------------------------------------------------------------------------------

def load_page(page, base_url):
    response = page.goto(base_url + "/")
    if response is None or not response.ok:
        raise Failure(f"GET / answered {response.status if response else 'nothing'}: does this server serve the explorer?")
    count = wait_for(page, "window.explorer && explorer.nodeCount() > 0 && explorer.nodeCount()", "the graph to show nodes")
    edges = page.evaluate("explorer.edgeCount()")
    ok(f"/ loaded and the graph shows {count} nodes and {edges} edges")


def search_and_pick(page):
    page.fill("#search", "SQLite")
    wait_for(page, "document.querySelector('#search-results li[data-name=\"SQLite\"]')", "a search result named SQLite")
    ok("searching for SQLite lists it in #search-results")
    page.click('#search-results li[data-name="SQLite"]')
    wait_for(page, "explorer.selected && explorer.selected() === 'SQLite' && explorer.nodeScreenPosition('SQLite') !== null",
             "the graph to redraw around SQLite")
    ok(f"picking it redraws the graph around SQLite ({page.evaluate('explorer.nodeCount()')} nodes)")


def click_node(page):
    # Click empty canvas first, which clears the panel, so the panel below can only come from the node click.
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + 4, box["y"] + 4)
    wait_for(page, "!document.querySelector('#details').innerText.includes('Hipp')", "the details panel to clear")
    position = steady_position(page, "SQLite")
    page.mouse.click(position["x"], position["y"])
    wait_for(page, "document.querySelector('#details h2')?.innerText.includes('SQLite')", "#details to show SQLite")
    wait_for(page, "[...document.querySelectorAll('#details blockquote')].some((q) => q.innerText.includes('Hipp'))",
             "#details to show a passage containing 'Hipp'")
    ok(f"clicking the SQLite node at ({position['x']:.0f}, {position['y']:.0f}) shows its details and a passage naming Hipp")


def ask_question(page):
    page.fill("#question", QUESTION)
    page.click("#ask")
    wait_for(page, "document.querySelector('#answer').innerText.includes('Hipp') "
                   "&& document.querySelectorAll('#answer .citation').length > 0 "
                   "&& !document.querySelector('#ask').disabled", "#answer to contain 'Hipp' and a citation")
    citations = page.evaluate("document.querySelectorAll('#answer .citation').length")
    ok(f"asking {QUESTION!r} streams an answer naming Hipp with {citations} citation links")


def click_citation(page):
    page.click("#answer .citation >> nth=0")
    names = wait_for(page, "explorer.highlighted().length > 0 && explorer.highlighted()", "highlighted nodes after a citation click")
    wait_for(page, "[...document.querySelectorAll('#details blockquote')].some((q) => q.innerText.trim().length > 20)",
             "#details to show the cited passage")
    ok(f"clicking the first citation shows its passage and highlights {len(names)} nodes: {', '.join(names[:6])}")


def documents_list(page, expected):
    page.click("#documents-toggle")
    wait_for(page, "document.querySelectorAll('#documents li').length > 0", "the documents list")
    count = page.evaluate("document.querySelectorAll('#documents li').length")
    if count != expected:
        raise Failure(f"the documents list shows {count} documents, expected {expected}")
    ok(f"the documents list shows {count} documents")


def screenshot(page, path):
    wait_for(page, "explorer.settled ? explorer.settled() : true", "the layout to come to rest")
    page.mouse.move(0, 0)   # no hover ring in the picture
    page.screenshot(path=path, full_page=True)
    box = page.locator("#graph").bounding_box()
    width = page.evaluate("document.documentElement.scrollWidth")
    ok(f"full-page screenshot written to {path}")
    return box, width


def check_drawing(path, box, page_width):
    image_width, _, pixels = read_png(path)
    scale = image_width / page_width   # device pixels per CSS pixel
    left, top = int(box["x"] * scale), int(box["y"] * scale)
    right, bottom = int((box["x"] + box["width"]) * scale), int((box["y"] + box["height"]) * scale)
    region = [pixels(x, y) for y in range(top, bottom, 2) for x in range(left, right, 2)]
    counts = collections.Counter(region)
    background, background_count = counts.most_common(1)[0]
    drawn = 1 - background_count / len(region)
    if drawn <= 0.02:
        raise Failure(f"the graph area is blank: only {drawn:.1%} of it differs from the background {background}")
    if len(counts) < 20:
        raise Failure(f"the graph area holds only {len(counts)} distinct colours")
    ok(f"the screenshot's graph area is drawn: {drawn:.1%} non-background pixels, {len(counts)} distinct colours")


# ---- Reading the PNG -------------------------------------------------------------------------------

def read_png(path):
    """(width, height, pixel(x, y) → (r, g, b)), with Pillow when installed, else by decoding the PNG."""
    try:
        from PIL import Image
        image = Image.open(path).convert("RGB")
        return image.width, image.height, lambda x, y: image.getpixel((x, y))
    except ImportError:
        pass
    with open(path, "rb") as file:
        data = file.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise Failure(f"{path} is not a PNG")
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise Failure(f"cannot read this PNG without Pillow (depth {depth}, colour type {colour}); pip install pillow")
    channels = 3 if colour == 2 else 4
    rows = unfilter(zlib.decompress(b"".join(chunks)), width * channels, height, channels)
    return width, height, lambda x, y: tuple(rows[y][x * channels:x * channels + 3])


def unfilter(raw, stride, height, step):
    """Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth)."""
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - step] if i >= step else 0
            b = previous[i]
            c = previous[i - step] if i >= step else 0
            if kind == 1:
                row[i] = (row[i] + a) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + b) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(row)
        previous = row
    return rows


# ---- Main ----------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="the server, e.g. http://127.0.0.1:9631")
    parser.add_argument("--screenshot", required=True, help="where to write the full-page PNG")
    parser.add_argument("--chromium", default="/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None,
                        help="the Chromium binary (default: /usr/bin/chromium when present)")
    parser.add_argument("--documents", type=int, default=10, help="documents the store holds (default 10)")
    arguments = parser.parse_args()
    base_url = arguments.base_url.rstrip("/")

    errors = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=arguments.chromium, headless=True)
            page = browser.new_page(viewport={"width": 1440, "height": 900}, device_scale_factor=1)
            page.on("pageerror", lambda error: errors.append(str(error)))
            load_page(page, base_url)
            search_and_pick(page)
            click_node(page)
            ask_question(page)
            click_citation(page)
            documents_list(page, arguments.documents)
            box, width = screenshot(page, arguments.screenshot)
            browser.close()
        check_drawing(arguments.screenshot, box, width)
        if errors:
            raise Failure("the page threw: " + " | ".join(errors))
        ok("no script errors on the page")
    except Failure as failure:
        print(f"FAIL: {failure}", flush=True)
        if errors:
            print(f"page errors: {' | '.join(errors)}", flush=True)
        return 1
    except PlaywrightError as error:
        print(f"FAIL: the browser failed: {error}", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
