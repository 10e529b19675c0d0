// One ticking clock for every countdown on the page (once a second).
import { ref } from 'vue';

export const now = ref(Date.now());
let timer = null;
export function startClock() {
  if (!timer) timer = setInterval(() => (now.value = Date.now()), 1000);
}
