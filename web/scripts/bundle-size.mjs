// Prints how much JavaScript a page loads, gzipped: the first page (index.html's entry and what it
// imports statically) and each route's chunk with its static imports on top of that. Reads
// web/dist (npm run build first). The target: the first page ≤ 300 KB gzipped.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist');
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

// A chunk and every chunk it imports statically (import … from "./x.js"), once each.
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w${},\s*]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
    closure(join(dirname(file), m[1]).replace(/^\.\//, ''), seen);
  }
  return seen;
}
const sum = (files) => [...files].reduce((n, f) => n + gz(f), 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entry = html.match(/<script type="module"[^>]*src="\/([^"]+)"/)[1];
const first = closure(entry);
console.log(`first page (login, public form): ${kb(sum(first))} gzipped in ${first.size} files (target ≤ 300 KB)`);
const routes = readdirSync(join(dist, 'assets')).filter((f) => /View-[\w-]+\.js$/.test(f));
for (const route of routes.sort()) {
  const files = closure(`assets/${route}`, new Set(first));
  console.log(`  ${route.replace(/-[\w-]+\.js$/, '').padEnd(20)} ${kb(sum(files))} with the first page`);
}
