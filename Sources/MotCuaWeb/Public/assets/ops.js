// The operations centre's wall screen: after an official's sign-in, the server-drawn panel (figures, SVG
// charts, lists) is fetched every few seconds and swapped in without reloading; a provincial monitor picks a
// unit. CSV buttons download a table, the monthly report opens as a printable page.
import { ApiError, bi, downloadFile, el, officialSession, openPrintable, show, showError } from './api.js';

const $ = (id) => document.getElementById(id);
const errors = $('ops-error');
/** How often the panel is fetched (the server computes it at most once a second for everyone). */
const refreshMilliseconds = 3000;
let timer = null;
let provincial = false;

const { token, call } = officialSession({
  errors,
  enter: async (official) => {
    show($('official'), bi(`${official.fullName} (${official.username})`));
    $('ops').classList.remove('hidden');
    const agencies = await call('/agencies');
    const own = agencies.find((agency) => agency.id === official.agencyId);
    provincial = own && (own.kind === 'service_centre' || own.kind === 'provincial_committee') && official.role === 'operations_monitor';
    $('scope-form').classList.toggle('hidden', !provincial);
    if (provincial && $('agency').options.length === 1) {
      for (const agency of agencies) $('agency').append(el('option', { value: agency.id }, agency.nameVi));
    }
    // The current month in Vietnam time (UTC+7, no daylight saving), whatever the screen's time zone.
    $('month').value = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 7);
    await refresh();
    timer = setInterval(() => { refresh(); }, refreshMilliseconds);
  },
  leave: () => {
    if (timer) clearInterval(timer);
    timer = null;
    $('ops').classList.add('hidden');
    show($('panel'));
  },
});

function scopeQuery(prefix) {
  const agency = provincial ? $('agency').value : '';
  return agency ? `${prefix}agency=${encodeURIComponent(agency)}` : '';
}

/** Fetches the panel fragment and swaps it in; the server escaped every value, the fragment has no script. */
async function refresh() {
  const current = token();
  if (!current) return;
  try {
    const response = await fetch('/api/v1/operations/panel' + scopeQuery('?'), {
      headers: { Accept: 'text/html', Authorization: 'Bearer ' + current },
    });
    const text = await response.text();
    if (!response.ok) {
      let detail = `Lỗi ${response.status} / error ${response.status}`;
      try { detail = JSON.parse(text).detail || detail; } catch (error) { /* not a problem document */ }
      if (response.status === 401) $('sign-out').click();
      throw new ApiError(response.status, detail);
    }
    const fragment = new DOMParser().parseFromString(text, 'text/html').body;
    $('panel').replaceChildren(...fragment.childNodes);
    $('panel').setAttribute('aria-busy', 'false');
    show($('freshness'), bi('Tự cập nhật mỗi 3 giây', 'updates every 3 seconds'));
    show(errors);
  } catch (error) {
    show($('freshness'), bi('Mất kết nối, đang thử lại', 'connection lost, retrying'));
    showError(errors, error);
  }
}

$('agency').addEventListener('change', () => { refresh(); });

$('panel').addEventListener('click', async (event) => {
  const button = event.target.closest('button.csv');
  if (!button) return;
  const table = button.dataset.table;
  try {
    await downloadFile(`/operations/export.csv?table=${encodeURIComponent(table)}${scopeQuery('&')}`, 'text/csv', `dieu-hanh-${table}.csv`, token());
  } catch (error) {
    showError(errors, error);
  }
});

$('report-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await openPrintable(`/reports/monthly?period=${encodeURIComponent($('month').value)}${scopeQuery('&')}`, token());
  } catch (error) {
    showError(errors, error);
  }
});

for (const button of document.querySelectorAll('button.csv-report')) {
  button.addEventListener('click', async () => {
    const table = button.dataset.table;
    try {
      await downloadFile(
        `/reports/monthly.csv?period=${encodeURIComponent($('month').value)}&table=${table}${scopeQuery('&')}`, 'text/csv',
        `bao-cao-${$('month').value}-${table}.csv`, token());
    } catch (error) {
      showError(errors, error);
    }
  });
}
