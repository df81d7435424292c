// Legacy paper registers on the officials' desk: import a scanned book (a ZIP file), type its entries with the
// scanned page beside the form, have a second officer verify them, review the links the reconciliation engine
// could not make on its own, and follow the progress per book and per commune. The server decides every step;
// the page shows its refusals, next to the field they name when they name one.
import { ApiError, bi, el, label, show, showError, showMessage, table } from './api.js';

const $ = (id) => document.getElementById(id);

export const legacyRoles = ['reception_officer', 'specialist', 'leader', 'data_steward'];
// Who types and verifies (the commune's civil-status officers), who imports, who reviews links.
const typists = ['reception_officer', 'specialist'];
const importers = ['reception_officer', 'specialist', 'data_steward'];
const reviewers = ['data_steward'];

const registerKinds = { birth: ['Khai sinh', 'birth'], marriage: ['Kết hôn', 'marriage'], death: ['Khai tử', 'death'] };
const sexes = { male: ['Nam', 'male'], female: ['Nữ', 'female'] };
const linkStates = {
  none: ['Chưa liên kết', 'not linked yet'], linked: ['Đã liên kết', 'linked'], review: ['Chờ xét', 'in review'], rejected: ['Không liên kết', 'rejected'],
};

// The record's fields: JSON name, the API's field name in its problems, labels, and which registers have it.
const recordFields = [
  { key: 'fullName', field: 'full_name', vi: 'Họ, chữ đệm, tên', en: 'full name', required: true, maxlength: 400 },
  { key: 'sex', field: 'sex', vi: 'Giới tính', en: 'sex', options: sexes },
  { key: 'dateOfBirth', field: 'date_of_birth', vi: 'Ngày sinh (dd/mm/yyyy)', en: 'date of birth', maxlength: 10, placeholder: 'dd/mm/yyyy' },
  { key: 'dateOfBirthAsWritten', field: 'date_of_birth_as_written', vi: 'Ngày sinh như ghi trong sổ (khi không đủ ngày tháng)', en: 'date of birth as written, when not a full date', maxlength: 240 },
  { key: 'place', field: 'place', vi: 'Nơi sinh / nơi đăng ký', en: 'place', maxlength: 1200 },
  { key: 'fatherName', field: 'father_name', vi: 'Họ tên cha', en: "father's name", maxlength: 400, kinds: ['birth'] },
  { key: 'motherName', field: 'mother_name', vi: 'Họ tên mẹ', en: "mother's name", maxlength: 400, kinds: ['birth'] },
  { key: 'spouseName', field: 'spouse_name', vi: 'Họ tên vợ/chồng', en: "spouse's name", maxlength: 400, kinds: ['marriage'] },
  { key: 'spouseDateOfBirth', field: 'spouse_date_of_birth', vi: 'Ngày sinh vợ/chồng (dd/mm/yyyy)', en: "spouse's date of birth", maxlength: 10, placeholder: 'dd/mm/yyyy', kinds: ['marriage'] },
  { key: 'spouseDateOfBirthAsWritten', field: 'spouse_date_of_birth_as_written', vi: 'Ngày sinh vợ/chồng như ghi trong sổ', en: "spouse's date of birth as written", maxlength: 240, kinds: ['marriage'] },
  { key: 'eventDate', field: 'event_date', vi: 'Ngày chết (dd/mm/yyyy)', en: 'date of death', maxlength: 10, placeholder: 'dd/mm/yyyy', kinds: ['death'] },
  { key: 'registrationDate', field: 'registration_date', vi: 'Ngày đăng ký (dd/mm/yyyy)', en: 'date of registration', required: true, maxlength: 10, placeholder: 'dd/mm/yyyy' },
  { key: 'registrationNumber', field: 'registration_number', vi: 'Số đăng ký', en: 'registration number', required: true, maxlength: 80 },
];

/** `yyyy-MM-dd` as the registers write it (dd/MM/yyyy); other text unchanged. */
function written(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (value || '');
}

function where(entry) {
  const book = entry.volume ? `${entry.book}/${entry.volume}` : entry.book;
  return bi(`Sổ ${registerKinds[entry.kind] ? registerKinds[entry.kind][0].toLowerCase() : entry.kind} ${book} năm ${entry.year} — trang ${entry.page}, mục ${entry.entry}`,
    `${registerKinds[entry.kind] ? registerKinds[entry.kind][1] : entry.kind} register ${book} of ${entry.year}, page ${entry.page}, entry ${entry.entry}`);
}

/** The scanned page, fetched with the bearer token (an <img> cannot send it) and shown as a data: URL (the
 * pages' Content-Security-Policy allows images from the site and data: URLs only). */
function pageImage(entry, token) {
  const image = el('img', { class: 'register-page', alt: `Ảnh trang ${entry.page} / scan of page ${entry.page}`, 'data-testid': 'legacy-page-image' });
  const holder = el('figure', { class: 'register-scan' }, image, el('figcaption', { class: 'hint' }, where(entry)));
  fetch(entry.pageImage, { headers: { Authorization: 'Bearer ' + token() } }).then(async (response) => {
    if (!response.ok) throw new ApiError(response.status, `Lỗi ${response.status} / error ${response.status}`);
    const blob = await response.blob();
    const reader = new FileReader();
    reader.onload = () => { image.src = reader.result; };
    reader.readAsDataURL(blob);
  }).catch((error) => holder.append(el('p', { class: 'message error', role: 'alert' }, error.message)));
  return holder;
}

/** The typed record, read only (for the verifier and the reviewer). */
function recordFacts(entry) {
  const record = entry.record || {};
  return el('dl', { class: 'facts', 'data-testid': 'legacy-record' }, recordFields
    .filter((field) => !field.kinds || field.kinds.includes(entry.kind))
    .filter((field) => record[field.key])
    .map((field) => [el('dt', {}, bi(field.vi, field.en)),
      el('dd', {}, field.options ? label(field.options, record[field.key]) : written(record[field.key]))]));
}

/** Wires the legacy card for the signed-in official; returns `load()` to (re)show its panels. */
export function legacyPanel({ call, token, official }) {
  const role = official.role;
  const panels = {
    progress: $('legacy'),
    upload: $('legacy-import'),
    entry: $('legacy-entry'),
    verify: $('legacy-verify'),
    review: $('legacy-review'),
  };
  panels.upload.classList.toggle('hidden', !importers.includes(role));
  panels.entry.classList.toggle('hidden', !typists.includes(role));
  panels.verify.classList.toggle('hidden', !typists.includes(role));
  panels.review.classList.toggle('hidden', !reviewers.includes(role));

  // --- Progress per book and per commune ----------------------------------------------------------------
  async function loadProgress() {
    const target = panels.progress;
    try {
      const books = await call('/legacy/progress');
      if (!books.length) {
        show(target, el('p', { 'data-testid': 'legacy-no-books' }, bi('Đơn vị chưa nhập sổ hộ tịch giấy nào.', 'No paper register imported for this agency yet.')));
        return;
      }
      const counts = ['pages', 'entries', 'entered', 'verified', 'linked', 'inReview'];
      const sum = (items, key) => String(items.reduce((total, book) => total + book[key], 0));
      const rows = books.map((book) => [book.commune, label(registerKinds, book.kind), book.volume ? `${book.book}/${book.volume}` : book.book,
        String(book.year), ...counts.map((key) => String(book[key]))]);
      const communes = [...new Set(books.map((book) => book.commune))].sort();
      for (const commune of communes) {
        const own = books.filter((book) => book.commune === commune);
        rows.push([el('strong', {}, commune), bi('Tổng của xã', 'commune total'), `${own.length} sổ / books`, '', ...counts.map((key) => sum(own, key))]);
      }
      show(target, el('div', { 'data-testid': 'legacy-progress' }, table('Tiến độ theo sổ và theo xã', 'progress per book and per commune',
        [['Xã/phường', 'commune'], ['Loại sổ', 'kind'], ['Quyển', 'book'], ['Năm', 'year'], ['Trang', 'pages'], ['Mục', 'entries'],
          ['Đã nhập', 'entered'], ['Đã kiểm tra', 'verified'], ['Đã liên kết', 'linked'], ['Chờ xét', 'in review']], rows)));
    } catch (error) {
      showError(target, error);
    }
  }

  // --- Import: a ZIP file streamed to the server -----------------------------------------------------------
  const uploadForm = $('legacy-import-form');
  const uploadOutcome = $('legacy-import-outcome');
  $('legacy-import-commune-row').classList.toggle('hidden', role !== 'data_steward');
  uploadForm.onsubmit = async (event) => {
    event.preventDefault();
    show(uploadOutcome);
    const file = uploadForm.elements.archive.files[0];
    if (!file) return;
    const query = new URLSearchParams({ kind: uploadForm.elements.kind.value, book: uploadForm.elements.book.value.trim(), year: uploadForm.elements.year.value });
    if (uploadForm.elements.volume.value.trim()) query.set('volume', uploadForm.elements.volume.value.trim());
    if (uploadForm.elements.commune.value.trim()) query.set('commune', uploadForm.elements.commune.value.trim());
    const button = uploadForm.querySelector('button[type=submit]');
    button.disabled = true;
    showMessage(uploadOutcome, 'warn', `Đang tải lên ${file.name}…`, `uploading ${file.name}…`);
    try {
      let response;
      try {
        // The body is the file itself, which the browser streams from disk.
        response = await fetch('/api/v1/legacy/books/archive?' + query, {
          method: 'POST', headers: { Authorization: 'Bearer ' + token(), 'Content-Type': 'application/zip', Accept: 'application/json' }, body: file,
        });
      } catch (error) {
        throw new ApiError(0, 'Không kết nối được máy chủ / the server cannot be reached');
      }
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) throw new ApiError(response.status, answer.detail || `Lỗi ${response.status} / error ${response.status}`, answer.field);
      show(uploadOutcome, el('div', { class: 'message ok', role: 'status', 'data-testid': 'legacy-imported' },
        bi(`Đã nhập sổ ${answer.book} năm ${answer.year}: ${answer.pages} trang, ${answer.entries} mục chờ nhập liệu.`,
          `Book ${answer.book} of ${answer.year} imported: ${answer.pages} pages, ${answer.entries} entries to type.`)));
      uploadForm.reset();
      await loadProgress();
    } catch (error) {
      showError(uploadOutcome, error);
    } finally {
      button.disabled = false;
    }
  };

  // --- Data entry: the next entry, its page beside the form ------------------------------------------------
  async function takeNext() {
    const target = $('legacy-entry-work');
    try {
      const entry = await call('/legacy/entries/next', { method: 'POST' });
      if (!entry) {
        show(target, el('p', { 'data-testid': 'legacy-queue-empty' }, bi('Không còn mục nào chờ nhập.', 'Nothing left to type.')));
        return;
      }
      show(target, entryForm(entry));
      target.querySelector('input, select').focus();
    } catch (error) {
      showError(target, error);
    }
  }

  function entryForm(entry) {
    const problems = el('div', { 'aria-live': 'assertive' });
    const record = entry.record || {};
    const fields = recordFields.filter((field) => !field.kinds || field.kinds.includes(entry.kind));
    const controls = fields.map((field) => {
      const id = 'legacy-' + field.key;
      const error = el('p', { class: 'field-error', id: id + '-error', 'aria-live': 'polite', 'data-testid': id + '-error' });
      const control = field.options
        ? el('select', { id, name: field.key, 'aria-describedby': error.id },
          el('option', { value: '' }, '—'), Object.entries(field.options).map(([value, [vi, en]]) => el('option', { value }, `${vi} / ${en}`)))
        : el('input', {
          id, name: field.key, required: field.required, maxlength: field.maxlength, placeholder: field.placeholder, autocomplete: 'off',
          spellcheck: 'false', 'aria-describedby': error.id, 'data-testid': id,
        });
      control.value = field.placeholder ? written(record[field.key]) : (record[field.key] || '');
      return { field, control, error, nodes: [el('label', { for: id }, bi(field.vi + (field.required ? ' *' : ''), field.en)), control, error] };
    });
    const clearErrors = () => {
      show(problems);
      for (const { control, error } of controls) { control.removeAttribute('aria-invalid'); show(error); }
    };
    const onsubmit = async (event) => {
      event.preventDefault();
      clearErrors();
      const body = { version: entry.version };
      for (const { field, control } of controls) {
        const value = control.value.trim();
        if (value) body[field.key] = value;
      }
      try {
        const saved = await call(`/legacy/entries/${encodeURIComponent(entry.id)}/record`, { method: 'PUT', body });
        showMessage($('legacy-entry-outcome'), 'ok', `Đã lưu mục ${saved.entry} trang ${saved.page}; chờ cán bộ khác kiểm tra.`,
          `Entry ${saved.entry} of page ${saved.page} saved; a second officer verifies it.`);
        await Promise.all([takeNext(), loadProgress(), loadVerifications()]);
      } catch (error) {
        // The API names the field it refuses: the message goes next to it, and the typist lands there.
        const named = error instanceof ApiError && controls.find(({ field }) => field.field === error.field || field.key === error.field);
        if (named) {
          named.control.setAttribute('aria-invalid', 'true');
          show(named.error, error.detail);
          named.control.focus();
        } else {
          showError(problems, error);
        }
      }
    };
    const returned = entry.state === 'returned' && entry.returnReason
      ? el('p', { class: 'message warn', role: 'status', 'data-testid': 'legacy-returned' },
        bi(`Cán bộ kiểm tra trả lại: ${entry.returnReason}`, 'sent back by the verifier with this reason'))
      : null;
    return el('div', { class: 'register-work' },
      pageImage(entry, token),
      el('form', { id: 'legacy-entry-form', class: 'action', onsubmit, 'data-testid': 'legacy-entry-form', 'data-entry': entry.id },
        el('h4', {}, where(entry)), returned,
        el('p', { class: 'hint' }, bi('Gõ đúng như trong sổ; ngày theo dd/mm/yyyy; Enter để lưu và nhận mục tiếp theo.',
          'Type as written in the register; dates as dd/mm/yyyy; Enter saves and takes the next entry.')),
        controls.map((item) => item.nodes), problems,
        el('button', { type: 'submit', 'data-testid': 'legacy-save' }, bi('Lưu và nhận mục tiếp theo', 'save and take the next entry'))));
  }

  // --- Verification by a second officer --------------------------------------------------------------------
  async function loadVerifications() {
    const target = $('legacy-verify-list');
    try {
      const entries = await call('/legacy/entries/awaiting-verification');
      show(target, entries.length
        ? table('Mục đã nhập chờ kiểm tra (không gồm mục bạn tự nhập)', 'typed entries waiting for verification (never your own)',
          [['Vị trí', 'where'], ['Họ tên', 'name'], ['Người nhập', 'typed by'], ['', '']],
          entries.map((entry) => [where(entry), entry.record ? entry.record.fullName : '—', entry.enteredBy || '—',
            el('button', { type: 'button', class: 'secondary', 'data-testid': 'legacy-verify-open', 'data-entry': entry.id,
              onclick: () => openVerification(entry) }, bi('Kiểm tra', 'verify'))]))
        : el('p', { 'data-testid': 'legacy-verify-empty' }, bi('Không có mục nào chờ bạn kiểm tra.', 'Nothing waits for your verification.')));
    } catch (error) {
      showError(target, error);
    }
  }

  function openVerification(entry) {
    const target = $('legacy-verify-work');
    const problems = el('div', { 'aria-live': 'assertive', 'data-testid': 'legacy-verify-problem' });
    const reason = el('textarea', { id: 'legacy-return-reason', name: 'reason', maxlength: 500, 'data-testid': 'legacy-return-reason' });
    const decide = async (decision) => {
      show(problems);
      if (decision === 'return' && !reason.value.trim()) {
        showError(problems, new ApiError(422, 'Cần nêu lý do trả lại / give the reason to send it back', 'reason'));
        reason.focus();
        return;
      }
      try {
        const body = { version: entry.version, decision };
        if (decision === 'return') body.reason = reason.value.trim();
        await call(`/legacy/entries/${encodeURIComponent(entry.id)}/verification`, { method: 'POST', body });
        show(target);
        showMessage($('legacy-verify-outcome'), 'ok',
          decision === 'accept' ? `Đã xác nhận mục ${entry.entry} trang ${entry.page}.` : `Đã trả lại mục ${entry.entry} trang ${entry.page} cho người nhập.`,
          decision === 'accept' ? 'Entry verified.' : 'Entry sent back to the officer who typed it.');
        await Promise.all([loadVerifications(), loadProgress()]);
      } catch (error) {
        // 403 when the caller typed the record themselves: the API's words say so.
        showError(problems, error);
      }
    };
    show(target, el('div', { class: 'register-work', 'data-testid': 'legacy-verify-entry', 'data-entry': entry.id },
      pageImage(entry, token),
      el('div', { class: 'action' }, el('h4', {}, where(entry)),
        el('p', { class: 'hint' }, bi(`Người nhập: ${entry.enteredBy || '—'}. So từng trường với ảnh trang sổ.`,
          'Compare every field with the scanned page.')),
        recordFacts(entry),
        el('button', { type: 'button', 'data-testid': 'legacy-accept', onclick: () => decide('accept') }, bi('Xác nhận đúng', 'accept')),
        el('label', { for: 'legacy-return-reason' }, bi('Lý do trả lại (bắt buộc khi trả lại)', 'reason to send it back (required to send back)')),
        reason,
        el('button', { type: 'button', class: 'secondary', 'data-testid': 'legacy-return', onclick: () => decide('return') },
          bi('Trả lại người nhập', 'send back')),
        problems)));
    target.querySelector('button').focus();
  }

  // --- Link review: candidates of the reconciliation engine ------------------------------------------------
  async function loadReview() {
    const target = $('legacy-review-list');
    try {
      const entries = await call('/legacy/review');
      show(target, entries.length
        ? entries.map(reviewItem)
        : el('p', { 'data-testid': 'legacy-review-empty' }, bi('Không có bản ghi nào chờ xét liên kết.', 'No record waits for a link decision.')));
    } catch (error) {
      showError(target, error);
    }
  }

  function reviewItem(entry) {
    const problems = el('div', { 'aria-live': 'assertive' });
    const id = `legacy-person-${entry.id}`;
    const person = el('input', { id, name: 'citizenId', inputmode: 'numeric', pattern: '[0-9]{12}', maxlength: 12, value: entry.candidateId || '',
      autocomplete: 'off', 'data-testid': 'legacy-review-person' });
    const decide = async (decision) => {
      show(problems);
      try {
        const body = { version: entry.version, decision };
        if (decision === 'link' && person.value.trim()) body.citizenId = person.value.trim();
        await call(`/legacy/entries/${encodeURIComponent(entry.id)}/link-decision`, { method: 'POST', body });
        showMessage($('legacy-review-outcome'), 'ok',
          decision === 'link' ? `Đã liên kết bản ghi với công dân ${body.citizenId || entry.candidateId}.` : 'Đã từ chối liên kết.',
          decision === 'link' ? 'Record linked to the person.' : 'Link rejected.');
        await Promise.all([loadReview(), loadProgress()]);
      } catch (error) {
        showError(problems, error);
      }
    };
    const score = typeof entry.score === 'number' ? entry.score.toLocaleString('vi-VN', { maximumFractionDigits: 1 }) : '—';
    return el('div', { class: 'action', 'data-testid': 'legacy-review-item', 'data-entry': entry.id },
      el('h4', {}, where(entry)), recordFacts(entry),
      el('p', {}, bi(`Ứng viên của công cụ đối soát: ${entry.candidateId || 'không có'} (điểm ${score})`,
        `the reconciliation engine's candidate: ${entry.candidateId || 'none'} (score ${score} bits) — ${linkStates[entry.linkState] ? linkStates[entry.linkState][1] : entry.linkState}`)),
      el('label', { for: id }, bi('Số định danh cá nhân (12 số) để liên kết', '12-digit personal ID to link to')), person,
      el('button', { type: 'button', 'data-testid': 'legacy-link', onclick: () => decide('link') }, bi('Liên kết', 'link')),
      el('button', { type: 'button', class: 'secondary', 'data-testid': 'legacy-reject', onclick: () => decide('reject') }, bi('Không liên kết', 'reject')),
      problems);
  }

  $('legacy-take-next').onclick = takeNext;
  $('refresh-legacy').onclick = () => load();
  async function load() {
    await Promise.all([
      loadProgress(),
      typists.includes(role) ? loadVerifications() : null,
      reviewers.includes(role) ? loadReview() : null,
    ]);
  }
  return { load };
}
