// Public status look-up: no sign-in, nothing personal in the answer.
import { api, ApiError, bi, el, formatDateTime, label, show, showError, stepLabels, statusLabel } from './api.js';

const form = document.getElementById('status-form');
const result = document.getElementById('status-result');
// The QR code on the printed forms opens this page with ?code=…; the citizen adds the four digits.
const linkedCode = new URLSearchParams(location.search).get('code');
if (linkedCode) form.code.value = linkedCode.slice(0, 60);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const code = form.code.value.trim();
  const last4 = form.last4.value.trim();
  if (!code || !/^[0-9]{4}$/.test(last4)) {
    show(result, el('div', { class: 'message error', role: 'alert' },
      bi('Nhập mã hồ sơ và đúng 4 chữ số cuối của số định danh.', 'Enter the dossier code and exactly four digits.')));
    return;
  }
  try {
    const status = await api(`/public/dossiers/${encodeURIComponent(code)}/status?idLast4=${last4}`);
    show(result, el('section', { class: 'card', 'data-testid': 'status-card' },
      el('h2', {}, bi(status.procedureNameVi, status.procedureNameEn)),
      el('dl', { class: 'facts' },
        el('dt', {}, bi('Mã hồ sơ', 'dossier code')), el('dd', {}, status.code),
        el('dt', {}, bi('Trạng thái', 'status')), el('dd', {}, statusLabel(status.status)),
        el('dt', {}, bi('Bước', 'step')), el('dd', {}, label(stepLabels, status.step)),
        el('dt', {}, bi('Ngày tiếp nhận', 'received')), el('dd', {}, formatDateTime(status.receivedAt)),
        el('dt', {}, bi('Ngày hẹn trả', 'promised date')), el('dd', {}, formatDateTime(status.dueAt),
          status.overdue ? el('span', { class: 'overdue' }, ' — ', bi('quá hạn', 'overdue')) : null),
        status.finishedAt ? [el('dt', {}, bi('Hoàn thành', 'finished')), el('dd', {}, formatDateTime(status.finishedAt))] : null)));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      show(result, el('div', { class: 'message error', role: 'alert', 'data-testid': 'status-not-found' },
        bi('Không tìm thấy hồ sơ với mã và 4 số cuối này. Kiểm tra lại giấy biên nhận.',
          'No dossier with this code and these four digits. Check your receipt.')));
    } else if (error instanceof ApiError && error.status === 429) {
      const wait = error.retryAfter ? ` (${error.retryAfter} s)` : '';
      show(result, el('div', { class: 'message warn', role: 'alert', 'data-testid': 'status-rate-limited' },
        bi(`Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau${wait}.`, `Too many look-ups. Please try again later${wait}.`),
        el('p', { class: 'hint' }, error.detail)));
    } else {
      showError(result, error);
    }
  }
});
