// Electronic results as the desk and the citizen portal show them: the signed result's facts, its state and
// what can be done with it (print, download the signed file, open the public verification page).
import { bi, downloadFile, el, formatDate, formatDateTime, label, openPrintable, table } from './api.js';

export const resultStates = {
  draft: ['Dự thảo, chưa ký', 'draft, not signed'],
  signed: ['Đã ký số', 'signed'],
  revoked: ['Đã thu hồi', 'revoked'],
  superseded: ['Đã được thay thế', 'superseded'],
};

export const resultTypes = {
  birth_certificate_extract: ['Trích lục khai sinh', 'birth certificate extract'],
  marriage_certificate: ['Giấy chứng nhận kết hôn', 'marriage certificate'],
  marital_status_certificate: ['Giấy xác nhận tình trạng hôn nhân', 'marital-status certificate'],
  divorce_extract: ['Trích lục ghi chú ly hôn', 'extract of a recorded divorce'],
  death_extract: ['Trích lục khai tử', 'death registration extract'],
  health_insurance_card: ['Thẻ bảo hiểm y tế', 'health-insurance card'],
  residence_confirmation: ['Xác nhận thông tin về cư trú', 'residence confirmation'],
  land_use_certificate: ['Giấy chứng nhận quyền sử dụng đất', 'land-use certificate'],
  household_business_registration: ['Giấy chứng nhận đăng ký hộ kinh doanh', 'household-business registration certificate'],
};

/** The result's register book and number, where the law keeps one. */
export function registerText(result) {
  if (!result.registerNumber) return '—';
  return result.registerBook ? `${result.registerNumber} (${result.registerBook})` : result.registerNumber;
}

/** The buttons and the link for a signed result; `onError` shows a refusal where the page shows errors. */
export function resultActions(result, token, onError) {
  const id = encodeURIComponent(result.id);
  const print = () => openPrintable(`/results/${id}/print`, token()).catch(onError);
  const download = () => downloadFile(`/results/${id}/jws`, 'application/jose', `${result.id}.jws`, token()).catch(onError);
  return el('div', { class: 'actions' },
    el('button', { type: 'button', class: 'secondary', 'data-testid': 'result-print', onclick: print },
      bi('In kết quả', 'print the result')),
    el('button', { type: 'button', class: 'secondary', 'data-testid': 'result-download', onclick: download },
      bi('Tải tệp kết quả đã ký (.jws)', 'download the signed file (.jws)')),
    el('a', { class: 'button secondary', href: `/verify/${id}`, target: '_blank', rel: 'noopener', 'data-testid': 'result-verify' },
      bi('Trang xác thực công khai', 'public verification page')));
}

/** The facts of one result, as a definition list. */
export function resultFacts(result) {
  return el('dl', { class: 'facts', 'data-testid': 'result-facts' },
    el('dt', {}, bi('Kết quả', 'result')), el('dd', {}, bi(result.nameVi, result.nameEn)),
    el('dt', {}, bi('Mã kết quả', 'result identifier')), el('dd', { 'data-testid': 'result-id' }, result.id),
    el('dt', {}, bi('Trạng thái', 'state')),
    el('dd', {}, el('span', { class: 'badge result-' + result.state, 'data-testid': 'result-state', 'data-state': result.state },
      label(resultStates, result.state))),
    el('dt', {}, bi('Số, quyển sổ', 'register number, book')), el('dd', {}, registerText(result)),
    el('dt', {}, bi('Cơ quan cấp', 'issuing agency')), el('dd', {}, result.issuingAgency.name),
    el('dt', {}, bi('Người ký', 'signed by')),
    el('dd', {}, result.signer ? `${result.signer.name}, ${result.signer.title}` : '—'),
    el('dt', {}, bi('Ngày cấp', 'issued on')), el('dd', {}, formatDate(result.issuedOn)),
    el('dt', {}, bi('Ký lúc', 'signed at')), el('dd', {}, formatDateTime(result.signedAt)),
    result.validUntil ? [el('dt', {}, bi('Có giá trị đến', 'valid until')), el('dd', {}, formatDate(result.validUntil))] : null,
    el('dt', {}, bi('Phiên bản', 'version')),
    el('dd', {}, String(result.version), result.supersedes ? ` (${result.supersedes} →)` : null,
      result.supersededBy ? el('span', {}, ' → ', result.supersededBy) : null),
    result.revokedAt ? [el('dt', {}, bi('Thu hồi lúc', 'revoked at')),
      el('dd', {}, `${formatDateTime(result.revokedAt)} — ${result.revocationReason || ''}`)] : null,
    el('dt', {}, bi('Đã trả cho công dân', 'delivered')),
    el('dd', {}, result.delivered ? bi('Có', 'yes') : bi('Chưa', 'not yet'),
      result.paperCopy ? el('span', {}, ' · ', bi('kèm bản giấy', 'with a paper copy')) : null),
    el('dt', {}, bi('Số lần được xác thực', 'times verified')), el('dd', {}, String(result.verifications)));
}

/** A table of results, one row each, with its actions. */
export function resultsTable(captionVi, captionEn, results, token, onError) {
  return table(captionVi, captionEn,
    [['Kết quả', 'result'], ['Số', 'number'], ['Cơ quan cấp', 'issuing agency'], ['Ngày cấp', 'issued on'],
      ['Trạng thái', 'state'], ['Thao tác', 'actions']],
    results.map((result) => [
      el('span', {}, bi(result.nameVi, result.nameEn), el('span', { class: 'hint', 'data-testid': 'result-id' }, result.id)),
      registerText(result),
      result.issuingAgency.name,
      formatDate(result.issuedOn),
      el('span', { class: 'badge result-' + result.state, 'data-testid': 'result-state', 'data-state': result.state },
        label(resultStates, result.state)),
      result.state === 'draft' ? '—' : resultActions(result, token, onError),
    ]));
}
