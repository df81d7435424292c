"""Legacy paper registers on the desk, driven in Chromium (called by check_web.py).

A sample book (`motcua legacy sample`) is zipped and uploaded on the desk by the reception officer (a text file
named .zip is refused first, precisely); the officer takes the first entry, sees its scanned page beside the
form, types an impossible date (31/02: the refusal shows next to the date field) and then the person's record;
the specialist, a second officer, finds it in the verification queue with the page and the record side by side
and accepts it; the reconciliation engine (`motcua legacy link`, as a steward runs it on the server) proposes
the person; the commune's data steward (an account made with `motcua admin create`, as an administrator would)
confirms the link on the desk; the person, signed in on the citizen portal, finds
the record in their archive.
"""
import base64
import json
import os
import shutil
import subprocess
import tempfile


def put_file(page, selector, content, name, media_type):
    """Puts a file (bytes) into a file input, as a person choosing it would."""
    encoded = base64.b64encode(content).decode()
    page.eval(
        f"(() => {{ const input = document.querySelector({json.dumps(selector)});"
        f" const bytes = Uint8Array.from(atob({json.dumps(encoded)}), (c) => c.charCodeAt(0));"
        f" const transfer = new DataTransfer();"
        f" transfer.items.add(new File([bytes], {json.dumps(name)}, {{ type: {json.dumps(media_type)} }}));"
        f" input.files = transfer.files; }})()"
    )


def written(iso):
    """yyyy-MM-dd as the registers write it."""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def legacy_flow(page, base, out, motcua, sqlite_path, person, check, desk_sign_in, sign_in_as):
    work = tempfile.mkdtemp(prefix="motcua-legacy-")
    try:
        born = person["dateOfBirth"]
        year = born[:4]
        folder = os.path.join(work, "so-khai-sinh")
        subprocess.run([motcua, "legacy", "sample", folder, "--pages", "2", "--entries", "2", "--label", f"khai sinh {year} kiểm thử"],
                       check=True, capture_output=True, timeout=60)
        archive = shutil.make_archive(os.path.join(work, "so-khai-sinh"), "zip", folder)
        with open(archive, "rb") as file:
            zipped = file.read()

        # Officer A imports the book from a ZIP file; a text file named .zip is refused by its content.
        desk_sign_in(page, base, "kinhbac.tiepnhan")
        page.wait_for("!document.getElementById('legacy-import').classList.contains('hidden')", what="the register import form")
        page.fill("#legacy-import-book", "KS-KT-01")
        page.fill("#legacy-import-year", year)
        put_file(page, "#legacy-import-archive", "chỉ là chữ".encode(), "so-khai-sinh.zip", "application/zip")
        page.click("[data-testid=legacy-import-submit]")
        page.wait_for("document.querySelector('#legacy-import-outcome .message.error')", what="the refusal of a file that is not a ZIP")
        refusal = page.text("#legacy-import-outcome")
        check("ZIP" in refusal, "a text file named .zip is refused: " + refusal.replace("\n", " "))
        put_file(page, "#legacy-import-archive", zipped, "so-khai-sinh.zip", "application/zip")
        page.click("[data-testid=legacy-import-submit]")
        page.wait_for("document.querySelector('[data-testid=legacy-imported]')", what="the imported book")
        check("4 mục" in page.text("[data-testid=legacy-imported]"), "the ZIP is imported: 2 pages, 4 entries to type")
        page.wait_for("document.getElementById('legacy').innerText.includes('KS-KT-01')", what="the book in the progress table")
        check(True, "progress lists the book and its commune's total")
        page.screenshot(os.path.join(out, "legacy-import.png"))

        # Officer A types the first entry, its page beside the form.
        page.click("[data-testid=legacy-take-next]")
        page.wait_for("document.querySelector('[data-testid=legacy-entry-form]')", what="the entry form")
        page.wait_for("(document.querySelector('[data-testid=legacy-page-image]') || {}).naturalWidth > 0", what="the scanned page")
        check("trang 1, mục 1" in page.text("[data-testid=legacy-entry-form]"), "the first entry of page 1 is taken, its page shown")
        check(page.eval("document.activeElement && document.activeElement.id") == "legacy-fullName", "the cursor waits in the first field")
        entry_id = page.eval("document.querySelector('[data-testid=legacy-entry-form]').dataset.entry")
        page.fill("#legacy-fullName", person["fullName"])
        page.eval(f"document.getElementById('legacy-sex').value = {json.dumps(person['sex'])}")
        page.fill("#legacy-dateOfBirth", f"31/02/{year}")
        page.fill("#legacy-place", "Trạm y tế phường Kinh Bắc")
        page.fill("#legacy-fatherName", "Nguyễn Văn Nam")
        page.fill("#legacy-motherName", "Trần Thị Lan")
        page.fill("#legacy-registrationDate", written(born))
        page.fill("#legacy-registrationNumber", "17")
        page.click("[data-testid=legacy-save]")
        page.wait_for("document.querySelector('[data-testid=legacy-dateOfBirth-error]').innerText.length > 0", what="the date refusal next to its field")
        error = page.text("[data-testid=legacy-dateOfBirth-error]")
        check("date_of_birth" in error and page.eval("document.activeElement.id") == "legacy-dateOfBirth",
              "31/02 is refused next to the date of birth, which gets the cursor: " + error)
        page.screenshot(os.path.join(out, "legacy-entry-refused.png"))
        page.fill("#legacy-dateOfBirth", written(born))
        page.click("[data-testid=legacy-save]")
        page.wait_for("document.querySelector('#legacy-entry-outcome .message.ok')", what="the saved entry")
        page.wait_for(f"(document.querySelector('[data-testid=legacy-entry-form]') || {{dataset: {{}}}}).dataset.entry !== {json.dumps(entry_id)}",
                      what="the next entry")
        check("trang 1, mục 2" in page.text("[data-testid=legacy-entry-form]"), "saved; the next entry is taken at once")
        check(not page.eval(f"Boolean(document.querySelector('[data-testid=legacy-verify-open][data-entry=\"{entry_id}\"]'))"),
              "the officer who typed it does not find it in their verification queue")

        # Officer B verifies it: page and record side by side.
        desk_sign_in(page, base, "kinhbac.chuyenvien")
        opener = f"[data-testid=legacy-verify-open][data-entry=\"{entry_id}\"]"
        page.wait_for(f"document.querySelector({json.dumps(opener)})", what="the typed entry in the verification queue")
        page.click(opener)
        page.wait_for("(document.querySelector('[data-testid=legacy-verify-entry] [data-testid=legacy-page-image]') || {}).naturalWidth > 0",
                      what="the page beside the typed record")
        record = page.text("[data-testid=legacy-verify-entry] [data-testid=legacy-record]")
        check(person["fullName"] in record and written(born) in record, "the verifier sees the typed record beside the page")
        page.screenshot(os.path.join(out, "legacy-verify.png"))
        page.click("[data-testid=legacy-accept]")
        page.wait_for("document.querySelector('#legacy-verify-outcome .message.ok')", what="the verification")
        check(True, "the second officer accepts the record")

        # The reconciliation engine proposes the person (thresholds that leave the decision to the steward).
        register = os.path.join(work, "register.csv")
        with open(register, "w", encoding="utf-8") as file:
            file.write("citizen_id,legacy_id,full_name,date_of_birth,sex,commune_code,marital_status,spouse_id,vital_status\n")
            file.write(f"{person['citizenID']},,{person['fullName']},{born},{person['sex']},09187,single,,alive\n")
            file.write("027199005678,,Lê Thị Mai,1999-07-21,female,09190,single,,alive\n")
        linked = subprocess.run(
            [motcua, "legacy", "link", "--register", register, "--automatic", "1000", "--review", "1", "--sqlite-path", sqlite_path],
            capture_output=True, text=True, timeout=120)
        check(linked.returncode == 0 and "in review 1" in linked.stdout, "the engine puts the record in review: " + (linked.stdout + linked.stderr).strip())

        # The commune's data steward (the demo has none at the ward) confirms the engine's candidate.
        steward_password = "Kiem-thu-du-lieu-2026"
        created = subprocess.run(
            [motcua, "admin", "create", "--username", "kinhbac.dulieu", "--full-name", "Cán bộ dữ liệu (kiểm thử)", "--agency", "xa-09187",
             "--role", "data_steward", "--sqlite-path", sqlite_path],
            input=steward_password + "\n", capture_output=True, text=True, timeout=120)
        check(created.returncode == 0, "a data steward of the ward is created: " + (created.stdout + created.stderr).strip()[-200:])
        desk_sign_in(page, base, "kinhbac.dulieu", password=steward_password)
        item = f"[data-testid=legacy-review-item][data-entry=\"{entry_id}\"]"
        page.wait_for(f"document.querySelector({json.dumps(item)})", what="the record in the link review")
        check(person["citizenID"] in page.text(item), "the review shows the engine's candidate")
        page.screenshot(os.path.join(out, "legacy-review.png"))
        page.click(item + " [data-testid=legacy-link]")
        page.wait_for("document.querySelector('#legacy-review-outcome .message.ok')", what="the link decision")
        check(True, "the steward links the record to the person")

        # The person finds the record in their archive (whoever was signed in on the portal in this tab signs out).
        page.goto(base + "/citizen")
        if page.eval("sessionStorage.getItem('motcua.citizen.token') !== null"):
            page.wait_for("!document.getElementById('portal').classList.contains('hidden')", what="the signed-in portal")
            page.click("#sign-out")
        sign_in_as(page, base, person["citizenID"], "2")
        page.wait_for("document.getElementById('archive').innerText.includes('sổ hộ tịch giấy')", what="the register record in the archive")
        check(True, "the record from the paper register appears in the citizen's archive")
        page.screenshot(os.path.join(out, "legacy-archive.png"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
