// The signed-in user: their token, who they are and what their role may do. Kept in
// localStorage so that every tab of the browser shares one session; gone when it expires.
import { reactive } from 'vue';

const KEY = 'closeloop.session';

export const session = reactive({ token: '', expiresAt: 0, user: null });

function load() {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) || 'null');
    if (stored && stored.token && stored.expiresAt > Date.now()) Object.assign(session, stored);
  } catch {
    localStorage.removeItem(KEY);
  }
}

export function startSession(token, expiresAt, user) {
  Object.assign(session, { token, expiresAt: Date.parse(expiresAt) || 0, user });
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function updateUser(user) {
  session.user = user;
  if (session.token) localStorage.setItem(KEY, JSON.stringify(session));
}

export function endSession() {
  Object.assign(session, { token: '', expiresAt: 0, user: null });
  localStorage.removeItem(KEY);
}

export function signedIn() {
  if (session.token && session.expiresAt <= Date.now()) endSession();
  return Boolean(session.token && session.user);
}

export function can(permission) {
  return Boolean(session.user && (session.user.permissions || []).includes(permission));
}

load();
