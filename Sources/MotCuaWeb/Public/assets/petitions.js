// The agency's queue of complaints and petitions (PAKN): due dates first, then the steps the officer may take
// (ask once for a supplement, answer, refuse, publish the answer with a summary free of personal data).
import { officialSession, bi, el, formatDate, formatDateTime, show, showError, table } from './api.js';

const $ = (id) => document.getElementById(id);
const errors = $('petitions-error');
const steps = {
  submitted: [['answer', 'Trả lời', 'answer'], ['request_supplement', 'Yêu cầu bổ sung', 'request a supplement'], ['refuse', 'Từ chối', 'refuse']],
  supplement_requested: [['refuse', 'Từ chối', 'refuse']],
  answered: [['publish', 'Công khai (nhập tóm tắt câu hỏi)', 'publish (type the summary of the question)']],
};

const session = officialSession({
  errors,
  enter: async (official) => {
    show($('official'), bi(`${official.fullName} — ${official.agencyId}`, official.role));
    $('queue-page').classList.remove('hidden');
    await load();
  },
  leave: () => $('queue-page').classList.add('hidden'),
});

function actions(petition) {
  const available = steps[petition.status] || [];
  if (!available.length) return '—';
  const choice = el('select', { 'aria-label': 'Thao tác / step', 'data-testid': 'petition-step' },
    available.map(([value, vi, en]) => el('option', { value }, `${vi} / ${en}`)));
  const text = el('textarea', { maxlength: '4000', rows: '3', 'aria-label': 'Nội dung / text', 'data-testid': 'petition-text' });
  const outcome = el('div', { 'aria-live': 'polite' });
  const send = el('button', {
    type: 'button', 'data-testid': 'petition-send',
    onclick: async () => {
      try {
        await session.call(`/petitions/${encodeURIComponent(petition.id)}/actions`, {
          method: 'POST', body: { action: choice.value, version: petition.version, text: text.value },
        });
        await load();
      } catch (error) {
        showError(outcome, error);
      }
    },
  }, bi('Gửi', 'send'));
  return el('div', {}, choice, text, send, outcome);
}

async function load() {
  const status = $('queue-status').value;
  try {
    const items = await session.call('/petitions' + (status ? `?status=${encodeURIComponent(status)}` : ''));
    show($('queue'), items.length
      ? table('Cũ nhất trước', 'oldest first',
        [['Ngày nhận', 'received'], ['Loại', 'category'], ['Hạn', 'due'], ['Nội dung', 'content'], ['Thao tác', 'step']],
        items.map((p) => [
          formatDateTime(p.receivedAt),
          p.category,
          el('span', { class: p.overdue ? 'overdue' : '', 'data-testid': 'petition-due' },
            p.nextDueAt ? formatDate(p.nextDueAt) : '—', p.overdue ? bi(' (quá hạn)', ' (overdue)') : null),
          el('div', {}, el('p', {}, p.content), p.supplement ? el('p', {}, bi('Bổ sung: ', 'supplement: '), p.supplement) : null,
            p.answer ? el('p', {}, bi('Trả lời: ', 'answer: '), p.answer) : null, p.dossierCode ? el('p', {}, p.dossierCode) : null),
          actions(p),
        ]))
      : el('p', {}, bi('Không có phản ánh, kiến nghị nào.', 'No complaints or petitions.')));
  } catch (error) {
    showError($('queue'), error);
  }
}

$('refresh-queue').addEventListener('click', load);
$('queue-status').addEventListener('change', load);
