#!/usr/bin/env node
// A loopback round-robin TCP proxy for the two-instance benchmark: the load generator takes one URL,
// so each accepted connection is piped to the next backend in turn. It works at the TCP level (no
// HTTP parsing), so a keep-alive connection stays on one backend for its life; with 64+ connections
// from the load generator that spreads the load evenly. Node 20 built-ins only.
//
//   node rr-proxy.mjs --listen 18090 --to 127.0.0.1:18081,127.0.0.1:18082
import net from 'node:net';

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const listen = parseInt(opt('--listen') ?? '', 10);
const backends = (opt('--to') ?? '').split(',').filter(Boolean).map((hp) => {
  const i = hp.lastIndexOf(':');
  return { host: hp.slice(0, i), port: parseInt(hp.slice(i + 1), 10) };
});
if (!(listen > 0) || backends.length === 0) {
  console.error('usage: rr-proxy.mjs --listen PORT --to HOST:PORT[,HOST:PORT...]');
  process.exit(2);
}
for (const b of backends) {
  if (!['127.0.0.1', 'localhost', '::1'].includes(b.host)) {
    console.error(`rr-proxy: loopback backends only, not ${b.host}`);
    process.exit(2);
  }
}

let next = 0;
const server = net.createServer((client) => {
  const backend = backends[next];
  next = (next + 1) % backends.length;
  const upstream = net.connect(backend.port, backend.host);
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  client.pipe(upstream);
  upstream.pipe(client);
  const close = () => { client.destroy(); upstream.destroy(); };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', close);
  upstream.on('close', close);
});
server.listen(listen, '127.0.0.1', () => {
  console.error(`rr-proxy 127.0.0.1:${listen} -> ${backends.map((b) => `${b.host}:${b.port}`).join(', ')}`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
