// The counter tablet: the reception officer signs in and enters the code of a dossier whose result was just
// returned; the applicant taps a level. The rating is recorded with the officer's id (rateDossierAtCounter).
import { officialSession, bi, show, showError, showMessage } from './api.js';
import { levelButtons } from './satisfaction.js';

const $ = (id) => document.getElementById(id);
const errors = $('rating-error');

const session = officialSession({
  errors,
  enter: async (official) => {
    show($('official'), bi(`${official.fullName} — ${official.agencyId}`, official.role));
    $('tablet').classList.remove('hidden');
  },
  leave: () => $('tablet').classList.add('hidden'),
});

$('dossier-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = $('dossier-code').value.trim();
  if (!code) return;
  show($('rating-outcome'));
  show($('levels-dossier'), bi(`Hồ sơ ${code}`, `dossier ${code}`));
  show($('levels'), levelButtons({
    testid: 'counter-rate',
    send: (level, comment) => session.call(`/dossiers/${encodeURIComponent(code)}/rating`, { method: 'POST', body: { level, comment } }),
    onDone: (rating) => {
      $('levels-card').classList.add('hidden');
      $('dossier-code').value = '';
      showMessage($('rating-outcome'), 'ok', `Cảm ơn ông/bà: ${rating.labelVi}.`, `Thank you: ${rating.labelEn}.`);
    },
    onError: (error) => showError($('rating-outcome'), error),
  }));
  $('levels-card').classList.remove('hidden');
});
