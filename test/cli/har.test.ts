// `meshtop tap -o har` end to end: through the built CLI against the demo mesh (a whole log of N
// completed requests, --filter still applied, closed on SIGINT mid-stream) and through
// runTapHeadless against a server whose tap fails after one request (closed on a failure exit).
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {runTapHeadless} from '../../source/commands/tap.js';
import type {TapEvent} from '../../source/model/event.js';
import type {TapSpec} from '../../source/model/tap-spec.js';
import {encodeTapEvent} from '../../source/tap/encode.js';
import {frame, type LocalServer, startLocalServer} from '../client/local-server.js';
import {harProblems} from '../output/har-validator.js';
import {runCli, until} from '../reliability/cli.js';

interface Har {
	log: {
		creator: {name: string; version: string};
		entries: Array<{
			request: {url: string; headers: Array<{name: string; value: string}>};
			response: {status: number};
			comment: string;
			_grpcStatus?: number;
			_resetErrorCode?: number;
			_success?: boolean;
		}>;
	};
}

describe('meshtop tap -o har against the demo', () => {
	it('--max-requests 5: one HAR 1.2 log with 5 entries, secrets masked', async () => {
		const run = runCli(['tap', 'deploy/web', '-n', 'emojivoto', '--demo', '-o', 'har', '--max-requests', '5']);
		expect(await run.exit, run.stderr()).toBe(0);
		const har = JSON.parse(run.stdout()) as Har;
		expect(harProblems(har)).toEqual([]);
		expect(har.log.entries).toHaveLength(5);
		expect(har.log.creator).toEqual({name: 'meshtop', version: expect.stringMatching(/^\d+\.\d+\.\d+/)});
		for (const entry of har.log.entries) {
			expect(entry.request.url).toMatch(/^https?:\/\//);
			for (const h of entry.request.headers) if (h.name === 'authorization') expect(h.value).toBe('[masked]');
		}
	}, 60_000);

	it("--filter error: only failing requests", async () => {
		const run = runCli(['tap', 'deploy/web', '-n', 'emojivoto', '--demo', '-o', 'har', '--filter', 'error', '--max-requests', '4']);
		expect(await run.exit, run.stderr()).toBe(0);
		const har = JSON.parse(run.stdout()) as Har;
		expect(harProblems(har)).toEqual([]);
		expect(har.log.entries).toHaveLength(4);
		for (const entry of har.log.entries) {
			expect(entry._success, entry.comment).toBe(false);
			const failed = entry.response.status >= 500 || entry._resetErrorCode !== undefined || [2, 4, 13, 14, 15].includes(entry._grpcStatus ?? 0);
			expect(failed, entry.comment).toBe(true);
		}
	}, 60_000);

	it('SIGINT mid-stream: exit 0 and the log is closed and parses', async () => {
		const run = runCli(['tap', 'deploy/web', '-n', 'emojivoto', '--demo', '-o', 'har']);
		await until(run, () => run.stdout().split('\n{"startedDateTime"').length > 3, 'three entries');
		run.child.kill('SIGINT');
		expect(await run.exit, run.stderr()).toBe(0);
		expect(run.stdout().endsWith('\n]}}\n')).toBe(true);
		const har = JSON.parse(run.stdout()) as Har;
		expect(harProblems(har)).toEqual([]);
		expect(har.log.entries.length).toBeGreaterThanOrEqual(3);
		// What was in flight is counted, never written half.
		expect(run.stderr()).toMatch(/^(meshtop: -o har lists whole requests: \d+ requests? never completed.*\n)?$/);
	}, 60_000);
});

const spec: TapSpec = {target: {namespace: 'emojivoto', type: 'deployment', name: 'web'}, maxRps: 0, extractHeaders: true};
const ends = {source: {ip: '10.0.0.1', port: 40000}, destination: {ip: '10.0.0.2', port: 8080}, sourceMeta: null, destinationMeta: null, routeMeta: null} as const;
const id = {base: 1, stream: 7};
const oneRequest: TapEvent[] = [
	{...ends, proxyDirection: 'OUTBOUND', http: {kind: 'requestInit', id, method: 'GET', scheme: 'HTTP', authority: 'web', path: '/ok', headers: null}},
	{...ends, proxyDirection: 'OUTBOUND', http: {kind: 'responseInit', id, sinceRequestInit: {seconds: 0, nanos: 2_000_000}, httpStatus: 200, headers: null}},
	{...ends, proxyDirection: 'OUTBOUND', http: {kind: 'responseEnd', id, sinceRequestInit: {seconds: 0, nanos: 3_000_000}, sinceResponseInit: {seconds: 0, nanos: 1_000_000}, responseBytes: 10, eos: null, trailers: null}},
	// Begun, never ended: counted on stderr.
	{...ends, proxyDirection: 'OUTBOUND', http: {kind: 'requestInit', id: {base: 1, stream: 8}, method: 'GET', scheme: 'HTTP', authority: 'web', path: '/hang', headers: null}},
];

let server: LocalServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

describe('runTapHeadless -o har on a failure exit', () => {
	it('a tap that fails after one request still leaves a closed log, and exit 1', async () => {
		server = await startLocalServer([
			(_req, res) => {
				res.writeHead(200);
				for (const event of oneRequest) res.write(frame(encodeTapEvent(event)));
				res.end();
			},
			(_req, res) => {
				res.writeHead(403, {'content-type': 'application/json'});
				res.end(JSON.stringify({kind: 'Status', status: 'Failure', message: 'forbidden', reason: 'Forbidden', code: 403}));
			},
		]);
		const stdout = new PassThrough();
		const stderr = new PassThrough();
		let out = '';
		let err = '';
		stdout.on('data', c => (out += c));
		stderr.on('data', c => (err += c));
		const code = await runTapHeadless({
			context: {kubeConfig: server.kubeConfig, server: server.url, context: 'local'},
			spec, clientFilter: {}, format: 'har', showSecrets: false, version: '9.9.9', stdout, stderr,
			signal: new AbortController().signal, session: {timing: {now: () => 0, random: () => 0, delay: async () => undefined}},
		});
		expect(code, err).toBe(1);
		const har = JSON.parse(out) as Har;
		expect(harProblems(har)).toEqual([]);
		expect(har.log.creator.version).toBe('9.9.9');
		expect(har.log.entries.map(e => e.request.url)).toEqual(['http://web/ok']);
		expect(err).toContain('meshtop: -o har lists whole requests: 1 request never completed; it was not printed');
	});
});
