// Ratings and complaints/petitions (PAKN) on the citizen portal, and the level buttons of the counter tablet.
// Everything from the API goes into the page as text nodes (see api.js).
import { ApiError, bi, el, formatDate, formatDateTime, show, showError, showMessage, table } from './api.js';

/** The national five-level scale, best first (labels and source: satisfaction-rules.json on the server). */
export const levels = [
  [5, 'Rất hài lòng', 'Very satisfied'],
  [4, 'Hài lòng', 'Satisfied'],
  [3, 'Bình thường', 'Neutral'],
  [2, 'Không hài lòng', 'Dissatisfied'],
  [1, 'Rất không hài lòng', 'Very dissatisfied'],
];

const categories = [
  ['regulation', 'Quy định hành chính', 'Administrative regulations'],
  ['procedure', 'Giải quyết thủ tục hành chính', 'Handling of administrative procedures'],
  ['conduct', 'Hành vi, thái độ của cán bộ, công chức', 'Officials\u2019 conduct and attitude'],
];

const statuses = {
  submitted: ['Đang xử lý', 'being handled'],
  supplement_requested: ['Cần bổ sung', 'supplement requested'],
  answered: ['Đã trả lời', 'answered'],
  refused: ['Từ chối tiếp nhận', 'refused'],
  published: ['Đã công khai trả lời', 'answer published'],
};

/** The five level buttons with a comment box; `send(level, comment)` records the rating. */
export function levelButtons({ send, onDone, onError, testid = 'rate' }) {
  const comment = el('textarea', { id: testid + '-comment', maxlength: '1000', rows: '2' });
  const buttons = levels.map(([level, vi, en]) => el('button', {
    type: 'button', class: level <= 2 ? 'secondary' : '', 'data-testid': `${testid}-level-${level}`,
    onclick: async () => {
      try {
        const rating = await send(level, comment.value.trim() || undefined);
        onDone(rating);
      } catch (error) {
        onError(error);
      }
    },
  }, bi(vi, en)));
  return el('div', { class: 'rating-levels' },
    el('label', { for: testid + '-comment' }, bi('Góp ý (không bắt buộc)', 'comment (optional)')), comment,
    el('div', { class: 'toolbar' }, buttons));
}

/** The citizen's rating card (dossiers with a returned result) and PAKN card (file, follow, supplement, feedback). */
export function satisfactionPanel({ call, ratingTarget, petitionsTarget }) {
  async function loadRatable() {
    try {
      const page = await call('/dossiers?limit=50&status=returned');
      if (!page.items.length) {
        show(ratingTarget, el('p', {}, bi('Chưa có hồ sơ nào đã trả kết quả để đánh giá.', 'No dossier with a returned result to rate yet.')));
        return;
      }
      const select = el('select', { id: 'rate-dossier', 'data-testid': 'rate-dossier' },
        page.items.map((item) => el('option', { value: item.code }, `${item.code} — ${item.procedureNameVi || item.procedureCode}`)));
      const outcome = el('div', { 'aria-live': 'polite' });
      show(ratingTarget,
        el('label', { for: 'rate-dossier' }, bi('Hồ sơ', 'dossier')), select,
        levelButtons({
          send: (level, comment) => call(`/citizen/dossiers/${encodeURIComponent(select.value)}/rating`, { method: 'POST', body: { level, comment } }),
          onDone: (rating) => showMessage(outcome, 'ok', `Cảm ơn bạn đã đánh giá hồ sơ ${rating.dossierCode}: ${rating.labelVi}.`,
            `Thank you for rating dossier ${rating.dossierCode}: ${rating.labelEn}.`),
          onError: (error) => showError(outcome, error),
        }),
        outcome);
    } catch (error) {
      showError(ratingTarget, error);
    }
  }

  function petitionRow(petition, reload) {
    const actions = [];
    const outcome = el('div', { 'aria-live': 'polite' });
    const respond = async (body) => {
      try {
        await call(`/citizen/petitions/${encodeURIComponent(petition.id)}/response`, { method: 'POST', body: { ...body, version: petition.version } });
        await reload();
      } catch (error) {
        showError(outcome, error);
      }
    };
    if (petition.status === 'supplement_requested') {
      const text = el('textarea', { maxlength: '4000', rows: '2', 'aria-label': 'Nội dung bổ sung / supplement' });
      actions.push(text, el('button', { type: 'button', onclick: () => respond({ action: 'supplement', text: text.value }) }, bi('Gửi bổ sung', 'send supplement')));
    }
    if ((petition.status === 'answered' || petition.status === 'published') && petition.satisfied === undefined) {
      actions.push(
        el('button', { type: 'button', onclick: () => respond({ action: 'feedback', satisfied: true }) }, bi('Hài lòng với trả lời', 'satisfied with the answer')),
        el('button', { type: 'button', class: 'secondary', onclick: () => respond({ action: 'feedback', satisfied: false }) }, bi('Không hài lòng', 'not satisfied')));
    }
    const category = categories.find(([id]) => id === petition.category) || [petition.category, petition.category, petition.category];
    const status = statuses[petition.status] || [petition.status, petition.status];
    return [
      formatDateTime(petition.receivedAt),
      bi(category[1], category[2]),
      el('span', { 'data-testid': 'petition-status' }, bi(status[0], status[1])),
      petition.nextDueAt ? formatDate(petition.nextDueAt) : '—',
      el('div', {}, el('p', {}, petition.content),
        petition.supplementRequest ? el('p', {}, bi('Yêu cầu bổ sung: ', 'supplement requested: '), petition.supplementRequest) : null,
        petition.answer ? el('p', { 'data-testid': 'petition-answer' }, bi('Trả lời: ', 'answer: '), petition.answer) : null,
        petition.refusalReason ? el('p', {}, bi('Lý do từ chối: ', 'reason for refusal: '), petition.refusalReason) : null,
        actions, outcome),
    ];
  }

  async function loadPetitions() {
    let known = [];
    try { known = await call('/agencies'); } catch (error) { showError(petitionsTarget, error); return; }
    const list = el('div', { 'aria-live': 'polite' });
    const outcome = el('div', { 'aria-live': 'polite' });
    const category = el('select', { id: 'petition-category', 'data-testid': 'petition-category' },
      categories.map(([id, vi]) => el('option', { value: id }, vi)));
    const agency = el('select', { id: 'petition-agency' }, known.map((a) => el('option', { value: a.id }, a.nameVi)));
    const dossier = el('input', { id: 'petition-dossier', maxlength: '40', autocomplete: 'off' });
    const content = el('textarea', { id: 'petition-content', 'data-testid': 'petition-content', maxlength: '4000', rows: '4', required: true });
    const form = el('form', { id: 'petition-form' },
      el('label', { for: 'petition-category' }, bi('Loại', 'category')), category,
      el('label', { for: 'petition-agency' }, bi('Cơ quan', 'agency')), agency,
      el('label', { for: 'petition-dossier' }, bi('Mã hồ sơ liên quan (không bắt buộc)', 'related dossier code (optional)')), dossier,
      el('label', { for: 'petition-content' }, bi('Nội dung', 'content')), content,
      el('p', { class: 'hint' }, bi('Nội dung của bạn không được công khai; nếu trả lời được công khai, cán bộ tóm tắt câu hỏi và bỏ thông tin cá nhân.',
        'Your text is never published; if the answer is published, the officer summarises the question without personal data.')),
      el('button', { type: 'submit', 'data-testid': 'petition-submit' }, bi('Gửi phản ánh, kiến nghị', 'file the complaint or petition')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const body = { category: category.value, content: content.value };
        if (dossier.value.trim()) body.dossierCode = dossier.value.trim(); else body.agencyId = agency.value;
        const petition = await call('/citizen/petitions', { method: 'POST', body });
        content.value = '';
        showMessage(outcome, 'ok', `Đã tiếp nhận; hạn trả lời ${formatDate(petition.handlingDueAt)}.`, `Received; answer due by ${formatDate(petition.handlingDueAt)}.`);
        await reload();
      } catch (error) {
        showError(outcome, error);
      }
    });
    const reload = async () => {
      try {
        const petitions = await call('/citizen/petitions');
        show(list, petitions.length
          ? table('Phản ánh, kiến nghị của tôi', 'my complaints and petitions',
            [['Ngày gửi', 'filed'], ['Loại', 'category'], ['Trạng thái', 'status'], ['Hạn', 'due'], ['Nội dung', 'content']],
            petitions.map((p) => petitionRow(p, reload)))
          : el('p', {}, bi('Bạn chưa gửi phản ánh, kiến nghị nào.', 'You have not filed any complaint or petition.')));
      } catch (error) {
        showError(list, error);
      }
    };
    show(petitionsTarget, form, outcome, list);
    await reload();
  }

  return { loadRatable, loadPetitions };
}

export { ApiError };
