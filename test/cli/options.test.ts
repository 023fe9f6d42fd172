import {describe, expect, it} from 'vitest';
import {buildOptions, resolveTap} from '../../source/options.js';
import {parseResource, resourceLabel, UsageError} from '../../source/model/resource.js';

describe('resource arguments', () => {
	it('accepts linkerd spellings and aliases', () => {
		expect(parseResource(['deploy/web'], 'emojivoto')).toEqual({namespace: 'emojivoto', type: 'deployment', name: 'web'});
		expect(parseResource(['sts', 'db'], 'payments')).toEqual({namespace: 'payments', type: 'statefulset', name: 'db'});
		expect(parseResource(['deployments'], 'x')).toEqual({namespace: 'x', type: 'deployment', name: ''});
		expect(parseResource(['ns/emojivoto'], 'other')).toEqual({namespace: '', type: 'namespace', name: 'emojivoto'});
		expect(parseResource(['CJ/nightly'], 'x').type).toBe('cronjob');
		expect(resourceLabel({namespace: 'x', type: 'daemonset', name: 'agent'})).toBe('ds/agent');
	});

	it('rejects unknown types, services as targets, bad names, and nameless namespaces', () => {
		expect(() => parseResource(['widget/x'], 'n')).toThrow(/unknown resource type "widget"; use one of cj, ds, deploy/);
		expect(() => parseResource(['svc/web'], 'n')).toThrow(/resource type "service" is not supported here/);
		expect(() => parseResource(['deploy/Web_1'], 'n')).toThrow(/invalid resource name "Web_1"/);
		expect(() => parseResource(['ns'], 'n')).toThrow(/needs a name/);
	});
});

describe('options', () => {
	it('parses a headless tap with filters into the tap spec and client filter', () => {
		const options = buildOptions(
			['tap', 'deploy/web'],
			{to: 'svc/emoji-svc', toNamespace: 'emojivoto', from: 'deploy/vote-bot', port: 8080, method: 'GET', output: 'json', maxRps: 5},
			{},
		);
		expect(options.command).toBe('tap');
		expect(options.tapFormat).toBe('json');
		const {spec, clientFilter} = resolveTap(options, 'emojivoto');
		expect(spec).toEqual({
			target: {namespace: 'emojivoto', type: 'deployment', name: 'web'},
			labelSelector: undefined,
			to: {namespace: 'emojivoto', type: 'service', name: 'emoji-svc'},
			method: 'GET',
			path: undefined,
			authority: undefined,
			scheme: undefined,
			maxRps: 5,
			extractHeaders: true,
		});
		expect(clientFilter).toEqual({from: {type: 'deployment', name: 'vote-bot', namespace: 'emojivoto'}, port: 8080});
	});

	it('only asks for headers in json formats, like linkerd', () => {
		const text = resolveTap(buildOptions(['tap', 'po/x'], {}, {}), 'd').spec!;
		expect(text.extractHeaders).toBe(false);
		expect(text.maxRps).toBe(100);
		expect(resolveTap(buildOptions(['tap', 'po/x'], {output: 'jsonl'}, {}), 'd').spec!.extractHeaders).toBe(true);
		expect(resolveTap(buildOptions(['tap', 'po/x'], {output: 'har'}, {}), 'd').spec!.extractHeaders).toBe(true);
	});

	it('-n wins over the context namespace', () => {
		const options = buildOptions(['deploy', 'web'], {namespace: 'booksapp'}, {});
		expect(options.command).toBe('tui');
		expect(resolveTap(options, 'emojivoto').spec!.target.namespace).toBe('booksapp');
	});

	it('reports usage errors before any I/O', () => {
		const cases: Array<[string[], Record<string, unknown>, RegExp]> = [
			[['tap'], {}, /needs a RESOURCE/],
			[['tap', 'deploy/web'], {output: 'yaml'}, /-o must be one of text, wide, json, jsonl, har, got "yaml"/],
			[['stat'], {output: 'wide'}, /-o must be one of table, json/],
			[['tap', 'deploy/web'], {port: 70000}, /--port must be a whole number from 1 to 65535/],
			[['tap', 'deploy/web'], {maxRps: -1}, /--max-rps must be a number/],
			[['tap', 'deploy/web'], {maxRequests: 0}, /--max-requests must be a whole number/],
			[['tap', 'deploy/web', 'extra'], {}, /unexpected argument "extra"/],
			[['tap', 'deploy/web'], {to: 'bogus/x'}, /unknown --to type "bogus"/],
			[['tap', 'deploy/web'], {metricsAddr: 'nope'}, /--metrics-addr must be HOST:PORT/],
		];
		for (const [words, flags, pattern] of cases) {
			expect(() => buildOptions(words, flags, {}), words.join(' ')).toThrow(UsageError);
			expect(() => buildOptions(words, flags, {}), words.join(' ')).toThrow(pattern);
		}
	});

	it('takes -d/--refresh in seconds, like top, and keeps it within 0.1 to 60', () => {
		expect(buildOptions([], {}, {}).refreshMs).toBe(1000);
		expect(buildOptions([], {refresh: 0.5}, {}).refreshMs).toBe(500);
		expect(buildOptions([], {refresh: 3}, {}).refreshMs).toBe(3000);
		for (const refresh of [0, 0.05, 61, Number.NaN]) expect(() => buildOptions([], {refresh}, {})).toThrow(/-d\/--refresh must be seconds from 0.1 to 60/);
	});

	it('honours NO_COLOR and --no-color', () => {
		expect(buildOptions([], {}, {}).color).toBe(true);
		expect(buildOptions([], {}, {NO_COLOR: '1'}).color).toBe(false);
		expect(buildOptions([], {color: false}, {}).color).toBe(false);
	});
});

describe('flag checks (pure)', () => {
	const flags = {port: {type: 'string'}, namespace: {type: 'string', shortFlag: 'n'}, color: {type: 'boolean'}, showSecrets: {type: 'boolean'}} as const;

	it('finds the first unknown flag, and only flags', async () => {
		const {unknownFlag} = await import('../../source/options.js');
		expect(unknownFlag(['tap', 'deploy/web', '--port', '80', '-n', 'x', '--no-color', '--show-secrets'], flags)).toBeUndefined();
		expect(unknownFlag(['--showSecrets', '--port=80', '-nfoo'], flags)).toBeUndefined();
		expect(unknownFlag(['--bogus', '--worse'], flags)).toBe('--bogus');
		expect(unknownFlag(['--no-port'], flags)).toBe('--no-port');
		expect(unknownFlag(['-q'], flags)).toBe('-q');
		// A value that looks like a flag belongs to the flag before it; -1 is a number; -- ends flags.
		expect(unknownFlag(['--namespace', '-odd', '--port', '-1'], flags)).toBeUndefined();
		expect(unknownFlag(['--', '--anything'], flags)).toBeUndefined();
	});

	it('reads --request-timeout like kubectl', async () => {
		const {parseRequestTimeout} = await import('../../source/options.js');
		expect(parseRequestTimeout('0')).toBe(0);
		expect(parseRequestTimeout('5')).toBe(5000);
		expect(parseRequestTimeout('1.5')).toBe(1500);
		expect(parseRequestTimeout('30s')).toBe(30_000);
		expect(parseRequestTimeout('1m30s')).toBe(90_000);
		expect(parseRequestTimeout('250ms')).toBe(250);
		expect(parseRequestTimeout('1h')).toBe(3_600_000);
		expect(parseRequestTimeout('soon')).toBeUndefined();
		expect(parseRequestTimeout('-1s')).toBeUndefined();
		expect(buildOptions(['stat'], {requestTimeout: '2s'}, {}).requestTimeoutMs).toBe(2000);
		expect(buildOptions(['stat'], {}, {}).requestTimeoutMs).toBeUndefined();
	});

	it('takes numbers as the typed text and quotes it back', () => {
		expect(buildOptions(['tap', 'po/x'], {port: '8080', maxRequests: '3', buffer: '100', maxRps: '2.5'}, {})).toMatchObject({maxRequests: 3, bufferSize: 100, maxRps: 2.5});
		expect(() => buildOptions(['tap', 'po/x'], {port: '80.5'}, {})).toThrow('--port must be a whole number from 1 to 65535, got "80.5"');
		expect(() => buildOptions(['tap', 'po/x'], {buffer: ''}, {})).toThrow('--buffer needs a value');
	});
});
