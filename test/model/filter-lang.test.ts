import {describe, expect, it} from 'vitest';
import {
	classNames,
	describeFilterSyntax,
	fieldNames,
	parseFilter,
	parseFilterTree,
	printFilter,
	type CompiledFilter,
	type MatchOptions,
} from '../../source/model/filter/index.js';
import type {RequestRecord} from '../../source/model/types.js';
import {makeRecord} from './events.js';

// Ends shared by several records.
const voteBotSide = {
	sourceLabels: {deployment: 'vote-bot', namespace: 'emojivoto', pod: 'vote-bot-5b7f-abcde', tls: 'loopback'},
	sourceName: 'deploy/vote-bot',
	destinationLabels: {deployment: 'web', namespace: 'emojivoto', pod: 'web-9', service: 'web-svc', tls: 'true'},
	destinationName: 'deploy/web',
};
const emojiSide = {
	destination: {ip: '10.0.0.5', port: 8080},
	destinationLabels: {deployment: 'emoji', namespace: 'emojivoto', pod: 'emoji-1', service: 'emoji-svc', tls: 'true'},
	destinationName: 'deploy/emoji',
	authority: 'emoji-svc.emojivoto:8080',
	method: 'POST',
};

// Outbound deploy/web (ns shop) → deploy/api (ns shop) on port 8080 over mTLS unless said otherwise.
const records: Record<string, RequestRecord> = {
	web200: makeRecord({eos: null}),
	api500: makeRecord({method: 'POST', path: '/api/orders', httpStatus: 500, eos: null, latencyUs: 20_000, totalUs: 250_000, success: false}),
	grpcOk: makeRecord({...emojiSide, path: '/emojivoto.v1.EmojiService/ListAll', latencyUs: 3000, totalUs: 4000, routeLabels: {route: 'ListAll'}}),
	grpcUnknown: makeRecord({
		...emojiSide,
		path: '/emojivoto.v1.EmojiService/FindByShortcode',
		eos: {kind: 'grpc', code: 2},
		latencyUs: 900,
		totalUs: 1500,
		trailers: [{name: 'grpc-status', valueStr: '2'}, {name: 'grpc-message', valueStr: 'boom'}],
		success: false,
	}),
	reset: makeRecord({path: '/stream', httpStatus: null, eos: {kind: 'reset', code: 8}, latencyUs: null, totalUs: 1200, responseBytes: 0, success: false}),
	open: makeRecord({path: '/pending', state: 'open', httpStatus: null, eos: null, latencyUs: null, totalUs: null, responseBytes: null, success: null}),
	probe: makeRecord({
		direction: 'INBOUND',
		source: {ip: '10.1.2.3', port: 51000},
		sourceLabels: {tls: 'no_tls_from_remote'},
		sourceName: '10.1.2.3',
		destination: {ip: '10.0.0.1', port: 9090},
		destinationLabels: {deployment: 'web', namespace: 'shop', pod: 'web-1', tls: 'loopback'},
		destinationName: 'deploy/web',
		path: '/healthz',
		authority: '10.0.0.1:9090',
		requestHeaders: [{name: 'user-agent', valueStr: 'kube-probe/1.30'}],
		eos: null,
		latencyUs: 800,
		totalUs: 900,
		tls: 'no_tls_from_remote',
	}),
	botPurge: makeRecord({...voteBotSide, method: 'PURGE', path: '/cache', httpStatus: 204, eos: null}),
	bot500: makeRecord({...voteBotSide, path: '/api/vote?choice=:joy:', httpStatus: 500, eos: null, success: false}),
	botOk: makeRecord({...voteBotSide, path: '/api/list', eos: null}),
	secret: makeRecord({
		path: '/account',
		eos: null,
		tls: '',
		requestHeaders: [
			{name: 'Authorization', valueStr: 'Bearer s3cr3t'},
			{name: 'x-request-id', valueStr: 'abc-123'},
		],
		responseHeaders: [
			{name: 'content-type', valueStr: 'application/json'},
			{name: 'x-bin', valueBin: new Uint8Array([1, 2, 3])},
		],
	}),
	lost: makeRecord({path: '/slow', state: 'expired', httpStatus: null, eos: null, latencyUs: null, totalUs: null, responseBytes: null, success: null}),
};
const all = Object.keys(records);

function compile(text: string): CompiledFilter {
	const result = parseFilter(text);
	if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
	return result.filter;
}

function matching(text: string, opts?: MatchOptions): string[] {
	const filter = compile(text);
	return all.filter(name => filter.matches(records[name]!, opts));
}

const except = (...names: string[]) => all.filter(name => !names.includes(name));

describe('filter language: the examples of issue 11', () => {
	it.each<[string, string[]]>([
		['status>=500', ['api500', 'bot500']],
		['5xx or grpc!=OK', ['api500', 'grpcUnknown', 'bot500']],
		['error and dst=deploy/web', ['bot500']],
		['latency>200ms', ['api500']],
		['tls!=true', ['probe', 'secret']],
		['path~^/api/ and status=200', ['botOk']],
		['src=deploy/vote-bot and (status=500 or method=PURGE)', ['botPurge', 'bot500']],
		['header.user-agent~kube-probe', ['probe']],
		['Unknown', ['grpcUnknown']],
		['plain', ['probe']],
	])('%s', (text, expected) => {
		expect(matching(text)).toEqual(expected);
	});
});

describe('filter language: fields', () => {
	it.each<[string, string[]]>([
		// status: a missing status matches neither = nor !=.
		['status=200', ['web200', 'grpcOk', 'grpcUnknown', 'probe', 'botOk', 'secret']],
		['status!=200', ['api500', 'botPurge', 'bot500']],
		['status=2xx', ['web200', 'grpcOk', 'grpcUnknown', 'probe', 'botPurge', 'botOk', 'secret']],
		['status!=2xx', ['api500', 'bot500']],
		['status < 300 and status >= 204', ['botPurge']],
		// grpc: names any case, with or without underscores, or numbers; plain HTTP has no grpc.
		['grpc=OK', ['grpcOk']],
		['grpc=ok', ['grpcOk']],
		['grpc!=OK', ['grpcUnknown']],
		['not grpc=OK', except('grpcOk')],
		['grpc=unknown', ['grpcUnknown']],
		['grpc=2', ['grpcUnknown']],
		['grpc>0', ['grpcUnknown']],
		['grpc=DEADLINE_EXCEEDED', []],
		['grpc=Cancelled or grpc=canceled', []],
		// reset: HTTP/2 error code names or numbers.
		['reset=CANCEL', ['reset']],
		['reset=cancel', ['reset']],
		['reset=8', ['reset']],
		['reset!=8', []],
		// latency: total (end) time, else time to headers; ttfb: time to headers.
		['latency<1ms', ['probe']],
		['latency=1500us', ['grpcUnknown']],
		['latency=1.5ms', ['grpcUnknown']],
		['latency>=0.25s', ['api500']],
		['latency>200', ['api500']],
		['latency>1m', []],
		['latency<1m30s and latency>100ms', ['api500']],
		['latency<=900µs', ['probe']],
		['duration=1200us', ['reset']],
		['ttfb<1ms', ['grpcUnknown', 'probe']],
		['ttfb>=20ms', ['api500']],
		['bytes=0', ['reset']],
		['bytes>=0.1kb and bytes<1KiB', except('reset', 'open', 'lost')],
		// method and authority compare case-insensitively, path exactly.
		['method=purge', ['botPurge']],
		['method!=GET', ['api500', 'grpcOk', 'grpcUnknown', 'botPurge']],
		['method~^p', ['api500', 'grpcOk', 'grpcUnknown', 'botPurge']],
		['path=/items', ['web200']],
		['path=/ITEMS', []],
		['path~ITEMS', ['web200']],
		['path!~^/api', except('api500', 'bot500', 'botOk')],
		['path="/api/vote?choice=:joy:"', ['bot500']],
		['authority=EMOJI-SVC.emojivoto:8080', ['grpcOk', 'grpcUnknown']],
		['host~^10\\.', ['probe']],
		['scheme=http', all],
		// src / dst: type/name by labels, bare names, IPs, CIDRs, regex on the shown name.
		['src=deploy/web', except('probe', 'botPurge', 'bot500', 'botOk')],
		['src=deployment/vote-bot', ['botPurge', 'bot500', 'botOk']],
		['src=web', except('probe', 'botPurge', 'bot500', 'botOk')],
		['src=vote-bot-5b7f-abcde', ['botPurge', 'bot500', 'botOk']],
		['src=po/vote-bot-5b7f-abcde', ['botPurge', 'bot500', 'botOk']],
		['src=pod/web-1', except('probe', 'botPurge', 'bot500', 'botOk')],
		['src=10.1.2.3', ['probe']],
		['src=10.1.2.3:51000', ['probe']],
		['src=10.1.0.0/16', ['probe']],
		['src=10.0.0.0/8', all],
		['src!=deploy/web', ['probe', 'botPurge', 'bot500', 'botOk']],
		['src~^deploy/vote', ['botPurge', 'bot500', 'botOk']],
		['src~^10\\.1\\.', ['probe']],
		['dst=web', ['probe', 'botPurge', 'bot500', 'botOk']],
		['dst=svc/emoji-svc', ['grpcOk', 'grpcUnknown']],
		['dst=emoji-svc', ['grpcOk', 'grpcUnknown']],
		['dst=ns/emojivoto', ['grpcOk', 'grpcUnknown', 'botPurge', 'bot500', 'botOk']],
		['destination=namespace/emojivoto and source=ns/shop', ['grpcOk', 'grpcUnknown']],
		['dst=deploy/', all],
		['src=deploy/', except('probe')],
		['dst=sts/db', []],
		// ns: either end; src.ns / dst.ns: one end; != needs the field and no end equal.
		['ns=emojivoto', ['grpcOk', 'grpcUnknown', 'botPurge', 'bot500', 'botOk']],
		['ns!=shop', ['botPurge', 'bot500', 'botOk']],
		['src.ns=emojivoto', ['botPurge', 'bot500', 'botOk']],
		['src.ns!=emojivoto', except('probe', 'botPurge', 'bot500', 'botOk')],
		['dst.namespace=shop', except('grpcOk', 'grpcUnknown', 'botPurge', 'bot500', 'botOk')],
		['dst.label.service=web-svc', ['botPurge', 'bot500', 'botOk']],
		['src.label.tls=no_tls_from_remote', ['probe']],
		['src.label.constructor=x or src.label.constructor~.', []],
		// route: the ServiceProfile route tap reports; [DEFAULT] without one (linkerd viz tap --routes).
		['route=ListAll', ['grpcOk']],
		['route=listall', ['grpcOk']], // names compare case-insensitively, as server= and authz= do
		['route="[DEFAULT]"', except('grpcOk')],
		['route!=ListAll', except('grpcOk')],
		// dir, port, tls.
		['dir=in', ['probe']],
		['dir=INBOUND', ['probe']],
		['dir!=in', except('probe')],
		['direction=outbound', except('probe')],
		['port=9090', ['probe']],
		['port>=8000', all],
		['tls=true', except('probe', 'secret')],
		['tls=plain', ['probe']],
		['tls=no_tls_from_remote', ['probe']],
		['tls=""', ['secret']],
		['tls~remote', ['probe']],
	])('%s', (text, expected) => {
		expect(matching(text)).toEqual(expected);
	});
});

describe('filter language: headers and secrets', () => {
	it.each<[string, string[], string[]]>([
		// filter, without --show-secrets, with it
		['header.x-request-id=abc-123', ['secret'], ['secret']],
		['header.X-Request-ID=abc-123', ['secret'], ['secret']],
		['header.x-request-id!=abc-123', [], []],
		['header.x-request-id!=nope', ['secret'], ['secret']],
		['header.content-type~json', ['secret'], ['secret']],
		['header.grpc-message=boom', ['grpcUnknown'], ['grpcUnknown']],
		['header.authorization', ['secret'], ['secret']],
		['header.authorization~bearer', [], ['secret']],
		['header.authorization="Bearer s3cr3t"', [], ['secret']],
		['header.authorization="[masked]"', ['secret'], []],
		['header.x-bin=base64:AQID', ['secret'], ['secret']],
		['header.x-missing', [], []],
		['not header.x-missing', all, all],
		['header.user-agent!~curl', ['probe'], ['probe']],
		['s3cr3t', [], ['secret']],
		['masked', ['secret'], []],
		['abc-123', ['secret'], ['secret']],
	])('%s', (text, hidden, shown) => {
		expect(matching(text)).toEqual(hidden);
		expect(matching(text, {showSecrets: false})).toEqual(hidden);
		expect(matching(text, {showSecrets: true})).toEqual(shown);
	});
});

describe('filter language: classes and free text', () => {
	it.each<[string, string[]]>([
		// error / ok apply the success rule to completed requests; open and lost are neither.
		['error', ['api500', 'grpcUnknown', 'reset', 'bot500']],
		['ok', ['web200', 'grpcOk', 'probe', 'botPurge', 'botOk', 'secret']],
		['not error and not ok', ['open', 'lost']],
		['failure', ['api500', 'grpcUnknown', 'reset', 'bot500']],
		['SUCCESS', ['web200', 'grpcOk', 'probe', 'botPurge', 'botOk', 'secret']],
		['2xx', ['web200', 'grpcOk', 'grpcUnknown', 'probe', 'botPurge', 'botOk', 'secret']],
		['5XX', ['api500', 'bot500']],
		['4xx or 1xx or 3xx', []],
		['grpc', ['grpcOk', 'grpcUnknown']],
		['reset', ['reset']],
		['mtls', except('probe', 'secret')],
		['not mtls', ['probe', 'secret']],
		['open', ['open']],
		['pending', ['open']],
		['lost', ['lost']],
		['expired', ['lost']],
		['done', except('open', 'lost')],
		// Free text: case-insensitive substring of what the row shows.
		['"error"', []],
		['"GET /api"', ['bot500', 'botOk']],
		['vote-bot', ['botPurge', 'bot500', 'botOk']],
		['→ deploy/emoji', ['grpcOk', 'grpcUnknown']],
		['"web → deploy/emoji"', ['grpcOk', 'grpcUnknown']],
		['"web →"', except('probe', 'botPurge', 'bot500', 'botOk')],
		['"items"', ['web200']],
		['EMOJIVOTO.V1', ['grpcOk', 'grpcUnknown']],
		['200', ['web200', 'grpcOk', 'grpcUnknown', 'probe', 'botOk', 'secret']],
		['"grpc 2"', ['grpcUnknown']],
		['"grpc unknown"', ['grpcUnknown']],
		['"reset 8"', ['reset']],
		['250ms', ['api500']],
		['1.5ms', ['grpcUnknown']],
		['no_tls', ['probe']],
		['kube-probe', ['probe']],
		['/api/vote?choice=:joy:', ['bot500']],
		// The bots' authority is api.shop...; the probe and the gRPC calls show no api.
		['web api', except('grpcOk', 'grpcUnknown', 'probe')],
		['nothing-like-this', []],
	])('%s', (text, expected) => {
		expect(matching(text)).toEqual(expected);
	});
});

describe('filter language: grammar', () => {
	it.each<[string, string]>([
		['a or b c', '(a or (b and c))'],
		['a b or c', '((a and b) or c)'],
		['not a b', '(not a and b)'],
		['not (a b)', 'not (a and b)'],
		['a and b or c and d', '((a and b) or (c and d))'],
		['!a || b && c', '(not a or (b and c))'],
		['a AND b Or NOT c', '((a and b) or not c)'],
		['!!a', 'not not a'],
		['((a))', 'a'],
		['a or b or c', '(a or b or c)'],
		['status = 500', 'status=500'],
		['status == 500', 'status=500'],
		['status=500&&method=GET', '(status=500 and method=GET)'],
		['(status=500 or method=PURGE)', '(status=500 or method=PURGE)'],
		['path~^/(a|b)/x', 'path~"^/(a|b)/x"'],
		['(path~^/(a|b)/x)', 'path~"^/(a|b)/x"'],
		['path~\\)', 'path~"\\\\)"'],
		['path~[)]x', 'path~"[)]x"'],
		['(x path~a(b|c)d)', '(x and path~"a(b|c)d")'],
		['/api/v1?x=1', '/api/v1?x=1'],
		['a!b', 'a!b'],
		['"and" or \'not\'', '("and" or "not")'],
		['path="a b"', 'path="a b"'],
	])('%s reads as %s', (text, printed) => {
		expect(printFilter(parseFilterTree(text))).toBe(printed);
		// The printed form reads back as the same tree.
		expect(printFilter(parseFilterTree(printed))).toBe(printed);
	});

	it('reads quoted strings with \\" \\\' \\\\ escapes and keeps other backslashes', () => {
		const value = (text: string) => {
			const tree = parseFilterTree(text);
			return tree?.kind === 'compare' ? tree.value.text : undefined;
		};
		expect(value(String.raw`path="a \"b\""`)).toBe('a "b"');
		expect(value(String.raw`path='it\'s'`)).toBe("it's");
		expect(value(String.raw`path="\\"`)).toBe('\\');
		expect(value(String.raw`path~"\d+"`)).toBe('\\d+');
		expect(matching(String.raw`path~"^/api/\w+$"`)).toEqual(['api500', 'botOk']);
	});

	it('matches everything when empty', () => {
		for (const text of ['', '   ', '\t']) {
			const filter = compile(text);
			expect(filter.matchesAll).toBe(true);
			expect(filter.fields).toEqual([]);
			expect(all.filter(name => filter.matches(records[name]!))).toEqual(all);
		}
		expect(compile('error').matchesAll).toBe(false);
	});

	it('lists the fields, classes and text a filter reads', () => {
		const filter = compile('status>=500 and header.User-Agent~x or error web src=web host=x ns=y');
		expect(filter.fields).toEqual(['status', 'header.user-agent', 'error', 'text', 'src', 'authority', 'ns']);
		expect(filter.source).toBe('status>=500 and header.User-Agent~x or error web src=web host=x ns=y');
	});
});

describe('filter language: errors', () => {
	it.each<[string, string, number, number]>([
		['stauts>=500', 'unknown field "stauts" at 1 (did you mean status?)', 0, 6],
		['latncy>1s', 'unknown field "latncy" at 1 (did you mean latency?)', 0, 6],
		['haeder.user-agent~x', 'unknown field "haeder.user-agent" at 1 (did you mean header.user-agent?)', 0, 17],
		['error and xyzzy=1', 'unknown field "xyzzy" at 11 (fields: ', 10, 5],
		['status>=', 'missing value after status>= at 9', 8, 0],
		['status= and x', 'missing value after status= at 8 (quote it to compare with the word "and")', 7, 0],
		['(status=)', 'missing value after status= at 9', 8, 0],
		['(status=500', 'unclosed "(" at 1 (add a ")")', 0, 1],
		['status=500)', 'unexpected ")" at 11 (no "(" to close)', 10, 1],
		['(a b) c)', 'unexpected ")" at 8', 7, 1],
		['()', 'empty parentheses at 1', 0, 2],
		['and x', 'expected a term before "and" at 1', 0, 3],
		['x or', 'expected a term after "or" at 5', 4, 0],
		['not', 'expected a term after "not" at 4', 3, 0],
		['x && || y', 'expected a term before "||" at 6', 5, 2],
		['>=500', 'missing field before ">=" at 1 (e.g. status>=500)', 0, 2],
		['a | b', 'unexpected "|" at 3 (write "or" or ||)', 2, 1],
		['a & b', 'unexpected "&" at 3 (write "and" or &&)', 2, 1],
		['x "unterminated', 'unterminated string at 3 (close it with ")', 2, 13],
		['latency>2x', 'bad duration "2x" for latency at 9', 8, 2],
		['latency>1.5', '', -1, 0],
		['ttfb<ms', 'bad duration "ms" for ttfb at 6', 5, 2],
		['path~(unclosed', 'bad regular expression "(unclosed" at 6 (', 5, 9],
		['grpc=Unavaliable', 'unknown gRPC code "Unavaliable" at 6 (did you mean Unavailable?)', 5, 11],
		['grpc=Bogus', 'unknown gRPC code "Bogus" at 6 (e.g. OK, Unknown, Unavailable or a number)', 5, 5],
		['reset=CANCELL', 'unknown HTTP/2 error code "CANCELL" at 7 (did you mean CANCEL?)', 6, 7],
		['path>3', 'cannot use ">" on path (text) at 5 (use = != ~ !~)', 4, 1],
		['src<=x', 'cannot use "<=" on src (text) at 4', 3, 2],
		['status~5', 'cannot use "~" on status (a number) at 7 (use = != < <= > >=)', 6, 1],
		['dir~in', 'cannot use "~" on dir at 4 (use dir=in or dir=out)', 3, 1],
		['status>=5xx', 'cannot use ">=" with the class 5xx at 7 (use status=5xx or a number)', 6, 2],
		['status=abc', 'status needs an HTTP status like 404 or 5xx, not "abc" at 8', 7, 3],
		['port=80x', 'port needs a whole number, not "80x" at 6', 5, 3],
		['bytes>1zb', 'bad size "1zb" for bytes at 7', 6, 3],
		['dir=sideways', 'bad direction "sideways" at 5 (use in or out)', 4, 8],
		['src=foo/bar', 'unknown resource type "foo" at 5', 4, 3],
		['src=dpeloy/web', 'unknown resource type "dpeloy" at 5 (did you mean deploy/?)', 4, 6],
		['src="dpeloy/web"', 'unknown resource type "dpeloy" at 6', 5, 6],
		['src=10.0.0.0/33', 'bad CIDR "10.0.0.0/33" at 5 (IPv4 prefixes are /0 to /32)', 4, 11],
		['src=10.0.0.300/8', 'bad CIDR "10.0.0.300/8" at 5', 4, 12],
		['header.=x', 'missing name after "header." at 1 (e.g. header.user-agent)', 0, 7],
	])('%s', (text, message, position, length) => {
		const result = parseFilter(text);
		if (position === -1) {
			expect(result.ok).toBe(true);
			return;
		}
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.message.startsWith(message)).toBe(true);
		expect(result.error.message).not.toContain('\n');
		expect(result.error.position).toBe(position);
		expect(result.error.length).toBe(length);
	});

	it('never throws, whatever the input', () => {
		const alphabet = ['a', 'status', 'src', 'header.x', 'grpc', 'and', 'or', 'not', '!', '(', ')', '=', '!=', '>=', '~', '!~', '"', "'", '\\', ' ', '&&', '||', '&', '|', '5xx', '200', '1.5s', 'deploy/', '[', ']', '$', '.', '*'];
		let seed = 42;
		const random = () => {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			return seed;
		};
		for (let n = 0; n < 5000; n++) {
			let text = '';
			const parts = random() % 10;
			for (let i = 0; i < parts; i++) text += alphabet[random() % alphabet.length];
			const result = parseFilter(text);
			if (result.ok) {
				for (const name of all) expect(typeof result.filter.matches(records[name]!)).toBe('boolean');
			} else {
				expect(result.error.position).toBeGreaterThanOrEqual(0);
				expect(result.error.position + result.error.length).toBeLessThanOrEqual(text.length);
			}
		}
	});
});

describe('filter language: help and speed', () => {
	it('describes the syntax in a few short lines', () => {
		const lines = describeFilterSyntax();
		expect(lines.length).toBeGreaterThan(3);
		expect(lines.length).toBeLessThan(15);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
		const text = lines.join('\n');
		for (const word of ['status', 'grpc', 'latency', 'header.NAME', 'error', '5xx', 'and', 'or', 'not', '~']) expect(text).toContain(word);
		expect(fieldNames).toContain('status');
		expect(classNames).toContain('error');
	});

	it('evaluates 100k records well within a second', () => {
		const filter = compile('5xx or grpc!=OK or (src=deploy/web and latency>200ms) or header.user-agent~kube or vote');
		const sample = Object.values(records);
		const start = performance.now();
		let hits = 0;
		for (let i = 0; i < 100_000; i++) if (filter.matches(sample[i % sample.length]!)) hits++;
		const elapsed = performance.now() - start;
		expect(hits).toBeGreaterThan(0);
		expect(elapsed).toBeLessThan(1000);
	});
});
