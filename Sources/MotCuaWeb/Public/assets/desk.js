// The officials' desk: an official signs in, sees the agency's workqueue, opens a dossier and takes the
// actions their role has at its step: receive, assign, prepare the result and appraise, approve, sign (alone
// or the whole signing queue), return the result, correct or revoke it. The server decides; the page only
// offers what the role may try and shows the server's problem details when it refuses.
import {
  bi, el, formatDateTime, label, newIdempotencyKey, officialSession, show, showError, showMessage, table,
} from './api.js';
import { dossierView, historyTable, summaryHeaders, summaryRows } from './dossier.js';
import { resultActions, resultFacts, resultTypes } from './result.js';
import { legacyPanel, legacyRoles } from './legacy.js';
import { zeroPaperPanel } from './zeropaper.js';

const $ = (id) => document.getElementById(id);
const errors = $('desk-error');
let official = null;

const roleLabels = {
  reception_officer: ['Cán bộ tiếp nhận', 'reception officer'],
  specialist: ['Chuyên viên', 'specialist'],
  leader: ['Lãnh đạo', 'leader'],
  result_clerk: ['Cán bộ trả kết quả', 'result clerk'],
  agency_administrator: ['Quản trị đơn vị', 'agency administrator'],
  operations_monitor: ['Giám sát vận hành', 'operations monitor'],
  data_steward: ['Cán bộ quản lý dữ liệu', 'data steward'],
  auditor: ['Thanh tra', 'auditor'],
};

const { token, call } = officialSession({
  errors,
  enter: async (signedIn) => {
    official = signedIn;
    const role = roleLabels[official.role] || [official.role, official.role];
    show($('official'), bi(`Cán bộ: ${official.fullName} (${official.username}) — ${role[0]} — đơn vị ${official.agencyId}`,
      `Official: ${role[1]}, agency ${official.agencyId}`));
    $('desk').classList.remove('hidden');
    $('queue-card').classList.toggle('hidden', official.role !== 'leader');
    $('zero-paper-card').classList.toggle('hidden', !['leader', 'operations_monitor'].includes(official.role));
    const digitises = legacyRoles.includes(official.role);
    $('legacy-card').classList.toggle('hidden', !digitises);
    if (digitises) legacyPanel({ call, token, official }).load();
    // Data stewards handle registers and reconciliation, not dossiers: no workqueue to refuse them.
    const handlesDossiers = official.role !== 'data_steward';
    $('workqueue-card').classList.toggle('hidden', !handlesDossiers);
    // The counter links a dossier here as /desk?dossier=CODE.
    const wanted = new URLSearchParams(location.search).get('dossier');
    await Promise.all([handlesDossiers ? loadWorkqueue() : null, official.role === 'leader' ? loadQueue() : null, wanted ? openDossier(wanted) : null]);
  },
  leave: () => {
    official = null;
    $('desk').classList.add('hidden');
    $('detail-card').classList.add('hidden');
    show($('detail'));
  },
});

const path = (code) => `/dossiers/${encodeURIComponent(code)}`;
zeroPaperPanel({ call, token });

// --- Lists -------------------------------------------------------------------------------------------------

async function loadWorkqueue(cursor) {
  const target = $('workqueue');
  try {
    const page = await call('/dossiers?limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    const more = page.nextCursor
      ? el('button', { type: 'button', class: 'secondary', onclick: () => loadWorkqueue(page.nextCursor) }, bi('Trang sau', 'next page'))
      : null;
    show(target, page.items.length
      ? [table('Hồ sơ cũ nhất trước; chọn mã để xử lý', 'oldest first; choose a code to handle it',
        summaryHeaders, summaryRows(page.items, openDossier)), more]
      : el('p', {}, bi('Chưa có hồ sơ.', 'No dossiers yet.')));
  } catch (error) {
    showError(target, error);
  }
}

async function loadQueue() {
  const target = $('queue');
  try {
    const queue = await call('/results/queue?limit=1000');
    if (!queue.items.length) {
      show(target, el('p', { 'data-testid': 'queue-empty' }, bi('Không có kết quả nào chờ ký.', 'Nothing waits for your signature.')));
      return;
    }
    const outcome = el('div', { 'aria-live': 'polite' });
    const signAll = el('button', { type: 'button', 'data-testid': 'sign-all' },
      bi(`Ký tất cả (${queue.items.length})`, `sign all (${queue.items.length})`));
    signAll.addEventListener('click', () => signBatch(queue.items.map((item) => item.dossierCode), signAll, outcome));
    show(target,
      table('Hồ sơ ở bước ký duyệt có dự thảo kết quả, cũ nhất trước', 'dossiers at the signature step with a prepared result, oldest first',
        [['Mã hồ sơ', 'dossier'], ['Thủ tục', 'procedure'], ['Kết quả', 'result'], ['Lập lúc', 'prepared at'], ['Hẹn trả', 'promised date']],
        queue.items.map((item) => [
          el('button', { type: 'button', class: 'secondary', onclick: () => openDossier(item.dossierCode) }, item.dossierCode),
          item.procedureCode,
          label(resultTypes, item.resultType),
          formatDateTime(item.preparedAt),
          formatDateTime(item.dueAt),
        ])),
      signAll, outcome);
  } catch (error) {
    showError(target, error);
  }
}

async function signBatch(codes, button, outcome) {
  button.disabled = true;
  try {
    const answer = await call('/results/sign-batch', { method: 'POST', body: { codes } });
    const refused = answer.refused.length
      ? table('Không ký được', 'refused', [['Mã hồ sơ', 'dossier'], ['Mã lỗi', 'status'], ['Lý do', 'reason']],
        answer.refused.map((item) => [item.dossierCode, String(item.status), item.detail]))
      : null;
    show(outcome, el('div', { class: answer.refused.length ? 'message warn' : 'message ok', role: 'status', 'data-testid': 'batch-outcome' },
      bi(`Đã ký ${answer.signed.length} kết quả; ${answer.refused.length} bị từ chối.`,
        `${answer.signed.length} signed; ${answer.refused.length} refused.`)), refused);
    await loadWorkqueue();
    // The outcome stays on screen: the refreshed queue is shown under it.
    const kept = Array.from(outcome.childNodes);
    await loadQueue();
    $('queue').prepend(...kept);
  } catch (error) {
    showError(outcome, error);
  } finally {
    button.disabled = false;
  }
}

// --- One dossier -------------------------------------------------------------------------------------------

async function openDossier(code) {
  const target = $('detail');
  $('detail-card').classList.remove('hidden');
  try {
    const [dossier, history] = await Promise.all([call(path(code)), call(path(code) + '/history')]);
    // The result worksheet: 409 when the procedure issues no electronic result; shown, not fatal.
    let worksheet = null;
    let worksheetProblem = null;
    try {
      worksheet = await call(path(code) + '/result');
    } catch (error) {
      worksheetProblem = error;
    }
    show(target, dossierView(dossier), resultSection(dossier, worksheet, worksheetProblem), actionsSection(dossier, worksheet),
      historyTable(history));
    $('detail-title').focus();
  } catch (error) {
    showError(target, error);
  }
}

/** After an action: the dossier again, the lists, then a confirmation at the top (once what it confirms shows). */
async function refreshAfter(code, vi, en) {
  await Promise.all([openDossier(code), loadWorkqueue(), official && official.role === 'leader' ? loadQueue() : null]);
  showMessage(errors, 'ok', vi, en);
}

const mine = (agencyId) => official && official.agencyId === agencyId;
const is = (role) => official && official.role === role;

/** What the official's role may try on this dossier now (the server checks again and has the last word). */
function allowed(dossier) {
  const status = dossier.status.name;
  const handlesIt = mine(dossier.agencyId);
  return {
    receive: is('reception_officer') && mine(dossier.receivingAgencyId) && status === 'submitted',
    assign: (is('reception_officer') && mine(dossier.receivingAgencyId) && status === 'received')
      || (is('leader') && handlesIt && (status === 'received' || (status === 'in_process' && dossier.step === 'appraisal'))),
    appraise: is('specialist') && handlesIt && status === 'in_process' && dossier.step === 'appraisal'
      && (!dossier.handlerId || dossier.handlerId === official.id),
    approve: is('leader') && handlesIt && status === 'in_process' && dossier.step === 'approval',
    sign: is('leader') && handlesIt && status === 'in_process' && dossier.step === 'signature',
    returnResult: is('result_clerk') && (mine(dossier.receivingAgencyId) || handlesIt) && status === 'done',
  };
}

// --- The result: worksheet, signed result, revocation ------------------------------------------------------

function resultSection(dossier, worksheet, problem) {
  const heading = el('h3', {}, bi('Kết quả giải quyết', 'result'));
  if (!worksheet) {
    return el('div', { class: 'result', 'data-testid': 'no-result' }, heading,
      el('p', { class: 'hint' }, problem ? problem.detail : bi('Không có kết quả điện tử.', 'No electronic result.')));
  }
  const result = worksheet.result;
  const issued = result && result.state !== 'draft';
  const editable = allowed(dossier).appraise && !issued;
  return el('div', { class: 'result' }, heading, el('p', {}, bi(worksheet.nameVi, worksheet.nameEn)),
    issued ? resultFacts(result) : null,
    editable ? worksheetForm(dossier, worksheet) : fieldsList(worksheet, result),
    issued ? resultActions(result, token, (error) => showError(errors, error)) : null,
    issued && result.state === 'signed' && is('leader') && mine(result.issuingAgency.id)
      ? [correctionForm(dossier, worksheet, result), revokeForm(dossier, result)] : null);
}

/** The legal fields, read only: the signed values when there is a signed result, else the draft's. */
function fieldsList(worksheet, result) {
  const values = result && result.state !== 'draft' ? result.fields : null;
  return el('div', {}, el('h4', {}, bi(values ? 'Nội dung đã ký' : 'Nội dung dự thảo', values ? 'signed content' : 'draft content')),
    el('dl', { class: 'facts', 'data-testid': 'result-fields' }, worksheet.fields.map((field) => [
      el('dt', {}, bi(field.labelVi, field.labelEn)),
      el('dd', {}, (values ? values[field.key] : field.value) || '—'),
    ])));
}

/** One labelled input per legal field, prefilled; `collect()` gives the non-empty values by key. */
function fieldInputs(fields, values, prefix) {
  const inputs = fields.map((field) => {
    const id = prefix + field.key;
    const input = el('input', {
      id, name: field.key, value: values(field) || '', required: field.required, maxlength: '500', 'data-testid': id, autocomplete: 'off',
    });
    return { field, input, nodes: [el('label', { for: id }, bi(field.labelVi + (field.required ? ' *' : ''), field.labelEn)), input] };
  });
  const collect = () => {
    const collected = {};
    for (const { field, input } of inputs) {
      const value = input.value.trim();
      if (value) collected[field.key] = value;
    }
    return collected;
  };
  return { nodes: inputs.map((item) => item.nodes), collect };
}

/** The specialist's worksheet: every legal field with its label, prefilled; saving stores the draft. */
function worksheetForm(dossier, worksheet) {
  const problems = el('div', { 'aria-live': 'assertive' });
  const inputs = fieldInputs(worksheet.fields, (field) => field.value, 'result-field-');
  const onsubmit = async (event) => {
    event.preventDefault();
    show(problems);
    try {
      await call(path(dossier.code) + '/result', { method: 'PUT', body: { version: dossier.version, fields: inputs.collect() } });
      await refreshAfter(dossier.code, `Đã lưu dự thảo kết quả của hồ sơ ${dossier.code}.`, `Result draft of ${dossier.code} saved.`);
    } catch (error) {
      showError(problems, error);
    }
  };
  return el('form', { id: 'worksheet-form', onsubmit, 'data-testid': 'worksheet' },
    el('h4', {}, bi('Phiếu lập kết quả', 'result worksheet')),
    el('p', { class: 'hint' }, bi('Đã điền sẵn từ hồ sơ và CSDL quốc gia; (*) là bắt buộc.',
      'Prefilled from the dossier and the national data; (*) is required.')),
    inputs.nodes, problems,
    el('button', { type: 'submit', 'data-testid': 'save-result' }, bi('Lưu dự thảo kết quả', 'save the result draft')));
}

/** The leader's correction: the signed values to change and the reason; the new version is signed at once
 * and supersedes this one. */
function correctionForm(dossier, worksheet, result) {
  const inputs = fieldInputs(worksheet.fields, (field) => result.fields[field.key], 'correction-field-');
  // Folded: a correction is rare, and its form repeats every field of the result.
  return el('details', { class: 'correction', 'data-testid': 'correction' },
    el('summary', {}, bi('Đính chính kết quả', 'correct the result')), actionForm({
    key: 'correct', titleVi: 'Cấp bản đính chính (ký số ngay, thay thế bản này)', titleEn: 'issue a correction (signed at once, supersedes this one)',
    buttonVi: 'Ký bản đính chính', buttonEn: 'sign the correction', secondary: true,
    fields: [{ name: 'reason', labelVi: 'Lý do đính chính', labelEn: 'reason for the correction', required: true, minlength: 3, maxlength: 500 }],
    before: inputs.nodes,
    submit: async ({ reason }) => {
      const corrected = await call(`/results/${encodeURIComponent(result.id)}/corrections`, {
        method: 'POST', body: { reason, fields: inputs.collect() },
      });
      await refreshAfter(dossier.code, `Đã ký bản đính chính ${corrected.id} thay thế ${result.id}.`,
        `Correction ${corrected.id} signed; it supersedes ${result.id}.`);
    },
  }));
}

function revokeForm(dossier, result) {
  return actionForm({
    key: 'revoke', titleVi: 'Thu hồi kết quả', titleEn: 'revoke the result', buttonVi: 'Thu hồi', buttonEn: 'revoke',
    secondary: true,
    fields: [{ name: 'reason', labelVi: 'Lý do thu hồi (công bố trong danh sách thu hồi)', labelEn: 'reason (published in the revocation list)', required: true, minlength: 3, maxlength: 500 }],
    submit: async ({ reason }) => {
      await call(`/results/${encodeURIComponent(result.id)}/revoke`, { method: 'POST', body: { reason } });
      await refreshAfter(dossier.code, `Đã thu hồi kết quả ${result.id}.`, `Result ${result.id} revoked.`);
    },
  });
}

// --- Process actions ---------------------------------------------------------------------------------------

function actionsSection(dossier, worksheet) {
  const can = allowed(dossier);
  const forms = [];
  const transition = (action, values, vi, en) => async () => {
    await call(path(dossier.code) + '/transitions', {
      method: 'POST', idempotencyKey: newIdempotencyKey(), body: { action, version: dossier.version, ...values },
    });
    await refreshAfter(dossier.code, vi, en);
  };
  if (can.receive) {
    forms.push(actionForm({
      key: 'receive', titleVi: 'Tiếp nhận hồ sơ nộp trực tuyến', titleEn: 'receive the online dossier', buttonVi: 'Tiếp nhận', buttonEn: 'receive',
      fields: [], submit: () => transition('receive', {}, `Đã tiếp nhận hồ sơ ${dossier.code}.`, `Dossier ${dossier.code} received.`)(),
    }));
    forms.push(actionForm({
      key: 'refuse_receipt', titleVi: 'Từ chối tiếp nhận', titleEn: 'refuse receipt', buttonVi: 'Từ chối tiếp nhận', buttonEn: 'refuse receipt',
      secondary: true, fields: [{ name: 'reason', labelVi: 'Lý do', labelEn: 'reason', required: true, maxlength: 2000 }],
      submit: (values) => transition('refuse_receipt', values, `Đã từ chối tiếp nhận ${dossier.code}.`, `Receipt of ${dossier.code} refused.`)(),
    }));
  }
  if (can.assign) forms.push(assignForm(dossier, transition));
  if (can.appraise) {
    forms.push(actionForm({
      key: 'appraise', titleVi: 'Thẩm định', titleEn: 'appraise', buttonVi: 'Trình lãnh đạo', buttonEn: 'submit to the leader',
      hintVi: worksheet ? 'Lưu dự thảo kết quả trước khi trình.' : null, hintEn: worksheet ? 'Save the result draft before submitting.' : null,
      fields: [{ name: 'opinion', labelVi: 'Ý kiến thẩm định', labelEn: 'appraisal opinion', required: true, maxlength: 2000 }],
      submit: (values) => transition('appraise', values, `Đã trình hồ sơ ${dossier.code}.`, `Dossier ${dossier.code} submitted to the leader.`)(),
    }));
    forms.push(actionForm({
      key: 'request_supplement', titleVi: 'Yêu cầu bổ sung', titleEn: 'request a supplement', buttonVi: 'Yêu cầu bổ sung', buttonEn: 'request a supplement',
      secondary: true, fields: [{ name: 'reason', labelVi: 'Nội dung cần bổ sung (một lần, đầy đủ)', labelEn: 'what is missing (once, in full)', required: true, maxlength: 2000 }],
      submit: (values) => transition('request_supplement', values, `Đã yêu cầu bổ sung ${dossier.code}.`, `Supplement requested for ${dossier.code}.`)(),
    }));
  }
  const override = { name: 'overrideReason', labelVi: 'Lý do phê duyệt dù còn cảnh báo (nếu có)', labelEn: 'reason to approve despite open obstacles (if any)', maxlength: 2000 };
  const note = { name: 'note', labelVi: 'Ghi chú', labelEn: 'note', maxlength: 2000 };
  if (can.approve) {
    forms.push(actionForm({
      key: 'approve', titleVi: 'Phê duyệt', titleEn: 'approve', buttonVi: 'Phê duyệt', buttonEn: 'approve', fields: [note, override],
      submit: (values) => transition('approve', values, `Đã phê duyệt ${dossier.code}.`, `Dossier ${dossier.code} approved.`)(),
    }));
    forms.push(actionForm({
      key: 'refuse', titleVi: 'Từ chối giải quyết', titleEn: 'refuse', buttonVi: 'Từ chối', buttonEn: 'refuse', secondary: true,
      fields: [{ name: 'reason', labelVi: 'Lý do', labelEn: 'reason', required: true, maxlength: 2000 }],
      submit: (values) => transition('refuse', values, `Đã từ chối ${dossier.code}.`, `Dossier ${dossier.code} refused.`)(),
    }));
  }
  if (can.sign && worksheet) {
    // Procedures with an electronic result are signed here; the plain sign-off is refused for them.
    forms.push(actionForm({
      key: 'sign', titleVi: 'Ký số kết quả', titleEn: 'sign the result', buttonVi: 'Ký số', buttonEn: 'sign',
      hintVi: 'Ký bằng chứng thư số của bạn do CA tỉnh cấp (JWS ES256).', hintEn: 'Signs with your certificate from the provincial CA (JWS ES256).',
      fields: [note, override],
      submit: async (values) => {
        const result = await call(path(dossier.code) + '/result/sign', { method: 'POST', body: { version: dossier.version, ...values } });
        await refreshAfter(dossier.code, `Đã ký kết quả ${result.id}.`, `Result ${result.id} signed.`);
      },
    }));
  } else if (can.sign) {
    forms.push(actionForm({
      key: 'approve_for_signature', titleVi: 'Ký duyệt', titleEn: 'sign off', buttonVi: 'Ký duyệt', buttonEn: 'sign off', fields: [note, override],
      submit: (values) => transition('approve_for_signature', values, `Đã ký duyệt ${dossier.code}.`, `Dossier ${dossier.code} signed off.`)(),
    }));
  }
  if (can.returnResult) {
    forms.push(actionForm({
      key: 'return_result', titleVi: 'Trả kết quả', titleEn: 'return the result', buttonVi: 'Trả kết quả', buttonEn: 'return the result',
      fields: [note, { name: 'paperCopy', kind: 'checkbox', labelVi: 'Công dân nhận thêm bản giấy', labelEn: 'the citizen also takes a paper copy' }],
      submit: (values) => transition('return_result', values, `Đã trả kết quả hồ sơ ${dossier.code}.`, `Result of ${dossier.code} returned.`)(),
    }));
  }
  if (!forms.length) {
    return el('p', { class: 'hint', 'data-testid': 'no-actions' },
      bi('Bạn không có thao tác nào ở bước này.', 'Your role has no action at this step.'));
  }
  return el('div', { class: 'actions-panel' }, el('h3', {}, bi('Thao tác', 'actions')), forms);
}

function assignForm(dossier, transition) {
  const select = el('select', { id: 'action-assign-assigneeId', name: 'assigneeId', required: true, 'data-testid': 'action-assign-assigneeId' },
    el('option', { value: '' }, '…'));
  call('/officials?role=specialist').then((officials) => {
    show(select, officials.map((specialist) => el('option', { value: specialist.id }, `${specialist.fullName} (${specialist.username})`)));
  }).catch((error) => showError(errors, error));
  return actionForm({
    key: 'assign', titleVi: 'Giao chuyên viên xử lý', titleEn: 'assign a specialist', buttonVi: 'Giao', buttonEn: 'assign',
    fields: [{ name: 'assigneeId', labelVi: 'Chuyên viên', labelEn: 'specialist', control: select }],
    submit: (values) => transition('assign', values, `Đã giao hồ sơ ${dossier.code}.`, `Dossier ${dossier.code} assigned.`)(),
  });
}

/** One action as a small form: labelled fields, its own place for the server's refusal, one button.
 * Fields: `{ name, labelVi, labelEn, required, maxlength, minlength, kind: 'checkbox', control }`; `before`:
 * nodes shown above them (whose values the submit function reads itself). */
function actionForm({ key, titleVi, titleEn, hintVi, hintEn, before, fields, buttonVi, buttonEn, secondary, submit }) {
  const problems = el('div', { 'aria-live': 'assertive' });
  const controls = fields.map((field) => {
    const id = `action-${key}-${field.name}`;
    if (field.control) return { field, input: field.control, nodes: [el('label', { for: id }, bi(field.labelVi, field.labelEn)), field.control] };
    if (field.kind === 'checkbox') {
      const input = el('input', { id, name: field.name, type: 'checkbox', class: 'checkbox', 'data-testid': id });
      return { field, input, nodes: [el('label', { for: id, class: 'check' }, input, bi(field.labelVi, field.labelEn))] };
    }
    const input = el('textarea', {
      id, name: field.name, required: field.required, maxlength: field.maxlength, minlength: field.minlength, 'data-testid': id,
    });
    return { field, input, nodes: [el('label', { for: id }, bi(field.labelVi, field.labelEn)), input] };
  });
  const button = el('button', { type: 'submit', class: secondary ? 'secondary' : undefined, 'data-testid': `action-${key}` }, bi(buttonVi, buttonEn));
  const onsubmit = async (event) => {
    event.preventDefault();
    show(problems);
    const values = {};
    for (const { field, input } of controls) {
      if (field.kind === 'checkbox') values[field.name] = input.checked;
      else if (input.value.trim()) values[field.name] = input.value.trim();
    }
    button.disabled = true;
    try {
      await submit(values);
    } catch (error) {
      showError(problems, error);
    } finally {
      button.disabled = false;
    }
  };
  return el('form', { class: 'action', id: `action-${key}`, onsubmit },
    el('h4', {}, bi(titleVi, titleEn)), hintVi ? el('p', { class: 'hint' }, bi(hintVi, hintEn)) : null,
    before, controls.map((item) => item.nodes), problems, button);
}

$('refresh').addEventListener('click', () => loadWorkqueue());
$('refresh-queue').addEventListener('click', loadQueue);
