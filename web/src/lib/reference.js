// Reference data every page names things by (regions, cities, stores, products, categories,
// teams, agents, the lifecycle), loaded once per tab and shared.
import { reactive } from 'vue';
import { api } from '../api/client.js';

export const reference = reactive({
  loaded: false,
  regions: [],
  cities: [],
  stores: [],
  products: [],
  categories: [],
  teams: [],
  agents: [],
  transitions: [],
});

let loading = null;

export function loadReference() {
  if (!loading) {
    loading = (async () => {
      const [data, teams, agents, lifecycle] = await Promise.all([
        api.get('/api/v1/reference-data'),
        api.get('/api/v1/teams').catch(() => ({ items: [] })),
        api.get('/api/v1/agents').catch(() => ({ items: [] })),
        api.get('/api/v1/config/lifecycle').catch(() => ({ transitions: [] })),
      ]);
      Object.assign(reference, data, {
        teams: teams.items || [],
        agents: agents.items || [],
        transitions: lifecycle.transitions || [],
        loaded: true,
      });
    })().catch((e) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

function byId(list, id) {
  return list.find((x) => x.id === id);
}

export const nameOf = {
  region: (id) => (byId(reference.regions, id) || {}).name || '',
  city: (id) => (byId(reference.cities, id) || {}).name || '',
  store: (id) => (byId(reference.stores, id) || {}).name || '',
  product: (id) => (byId(reference.products, id) || {}).name || '',
  team: (id) => (byId(reference.teams, id) || {}).name || '',
  agent: (id) => {
    const a = reference.agents.find((x) => x.user_id === id);
    return a ? a.display_name || a.username : id ? `#${id}` : '';
  },
};

// What a move to `to` from `from` needs besides the move (assignee_id, note, type, category).
export function requirementsOf(from, to) {
  const t = reference.transitions.find((x) => x.from === from && x.to === to);
  return t ? t.requires : [];
}
