#!/usr/bin/env python3
"""The operations centre (/dieu-hanh) in headless Chromium against a running platform: a leader signs in, the
panel loads with its server-drawn SVG charts, updates itself without a reload (its snapshot time changes while
a marker set on the window survives), a CSV of a table downloads, and the monthly report opens as a printable
page. Screenshots go to the output directory. Exits non-zero on the first failed check.
"""
import argparse
import glob
import os
import tempfile
import time

from cdp import Browser


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok -", message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--debug-port", type=int, default=9334)
    parser.add_argument("--out", default="browser-screenshots")
    parser.add_argument("--username", default="kinhbac.lanhdao")
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    base = arguments.base
    browser = Browser(arguments.chromium, arguments.debug_port)
    page = browser.page
    downloads = tempfile.mkdtemp(prefix="motcua-ops-downloads-")
    browser.allow_downloads(downloads)
    try:
        page.goto(base + "/dieu-hanh")
        page.wait_for("document.getElementById('sign-in-form')", what="the sign-in form")
        page.fill("#username", arguments.username)
        page.fill("#password", "MotCua@2026")
        page.click("#sign-in-form button[type=submit]")
        page.wait_for("!document.getElementById('ops').classList.contains('hidden')", what="the operations centre after sign-in")
        page.wait_for("document.querySelector('#panel .ops-panel svg')", what="the panel with its SVG charts")
        check(page.eval("document.querySelectorAll('#panel svg').length") >= 3, "the panel shows server-drawn SVG charts")
        for testid in ["received-today", "open", "due-today", "overdue", "predicted-late", "precision", "recall"]:
            check(page.eval(f"Boolean(document.querySelector('[data-testid={testid}]'))"), f"the panel shows {testid}")
        text = page.text("#panel")
        check("Quá hạn" in text and "Overdue" in text, "Vietnamese and English labels")
        check("Độ chính xác của dự báo" in text, "the forecast's measured accuracy is on the page")
        page.screenshot(os.path.join(arguments.out, "ops-panel.png"), width=1600)

        # Live: the fragment is fetched again and swapped in; the page itself is not reloaded.
        page.eval("window.__notReloaded = true")
        first = page.eval("document.querySelector('#panel .ops-panel').dataset.generatedAt")
        page.wait_for(f"document.querySelector('#panel .ops-panel').dataset.generatedAt !== {first!r}", timeout=15,
                      what="a newer snapshot")
        check(page.eval("window.__notReloaded === true"), "the panel updated without reloading the page")

        # CSV of a table.
        page.click("#panel button.csv[data-table=overdue]")
        deadline = time.time() + 20
        while time.time() < deadline and not glob.glob(os.path.join(downloads, "dieu-hanh-overdue.csv")):
            time.sleep(0.2)
        files = glob.glob(os.path.join(downloads, "dieu-hanh-overdue.csv"))
        check(bool(files), "the overdue table downloads as CSV")
        with open(files[0], encoding="utf-8") as csv:
            check(csv.readline().startswith("code,agency_id"), "the CSV has its header")

        # The monthly report opens in a new tab from a blob URL, with its print stylesheet.
        page.click("#report-form button[type=submit]")
        printed, target = browser.wait_for_new_page()
        printed.wait_for("document.querySelector('[data-testid=report-points]')", what="the monthly report")
        check("Báo cáo Bộ chỉ số" in printed.text("h1"), "the monthly report opens as a printable page")
        check(printed.eval("[...document.styleSheets].some((s) => (s.href || '').endsWith('/assets/report.css'))"),
              "the report carries its print stylesheet")
        printed.screenshot(os.path.join(arguments.out, "ops-monthly-report.png"))
        browser.close_page(printed, target)
    finally:
        browser.close()


if __name__ == "__main__":
    main()
