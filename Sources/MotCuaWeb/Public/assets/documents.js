// Scans of a dossier's components, for the counter and the citizen portal: a file input per component that
// uploads the file as it is (PDF, JPEG or PNG) and shows what the platform found (type, pages, size) or the
// precise reason it refused the file; and the list of scans already filed, each downloadable.
import { ApiError, answer, bi, el, formatDateTime, show } from './api.js';

/** Sends one file to the upload endpoint; returns the document's metadata or throws ApiError. */
export async function uploadScan(code, component, file, token) {
  const headers = { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const path = `/api/v1/dossiers/${encodeURIComponent(code)}/components/${encodeURIComponent(component)}/documents`
    + '?fileName=' + encodeURIComponent(file.name);
  let response;
  try {
    response = await fetch(path, { method: 'POST', headers, body: file });
  } catch (error) {
    throw new ApiError(0, 'Không kết nối được máy chủ / the server cannot be reached');
  }
  return answer(response);
}

/** Size in words: "2,4 MB". */
export function formatSize(bytes) {
  if (bytes >= 1048576) return (bytes / 1048576).toLocaleString('vi-VN', { maximumFractionDigits: 1 }) + ' MB';
  if (bytes >= 1024) return Math.round(bytes / 1024) + ' KB';
  return bytes + ' B';
}

/** What the platform found in a filed scan, in words. */
export function describeScan(document) {
  const kind = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' }[document.mediaType] || document.mediaType;
  const pixels = document.width ? `, ${document.width} × ${document.height} px` : '';
  return bi(`Đã nhận ${kind}, ${document.pages} trang, ${formatSize(document.size)}${pixels}.`,
    `Filed: ${kind}, ${document.pages} page(s), ${formatSize(document.size)}${pixels}.`);
}

/** Downloads a scan with the bearer token (a plain link could not send it) and hands it to the browser. */
async function download(code, document, token) {
  const response = await fetch(`/api/v1/dossiers/${encodeURIComponent(code)}/documents/${encodeURIComponent(document.id)}`,
    { headers: token ? { Authorization: 'Bearer ' + token } : {} });
  if (!response.ok) throw new ApiError(response.status, `Lỗi ${response.status} / error ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: `${document.component}-${document.id.slice(0, 8)}` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * The upload panel of a dossier: one file input per component, each answering in its own live region, and
 * the scans already filed. `onFiled` runs after a successful upload (to reload the dossier).
 */
export function scanPanel(dossier, { token, onFiled, onlyWhatTheStateLacks = false } = {}) {
  const list = el('div', { 'aria-live': 'polite' });
  const refreshList = async () => {
    try {
      const response = await fetch(`/api/v1/dossiers/${encodeURIComponent(dossier.code)}/documents`,
        { headers: { Accept: 'application/json', Authorization: 'Bearer ' + token() } });
      const documents = response.ok ? await response.json() : [];
      show(list, documents.length
        ? el('ul', { class: 'scans' }, documents.map((document) => el('li', {},
          `${document.component}: `, describeScan(document), ` ${formatDateTime(document.digitisedAt)} `,
          el('button', { type: 'button', class: 'secondary', onclick: () => download(dossier.code, document, token()).catch(() => {}) },
            bi('Tải về', 'download')))))
        : el('p', { class: 'hint' }, bi('Chưa có bản quét nào.', 'No scans filed yet.')));
    } catch (error) {
      show(list);
    }
  };
  // Once-only: the applicant is never asked for what the State fetches or their archive already holds.
  const asked = onlyWhatTheStateLacks
    ? dossier.components.filter((component) => !['from_registry', 'reused', 'pending_verification'].includes(component.state))
    : dossier.components;
  const rows = asked.length ? asked.map((component) => {
    const id = `scan-${dossier.code}-${component.code}`.replace(/[^A-Za-z0-9_-]/g, '-');
    const result = el('div', { 'aria-live': 'polite', 'data-testid': 'scan-result-' + component.code });
    const input = el('input', {
      id, type: 'file', accept: 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png',
      'data-testid': 'scan-input-' + component.code,
      onchange: async (event) => {
        const file = event.target.files[0];
        if (!file) return;
        show(result, el('p', { class: 'hint' }, bi(`Đang tải lên ${file.name}…`, `uploading ${file.name}…`)));
        try {
          const document = await uploadScan(dossier.code, component.code, file, token());
          show(result, el('div', { class: 'message ok', role: 'status' }, describeScan(document)));
          await refreshList();
          if (onFiled) await onFiled(document);
        } catch (error) {
          const detail = error instanceof ApiError ? error.detail : String(error);
          show(result, el('div', { class: 'message error', role: 'alert' }, detail));
        } finally {
          event.target.value = '';
        }
      },
    });
    return el('div', { class: 'scan-row' },
      el('label', { for: id }, bi(`Bản quét: ${component.nameVi}`, `scan of: ${component.nameEn}`)), input, result);
  }) : el('p', { 'data-testid': 'nothing-to-upload' }, bi('Không cần tải lên giấy tờ nào.', 'Nothing to upload.'));
  refreshList();
  return el('section', { class: 'scans-panel', 'aria-label': 'Bản quét / scans' },
    el('h3', {}, bi('Bản quét thành phần hồ sơ (PDF, JPEG, PNG)', 'scanned components (PDF, JPEG, PNG)')), rows,
    el('h4', {}, bi('Đã nộp', 'filed')), list);
}
