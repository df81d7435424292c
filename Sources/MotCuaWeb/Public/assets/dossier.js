// A dossier as both the counter and the citizen portal show it: the facts, each component with its
// state and reference, the discrepancy flags and the hash-chained history.
import {
  bi, componentStates, el, flagBox, formatDate, formatDateTime, label, stepLabels, statusLabel, table,
} from './api.js';

/** The facts, components and flags of a dossier. */
export function dossierView(dossier) {
  const facts = el('dl', { class: 'facts' },
    el('dt', {}, bi('Mã hồ sơ', 'dossier code')), el('dd', {}, el('strong', { 'data-testid': 'dossier-code' }, dossier.code)),
    el('dt', {}, bi('Thủ tục', 'procedure')), el('dd', {}, dossier.procedureCode),
    el('dt', {}, bi('Người nộp', 'applicant')), el('dd', {}, `${dossier.applicant.fullName} (${dossier.applicant.citizenId})`),
    el('dt', {}, bi('Trạng thái', 'status')), el('dd', {}, statusLabel(dossier.status)),
    el('dt', {}, bi('Bước', 'step')), el('dd', {}, label(stepLabels, dossier.step)),
    el('dt', {}, bi('Ngày nộp', 'submitted')), el('dd', {}, formatDateTime(dossier.submittedAt)),
    el('dt', {}, bi('Ngày hẹn trả', 'promised date')),
    el('dd', { 'data-testid': 'due-at' }, formatDateTime(dossier.dueAt),
      // Computed without the civil-service holiday notice of a year the period spans; recomputed when it is loaded.
      dossier.dueProvisional ? el('span', { class: 'provisional' }, ' — ', bi('tạm tính', 'provisional')) : null,
      dossier.overdue ? el('span', { class: 'overdue' }, ' — ', bi('quá hạn', 'overdue')) : null));
  const components = table('Thành phần hồ sơ', 'components',
    [['Giấy tờ', 'document'], ['Bắt buộc', 'required'], ['Tình trạng', 'state'], ['Nguồn', 'source'], ['Tham chiếu', 'reference']],
    dossier.components.map((component) => [
      bi(component.nameVi, component.nameEn),
      component.required ? bi('Có', 'yes') : bi('Không', 'no'),
      el('span', { class: 'badge state-' + component.state }, label(componentStates, component.state)),
      provenanceCell(component),
      component.reference || '—',
    ]));
  const flags = (dossier.flags || []).length
    ? el('div', {}, el('h3', {}, bi('Điểm cần lưu ý', 'flags')), dossier.flags.map(flagBox))
    : null;
  const verification = dossier.verification
    ? el('div', { class: 'message warn', role: 'status' },
      bi(`CSDL quốc gia chưa trả lời; hệ thống sẽ thử lại lúc ${formatDateTime(dossier.verification.nextAttemptAt)}.`,
        `A national database has not answered yet; the platform retries at ${formatDateTime(dossier.verification.nextAttemptAt)}.`))
    : null;
  return el('div', { class: 'dossier' }, facts, verification, components, flags);
}

// Where a satisfied component came from (once-only): fetched by the State, or supplied by the applicant.
const provenanceLabels = {
  registry: ['CSDL quốc gia', 'national database'],
  archive: ['Kho dữ liệu cá nhân', 'personal archive'],
  eform: ['Tờ khai điện tử', 'e-form'],
  scan: ['Bản quét', 'uploaded scan'],
  paper: ['Bản giấy', 'paper'],
};

/** The source of a component; a reused result names its type, number and date and links its verification page. */
function provenanceCell(component) {
  if (!component.provenance) return '—';
  const badge = el('span', { class: 'badge provenance-' + component.provenance, 'data-testid': 'provenance-' + component.code },
    label(provenanceLabels, component.provenance));
  const item = component.reusedItem;
  if (!item) return badge;
  const facts = [item.type, item.registerNumber ? `số ${item.registerNumber}` : null, item.issuedOn ? formatDate(item.issuedOn) : null]
    .filter(Boolean).join(', ');
  return el('span', {}, badge, ' ', el('a', { href: '/verify/' + encodeURIComponent(item.resultId), 'data-testid': 'reused-' + component.code }, facts));
}

/** The history entries, oldest first. */
export function historyTable(entries) {
  return table('Lịch sử xử lý', 'history',
    [['Thời điểm', 'when'], ['Thao tác', 'action'], ['Người thực hiện', 'by'], ['Bước sau', 'step after'], ['Ghi chú', 'note']],
    entries.map((entry) => [
      formatDateTime(entry.at), entry.action, `${entry.actorId} (${entry.actorRole})`,
      label(stepLabels, entry.stepAfter), entry.note || '—',
    ]));
}

/** One row per dossier for a list: code, procedure, status, step, promised date. */
export function summaryRows(items, open) {
  return items.map((item) => [
    open ? el('button', { type: 'button', class: 'secondary', onclick: () => open(item.code) }, item.code) : item.code,
    item.procedureCode,
    `${item.applicant.fullName}`,
    statusLabel(item.status),
    label(stepLabels, item.step),
    el('span', { class: item.overdue ? 'overdue' : undefined }, formatDate(item.dueAt)),
  ]);
}

export const summaryHeaders = [
  ['Mã hồ sơ', 'code'], ['Thủ tục', 'procedure'], ['Người nộp', 'applicant'], ['Trạng thái', 'status'], ['Bước', 'step'],
  ['Hẹn trả', 'promised date'],
];
