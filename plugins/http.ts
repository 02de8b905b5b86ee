// http: fetch an http(s) URL. The first stage of a pipeline: it never reads
// stdin. raw writes the response body (Content-Encoding decoded) to stdout;
// read parses JSON API pages into NDJSON records and follows pagination.
// How: src/protocols/http/ (modes.ts, request.ts, body.ts, options.ts).
//
// Errors: one line on stderr. Network and HTTP failures exit 4, bad JSON
// pages 1, bad options 2.
import { fetchPages, fetchRaw } from '../src/protocols/http/modes.js';
import { runPlugin, type PluginMeta } from '../src/kit/sdk.js';

const meta: PluginMeta = {
  name: 'http',
  version: '0.1.0',
  description: 'http(s) client: raw streams the response body, read turns JSON API pages into records',
  matches: ['^https?://'],
  role: 'protocol',
  modes: ['raw', 'read'],
  buffers: { read: 'one JSON page at a time' },
  options: [
    { name: 'url', description: 'the http(s) URL to fetch (required; or the env var JN_HTTP_URL)' },
    { name: 'method', description: 'request method, default GET' },
    { name: 'body', description: 'request body text' },
    { name: 'headers', description: 'request headers as a JSON object (merged over env JN_HTTP_HEADERS)' },
    { name: 'header', description: 'one request header, "Name: value"' },
    { name: 'timeout', description: 'seconds to connect and get the headers, and of silence between body chunks; default 30, 0 = none' },
    { name: 'max-redirects', description: 'redirects followed before giving up, default 10' },
    { name: 'insecure', description: 'skip TLS certificate verification' },
    { name: 'meta-fd', description: 'write {"status","url","contentType","contentEncoding"} of the final response to this fd, then close it' },
    { name: 'records', description: 'read: dotted path of the records in each page (default: a top-level array, or the page)' },
    { name: 'next', description: 'read: pagination, "link" (Link rel="next" header) or "field:PATH" (next page URL in the body)' },
    { name: 'max-pages', description: 'read: stop after this many pages, default unlimited' },
  ],
};

const userAgent = `jn-http/${meta.version}`;

runPlugin(meta, { raw: (options) => fetchRaw(options, userAgent), read: (options) => fetchPages(options, userAgent) });
