#!/usr/bin/env node
// Serves the production build (build/) on localhost as a single-page app. Usage: node scripts/serve.mjs [--port 4173]
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import sirv from 'sirv';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1]) || Number(process.env.PORT) || 4173;
const host = process.env.HOST || '127.0.0.1';
if (!existsSync('build/index.html')) {
  console.error('build/ is missing: run `npm run build` first.');
  process.exit(1);
}
const assets = sirv('build', { single: '200.html', etag: true, dev: false, gzip: false, setHeaders(res, pathname) {
  if (pathname.endsWith('.wasm')) res.setHeader('Content-Type', 'application/wasm');
  if (pathname.endsWith('.webmanifest')) res.setHeader('Content-Type', 'application/manifest+json');
  if (pathname === '/sw.js') res.setHeader('Cache-Control', 'no-cache');
} });
createServer((req, res) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  assets(req, res, () => { res.statusCode = 404; res.end('Not found'); });
}).listen(port, host, () => {
  console.log(`Synthetic Data Studio is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
});
