// The one-stop counter: an official signs in, scans a citizen's chip card, reads the profile from the
// national databases, receives a marital-status certification dossier for them and files the scans of the
// papers they brought.
import { bi, el, formatDateTime, newIdempotencyKey, officialSession, openForm, show, showError, table } from './api.js';
import { dossierView, summaryHeaders, summaryRows } from './dossier.js';
import { profileView } from './profile.js';
import { scanPanel } from './documents.js';

const $ = (id) => document.getElementById(id);
const errors = $('counter-error');
let official = null;
let profile = null;

const { token, call } = officialSession({
  errors,
  enter: async (signedIn) => {
    official = signedIn;
    show($('official'), bi(`Cán bộ: ${official.fullName} (${official.username}) — đơn vị ${official.agencyId}`,
      `Official: ${official.role}, agency ${official.agencyId}`));
    $('desk').classList.remove('hidden');
    await loadWorkqueue();
  },
  leave: () => {
    official = null;
    profile = null;
    $('desk').classList.add('hidden');
    $('profile-card').classList.add('hidden');
    $('receipt-card').classList.add('hidden');
  },
});

// A dossier of the list opens on the officials' desk, where its next step is taken.
const openOnDesk = (code) => { location.href = '/desk?dossier=' + encodeURIComponent(code); };

async function loadWorkqueue() {
  const target = $('workqueue');
  try {
    const page = await call('/dossiers?limit=50');
    show(target, page.items.length
      ? table('Hồ sơ cũ nhất trước; chọn mã để xử lý trên bàn làm việc', 'oldest first; choose a code to handle it on the desk',
        summaryHeaders, summaryRows(page.items, openOnDesk))
      : el('p', {}, bi('Chưa có hồ sơ.', 'No dossiers yet.')));
  } catch (error) {
    showError(target, error);
  }
}

$('refresh').addEventListener('click', loadWorkqueue);

$('scan-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  show(errors);
  const form = event.target;
  const scanned = form.scan.value.trim();
  // A bare 12-digit number was typed by hand; anything else is what the QR scanner typed.
  const body = /^\d{12}$/.test(scanned) ? { citizenId: scanned } : { qr: scanned };
  // A counter look-up before receipt; the typed text is the detail logged with it (which procedure).
  body.purpose = 'counter_before_receipt';
  const note = form.purpose.value.trim();
  if (note) body.note = note;
  $('receipt-card').classList.add('hidden');
  try {
    profile = await call('/registry/profile', { method: 'POST', body });
    show($('profile'), profileView(profile));
    $('profile-card').classList.remove('hidden');
    $('profile-title').focus();
  } catch (error) {
    profile = null;
    $('profile-card').classList.add('hidden');
    showError(errors, error);
  }
});

$('receive').addEventListener('click', async () => {
  if (!profile || !official) return;
  show(errors);
  const button = $('receive');
  button.disabled = true;
  try {
    const dossier = await call('/dossiers', {
      method: 'POST',
      idempotencyKey: newIdempotencyKey(),
      waitSeconds: 5,
      body: {
        procedureCode: '1.004873',
        agencyId: official.agencyId,
        applicant: { citizenId: profile.citizenId, fullName: profile.fullName },
        channel: 'counter',
        // The declaration is filled in on screen (e-form); the ID and any divorce or death proof come
        // from the national databases, so nothing else is asked of the citizen.
        components: [{ code: 'declaration', reference: 'eform' }],
      },
    });
    // The papers the citizen brought are scanned here, one file per component; each filed scan shows in the
    // components (provided, pointing at the document).
    let view = dossierView(dossier);
    const onFiled = async () => {
      const fresh = dossierView(await call(`/dossiers/${encodeURIComponent(dossier.code)}`));
      view.replaceWith(fresh);
      view = fresh;
    };
    show($('receipt'), el('div', { class: 'message ok', role: 'status' },
      bi(`Đã tiếp nhận hồ sơ ${dossier.code}, hẹn trả ${formatDateTime(dossier.dueAt)}.`,
        `Dossier ${dossier.code} received; promised for ${formatDateTime(dossier.dueAt)}.`)),
    view,
    scanPanel(dossier, { token, onFiled }),
    el('button', { type: 'button', class: 'secondary', onclick: () => openForm(dossier.code, '01', token()).catch((error) => showError(errors, error)) },
      bi('In giấy tiếp nhận và hẹn trả (Mẫu 01)', 'print the receipt and appointment (Form 01)')));
    $('receipt-card').classList.remove('hidden');
    $('receipt-title').focus();
    await loadWorkqueue();
  } catch (error) {
    showError(errors, error);
  } finally {
    button.disabled = false;
  }
});

