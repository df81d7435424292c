// Shared by every page: calls to the JSON API, problem details, safe DOM building and Vietnamese labels.
// Data from the API is only ever put into the page as text nodes, never as HTML, so a name or a note
// cannot inject markup.

/** An API answer that was not 2xx, carrying the problem's `detail` to show the user. */
export class ApiError extends Error {
  constructor(status, detail, field, retryAfter) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

/** Calls `/api/v1{path}`; returns the parsed JSON or throws ApiError with the problem's detail. */
export async function api(path, { method = 'GET', body, token, idempotencyKey, waitSeconds } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = 'Bearer ' + token;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  // RFC 7240: let the platform fetch the national data before it answers, so the receipt shows it.
  if (waitSeconds) headers.Prefer = 'wait=' + waitSeconds;
  let response;
  try {
    response = await fetch('/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, 'Không kết nối được máy chủ / the server cannot be reached');
  }
  return answer(response);
}

/** The parsed JSON of a 2xx answer; otherwise throws ApiError with the problem's detail. */
export async function answer(response) {
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (error) { data = null; }
  if (!response.ok) {
    const detail = (data && (data.detail || data.title)) || `Lỗi ${response.status} / error ${response.status}`;
    throw new ApiError(response.status, detail, data && data.field, response.headers.get('Retry-After'));
  }
  return data;
}

/** `api` with the page's current token; a 401 (expired or revoked token) signs the page out, rather than
 * leaving every button failing, and is still reported to the caller. Only when the refused token is still the
 * current one: a request of a session already ended must not sign out the one that replaced it. */
export function signedInApi(currentToken, signOut) {
  return async (path, options = {}) => {
    const token = currentToken();
    try {
      return await api(path, { ...options, token });
    } catch (error) {
      if (error.status === 401 && currentToken() === token) signOut();
      throw error;
    }
  };
}

/** Ends the session on the server, so the token stops working everywhere, not only in this tab.
 * Best effort: the page forgets the token whatever the answer. */
export async function endSession(token) {
  if (!token) return;
  try { await api('/auth/sign-out', { method: 'POST', token }); } catch (error) { /* already ended or offline */ }
}

/** A fresh key so that a retried submission does not create a second dossier. */
export function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Builds an element; strings and numbers become text nodes, arrays (at any depth) their items, `null`/`undefined` children are skipped. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Vietnamese text with its English under it. */
export function bi(vi, en) {
  const fragment = document.createDocumentFragment();
  fragment.append(document.createTextNode(vi));
  if (en) fragment.append(el('span', { class: 'en', lang: 'en' }, en));
  return fragment;
}

/** Replaces a container's content. */
export function show(container, ...children) {
  container.replaceChildren(...children.flat(Infinity).filter((child) => child !== undefined && child !== null));
}

/** Shows an error (an ApiError's detail, or anything else) in a container that announces itself. */
export function showError(container, error) {
  const detail = error instanceof ApiError ? error.detail : 'Lỗi không xác định / unexpected error: ' + error;
  show(container, el('div', { class: 'message error', role: 'alert' }, detail));
  container.classList.remove('hidden');
}

export function showMessage(container, kind, vi, en) {
  show(container, el('div', { class: 'message ' + kind, role: 'status' }, bi(vi, en)));
  container.classList.remove('hidden');
}

const zone = 'Asia/Ho_Chi_Minh';

/** A calendar date (`yyyy-MM-dd`) or an instant, as a Vietnamese date. */
export function formatDate(value) {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  return new Intl.DateTimeFormat('vi-VN', { timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(value));
}

/** An instant in Vietnam time, to the minute. */
export function formatDateTime(value) {
  if (!value) return '—';
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(new Date(value));
}

export const stepLabels = {
  receipt: ['Tiếp nhận', 'receipt'],
  appraisal: ['Thẩm định', 'appraisal'],
  approval: ['Phê duyệt', 'approval'],
  signature: ['Ký duyệt', 'signature'],
  delivery: ['Trả kết quả', 'result delivery'],
};

export const statusEnglish = {
  submitted: 'submitted', received: 'received', not_received: 'not received', in_process: 'in process',
  supplement_requested: 'supplement requested', payment_requested: 'payment requested', withdrawn: 'withdrawn',
  stopped: 'stopped', done: 'done', returned: 'result returned',
};

export const componentStates = {
  from_registry: ['Lấy từ CSDL quốc gia', 'from national data'],
  pending_verification: ['Đang chờ xác minh', 'pending verification'],
  missing: ['Còn thiếu', 'missing'],
  provided: ['Đã nộp', 'provided'],
  not_applicable: ['Không áp dụng', 'not applicable'],
};

export const registryLabels = {
  population: ['CSDL quốc gia về dân cư', 'population register'],
  civil_status: ['CSDL hộ tịch', 'civil-status database'],
  social_insurance: ['CSDL bảo hiểm xã hội', 'social insurance'],
  land: ['CSDL đất đai', 'land'],
  tax: ['CSDL thuế', 'tax'],
  business: ['CSDL đăng ký kinh doanh', 'business registration'],
};

/** A labelled pair from one of the tables above, falling back to the raw value. */
export function label(table, key) {
  const pair = table[key];
  return pair ? bi(pair[0], pair[1]) : document.createTextNode(key || '—');
}

/** A dossier's status as the API labels it, with the English name under it. */
export function statusLabel(status) {
  return bi(status.labelVi, statusEnglish[status.name] || status.name);
}

/** A discrepancy the national databases revealed, highlighted. */
export function flagBox(flag) {
  const serious = flag.kind === 'person_deceased' || flag.kind === 'not_in_population_register';
  return el('div', { class: serious ? 'flag serious' : 'flag', role: 'note' },
    el('strong', {}, '⚠ '), bi(flag.messageVi, flag.messageEn),
    el('span', { class: 'hint' }, `${flag.subject} · `, label(registryLabels, flag.registry)));
}

/** A table with a caption, header cells and rows of cells (each cell a node or text). */
export function table(captionVi, captionEn, headers, rows) {
  return el('div', { class: 'table-wrap' },
    el('table', {},
      el('caption', {}, bi(captionVi, captionEn)),
      el('thead', {}, el('tr', {}, headers.map(([vi, en]) => el('th', { scope: 'col' }, bi(vi, en))))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((cell) => el('td', {}, cell)))))));
}

/** Fetches a document of the API that needs the bearer token (a printable page, a signed file); returns its
 * text, or throws ApiError with the problem's detail. */
async function fetchDocument(path, accept, token) {
  let response;
  try {
    response = await fetch('/api/v1' + path, { headers: { Accept: accept, Authorization: 'Bearer ' + token } });
  } catch (error) {
    throw new ApiError(0, 'Không kết nối được máy chủ / the server cannot be reached');
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = `Lỗi ${response.status} / error ${response.status}`;
    try { detail = JSON.parse(text).detail || detail; } catch (error) { /* not a problem document */ }
    throw new ApiError(response.status, detail);
  }
  return text;
}

/** Opens a printable page of the API in a new tab. The page needs the bearer token, so it is fetched here and
 * shown from a blob URL; its stylesheet is the site's own /assets/forms.css. The tab is opened before the
 * fetch, while the click still counts as the user's, so that no popup blocker stops it. */
export async function openPrintable(path, token) {
  const tab = window.open('', '_blank');
  let text;
  try {
    text = await fetchDocument(path, 'text/html', token);
  } catch (error) {
    if (tab) tab.close();
    throw error;
  }
  const url = URL.createObjectURL(new Blob([text], { type: 'text/html;charset=utf-8' }));
  if (tab) tab.location.href = url; else window.open(url, '_blank');
}

/** Opens a printable form (Circular 03/2025) of a dossier in a new tab. */
export function openForm(code, form, token) {
  return openPrintable(`/dossiers/${encodeURIComponent(code)}/forms/${form}`, token);
}

/** Saves a file of the API that needs the bearer token under `fileName` (through a blob URL and a download link). */
export async function downloadFile(path, accept, fileName, token) {
  const text = await fetchDocument(path, accept, token);
  const url = URL.createObjectURL(new Blob([text], { type: accept }));
  const link = el('a', { href: url, download: fileName, class: 'hidden' });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the browser reads the blob after the click has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** The officials' sign-in form, the same on every page that has one. */
function signInForm() {
  return [
    el('h2', {}, bi('Đăng nhập cán bộ', 'Official sign-in')),
    el('form', { id: 'sign-in-form' },
      el('label', { for: 'username' }, bi('Tên đăng nhập', 'Username')),
      el('input', { id: 'username', name: 'username', required: true, autocomplete: 'username', spellcheck: 'false' }),
      el('label', { for: 'password' }, bi('Mật khẩu', 'Password')),
      el('input', { id: 'password', name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
      el('button', { type: 'submit' }, bi('Đăng nhập', 'Sign in'))),
  ];
}

/** An official's session in this tab, shared by the counter and the desk: the sign-in form (put into
 * `#sign-in-card`), the token in sessionStorage (it ends with the tab, which suits a shared counter computer),
 * the sign-out button, `#official` (emptied on sign-out) and the API calls made with the token.
 * `enter(official)` shows the signed-in page; `leave()` hides it again. */
export function officialSession({ errors, enter, leave }) {
  const tokenKey = 'motcua.official.token';
  const token = () => sessionStorage.getItem(tokenKey);
  const signOut = () => {
    sessionStorage.removeItem(tokenKey);
    show(document.getElementById('official'));
    document.getElementById('sign-in-card').classList.remove('hidden');
    leave();
  };
  const call = signedInApi(token, signOut);
  show(document.getElementById('sign-in-card'), signInForm());
  const start = async () => {
    const official = await call('/me');
    document.getElementById('sign-in-card').classList.add('hidden');
    await enter(official);
  };
  document.getElementById('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    show(errors);
    const form = event.target;
    try {
      const answer = await api('/auth/sign-in', { method: 'POST', body: { username: form.username.value.trim(), password: form.password.value } });
      sessionStorage.setItem(tokenKey, answer.token);
      form.password.value = '';
      await start();
    } catch (error) {
      showError(errors, error);
    }
  });
  document.getElementById('sign-out').addEventListener('click', () => { endSession(token()); signOut(); });
  if (token()) start().catch((error) => { signOut(); showError(errors, error); });
  return { token, call };
}
