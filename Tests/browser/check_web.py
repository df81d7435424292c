#!/usr/bin/env python3
"""Drives the MotCua web pages in headless Chromium against a running platform.

Counter: sign in, scan a sample chip card, read the profile, receive a 1.004873 dossier, file a scan of its
declaration (and see a fake PDF refused), see the workqueue.
Status: look the dossier up, a wrong pair (404), then too many wrong guesses (429).
Citizen: sign in through the sandbox e-ID as the same person, see the counter's look-up under "who used my
data", submit a birth registration, open it, withdraw it; then a level-1 account sees the notice.
Screenshots go to the output directory. Exits non-zero on the first failed check.
"""
import argparse
import json
import os
import sys
import urllib.request

from cdp import Browser


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok -", message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    parser.add_argument("--sandbox", default="http://127.0.0.1:8081")
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--out", default="browser-screenshots")
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    base = arguments.base
    with urllib.request.urlopen(arguments.sandbox + "/sandbox/samples?count=5") as answer:
        samples = json.load(answer)
    person = samples[0]
    print("sample person:", person["citizenID"], person["fullName"], person["maritalStatus"])

    browser = Browser(arguments.chromium)
    page = browser.page
    try:
        # Landing page.
        page.goto(base + "/")
        check("Quầy một cửa" in page.text("main") and "One-stop counter" in page.text("main"), "landing page links the areas")

        # Counter: sign in.
        page.goto(base + "/counter")
        page.fill("#username", "kinhbac.tiepnhan")
        page.fill("#password", "MotCua@2026")
        page.click("#sign-in-form button[type=submit]")
        page.wait_for("!document.getElementById('desk').classList.contains('hidden')", what="the desk after sign-in")
        check("kinhbac.tiepnhan" in page.text("#official"), "counter shows the signed-in official")
        page.wait_for("document.querySelector('#workqueue table, #workqueue p')", what="workqueue")

        # Scan the card.
        page.fill("#scan", person["qrText"])
        page.click("#scan-form button[type=submit]")
        page.wait_for("document.querySelector('[data-testid=profile-name]')", what="the profile")
        check(page.text("[data-testid=profile-name]") == person["fullName"], "profile shows the person's name")
        facts = page.text("[data-testid=profile-facts]")
        check("Ngày sinh" in facts and "Nơi thường trú" in facts and "Tình trạng hôn nhân" in facts, "profile lists birth date, address, marital status")
        page.screenshot(os.path.join(arguments.out, "counter-profile.png"))

        # Receive the marital-status dossier.
        page.click("#receive")
        page.wait_for("document.querySelector('#receipt [data-testid=dossier-code]')", what="the received dossier")
        code = page.text("#receipt [data-testid=dossier-code]")
        check(len(code) > 10, f"dossier received with code {code}")
        receipt = page.text("#receipt")
        check("Lấy từ CSDL quốc gia" in receipt or "Đang chờ xác minh" in receipt, "components show their national-data state")
        check("eform" in receipt, "declaration reference is the e-form")
        check(page.text("[data-testid=due-at]") not in ("", "—"), "promised date shown")
        page.wait_for(f"document.getElementById('workqueue').innerText.includes({json.dumps(code)})", what="the dossier in the workqueue")
        check(True, "workqueue lists the new dossier")
        page.screenshot(os.path.join(arguments.out, "counter-receipt.png"))

        # Scan the declaration: a real PDF is filed with its page count; a text file named .pdf is refused precisely.
        attach(page, "declaration", MINIMAL_PDF, "to-khai.pdf", "application/pdf")
        page.wait_for("document.querySelector('[data-testid=scan-result-declaration] .message')", what="the upload's answer")
        filed = page.text("[data-testid=scan-result-declaration]")
        check("1 trang" in filed and "PDF" in filed, "counter upload filed: " + filed.replace("\n", " "))
        page.wait_for("document.querySelector('#receipt .scans li')", what="the filed scan in the list")
        page.wait_for("document.getElementById('receipt').innerText.includes('document:')", what="the component pointing at the scan")
        check(True, "the declaration now points at the filed scan")
        attach(page, "declaration", "chỉ là chữ, không phải bản quét", "gia-mao.pdf", "application/pdf")
        page.wait_for("document.querySelector('[data-testid=scan-result-declaration] .message.error')", what="the refusal")
        refusal = page.text("[data-testid=scan-result-declaration]")
        check("PDF" in refusal and "JPEG" in refusal, "counter upload refusal shown: " + refusal.replace("\n", " "))
        page.screenshot(os.path.join(arguments.out, "counter-scans.png"))

        # A typed ID with a too-short purpose: the API's problem detail reaches the user.
        page.fill("#scan", person["citizenID"])
        page.fill("#purpose", "x")
        page.click("#scan-form button[type=submit]")
        page.wait_for("document.querySelector('#counter-error .message.error')", what="an error for a too-short purpose")
        check(len(page.text("#counter-error")) > 5, "problem detail shown: " + page.text("#counter-error").replace("\n", " "))

        # Public status look-up.
        last4 = person["citizenID"][-4:]
        page.goto(base + "/status")
        page.fill("#code", code)
        page.fill("#last4", last4)
        page.click("#status-form button[type=submit]")
        page.wait_for("document.querySelector('[data-testid=status-card]')", what="the status card")
        status = page.text("[data-testid=status-card]")
        check("Cấp Giấy xác nhận tình trạng hôn nhân" in status and code in status, "status look-up shows procedure and code")
        page.screenshot(os.path.join(arguments.out, "status-found.png"))
        wrong = "0000" if last4 != "0000" else "1111"
        page.fill("#last4", wrong)
        page.click("#status-form button[type=submit]")
        page.wait_for("document.querySelector('[data-testid=status-not-found]')", what="the not-found message")
        check(True, "wrong four digits show the not-found message")
        for _ in range(8):
            page.eval("document.getElementById('status-result').replaceChildren()")
            page.click("#status-form button[type=submit]")
            page.wait_for("document.getElementById('status-result').children.length > 0", what="an answer")
            if page.eval("Boolean(document.querySelector('[data-testid=status-rate-limited]'))"):
                break
        check(page.eval("Boolean(document.querySelector('[data-testid=status-rate-limited]'))"), "repeated wrong guesses show the 429 message")
        page.screenshot(os.path.join(arguments.out, "status-rate-limited.png"))

        # Citizen portal through the sandbox e-ID, as the person the counter looked up.
        sign_in_as(page, base, person["citizenID"], "2")
        check(person["fullName"] in page.text("[data-testid=citizen]"), "portal shows the signed-in citizen")
        page.wait_for(f"document.getElementById('dossiers').innerText.includes({json.dumps(code)})", what="the counter's dossier in my dossiers")
        check(True, "citizen sees the dossier received at the counter")
        page.wait_for("document.querySelector('#data-access table')", what="who used my data")
        access = page.text("#data-access")
        check("Tra cứu tại quầy một cửa" in access, "who used my data lists the counter look-up")
        check(page.eval("location.hash") == "", "token removed from the address bar")
        page.fill("#child-name", "Nguyễn Thị Bé")
        page.fill("#child-dob", "2026-05-01")
        page.fill("#birth-certificate", "GCS-2026-000123")
        check(page.eval("document.getElementById('agency').value") == "xa-09187", "commune defaults to xa-09187")
        page.click("#submit-birth")
        page.wait_for("document.querySelector('#detail [data-testid=dossier-code]')", what="the submitted dossier's detail")
        birth = page.text("#detail [data-testid=dossier-code]")
        check("GCS-2026-000123" in page.text("#detail"), f"birth registration {birth} submitted with the certificate reference")
        check("Lịch sử xử lý" in page.text("#detail"), "detail shows the history")
        attach(page, "birth_certificate", MINIMAL_PDF, "giay-chung-sinh.pdf", "application/pdf")
        page.wait_for("document.querySelector('#detail [data-testid=scan-filed]')", what="the citizen's upload answer")
        filed = page.text("#detail [data-testid=scan-filed]")
        check("1 trang" in filed, "citizen upload filed: " + filed.replace("\n", " "))
        check("document:" in page.text("#detail"), "the component now points at the filed scan")
        page.screenshot(os.path.join(arguments.out, "citizen-portal.png"))
        page.fill("#withdraw-reason", "Nộp nhầm, sẽ nộp lại / submitted by mistake")
        page.click("#withdraw-reason ~ button")
        page.wait_for("document.getElementById('detail').innerText.includes('withdrawn')", what="the withdrawn status")
        check(True, "withdraw moves the dossier to withdrawn")

        # Level 1: can follow, cannot submit.
        page.click("#sign-out")
        sign_in_as(page, base, samples[1]["citizenID"], "1")
        check("mức 1" in page.text("#level-notice").lower(), "level-1 account sees the follow-only notice")
        check(page.eval("document.getElementById('submit-card').classList.contains('hidden')"), "level-1 account has no submit form")
        page.screenshot(os.path.join(arguments.out, "citizen-level1.png"), width=420)
        check(not page.console, "no uncaught script errors: " + "; ".join(page.console))
    finally:
        browser.close()
    print("all browser checks passed")


# A one-page PDF, as a scanner would save a blank page (offsets are not checked, the structure is).
MINIMAL_PDF = (
    "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
    "xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n"
    "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n"
)


def attach(page, component, content, name, media_type):
    """Puts a file into a component's file input, as a person choosing it would, and lets the page upload it."""
    page.eval(
        f"(() => {{ const input = document.querySelector('[data-testid=scan-input-{component}]');"
        f" const transfer = new DataTransfer();"
        f" transfer.items.add(new File([{json.dumps(content)}], {json.dumps(name)}, {{ type: {json.dumps(media_type)} }}));"
        f" input.files = transfer.files; input.dispatchEvent(new Event('change')); }})()"
    )


def sign_in_as(page, base, citizen_id, level):
    page.goto(base + "/citizen")
    page.click("#eid-sign-in")
    page.wait_for("document.querySelector('input[name=citizen_id]')", what="the sandbox e-ID page")
    page.fill("input[name=citizen_id]", citizen_id)
    page.eval(f"document.querySelector('select[name=level]').value = '{level}'")
    page.eval("document.querySelector('form').submit()")
    page.wait_for("location.pathname === '/citizen' && !document.getElementById('portal').classList.contains('hidden')",
                  what="the portal after the e-ID sign-in")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print("FAILED -", failure)
        sys.exit(1)
