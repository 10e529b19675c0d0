// zh-CN by default, English switchable; the choice is kept per browser. Element Plus follows.
import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN.js';
import en from './en.js';

export const LANGUAGES = ['zh-CN', 'en'];
const KEY = 'closeloop.language';

function initial() {
  const stored = localStorage.getItem(KEY);
  return LANGUAGES.includes(stored) ? stored : 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initial(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
});

export function setLanguage(language) {
  if (!LANGUAGES.includes(language)) return;
  i18n.global.locale.value = language;
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
}

export function language() {
  return i18n.global.locale.value;
}
