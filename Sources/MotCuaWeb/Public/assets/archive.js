// The citizen's personal archive, a page at a time, and sharing its items: by a link (shown once, with a copy
// button) or with an agency, until a day; the list of shares with their access counts and a revoke button.
import { bi, el, formatDateTime, show, showError, showMessage, table } from './api.js';

const stateLabels = {
  valid: ['Còn hiệu lực', 'valid'],
  superseded: ['Đã được thay thế', 'superseded'],
  revoked: ['Đã thu hồi', 'revoked'],
  expired: ['Hết hiệu lực', 'expired'],
  stored: ['Đã lưu', 'stored'],
  active: ['Đang chia sẻ', 'active'],
};
const maximumDays = 90;
// Who digitised a scan, as the archive names it.
const digitisers = { official: ['Cán bộ số hóa', 'digitised by an officer'], citizen: ['Bạn tải lên', 'uploaded by you'] };

function issuer(item) {
  if (item.kind === 'document' && digitisers[item.issuer]) return bi(...digitisers[item.issuer]);
  return item.issuer || '—';
}

function stateBadge(state) {
  const [vi, en] = stateLabels[state] || [state, state];
  return el('span', { class: 'badge result-' + state, 'data-state': state }, bi(vi, en));
}

/** ISO date (Vietnam time) `days` from today. */
function isoDay(days) {
  const now = new Date(Date.now() + 7 * 3600 * 1000 + days * 86400 * 1000);
  return now.toISOString().slice(0, 10);
}

/**
 * Wires the archive and shares cards. `call` is the signed-in API function, `canShare` whether the account may
 * share (e-ID level 2), `onShared` runs after a share changes (to reload the access log).
 */
export function archivePanel({ call, canShare, onShared, archiveTarget, sharesTarget, shareTarget }) {
  let agencies = [];
  let items = [];

  async function loadArchive(cursor) {
    try {
      const page = await call('/citizen/archive?limit=20' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      items = cursor ? items.concat(page.items) : page.items;
      const rows = items.map((item) => [
        item.date,
        bi(item.nameVi, item.nameEn),
        stateBadge(item.state),
        issuer(item),
        item.dossierCode,
        canShare && (item.kind === 'document' || item.state === 'valid')
          ? el('button', { type: 'button', class: 'secondary', 'data-testid': 'archive-share', 'data-item': item.id, onclick: () => shareForm(item) },
            bi('Chia sẻ', 'share'))
          : '—',
      ]);
      const more = page.nextCursor
        ? el('button', { type: 'button', class: 'secondary', 'data-testid': 'archive-more', onclick: () => loadArchive(page.nextCursor) }, bi('Xem thêm', 'more'))
        : null;
      show(archiveTarget, rows.length
        ? [table('Kết quả và giấy tờ số hóa của tôi, mới nhất trước', 'my results and digitised documents, newest first',
          [['Ngày', 'date'], ['Loại', 'type'], ['Tình trạng', 'state'], ['Nơi cấp / số hóa', 'issuer'], ['Hồ sơ', 'dossier'], ['', '']], rows), more]
        : el('p', {}, bi('Kho dữ liệu của bạn chưa có gì.', 'Your archive is empty.')));
    } catch (error) {
      showError(archiveTarget, error);
    }
  }

  async function shareForm(item) {
    if (!agencies.length) {
      try { agencies = await call('/agencies'); } catch (error) { agencies = []; }
    }
    const until = el('input', { type: 'date', id: 'share-until', name: 'until', required: true, value: isoDay(7), min: isoDay(0), max: isoDay(maximumDays) });
    const label = el('input', { type: 'text', id: 'share-label', name: 'label', maxlength: '100', placeholder: 'Ngân hàng ABC' });
    const audience = el('select', { id: 'share-audience', name: 'audience' },
      el('option', { value: 'link' }, 'Đường liên kết / link'),
      el('option', { value: 'agency' }, 'Cơ quan nhà nước / an agency'));
    const agency = el('select', { id: 'share-agency', name: 'agencyId', disabled: true },
      agencies.map((a) => el('option', { value: a.id }, `${a.nameVi} (${a.id})`)));
    audience.addEventListener('change', () => { agency.disabled = audience.value !== 'agency'; });
    const result = el('div', { 'aria-live': 'polite' });
    const form = el('form', { 'data-testid': 'share-form' },
      el('p', {}, bi(`Chia sẻ: ${item.nameVi}`, `share: ${item.nameEn}`)),
      el('label', { for: 'share-audience' }, bi('Chia sẻ với', 'share with')), audience,
      el('label', { for: 'share-agency' }, bi('Cơ quan', 'agency')), agency,
      el('label', { for: 'share-label' }, bi('Người nhận (không bắt buộc)', 'recipient (optional)')), label,
      el('label', { for: 'share-until' }, bi(`Đến hết ngày (tối đa ${maximumDays} ngày)`, `until (at most ${maximumDays} days)`)), until,
      el('button', { type: 'submit', 'data-testid': 'share-submit' }, bi('Tạo chia sẻ', 'create the share')),
      result);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { kind: item.kind, itemId: item.id, audience: audience.value, until: until.value };
      if (audience.value === 'agency') body.agencyId = agency.value;
      if (label.value.trim()) body.label = label.value.trim();
      try {
        const created = await call('/citizen/shares', { method: 'POST', body });
        if (created.url) {
          const link = el('input', { type: 'text', readonly: true, value: created.url, 'data-testid': 'share-link', size: '60' });
          const copy = el('button', { type: 'button', class: 'secondary', onclick: () => navigator.clipboard && navigator.clipboard.writeText(created.url) },
            bi('Sao chép', 'copy'));
          show(result, el('div', { class: 'message ok', role: 'status' },
            bi('Đường liên kết chỉ hiển thị một lần này — hãy sao chép ngay.', 'The link is shown only this once: copy it now.'), link, copy));
        } else {
          showMessage(result, 'ok', 'Đã chia sẻ với cơ quan.', 'Shared with the agency.');
        }
        await loadShares();
        if (onShared) await onShared();
      } catch (error) {
        showError(result, error);
      }
    });
    show(shareTarget, form);
    shareTarget.classList.remove('hidden');
    until.focus();
  }

  async function loadShares() {
    try {
      const shares = await call('/citizen/shares');
      const rows = shares.map((share) => [
        bi(share.item.nameVi, share.item.nameEn),
        share.audience === 'link'
          ? bi('Đường liên kết' + (share.label ? `: ${share.label}` : ''), 'link')
          : bi(share.agencyNameVi || share.agencyId, share.agencyNameEn),
        formatDateTime(share.expiresAt),
        stateBadge(share.state),
        el('span', { 'data-testid': 'share-count' }, String(share.accessCount ?? 0)),
        share.state === 'active'
          ? el('button', { type: 'button', class: 'secondary', 'data-testid': 'share-revoke', onclick: () => revoke(share.id) }, bi('Thu hồi', 'revoke'))
          : '—',
      ]);
      show(sharesTarget, rows.length
        ? table('Những gì tôi đã chia sẻ, mới nhất trước', 'what I shared, newest first',
          [['Mục', 'item'], ['Với ai', 'with whom'], ['Hết hạn', 'ends'], ['Tình trạng', 'state'], ['Lượt mở', 'openings'], ['', '']], rows)
        : el('p', {}, bi('Bạn chưa chia sẻ gì.', 'You have not shared anything.')));
    } catch (error) {
      showError(sharesTarget, error);
    }
  }

  async function revoke(id) {
    try {
      await call(`/citizen/shares/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
      await loadShares();
    } catch (error) {
      showError(sharesTarget, error);
    }
  }

  return { loadArchive, loadShares };
}
