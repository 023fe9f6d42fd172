// Keeps proto/*.proto, decode.ts and encode.ts honest against each other:
// protobufjs (an independent implementation reading our .proto files) encodes
// random events that our decoder must read identically, and decodes our
// encoder's bytes to the same events.
import path from 'node:path';
import protobuf from 'protobufjs';
import {beforeAll, describe, expect, it} from 'vitest';
import {decodeTapEvent} from '../../source/tap/decode.js';
import {encodeTapEvent, parseIpv6} from '../../source/tap/encode.js';
import type {Duration, Header, HttpEvent, Labels, TapEvent, TcpAddress} from '../../source/model/event.js';

const PROTO_DIR = path.resolve(import.meta.dirname, '../../proto');
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'CONNECT', 'HEAD', 'TRACE'];

let TapEventType: protobuf.Type;

beforeAll(async () => {
	const root = new protobuf.Root();
	root.resolvePath = (_origin, target) =>
		target.startsWith('google/') ? target : path.join(PROTO_DIR, path.basename(target));
	await root.load(path.join(PROTO_DIR, 'viz_tap.proto'));
	TapEventType = root.lookupType('linkerd2.tap.TapEvent');
});

/** mulberry32: a tiny seeded generator so a failure reproduces. */
function rng(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function randomEvent(rand: () => number): TapEvent {
	const int = (n: number) => Math.floor(rand() * n);
	const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
	const text = () => {
		const pool = ['a', 'Z', '0', '-', '/', ' ', 'é', '日', '😀', '\u001b', '\u202e', ':'];
		let s = '';
		for (let i = int(12); i > 0; i--) s += pick(pool);
		return s;
	};
	const address = (): TcpAddress | null => {
		const kind = int(4);
		if (kind === 0) return null;
		const port = pick([0, 80, 8080, 65_535]);
		if (kind === 1) return {ip: '', port};
		if (kind === 2) return {ip: `${1 + int(254)}.${int(256)}.${int(256)}.${int(256)}`, port};
		const hextets = Array.from({length: 8}, (): number => (rand() < 0.4 ? 0 : int(0x10000)));
		if (!hextets.some((h) => h !== 0)) hextets[7] = 1;
		// WHATWG URL gives the compressed text independently of our formatter.
		const text = new URL(`http://[${hextets.map((h) => h.toString(16)).join(':')}]/`).hostname.slice(1, -1);
		if (text.includes('.')) return {ip: '::1', port};
		return {ip: text, port};
	};
	const labels = (): Labels => {
		const n = int(5);
		if (n === 0) return null;
		const out: Record<string, string> = {};
		for (let i = 0; i < n; i++) out[`${text()}k${i}`] = text();
		return out;
	};
	const headers = (): Header[] | null => {
		const n = int(4);
		if (n === 0) return null;
		return Array.from({length: n}, () =>
			rand() < 0.5
				? {name: text(), valueStr: text()}
				: {name: text(), valueBin: Uint8Array.from({length: int(6)}, () => int(256))},
		);
	};
	const duration = (): Duration | null =>
		rand() < 0.2 ? null : {seconds: pick([0, 1, 59, 3_600, -2, 2 ** 40]), nanos: pick([0, 1, 999_999_999, -7])};
	const id = {base: pick([0, 1, 4_294_967_295]), stream: pick([0, 5, 2 ** 40 + 3])};
	const kind = int(4);
	let http: HttpEvent | null = null;
	if (kind === 1) {
		const methodOrScheme = (names: string[]) => pick(['', pick(names), text() || 'X', '42']);
		http = {
			kind: 'requestInit',
			id,
			method: methodOrScheme(METHODS),
			scheme: methodOrScheme(['HTTP', 'HTTPS']),
			authority: text(),
			path: text(),
			headers: headers(),
		};
	} else if (kind === 2) {
		http = {kind: 'responseInit', id, sinceRequestInit: duration(), httpStatus: pick([0, 200, 503]), headers: headers()};
	} else if (kind === 3) {
		const code = pick([0, 2, 14, 666]);
		http = {
			kind: 'responseEnd',
			id,
			sinceRequestInit: duration(),
			sinceResponseInit: duration(),
			responseBytes: pick([0, 1337, 2 ** 45]),
			eos: pick([null, {kind: 'grpc', code}, {kind: 'reset', code}] as const),
			trailers: headers(),
		};
	}
	return {
		source: address(),
		destination: address(),
		sourceMeta: labels(),
		destinationMeta: labels(),
		routeMeta: labels(),
		proxyDirection: pick(['UNKNOWN', 'INBOUND', 'OUTBOUND'] as const),
		http,
	};
}

// ---- our shape <-> protobufjs plain objects ----

function ipToPb(ip: string): object | undefined {
	if (ip === '') return undefined;
	if (!ip.includes(':')) return {ipv4: ip.split('.').reduce((v, o) => v * 256 + Number(o), 0)};
	const h = parseIpv6(ip).map(BigInt);
	const join = (at: number) => ((h[at]! << 48n) | (h[at + 1]! << 32n) | (h[at + 2]! << 16n) | h[at + 3]!).toString();
	return {ipv6: {first: join(0), last: join(4)}};
}

function enumOrString(value: string, names: string[]): object | undefined {
	if (value === '') return undefined;
	if (names.includes(value)) return {registered: value};
	return {unregistered: value};
}

function toPb(ev: TapEvent): object {
	const addr = (a: TcpAddress | null) => (a === null ? undefined : {ip: ipToPb(a.ip), port: a.port});
	const meta = (l: Labels) => (l === null ? undefined : {labels: l});
	const hdrs = (hs: Header[] | null) => (hs === null ? undefined : {headers: hs});
	const dur = (d: Duration | null) => (d === null ? undefined : {seconds: String(d.seconds), nanos: d.nanos});
	const id = (h: HttpEvent) => ({base: h.id.base, stream: String(h.id.stream)});
	let http: object | undefined;
	const h = ev.http;
	if (h?.kind === 'requestInit') {
		http = {
			requestInit: {
				id: id(h),
				method: enumOrString(h.method, METHODS),
				scheme: enumOrString(h.scheme, ['HTTP', 'HTTPS']),
				authority: h.authority,
				path: h.path,
				headers: hdrs(h.headers),
			},
		};
	} else if (h?.kind === 'responseInit') {
		http = {responseInit: {id: id(h), sinceRequestInit: dur(h.sinceRequestInit), httpStatus: h.httpStatus, headers: hdrs(h.headers)}};
	} else if (h?.kind === 'responseEnd') {
		const eos = h.eos === null ? undefined : h.eos.kind === 'grpc' ? {grpcStatusCode: h.eos.code} : {resetErrorCode: h.eos.code};
		http = {
			responseEnd: {
				id: id(h),
				sinceRequestInit: dur(h.sinceRequestInit),
				sinceResponseInit: dur(h.sinceResponseInit),
				responseBytes: String(h.responseBytes),
				eos,
				trailers: hdrs(h.trailers),
			},
		};
	}
	return {
		source: addr(ev.source),
		destination: addr(ev.destination),
		sourceMeta: meta(ev.sourceMeta),
		destinationMeta: meta(ev.destinationMeta),
		routeMeta: meta(ev.routeMeta),
		proxyDirection: ev.proxyDirection,
		http,
	};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Pb = any;

function fromPb(m: Pb): TapEvent {
	const ip = (a: Pb): string => {
		if (a?.ipv4 !== undefined) {
			const v = a.ipv4 as number;
			return v === 0 ? '' : [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
		}
		if (a?.ipv6 !== undefined) {
			const words = [BigInt(a.ipv6.first ?? 0), BigInt(a.ipv6.last ?? 0)];
			const hextets = words.flatMap((w) => [48n, 32n, 16n, 0n].map((s) => Number((w >> s) & 0xffffn)));
			return new URL(`http://[${hextets.map((x) => x.toString(16)).join(':')}]/`).hostname.slice(1, -1);
		}
		return '';
	};
	const addr = (a: Pb): TcpAddress | null => (a === undefined ? null : {ip: ip(a.ip), port: a.port ?? 0});
	const meta = (x: Pb): Labels => (x?.labels && Object.keys(x.labels).length > 0 ? {...x.labels} : null);
	const hdrs = (x: Pb): Header[] | null =>
		x?.headers?.length
			? x.headers.map((h: Pb) =>
					h.valueBin !== undefined
						? {name: h.name ?? '', valueBin: new Uint8Array(h.valueBin)}
						: h.valueStr !== undefined
							? {name: h.name ?? '', valueStr: h.valueStr}
							: {name: h.name ?? ''},
				)
			: null;
	const dur = (d: Pb): Duration | null => (d === undefined ? null : {seconds: Number(d.seconds ?? 0), nanos: d.nanos ?? 0});
	const id = (x: Pb) => ({base: x?.base ?? 0, stream: Number(x?.stream ?? 0)});
	const enumText = (x: Pb, names: string[]) => {
		if (x === undefined) return '';
		if (x.unregistered !== undefined) return x.unregistered as string;
		const r = x.registered ?? 0;
		return typeof r === 'number' ? (names[r] ?? String(r)) : (r as string);
	};
	let http: HttpEvent | null = null;
	const h = m.http;
	if (h?.requestInit) {
		const r = h.requestInit;
		http = {
			kind: 'requestInit',
			id: id(r.id),
			method: enumText(r.method, METHODS),
			scheme: enumText(r.scheme, ['HTTP', 'HTTPS']),
			authority: r.authority ?? '',
			path: r.path ?? '',
			headers: hdrs(r.headers),
		};
	} else if (h?.responseInit) {
		const r = h.responseInit;
		http = {kind: 'responseInit', id: id(r.id), sinceRequestInit: dur(r.sinceRequestInit), httpStatus: r.httpStatus ?? 0, headers: hdrs(r.headers)};
	} else if (h?.responseEnd) {
		const r = h.responseEnd;
		const eos =
			r.eos?.grpcStatusCode !== undefined
				? ({kind: 'grpc', code: r.eos.grpcStatusCode} as const)
				: r.eos?.resetErrorCode !== undefined
					? ({kind: 'reset', code: r.eos.resetErrorCode} as const)
					: null;
		http = {
			kind: 'responseEnd',
			id: id(r.id),
			sinceRequestInit: dur(r.sinceRequestInit),
			sinceResponseInit: dur(r.sinceResponseInit),
			responseBytes: Number(r.responseBytes ?? 0),
			eos,
			trailers: hdrs(r.trailers),
		};
	}
	const dir = m.proxyDirection ?? 'UNKNOWN';
	return {
		source: addr(m.source),
		destination: addr(m.destination),
		sourceMeta: meta(m.sourceMeta),
		destinationMeta: meta(m.destinationMeta),
		routeMeta: meta(m.routeMeta),
		proxyDirection: typeof dir === 'number' ? 'UNKNOWN' : dir,
		http,
	};
}

/** Bytes as plain arrays for toEqual, noting whether they are plain Uint8Array copies. */
function comparable(ev: TapEvent): unknown {
	return JSON.parse(
		JSON.stringify(ev, function (this: Record<string, unknown>, key, v) {
			const raw = this[key];
			return raw instanceof Uint8Array ? {bin: Array.from(raw), plain: raw.constructor === Uint8Array} : v;
		}),
	);
}

const ROUNDS = 400;

describe('cross-check with protobufjs over proto/*.proto', () => {
	it('decodes protobufjs-encoded random events identically', () => {
		const rand = rng(20_260_814);
		for (let i = 0; i < ROUNDS; i++) {
			const ev = randomEvent(rand);
			const pbBytes = TapEventType.encode(TapEventType.fromObject(toPb(ev))).finish();
			expect(comparable(decodeTapEvent(pbBytes)), `event #${i}`).toEqual(comparable(ev));
		}
	});

	it('encodes random events to bytes protobufjs decodes identically', () => {
		const rand = rng(7);
		for (let i = 0; i < ROUNDS; i++) {
			const ev = randomEvent(rand);
			const decoded = TapEventType.toObject(TapEventType.decode(encodeTapEvent(ev)), {
				longs: String,
				enums: String,
			});
			expect(comparable(fromPb(decoded)), `event #${i}`).toEqual(comparable(ev));
		}
	});
});
