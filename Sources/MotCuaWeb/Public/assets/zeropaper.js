// The zero-paper score for leaders and the province's monitors: per procedure, agency and month, the share
// of required components the State fetched, of dossiers fully digitised and of results signed electronically.
// The server narrows the rows to the caller's scope; the CSV is fetched with the bearer token and saved.
import { ApiError, bi, el, show, showError, table } from './api.js';

function percent(share) {
  return share === undefined || share === null ? '—' : (share * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 }) + ' %';
}

function query(form) {
  const values = new URLSearchParams({ from: form.elements.from.value, to: form.elements.to.value });
  if (form.elements.procedure.value.trim()) values.set('procedure', form.elements.procedure.value.trim());
  return values.toString();
}

async function downloadCSV(path, token) {
  const response = await fetch('/api/v1' + path, { headers: { Accept: 'text/csv', Authorization: 'Bearer ' + token() } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, problem.detail || `Lỗi ${response.status} / error ${response.status}`);
  }
  const url = URL.createObjectURL(await response.blob());
  el('a', { href: url, download: 'zero-paper.csv' }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Wires the form `#zero-paper-form` to the table in `#zero-paper`. */
export function zeroPaperPanel({ call, token }) {
  const form = document.getElementById('zero-paper-form');
  const target = document.getElementById('zero-paper');
  // This month in Vietnam time, as the server groups dossiers (not the browser's time zone, nor UTC).
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).formatToParts(new Date());
  const month = `${parts.find((p) => p.type === 'year').value}-${parts.find((p) => p.type === 'month').value}`;
  if (!form.elements.from.value) form.elements.from.value = month.slice(0, 4) + '-01';
  if (!form.elements.to.value) form.elements.to.value = month;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const rows = await call('/reports/zero-paper?' + query(form));
      show(target, rows.length
        ? table('Theo tháng nộp (giờ Việt Nam)', 'by month of submission (Vietnam time)',
          [['Tháng', 'month'], ['Đơn vị', 'agency'], ['Thủ tục', 'procedure'], ['Nhà nước tự lấy', 'fetched by the State'],
            ['Người dân nộp', 'supplied'], ['Tỷ lệ tự lấy', 'fetched share'], ['Hồ sơ số hóa', 'digitised dossiers'],
            ['Kết quả điện tử', 'electronic results']],
          rows.map((row) => [row.month, row.agencyId, row.procedureCode,
            `${row.fetched} (CSDL ${row.registry}, kho ${row.archive})`,
            `${row.supplied} (e-form ${row.eform}, scan ${row.scan}, giấy ${row.paper})`,
            el('span', { 'data-testid': `fetched-share-${row.procedureCode}` }, percent(row.fetchedShare)),
            `${row.digitisedDossiers}/${row.dossiers} — ${percent(row.digitisationShare)}`,
            `${row.electronicResults}/${row.withResult} — ${percent(row.electronicResultShare)}`]))
        : el('p', {}, bi('Không có hồ sơ trong khoảng này.', 'No dossiers in this period.')));
    } catch (error) {
      showError(target, error);
    }
  });
  document.getElementById('zero-paper-csv').addEventListener('click', () =>
    downloadCSV('/reports/zero-paper.csv?' + query(form), token).catch((error) => showError(target, error)));
}
