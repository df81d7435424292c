#!/usr/bin/env python3
"""Drives the MotCua web pages in headless Chromium against a running platform.

Counter: sign in, scan a sample chip card, read the profile, receive a 1.004873 dossier, file a scan of its
declaration (and see a fake PDF refused), see the workqueue.
Status: look the dossier up, a wrong pair (404), then too many wrong guesses (429).
Citizen: sign in through the sandbox e-ID as the same person, see the counter's look-up under "who used my
data", submit a birth registration and upload its birth certificate, withdraw the counter's dossier; then a
level-1 account sees the notice.
Results: the counter opens the birth registration on the desk and receives it; the desk assigns it, the
specialist prepares the result (a refused draft shows the API's problem) and appraises, the leader approves,
finds it in the signing queue and signs it, the result clerk returns it with a paper copy; the citizen sees the
result, downloads the signed file and prints it; the printed QR code, decoded with zbarimg, is the result's
/verify URL, which says valid; the README's offline verification command succeeds on the downloaded file (and
fails on a changed byte); the leader revokes the result and the verification page says revoked. A second birth
registration is signed with the queue's "sign all" and corrected: the old version's page says superseded.
Legacy registers (legacy_flow.py, with --motcua and --sqlite-path): a sample book uploaded as a ZIP on the desk,
an entry typed by one officer and verified by another, linked to its person and found in their archive.
Screenshots go to the output directory. Exits non-zero on the first failed check.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from cdp import Browser
from legacy_flow import legacy_flow


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok -", message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    parser.add_argument("--sandbox", default="http://127.0.0.1:8081")
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--debug-port", type=int, default=9333, help="Chromium's remote-debugging port")
    parser.add_argument("--out", default="browser-screenshots")
    parser.add_argument("--public-url", help="the server's public base URL (MOTCUA_PUBLIC_URL); default --base")
    parser.add_argument("--motcua", help="the server's motcua binary (legacy-register flow: `legacy sample`, `legacy link`)")
    parser.add_argument("--sqlite-path", help="the server's SQLite database (for `motcua legacy link`)")
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    public_url = (arguments.public_url or arguments.base).rstrip("/")
    base = arguments.base
    with urllib.request.urlopen(arguments.sandbox + "/sandbox/samples?count=5") as answer:
        samples = json.load(answer)
    person = samples[0]
    print("sample person:", person["citizenID"], person["fullName"], person["maritalStatus"])

    browser = Browser(arguments.chromium, arguments.debug_port)
    page = browser.page
    downloads = tempfile.mkdtemp(prefix="motcua-downloads-")
    browser.allow_downloads(downloads)
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
        # Before submitting: the marital-status certification asks nothing to upload (once-only).
        page.wait_for("document.querySelector('#requirements-procedure option[value=\"1.004873\"]')", what="the procedures to check")
        page.eval("(() => { const s = document.getElementById('requirements-procedure'); s.value = '1.004873'; "
                  "s.dispatchEvent(new Event('change')); })()")
        page.wait_for("document.querySelector('#requirements [data-testid=nothing-to-upload]')", what="nothing to upload")
        check("CSDL quốc gia" in page.text("[data-testid=way-requester_id]"), "requirements: the ID comes from the national database")
        page.eval("(() => { const s = document.getElementById('requirements-procedure'); s.value = '1.001193'; "
                  "s.dispatchEvent(new Event('change')); })()")
        page.wait_for("document.getElementById('requirements').innerText.includes('Cần tải lên')", what="an upload needed")
        check(not page.eval("Boolean(document.querySelector('#requirements [data-testid=nothing-to-upload]'))"),
              "requirements: a birth registration still needs the medical birth certificate")
        page.screenshot(os.path.join(arguments.out, "citizen-requirements.png"))
        page.fill("#child-name", "Nguyễn Thị Bé")
        page.fill("#child-dob", "2026-05-01")
        page.fill("#place-of-birth", "Bệnh viện Sản – Nhi Bắc Ninh")
        page.fill("#ethnicity", "Kinh")
        page.fill("#mother-name", "Trần Thị Hoa")
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
        # A second one, for the signing queue's "sign all".
        page.fill("#child-name", "Nguyễn Văn An")
        page.fill("#child-dob", "2026-05-02")
        page.fill("#place-of-birth", "Trạm y tế phường Kinh Bắc")
        page.fill("#ethnicity", "Kinh")
        page.fill("#birth-certificate", "GCS-2026-000124")
        page.click("#submit-birth")
        page.wait_for(f"(document.querySelector('#detail [data-testid=dossier-code]') || {{}}).innerText !== {json.dumps(birth)} "
                      "&& document.getElementById('detail').innerText.includes('GCS-2026-000124')", what="the second birth registration")
        second = page.text("#detail [data-testid=dossier-code]")
        check(second != birth, f"second birth registration {second} submitted")
        # The birth registration goes on to the results flow; the counter's dossier is the one withdrawn.
        page.eval(f"""Array.from(document.querySelectorAll('#dossiers button')).find((b) => b.innerText === {json.dumps(code)}).click()""")
        page.wait_for(f"document.querySelector('#detail [data-testid=dossier-code]').innerText === {json.dumps(code)}", what="the counter's dossier")
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

        results_flow(browser, page, base, public_url, arguments.out, downloads, person, birth, second)
        if arguments.motcua and arguments.sqlite_path:
            legacy_flow(page, base, arguments.out, arguments.motcua, arguments.sqlite_path, samples[2], check, desk_sign_in, sign_in_as)
        check(not page.console, "no uncaught script errors: " + "; ".join(page.console))
    except AssertionError:
        # What the page showed when a check failed, for the CI log's reader.
        page.screenshot(os.path.join(arguments.out, "failure.png"))
        raise
    finally:
        browser.close()
        shutil.rmtree(downloads, ignore_errors=True)
    print("all browser checks passed")


def results_flow(browser, page, base, public_url, out, downloads, person, birth, second):
    """From receipt to a signed, delivered, verified and revoked birth-certificate extract; a second birth
    registration is signed with the queue's "sign all" and corrected."""
    # The counter lists the online submission; its code opens the dossier on the desk.
    desk_sign_in(page, base, "kinhbac.tiepnhan", start="/counter")
    page.wait_for(f"Array.from(document.querySelectorAll('#workqueue button')).some((b) => b.innerText === {json.dumps(birth)})",
                  what="the birth registration in the counter's workqueue")
    page.eval(f"Array.from(document.querySelectorAll('#workqueue button')).find((b) => b.innerText === {json.dumps(birth)}).click()")
    page.wait_for("location.pathname === '/desk'", what="the desk")
    wait_for_dossier(page, birth)
    check(page.eval("Boolean(document.querySelector('[data-testid=action-receive]'))"), "the counter's code opens the dossier on the desk, with receive")
    page.wait_for("document.querySelector('#detail [data-testid=provenance-requester_id]')", what="the ID's source")
    check("CSDL quốc gia" in page.text("#detail [data-testid=provenance-requester_id]"), "desk shows the ID fetched from the national database")
    check("Bản quét" in page.text("#detail [data-testid=provenance-birth_certificate]"), "desk shows the uploaded scan as the certificate's source")
    receive_and_assign(page)
    open_on_desk(page, base, second)
    receive_and_assign(page)

    # The specialist: the result worksheet, prefilled; a refused draft; the saved draft; appraisal.
    desk_sign_in(page, base, "kinhbac.chuyenvien")
    open_on_desk(page, base, birth)
    page.wait_for("document.querySelector('[data-testid=worksheet] input')", what="the result worksheet")
    values = page.eval("Array.from(document.querySelectorAll('[data-testid=worksheet] input')).map((i) => i.value)")
    check("Nguyễn Thị Bé" in values and "Bệnh viện Sản – Nhi Bắc Ninh" in values and "Trần Thị Hoa" in values,
          "worksheet prefilled from the citizen's declaration (child's name, place of birth, mother)")
    check(page.eval("Array.from(document.querySelectorAll('[data-testid=worksheet] label')).every((l) => l.innerText.trim().length > 0)"),
          "every worksheet field has a label")
    required = page.eval("Array.from(document.querySelectorAll('[data-testid=worksheet] input[required]')).map((i) => i.id)")
    check(len(required) > 0, f"worksheet marks required fields ({len(required)})")
    fill_required(page)
    # An empty required field, sent as an older page would (without the browser's own check): the API refuses.
    first = required[0]
    saved = page.eval(f"document.getElementById({json.dumps(first)}).value")
    page.eval(f"(() => {{ const i = document.getElementById({json.dumps(first)}); i.required = false; i.value = ''; }})()")
    page.click("[data-testid=save-result]")
    page.wait_for("document.querySelector('[data-testid=worksheet] .message.error')", what="the refusal of a draft without a required field")
    check(len(page.text("[data-testid=worksheet] .message.error")) > 5,
          "problem detail shown for a missing required field: " + page.text("[data-testid=worksheet] .message.error").replace("\n", " "))
    page.fill("#" + first, saved or "Kiểm thử")
    prepare_and_appraise(page)
    check(True, "result draft saved and the dossier appraised")
    page.screenshot(os.path.join(out, "desk-appraised.png"))
    open_on_desk(page, base, second)
    page.wait_for("document.querySelector('[data-testid=worksheet] input')", what="the second result worksheet")
    prepare_and_appraise(page)

    # The leader: approve both, the signing queue, sign one in the browser, the other with "sign all".
    desk_sign_in(page, base, "kinhbac.lanhdao")
    # The zero-paper score of the ward: the birth registrations' IDs were fetched by the State.
    page.wait_for("!document.getElementById('zero-paper-card').classList.contains('hidden')", what="the zero-paper panel")
    page.click("#zero-paper-form button[type=submit]")
    page.wait_for("document.querySelector('[data-testid=\"fetched-share-1.001193\"]')", what="the birth registrations' score")
    check("%" in page.text("[data-testid='fetched-share-1.001193']"), "zero-paper score shows the share fetched by the State")
    page.screenshot(os.path.join(out, "desk-zero-paper.png"))
    open_on_desk(page, base, second)
    act(page, "approve")
    open_on_desk(page, base, birth)
    check("Nguyễn Thị Bé" in page.text("[data-testid=result-fields]"), "leader reviews the draft's fields")
    act(page, "approve")
    page.wait_for(f"document.getElementById('queue').innerText.includes({json.dumps(birth)}) "
                  f"&& document.getElementById('queue').innerText.includes({json.dumps(second)})", what="both dossiers in the signing queue")
    check(page.eval("Boolean(document.querySelector('[data-testid=sign-all]'))"), "signing queue lists both dossiers, with sign all")
    check(not page.eval("Boolean(document.querySelector('[data-testid=action-approve_for_signature]'))"),
          "a procedure with a result is signed, not signed off")
    act(page, "sign")
    page.wait_for("document.querySelector('#detail [data-testid=result-state][data-state=signed]')", what="the signed result")
    result_id = page.text("#detail [data-testid=result-id]")
    check(re.fullmatch(r"KQ-[0-9A-Z]{4,40}", result_id) is not None, f"leader signs the result in the browser: {result_id}")
    check("done" in page.text("#detail"), "signing moves the dossier to done")
    page.screenshot(os.path.join(out, "desk-signed.png"))
    page.wait_for(f"!document.getElementById('queue').innerText.includes({json.dumps(birth)}) "
                  "&& document.querySelector('[data-testid=sign-all]')", what="the queue without the signed dossier")
    page.click("[data-testid=sign-all]")
    page.wait_for("document.querySelector('[data-testid=batch-outcome]')", what="the outcome of sign all")
    check("1 signed; 0 refused" in page.text("[data-testid=batch-outcome]"), "sign all signs the rest of the queue: "
          + page.text("[data-testid=batch-outcome]").replace("\n", " "))
    page.wait_for("document.querySelector('[data-testid=queue-empty]')", what="the emptied signing queue")
    check(True, "signed dossiers leave the signing queue")
    page.screenshot(os.path.join(out, "desk-sign-all.png"))

    # The result clerk returns it, with a paper copy.
    desk_sign_in(page, base, "kinhbac.trakq")
    open_on_desk(page, base, birth)
    page.eval("document.querySelector('[data-testid=action-return_result-paperCopy]').checked = true")
    act(page, "return_result")
    check("result returned" in page.text("#detail"), "result clerk returns the result")
    check("kèm bản giấy" in page.text("[data-testid=result-facts]"), "the paper copy is recorded")

    # The citizen: my results, download, print.
    page.click("#sign-out")
    sign_in_as(page, base, person["citizenID"], "2")
    page.wait_for(f"document.getElementById('results').innerText.includes({json.dumps(result_id)})", what="the result under my results")
    row = page.text("#results")
    check("Trích lục khai sinh" in row or "khai sinh" in row.lower(), "citizen sees the result with its type")
    page.screenshot(os.path.join(out, "citizen-results.png"))
    row_of = f"Array.from(document.querySelectorAll('#results tr')).find((r) => r.innerText.includes({json.dumps(result_id)}))"
    page.eval(f"{row_of}.querySelector('[data-testid=result-download]').click()", user_gesture=True)
    jws_path = wait_for_download(downloads, result_id + ".jws")
    with open(jws_path) as file:
        jws = file.read().strip()
    check(jws.count(".") == 2, f"citizen downloads the signed file {os.path.basename(jws_path)}")

    # The citizen shares the result with a bank by link; a stranger's browser opens it; revoked, it refuses.
    share_button = f"[data-testid=archive-share][data-item={json.dumps(result_id)}]"
    page.wait_for(f"document.querySelector({json.dumps(share_button)})", what="the result in my archive with a share action")
    page.click(share_button)
    page.wait_for("document.querySelector('[data-testid=share-form]')", what="the share form")
    page.fill("#share-label", "Ngân hàng ABC")
    page.click("[data-testid=share-submit]")
    page.wait_for("document.querySelector('[data-testid=share-link]')", what="the link, shown once")
    link = page.eval("document.querySelector('[data-testid=share-link]').value")
    check("/shared/" in link, "citizen creates a share link for the bank")
    page.screenshot(os.path.join(out, "citizen-share.png"))
    stranger, stranger_id = browser.fresh_context_page(link)
    stranger.wait_for("document.querySelector('[data-testid=shared-state]')", what="the shared result")
    check(stranger.text("[data-testid=shared-state]").strip() == "valid" and "Ngân hàng ABC" in stranger.text("body"),
          "the link opens in a fresh browser context and shows the valid result")
    stranger.screenshot(os.path.join(out, "shared-link.png"))
    page.wait_for("document.querySelector('[data-testid=share-revoke]')", what="the share with a revoke button")
    page.click("[data-testid=share-revoke]")
    page.wait_for("!document.querySelector('[data-testid=share-revoke]')", what="the revoked share")
    stranger.goto(link)
    stranger.wait_for("document.querySelector('[data-testid=shared-refused]')", what="the refusal of a revoked link")
    check("đã kết thúc" in stranger.text("body"), "after revocation the link refuses")
    browser.close_page(stranger, stranger_id)
    page.eval(f"{row_of}.querySelector('[data-testid=result-print]').click()", user_gesture=True)
    printed, target = browser.wait_for_new_page()
    printed.wait_for("document.querySelector('svg[data-testid=result-qr]')", what="the printed result's QR code")
    printed.screenshot(os.path.join(out, "result-printed.png"))
    qr_png = os.path.join(out, "result-qr.png")
    printed.screenshot_element("svg[data-testid=result-qr]", qr_png)
    browser.close_page(printed, target)
    decoded = subprocess.run(["zbarimg", "--raw", "-q", qr_png], capture_output=True, text=True)
    verify_url = decoded.stdout.strip()
    check(decoded.returncode == 0 and verify_url == f"{public_url}/verify/{result_id}",
          f"printed QR code decodes (zbarimg) to {verify_url}")

    # Anyone: the verification page, without signing in.
    page.goto(verify_url)
    page.wait_for("document.querySelector('[data-testid=verification-status]')", what="the verification status")
    check(page.text("[data-testid=verification-status]").strip() == "valid" and "Hợp lệ" in page.text("body"),
          "verification page says valid (Hợp lệ)")
    page.screenshot(os.path.join(out, "verify-valid.png"))

    # Offline: the README's command on the downloaded file, with the published CA and CRL.
    check(offline_verification(base, jws, result_id), "the README's offline verification accepts the downloaded file")
    changed = jws[:-3] + ("A" if jws[-3] != "A" else "B") + jws[-2:]
    check(not offline_verification(base, changed, result_id, quiet=True), "the same command refuses the file with a changed byte")

    # The leader revokes it; the page says revoked.
    desk_sign_in(page, base, "kinhbac.lanhdao")
    open_on_desk(page, base, birth)
    page.fill("[data-testid=action-revoke-reason]", "Cấp nhầm, kiểm thử thu hồi / issued in error (revocation check)")
    act(page, "revoke")
    page.wait_for("document.querySelector('#detail [data-testid=result-state][data-state=revoked]')", what="the revoked state")
    check(True, "leader revokes the result")
    page.goto(verify_url)
    page.wait_for("document.querySelector('[data-testid=verification-status]')", what="the verification status")
    check(page.text("[data-testid=verification-status]").strip() == "revoked" and "Đã thu hồi" in page.text("body"),
          "verification page says revoked (Đã thu hồi)")
    page.screenshot(os.path.join(out, "verify-revoked.png"))

    # A correction of the second result: signed at once, the old version is superseded.
    open_on_desk(page, base, second)
    page.wait_for("document.querySelector('#detail [data-testid=result-state][data-state=signed]')", what="the second signed result")
    old_id = page.text("#detail [data-testid=result-id]")
    page.eval("document.querySelector('[data-testid=correction]').open = true")
    # The child's name, whichever field holds it.
    page.eval("""(() => { const input = Array.from(document.querySelectorAll('#action-correct input'))
        .find((i) => i.value === 'Nguyễn Văn An'); input.value = 'Nguyễn Văn Anh'; })()""")
    page.fill("[data-testid=action-correct-reason]", "Sai chính tả tên / misspelt name")
    act(page, "correct")
    new_id = page.text("#detail [data-testid=result-id]")
    check(new_id != old_id and "Nguyễn Văn Anh" in page.text("[data-testid=result-fields]"),
          f"leader signs a correction {new_id} of {old_id}")
    page.goto(f"{base}/verify/{old_id}")
    page.wait_for("document.querySelector('[data-testid=verification-status]')", what="the verification status")
    check(page.text("[data-testid=verification-status]").strip() == "superseded" and "Đã được thay thế" in page.text("body"),
          "verification page of the corrected version says superseded (Đã được thay thế)")


def receive_and_assign(page):
    """The reception officer, on the open dossier: receive, then assign the ward's specialist."""
    act(page, "receive")
    check("received" in page.text("#detail"), "reception officer receives the online dossier")
    page.wait_for("document.querySelector('[data-testid=action-assign-assigneeId] option[value=\"kinhbac.chuyenvien\"]')",
                  what="the specialists to assign")
    page.eval("document.querySelector('[data-testid=action-assign-assigneeId]').value = 'kinhbac.chuyenvien'")
    act(page, "assign")
    check("in process" in page.text("#detail"), "dossier assigned to the specialist")


def prepare_and_appraise(page):
    """The specialist, on the open dossier: the worksheet's required fields filled, saved, then appraisal."""
    fill_required(page)
    clear_messages(page)
    page.click("[data-testid=save-result]")
    wait_for_outcome(page, "the saved draft")
    page.wait_for("document.querySelector('[data-testid=action-appraise-opinion]')", what="the appraisal form")
    page.fill("[data-testid=action-appraise-opinion]", "Hồ sơ đầy đủ, đề nghị cấp trích lục khai sinh / complete; issue the extract")
    act(page, "appraise")


def fill_required(page):
    """Fills the worksheet's required fields that nothing prefilled (names of the parents, for instance)."""
    required = page.eval("Array.from(document.querySelectorAll('[data-testid=worksheet] input[required]')).map((i) => i.id)")
    for field in required:
        if not page.eval(f"document.getElementById({json.dumps(field)}).value"):
            page.fill("#" + field, "Kiểm thử")


def desk_sign_in(page, base, username, start="/desk", password="MotCua@2026"):
    """Signs `username` in on the desk (or the counter), signing out whoever was signed in."""
    page.goto(base + start)
    page.wait_for("document.getElementById('sign-in-form')", what="the sign-in form")
    if page.eval("sessionStorage.getItem('motcua.official.token') !== null"):
        page.wait_for("!document.getElementById('desk').classList.contains('hidden')", what="the signed-in page")
        page.click("#sign-out")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#sign-in-form button[type=submit]")
    page.wait_for("sessionStorage.getItem('motcua.official.token') !== null && !document.getElementById('desk').classList.contains('hidden') "
                  f"&& document.getElementById('official').innerText.includes({json.dumps(username)})", what=f"{username} signed in")


def open_on_desk(page, base, code):
    page.goto(base + "/desk?dossier=" + code)
    wait_for_dossier(page, code)


def wait_for_dossier(page, code):
    page.wait_for(f"(document.querySelector('#detail [data-testid=dossier-code]') || {{}}).innerText === {json.dumps(code)}",
                  what=f"dossier {code} on the desk")


def clear_messages(page):
    page.eval("document.getElementById('desk-error').replaceChildren()")


def wait_for_outcome(page, what):
    """Waits for the desk's confirmation; a refusal shown instead fails with its text."""
    page.wait_for("document.querySelector('#desk-error .message.ok, #detail .message.error')", what=what)
    error = page.text("#detail .message.error")
    if error:
        raise AssertionError(f"{what} refused: {error}")


def act(page, key):
    """Submits the desk's form for one action and waits for its confirmation."""
    clear_messages(page)
    page.wait_for(f"document.querySelector('[data-testid=action-{key}]')", what=f"the action {key}")
    page.click(f"[data-testid=action-{key}]")
    wait_for_outcome(page, f"action {key}")
    check(True, f"desk action {key} done")


def wait_for_download(directory, name, timeout=20):
    path = os.path.join(directory, name)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if os.path.exists(path) and not glob.glob(os.path.join(directory, "*.crdownload")):
            return path
        time.sleep(0.1)
    raise AssertionError(f"no download {name} in {directory}: {os.listdir(directory)}")


def readme_offline_commands(base):
    """The README's offline verification commands (download the CA and the CRL, run docs/signing.md's recipe), with
    the README's example address replaced by the server's."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    with open(os.path.join(root, "README.md"), encoding="utf-8") as file:
        text = file.read()
    block = re.search(r"\*\*Offline verification\*\*.*?```sh\n(.*?)```", text, re.S)
    if not block:
        raise AssertionError("README.md has no offline verification command")
    return block.group(1).replace("http://127.0.0.1:8080", base), os.path.abspath(os.path.join(root, "docs"))


def offline_verification(base, jws, result_id, quiet=False):
    """Runs the README's commands in a fresh directory holding the downloaded result.jws (and docs/, which the
    command reads the recipe from)."""
    commands, docs = readme_offline_commands(base)
    with tempfile.TemporaryDirectory(prefix="motcua-offline-") as directory:
        with open(os.path.join(directory, "result.jws"), "w") as file:
            file.write(jws + "\n")
        os.symlink(docs, os.path.join(directory, "docs"))
        run = subprocess.run(["bash", "-c", commands], cwd=directory, capture_output=True, text=True, timeout=60)
        if run.returncode != 0 and not quiet:
            print(run.stdout, run.stderr, sep="\n")
        return run.returncode == 0 and "leaf.pem: OK" in run.stdout and result_id in run.stdout


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
