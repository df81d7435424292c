// The citizen portal: sign in with the national e-ID, follow and act on one's own dossiers, submit a birth
// registration online, receive the signed results and read who looked at one's national data.
import { api, signedInApi, endSession, bi, el, formatDate, formatDateTime, newIdempotencyKey, openForm, show, showError, showMessage, table } from './api.js';
import { dossierView, historyTable, summaryHeaders, summaryRows } from './dossier.js';
import { profileView } from './profile.js';
import { resultsTable } from './result.js';
import { describeScan, scanPanel } from './documents.js';
import { archivePanel } from './archive.js';
import { satisfactionPanel } from './satisfaction.js';

const tokenKey = 'motcua.citizen.token';
const expiryKey = 'motcua.citizen.expiresAt';
const defaultAgency = 'xa-09187';
const withdrawable = ['submitted', 'received', 'in_process', 'supplement_requested', 'payment_requested'];
// While the platform accepts scans of the dossier's components (see the upload operation in openapi.yaml).
const scannable = ['submitted', 'received', 'in_process', 'supplement_requested'];
const $ = (id) => document.getElementById(id);
const errors = $('citizen-error');
let citizen = null;
let archive = null;

// The e-ID callback hands the token over in the fragment, which never reaches a server; keep it for this
// tab only and take it out of the address bar so it is not bookmarked, shared or left in the history.
function takeTokenFromFragment() {
  if (!location.hash.startsWith('#')) return;
  const values = new URLSearchParams(location.hash.slice(1));
  const token = values.get('token');
  if (token) {
    sessionStorage.setItem(tokenKey, token);
    sessionStorage.setItem(expiryKey, values.get('expires_at') || '');
  }
  history.replaceState(null, '', location.pathname + location.search);
}

function token() {
  const expiresAt = sessionStorage.getItem(expiryKey);
  if (expiresAt && Date.parse(expiresAt) <= Date.now()) signOut();
  return sessionStorage.getItem(tokenKey);
}

const call = signedInApi(token, signOut);

function signOut() {
  sessionStorage.removeItem(tokenKey);
  sessionStorage.removeItem(expiryKey);
  citizen = null;
  $('portal').classList.add('hidden');
  $('signed-out').classList.remove('hidden');
}

async function enterPortal() {
  citizen = await call('/citizen/me');
  show($('citizen'), bi(`${citizen.fullName} — số định danh ${citizen.citizenId} — mức định danh ${citizen.assuranceLevel}`,
    `e-ID assurance level ${citizen.assuranceLevel}`));
  if (citizen.canSubmitOnline) {
    show($('level-notice'));
    $('submit-card').classList.remove('hidden');
  } else {
    showMessage($('level-notice'), 'warn',
      'Tài khoản định danh mức 1 chỉ theo dõi được hồ sơ, chưa nộp hồ sơ trực tuyến được. Hãy nâng lên mức 2 trên ứng dụng VNeID.',
      'A level-1 e-ID account can follow dossiers but cannot submit online. Upgrade to level 2 in the VNeID app.');
    $('submit-card').classList.add('hidden');
  }
  $('signed-out').classList.add('hidden');
  $('portal').classList.remove('hidden');
  archive = archivePanel({
    call, canShare: citizen.canSubmitOnline, onShared: () => loadDataAccess(),
    archiveTarget: $('archive'), sharesTarget: $('shares'), shareTarget: $('share-panel'),
  });
  const satisfaction = satisfactionPanel({ call, ratingTarget: $('rating'), petitionsTarget: $('petitions') });
  await Promise.all([satisfaction.loadRatable(), satisfaction.loadPetitions(), loadDossiers(), loadResults(), loadAgencies(), loadDataAccess(), loadProcedures(), archive.loadArchive(), archive.loadShares()]);
}

// --- Before submitting: what a procedure will ask (once-only) ---------------------------------------------

const ways = {
  national_database: ['Cơ quan nhà nước tự lấy từ CSDL quốc gia', 'the State fetches it from a national database'],
  archive: ['Dùng lại giấy tờ trong kho dữ liệu của bạn', 'reused from your personal archive'],
  form: ['Tờ khai điện tử, điền trên cổng', 'the e-form, filled in on the portal'],
  upload: ['Cần tải lên', 'upload needed'],
  optional: ['Không bắt buộc; tải lên nếu có', 'optional; upload it if you have it'],
};

function archiveItemText(item) {
  return [item.type, item.registerNumber ? `số ${item.registerNumber}` : null, item.issuedOn ? formatDate(item.issuedOn) : null]
    .filter(Boolean).join(', ');
}

async function loadProcedures() {
  const select = $('requirements-procedure');
  try {
    const procedures = await api('/procedures');
    show(select, el('option', { value: '' }, '—'), procedures.map((procedure) =>
      el('option', { value: procedure.code }, `${procedure.code} — ${procedure.nameVi}`)));
  } catch (error) {
    showError(errors, error);
  }
}

async function showRequirements(code) {
  const target = $('requirements');
  if (!code) { show(target); return; }
  try {
    const answer = await call(`/citizen/procedures/${encodeURIComponent(code)}/requirements`);
    const rows = answer.components.map((component) => {
      const fallback = component.archiveItem
        ? bi(` (nếu CSDL không có: ${archiveItemText(component.archiveItem)})`, ` (if the database has none: ${archiveItemText(component.archiveItem)})`)
        : null;
      const how = component.way === 'archive'
        ? el('span', {}, bi(ways.archive[0], ways.archive[1]), ': ', archiveItemText(component.archiveItem))
        : el('span', {}, bi(...ways[component.way]), component.way === 'national_database' ? fallback : null);
      return [bi(component.nameVi, component.nameEn), component.required ? bi('Có', 'yes') : bi('Không', 'no'),
        el('span', { 'data-testid': 'way-' + component.code }, how)];
    });
    const banner = answer.nothingToUpload
      ? el('div', { class: 'message ok', role: 'status', 'data-testid': 'nothing-to-upload' },
        bi('Không cần tải lên giấy tờ nào: Nhà nước đã có đủ.', 'Nothing to upload: the State already holds everything.'))
      : el('div', { class: 'message warn', role: 'status' }, bi('Cần tải lên các giấy tờ ghi "Cần tải lên".', 'Upload the documents marked "upload needed".'));
    show(target, banner, table('Thành phần hồ sơ', 'components', [['Giấy tờ', 'document'], ['Bắt buộc', 'required'], ['Cách có', 'how']], rows));
  } catch (error) {
    showError(target, error);
  }
}

async function loadDossiers() {
  const target = $('dossiers');
  try {
    const page = await call('/dossiers?limit=50');
    show(target, page.items.length
      ? table('Chọn mã hồ sơ để xem chi tiết', 'choose a code to see the details', summaryHeaders, summaryRows(page.items, openDossier))
      : el('p', {}, bi('Bạn chưa có hồ sơ nào.', 'You have no dossiers yet.')));
  } catch (error) {
    showError(target, error);
  }
}

async function loadResults() {
  const target = $('results');
  try {
    const results = await call('/citizen/results');
    show(target, results.length
      ? resultsTable('Mới nhất trước', 'newest first', results, token, (error) => showError(errors, error))
      : el('p', {}, bi('Bạn chưa nhận kết quả điện tử nào.', 'You have not received any electronic result yet.')));
  } catch (error) {
    showError(target, error);
  }
}

async function loadAgencies() {
  const select = $('agency');
  try {
    const agencies = await api('/agencies?kind=commune');
    show(select, agencies.map((agency) =>
      el('option', { value: agency.id, selected: agency.id === defaultAgency }, `${agency.nameVi} (${agency.id})`)));
  } catch (error) {
    showError(errors, error);
  }
}

// A look-up at the national databases, logged like any other: only on request, never on page load.
async function showMyProfile() {
  const target = $('my-profile');
  try {
    show(target, profileView(await call('/citizen/profile')));
    await loadDataAccess();
  } catch (error) {
    showError(target, error);
  }
}

async function loadDataAccess(cursor) {
  const target = $('data-access');
  try {
    const page = await call('/citizen/data-access?limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    const rows = page.items.map((item) => [
      formatDateTime(item.at),
      bi(item.registryVi, item.registryEn),
      bi(item.fieldsVi.join(', '), item.fieldsEn.join(', ')),
      bi(item.whoVi + (item.officialName ? ` — ${item.officialName}` : ''), item.whoEn),
      bi(item.purposeVi, item.purposeEn),
    ]);
    const more = page.nextCursor
      ? el('button', { type: 'button', class: 'secondary', onclick: () => loadDataAccess(page.nextCursor) }, bi('Xem thêm', 'more'))
      : null;
    show(target, rows.length
      ? [table('Mỗi lần tra cứu dữ liệu của bạn, mới nhất trước', 'every look-up at your data, newest first',
        [['Khi nào', 'when'], ['Cơ sở dữ liệu', 'database'], ['Thông tin', 'fields'], ['Ai', 'who'], ['Vì sao', 'why']], rows), more]
      : el('p', {}, bi('Chưa có ai tra cứu dữ liệu của bạn.', 'Nobody has looked at your data yet.')));
  } catch (error) {
    showError(target, error);
  }
}

/** Shows one of my dossiers; `notice` (e.g. what an upload filed) is shown above it. */
async function openDossier(code, notice) {
  const target = $('detail');
  $('detail-card').classList.remove('hidden');
  try {
    const [dossier, history] = await Promise.all([
      call(`/dossiers/${encodeURIComponent(code)}`), call(`/dossiers/${encodeURIComponent(code)}/history`),
    ]);
    // A filed scan changes the dossier (its version, the component's state): reload it, so that the actions
    // below act on the version the citizen now sees.
    const onFiled = (document) => openDossier(code, el('div', { class: 'message ok', role: 'status', 'data-testid': 'scan-filed' }, describeScan(document)));
    const scans = scannable.includes(dossier.status.name) ? scanPanel(dossier, { token, onFiled, onlyWhatTheStateLacks: true }) : null;
    show(target, notice, dossierView(dossier), scans, historyTable(history), actions(dossier));
    $('detail-title').focus();
  } catch (error) {
    showError(target, error);
  }
}

/** The applicant's own actions: supplement when asked for one, withdraw while the dossier is open. */
function actions(dossier) {
  const forms = [];
  if (dossier.status.name === 'supplement_requested') {
    forms.push(actionForm(dossier, 'supplement', 'note', false,
      ['Nội dung bổ sung', 'what you supply'], ['Gửi bổ sung', 'send the supplement']));
  }
  if (withdrawable.includes(dossier.status.name)) {
    forms.push(actionForm(dossier, 'withdraw', 'reason', true,
      ['Lý do rút hồ sơ', 'reason for withdrawing'], ['Rút hồ sơ', 'withdraw the dossier']));
  }
  if (dossier.receivedAt) {
    forms.push(el('button', { type: 'button', class: 'secondary', onclick: () => openForm(dossier.code, '01', token()).catch((error) => showError(errors, error)) },
      bi('In giấy tiếp nhận và hẹn trả (Mẫu 01)', 'print the receipt and appointment (Form 01)')));
  }
  return el('div', {}, forms);
}

function actionForm(dossier, action, field, required, [labelVi, labelEn], [buttonVi, buttonEn]) {
  const id = `${action}-${field}`;
  const input = el('textarea', { id, name: field, required, maxlength: '2000' });
  const onsubmit = async (event) => {
    event.preventDefault();
    show(errors);
    const body = { action, version: dossier.version };
    if (input.value.trim()) body[field] = input.value.trim();
    try {
      await call(`/dossiers/${encodeURIComponent(dossier.code)}/transitions`, { method: 'POST', body, idempotencyKey: newIdempotencyKey() });
      await Promise.all([openDossier(dossier.code), loadDossiers()]);
    } catch (error) {
      showError(errors, error);
    }
  };
  return el('form', { onsubmit }, el('label', { for: id }, bi(labelVi, labelEn)), input,
    el('button', { type: 'submit', class: action === 'withdraw' ? 'secondary' : undefined }, bi(buttonVi, buttonEn)));
}

// The e-form's fields, under the names the result types prefill from (`form.childName`, ...), so that the
// specialist's worksheet starts from what the citizen declared.
const declarationFields = ['childName', 'childDateOfBirth', 'childSex', 'placeOfBirth', 'ethnicity', 'nationality', 'hometown',
  'motherName', 'fatherName'];

function declaration(form) {
  const data = {};
  for (const name of declarationFields) {
    const value = form.elements[name].value.trim();
    if (value) data[name] = value;
  }
  return data;
}

$('birth-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  show(errors);
  const form = event.target;
  const button = $('submit-birth');
  button.disabled = true;
  try {
    const dossier = await call('/dossiers', {
      method: 'POST',
      idempotencyKey: newIdempotencyKey(),
      waitSeconds: 5,
      body: {
        procedureCode: '1.001193',
        agencyId: form.agency.value,
        applicant: { citizenId: citizen.citizenId, fullName: citizen.fullName },
        channel: 'online',
        formData: declaration(form),
        components: [
          { code: 'declaration', reference: 'eform' },
          { code: 'birth_certificate', reference: form.birthCertificate.value.trim() },
        ],
      },
    });
    form.reset();
    showMessage(errors, 'ok', `Đã nộp hồ sơ ${dossier.code}.`, `Dossier ${dossier.code} submitted.`);
    await Promise.all([loadDossiers(), openDossier(dossier.code), loadDataAccess()]);
  } catch (error) {
    showError(errors, error);
  } finally {
    button.disabled = false;
  }
});

$('sign-out').addEventListener('click', () => { endSession(sessionStorage.getItem(tokenKey)); signOut(); });
$('refresh').addEventListener('click', loadDossiers);
$('refresh-results').addEventListener('click', loadResults);
$('refresh-archive').addEventListener('click', () => archive && Promise.all([archive.loadArchive(), archive.loadShares(), loadDataAccess()]));
$('show-profile').addEventListener('click', showMyProfile);
$('requirements-procedure').addEventListener('change', (event) => showRequirements(event.target.value));

takeTokenFromFragment();
if (token()) enterPortal().catch((error) => { signOut(); showError(errors, error); });
