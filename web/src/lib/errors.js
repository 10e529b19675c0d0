// What the user reads when a call fails: the API's own message (it names the field), or a
// sentence for a lost connection or a server fault. Form fields get their message by name.
export function errorText(t, error) {
  if (!error) return '';
  if (error.code === 'network') return t('errors.network');
  if (error.status >= 500) return t('errors.server');
  if (error.status === 403) return t('errors.forbidden') + (error.message ? ` (${error.message})` : '');
  if (error.status === 404) return t('errors.notFound');
  return error.message || t('errors.unknown');
}

// The field an API error names, as the form's field key ("customer.phone" → "customer.phone").
export function errorField(error) {
  return (error && error.field) || '';
}
