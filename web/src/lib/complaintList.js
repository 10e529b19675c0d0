// A page of complaints from GET /api/v1/complaints with its filters, the next page on demand,
// and a reload when the live stream says a complaint changed (at most once a second).
import { reactive } from 'vue';
import { api } from '../api/client.js';
import { onLive } from '../api/live.js';

export const OPEN_STATUSES = ['received', 'classified', 'assigned', 'in_progress', 'waiting_on_customer', 'reopened'];

export function useComplaintList(paramsOf) {
  const list = reactive({ rows: [], next: null, loading: false, error: null });
  let generation = 0;

  async function load(more = false) {
    const mine = ++generation;
    list.loading = true;
    list.error = null;
    try {
      const params = { ...paramsOf(), limit: 50 };
      if (more && list.next) params.cursor = list.next;
      const page = await api.get('/api/v1/complaints', params);
      if (mine !== generation) return;
      list.rows = more ? list.rows.concat(page.items) : page.items;
      list.next = page.next_cursor;
    } catch (e) {
      if (mine === generation) list.error = e;
    } finally {
      if (mine === generation) list.loading = false;
    }
  }

  let pending = null;
  const off = onLive((type) => {
    if (!type.startsWith('complaint.') && !type.startsWith('sla.')) return;
    clearTimeout(pending);
    pending = setTimeout(() => load(false), 1000);
  });
  function dispose() {
    clearTimeout(pending);
    off();
  }
  return { list, load, dispose };
}
