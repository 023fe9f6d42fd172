// Terminal injection through the headless outputs: a hostile corpus in every network field,
// carried over real wire bytes (encode → decode), then printed as text, wide, json and jsonl.
// Also the stderr lines the runner prints for server error texts.
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {createEventFormatter} from '../../source/output/index.js';
import {runTapHeadless} from '../../source/commands/tap.js';
import {sanitize} from '../../source/model/sanitize.js';
import {isSecretHeader, MASK} from '../../source/model/secrets.js';
import {decodeTapEvent} from '../../source/tap/decode.js';
import {encodeApiError, encodeTapEvent} from '../../source/tap/encode.js';
import type {Header, TapEvent} from '../../source/model/event.js';
import type {TapSpec} from '../../source/tap/types.js';
import {frame, type Handler, startLocalServer} from '../client/local-server.js';
import {findRawControl, hostileCorpus} from './corpus.js';
import {hostileEvents, hostileFields} from './hostile-event.js';

const corpus = hostileCorpus(6, 400);
const requests = Array.from({length: corpus.length}, (_, i) => hostileFields(corpus, i));

/** Over the wire and back, so the decoder's string handling is in the path too. */
function viaWire(events: TapEvent[]): TapEvent[] {
	return events.map(ev => decodeTapEvent(encodeTapEvent(ev)));
}

const headerJson = (headers: Header[]) =>
	headers.map(h => ({name: h.name, valueStr: isSecretHeader(h.name) ? MASK : h.valueStr}));

describe('hostile strings in every field, headless outputs', () => {
	it('survive the wire unchanged (the decoder neither drops nor rewrites them)', () => {
		for (const [i, f] of requests.entries()) {
			const events = hostileEvents(f, i);
			expect(viaWire(events)).toEqual(events);
		}
	});

	for (const format of ['text', 'wide'] as const) {
		it(`${format}: one line per event, no raw control or bidi character, every field shown escaped`, () => {
			const print = createEventFormatter(format, {showSecrets: false});
			for (const [i, f] of requests.entries()) {
				const [req, rsp, end] = viaWire(hostileEvents(f, i)).map(print);
				for (const out of [req!, rsp!, end!]) {
					expect(findRawControl(out), `request ${i}`).toBeUndefined();
					expect(out.indexOf('\n')).toBe(out.length - 1);
				}
				expect(req).toContain(` :method=${sanitize(f.method)} :authority=${sanitize(f.authority)} :path=${sanitize(f.path)}`);
				expect(req).toContain(` tls=${sanitize(f.destinationMeta.tls!)}`);
				if (format === 'wide') {
					for (const [k, v] of Object.entries(f.sourceMeta)) expect(req).toContain(` src_${sanitize(k)}=${sanitize(v)}`);
					for (const [k, v] of Object.entries(f.destinationMeta)) expect(end).toContain(` dst_${sanitize(k)}=${sanitize(v)}`);
					for (const [k, v] of Object.entries(f.routeMeta)) expect(rsp).toContain(` rt_${sanitize(k)}=${sanitize(v)}`);
				}
			}
		});
	}

	for (const format of ['json', 'jsonl'] as const) {
		it(`${format}: parses back to the original strings, with no raw C0/C1/bidi character in the bytes`, () => {
			const print = createEventFormatter(format, {showSecrets: false});
			for (const [i, f] of requests.entries()) {
				const [req, rsp, end] = viaWire(hostileEvents(f, i)).map(print);
				for (const out of [req!, rsp!, end!]) {
					// Pretty JSON has its own newlines; jsonl has only the last one.
					expect(findRawControl(out), `request ${i}`).toBeUndefined();
					if (format === 'jsonl') expect(out.indexOf('\n')).toBe(out.length - 1);
				}
				const r = JSON.parse(req!);
				expect(r.requestInitEvent).toMatchObject({method: f.method, scheme: f.scheme, authority: f.authority, path: f.path});
				expect(r.requestInitEvent.headers).toEqual(headerJson(f.requestHeaders));
				expect(r.source.metadata).toEqual(f.sourceMeta);
				expect(r.destination.metadata).toEqual(f.destinationMeta);
				expect(r.routeMeta).toEqual(f.routeMeta);
				expect(JSON.parse(rsp!).responseInitEvent.headers).toEqual(headerJson(f.responseHeaders));
				expect(JSON.parse(end!).responseEndEvent.trailers).toEqual(headerJson(f.trailers));
			}
		});
	}
});

const spec: TapSpec = {target: {namespace: 'emojivoto', type: 'deployment', name: 'web'}, maxRps: 0, extractHeaders: false};

async function runAgainst(handlers: Handler[]) {
	const server = await startLocalServer(handlers);
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let out = '';
	let err = '';
	stdout.on('data', chunk => (out += chunk));
	stderr.on('data', chunk => (err += chunk));
	try {
		const code = await runTapHeadless({
			context: {kubeConfig: server.kubeConfig, server: server.url, context: 'local'},
			spec,
			clientFilter: {},
			format: 'text',
			showSecrets: false,
			stdout,
			stderr,
			signal: new AbortController().signal,
			session: {timing: {now: () => 0, delay: async () => undefined, random: () => 0}},
		});
		return {code, out, err};
	} finally {
		await server.close();
	}
}

describe('hostile server error texts on stderr', () => {
	const texts = hostileCorpus(61, 12);

	it('an ApiError behind linkerd-error is printed sanitized', async () => {
		for (const text of texts.slice(0, 12)) {
			const {code, err} = await runAgainst([
				(_req, res) => {
					res.writeHead(200, {'linkerd-error': 'Internal Server Error'});
					res.end(frame(encodeApiError(text)));
				},
			]);
			expect(code).toBe(1);
			expect(err).toBe(`meshtop: ${sanitize(text)}\n`);
		}
	});

	it('a Status message and a tap server {"error"} are printed sanitized', async () => {
		const text = texts.join(' ');
		const status = (code: number, body: object): Handler => (_req, res) => {
			res.writeHead(code, {'content-type': 'application/json'});
			res.end(JSON.stringify(body));
		};
		const forbidden = await runAgainst([status(403, {kind: 'Status', message: text, code: 403})]);
		expect(findRawControl(forbidden.err)).toBeUndefined();
		expect(forbidden.err).toContain(`not allowed to tap: ${sanitize(text.slice(0, 500))};`);
		const tapError = await runAgainst([status(403, {error: text})]);
		expect(tapError.err).toBe(`meshtop: ${sanitize(text)}\n`);
		const other = await runAgainst([status(400, {kind: 'Status', message: text, code: 400})]);
		expect(other.err).toBe(`meshtop: tap request failed with HTTP 400: ${sanitize(text.slice(0, 500))}\n`);
	});

	it('an ApiError mid-stream: the reconnect line and the final error are sanitized', async () => {
		const text = texts[3]!;
		const {code, out, err} = await runAgainst([
			(_req, res) => {
				res.writeHead(200);
				res.end(frame(encodeApiError(text)));
			},
			(_req, res) => {
				res.writeHead(503, {'content-type': 'application/json'});
				res.end(JSON.stringify({kind: 'Status', message: text, code: 503}));
			},
			(_req, res) => {
				res.writeHead(401, {'content-type': 'application/json'});
				res.end(JSON.stringify({kind: 'Status', message: text, code: 401}));
			},
		]);
		expect(code).toBe(1);
		expect(out).toBe('');
		expect(findRawControl(err)).toBeUndefined();
		const lines = err.trimEnd().split('\n');
		expect(lines[0]).toBe(`meshtop: tap server: ${sanitize(text)}; reconnecting in 1s (attempt 1)`);
		expect(lines.at(-1)).toContain(`(401 ${sanitize(text)})`);
	});
});
