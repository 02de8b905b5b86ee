#!/usr/bin/env node
// A small HTTP server for bench/sources.bench.mjs, run as its own process so
// the bench can time commands with spawnSync. Serves files of DIR at
// /files/NAME (Content-Length), an endless-looking slow CSV at /slow.csv
// (64 KiB every 2 ms, backpressure honoured), and at /stats the bytes of
// /slow.csv the kernel has taken so far. Prints its base URL on stdout.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const dir = process.argv[2];
let slowSent = 0;
const block = Buffer.from(Array.from({ length: 2000 }, (_, i) => `${i},item ${i},${(i * 7919) % 100000}\n`).join(''));
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/stats') return void res.end(JSON.stringify({ slowSent }));
  if (path === '/slow.csv') {
    res.writeHead(200, { 'content-type': 'text/csv' });
    let gone = false;
    res.on('close', () => (gone = true));
    const more = () => {
      if (gone) return;
      const ok = res.write(block, (err) => {
        if (!err) slowSent += block.length;
      });
      if (ok) setTimeout(more, 2);
      else res.once('drain', more);
    };
    res.write('id,name,value\n');
    return more();
  }
  if (path.startsWith('/files/')) {
    const file = join(dir, path.slice(7));
    const size = statSync(file).size;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
    return void createReadStream(file).pipe(res);
  }
  res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
