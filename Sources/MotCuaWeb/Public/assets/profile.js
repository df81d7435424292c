// The counter's view of a person from the national databases: identity, residence, marital status,
// civil-status registrations, and what does not add up (flags, card-versus-register differences).
import { bi, el, flagBox, formatDate, formatDateTime, label, registryLabels, table } from './api.js';

const sexes = { male: ['Nam', 'male'], female: ['Nữ', 'female'] };
const maritalEnglish = { single: 'single', married: 'married', divorced: 'divorced', widowed: 'widowed' };
const registrationKinds = {
  birth: ['Khai sinh', 'birth'], marriage: ['Kết hôn', 'marriage'], divorce: ['Ly hôn', 'divorce'], death: ['Khai tử', 'death'],
};

function fact(vi, en, value) {
  if (value === undefined || value === null || value === '') return null;
  return [el('dt', {}, bi(vi, en)), el('dd', {}, value)];
}

/** The profile as a definition list, the registrations as a table, problems highlighted above both. */
export function profileView(profile) {
  const warnings = [];
  if (profile.scan && !profile.scan.matchesRegister) {
    warnings.push(el('div', { class: 'flag serious', role: 'note', 'data-testid': 'scan-differences' },
      el('strong', {}, bi('Thông tin in trên thẻ khác với CSDL dân cư:', 'The card differs from the population register:')),
      el('ul', {}, profile.scan.differences.map((difference) => el('li', {}, difference)))));
  }
  if (profile.deceasedOn) {
    warnings.push(el('div', { class: 'flag serious', role: 'note' },
      bi(`CSDL ghi nhận người này đã chết ngày ${formatDate(profile.deceasedOn)}.`, 'The register records this person as deceased.')));
  }
  for (const registry of profile.unavailable || []) {
    warnings.push(el('div', { class: 'message warn', role: 'note' },
      bi('Không lấy được dữ liệu từ: ', 'No answer from: '), label(registryLabels, registry)));
  }
  const facts = el('dl', { class: 'facts', 'data-testid': 'profile-facts' },
    fact('Họ và tên', 'full name', el('strong', { 'data-testid': 'profile-name' }, profile.fullName)),
    fact('Số định danh', 'citizen ID', profile.citizenId),
    fact('Số CMND cũ', 'old ID number', profile.legacyId),
    fact('Giới tính', 'sex', label(sexes, profile.sex)),
    fact('Ngày sinh', 'date of birth', formatDate(profile.dateOfBirth)),
    fact('Nơi sinh', 'birthplace', profile.birthplace),
    fact('Quê quán', 'native place', profile.nativePlace),
    fact('Nơi thường trú', 'permanent address', profile.permanentAddress && profile.permanentAddress.text),
    fact('Nơi ở hiện tại', 'current address', profile.currentAddress && profile.currentAddress.text),
    fact('Tình trạng hôn nhân', 'marital status',
      bi(profile.maritalStatusVi || profile.maritalStatus, maritalEnglish[profile.maritalStatus])),
    fact('Vợ/chồng', 'spouse', profile.spouseId),
    fact('Cha', 'father', profile.fatherId),
    fact('Mẹ', 'mother', profile.motherId),
    fact('Mã hộ / chủ hộ', 'household / head', `${profile.householdId} / ${profile.householdHeadId}`));
  const registrations = profile.civilStatus.length
    ? table('Đăng ký hộ tịch', 'civil-status registrations',
      [['Loại', 'kind'], ['Số đăng ký', 'number'], ['Ngày', 'date'], ['Nơi đăng ký', 'commune'], ['Các bên', 'parties']],
      profile.civilStatus.map((registration) => [
        label(registrationKinds, registration.kind), registration.registrationNumber, formatDate(registration.date),
        registration.communeCode, registration.parties.map((party) => `${party.role}: ${party.citizenId}`).join(', '),
      ]))
    : el('p', {}, bi('Không có đăng ký hộ tịch nào.', 'No civil-status registrations.'));
  return el('div', {},
    warnings,
    profile.flags.map(flagBox),
    facts,
    registrations,
    el('p', { class: 'hint' }, `Mã tra cứu / request id ${profile.requestId} · ${formatDateTime(profile.fetchedAt)}`));
}
