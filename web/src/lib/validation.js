// The API's checks on a new complaint, run in the browser first so that each field gets its
// message at once (the API checks again; its answer names the field the same way).
const PHONE = /^[+\d][\d\s()-]{4,}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function complaintChecks(form, t) {
  const errors = {};
  const description = (form.description || '').trim();
  if (!description) errors.description = t('validation.required');
  else if (description.length > 20000) errors.description = t('validation.tooLong', { n: 20000 });
  if ((form.title || '').length > 200) errors.title = t('validation.tooLong', { n: 200 });
  const phone = (form.phone || '').trim();
  if (phone && !PHONE.test(phone)) errors.phone = t('validation.phone');
  const email = (form.email || '').trim();
  if (email && (!EMAIL.test(email) || email.length > 254)) errors.email = t('validation.email');
  if (form.requireContact && !phone && !email) errors.phone = t('validation.contact');
  return errors;
}
