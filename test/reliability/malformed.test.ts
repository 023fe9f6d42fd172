// Malformed input: 10,000 seeded random, truncated, bit-flipped, oversized and garbage frames
// and event bodies through the frame decoder, the event decoder and the stream client.
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {runTapHeadless} from '../../source/commands/tap.js';
import {startDemoMesh} from '../../source/demo/server.js';
import {loadKubeConfig} from '../../source/kube/config.js';
import {decodeTapEvent} from '../../source/tap/decode.js';
import {encodeTapEvent} from '../../source/tap/encode.js';
import {DecodeError, FrameTooLargeError} from '../../source/tap/errors.js';
import type {TapEvent} from '../../source/model/event.js';
import {DEFAULT_MAX_FRAME_BYTES, FrameDecoder} from '../../source/tap/frame-decoder.js';
import {startTapSession} from '../../source/tap/session.js';
import type {TapSpec, TapStatus} from '../../source/tap/types.js';
import {frame, startLocalServer} from '../client/local-server.js';
import {hostileCorpus, prng} from './corpus.js';
import {hostileEvents, hostileFields} from './hostile-event.js';

const random = prng(0x6_0003);
const int = (n: number) => Math.floor(random() * n);
const corpus = hostileCorpus(3, 50);
const valid: Uint8Array[] = Array.from({length: 60}, (_, i) => hostileEvents(hostileFields(corpus, i), i)).flat().map(encodeTapEvent);

/** One malformed body: random bytes, a truncated event, a bit-flipped event, a lying length, or a valid event. */
function body(kind: number): Uint8Array {
	const ev = valid[int(valid.length)]!;
	switch (kind) {
		case 0:
			return Uint8Array.from({length: int(300)}, () => int(256));
		case 1:
			return ev.slice(0, int(ev.length));
		case 2: {
			const out = ev.slice();
			for (let k = 0; k <= int(4); k++) out[int(out.length)] ^= 1 << int(8);
			return out;
		}
		case 3: {
			// A field declaring far more bytes than the message has (a 5-byte varint length).
			return Uint8Array.from([...ev, 0x12, 0xff, 0xff, 0xff, 0xff, 0x0f]);
		}
		case 4: {
			// Deeply repeated nested fields and huge varints.
			const out: number[] = [];
			for (let k = 0; k < 200; k++) out.push(0x1a, 0x03, 0x0a, 0x01, 0x08);
			out.push(0x30, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
			return Uint8Array.from(out);
		}
		default:
			return ev;
	}
}

const bodies = Array.from({length: 10_000}, (_, i) => body(i % 6));

describe('10,000 malformed bodies', () => {
	it('decodeTapEvent returns an event or throws DecodeError, nothing else, and never hangs', () => {
		let decoded = 0;
		let rejected = 0;
		for (const [i, b] of bodies.entries()) {
			try {
				const ev = decodeTapEvent(b);
				expect(typeof ev.proxyDirection, `body ${i}`).toBe('string');
				decoded += 1;
			} catch (error) {
				if (!(error instanceof DecodeError)) throw new Error(`body ${i} (${Buffer.from(b).toString('hex')}) threw ${String(error)}`);
				rejected += 1;
			}
		}
		expect(decoded + rejected).toBe(10_000);
		// Every valid body decodes; the lying lengths (kind 3) never do.
		expect(decoded).toBeGreaterThanOrEqual(10_000 / 6);
		for (let i = 3; i < bodies.length; i += 6) expect(() => decodeTapEvent(bodies[i]!)).toThrow(DecodeError);
	});

	it('the frame decoder returns the same 10,000 bodies however the stream is chunked', () => {
		const stream = Buffer.concat(bodies.map(b => frame(b)));
		for (const maxChunk of [1, 3, 17, 4096, 65_536]) {
			const decoder = new FrameDecoder();
			const out: Uint8Array[] = [];
			// 1-byte chunks over 3 MB would take long; the small chunk sizes cover a prefix.
			const end = maxChunk < 17 ? 200_000 : stream.length;
			for (let at = 0; at < end; ) {
				const size = 1 + int(maxChunk);
				out.push(...decoder.push(stream.subarray(at, Math.min(end, at + size))));
				at += size;
			}
			const expected = maxChunk < 17 ? out.length : bodies.length;
			expect(out.length).toBe(expected);
			for (let i = 0; i < out.length; i++) expect(Buffer.from(out[i]!).equals(Buffer.from(bodies[i]!)), `frame ${i}`).toBe(true);
		}
	});

	it('a length prefix allocates nothing until its bytes come; one over the limit fails at once', () => {
		const before = process.memoryUsage().arrayBuffers;
		const decoders = Array.from({length: 40}, () => new FrameDecoder());
		const header = Buffer.alloc(4);
		header.writeUInt32LE(DEFAULT_MAX_FRAME_BYTES, 0);
		for (const d of decoders) {
			expect(d.push(Buffer.concat([header, Buffer.from('abc')]))).toEqual([]);
			expect(d.bufferedBytes).toBe(3);
		}
		// 40 preallocated 16 MiB frames would be 640 MiB; bytes received are 120.
		expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(4 * 1024 * 1024);
		const over = new FrameDecoder();
		header.writeUInt32LE(0xffffffff, 0);
		expect(() => over.push(header)).toThrow(new FrameTooLargeError(0xffffffff, DEFAULT_MAX_FRAME_BYTES));
		// Framing is lost for good: the decoder stays failed rather than reading garbage as lengths.
		expect(() => over.push(frame(valid[0]!))).toThrow(FrameTooLargeError);
	});
});

const spec: TapSpec = {target: {namespace: 'emojivoto', type: 'deployment', name: 'web'}, maxRps: 0, extractHeaders: true};
const instant = {now: () => 0, delay: async () => undefined, random: () => 0};

describe('the stream client with garbage on the wire', () => {
	it('skips and counts bad frames, delivers every good event in order, and ends with a clear error when framing is lost', async () => {
		const frames = bodies.slice(0, 3000);
		const goodEvents = frames.flatMap(b => {
			try {
				return [decodeTapEvent(b)];
			} catch {
				return [];
			}
		});
		const good = goodEvents.length;
		const bad = frames.length - good;
		const oversized = Buffer.alloc(4);
		oversized.writeUInt32LE(DEFAULT_MAX_FRAME_BYTES + 1, 0);
		const server = await startLocalServer([
			(_req, res) => {
				res.writeHead(200);
				const bytes = Buffer.concat([...frames.map(b => frame(b)), oversized, Buffer.alloc(100, 0x41)]);
				// Odd-sized writes so frames straddle TCP reads.
				for (let at = 0; at < bytes.length; at += 7919) res.write(bytes.subarray(at, at + 7919));
				res.end();
			},
			(_req, res) => {
				res.writeHead(200);
				// A stream cut inside a frame.
				res.end(Buffer.concat([frame(valid[0]!), frame(valid[1]!).subarray(0, 20)]));
			},
			(_req, res) => {
				res.writeHead(404, {'content-type': 'application/json'});
				res.end('{}');
			},
		]);
		const events: TapEvent[] = [];
		const badFrames: string[] = [];
		const statuses: TapStatus[] = [];
		const session = startTapSession(
			{kubeConfig: server.kubeConfig, server: server.url, context: 'local'},
			spec,
			{onEvents: e => void events.push(...e), onStatus: s => void statuses.push(s), onBadFrame: r => void badFrames.push(r)},
			{timing: instant},
		);
		const failure = await session.done;
		await server.close();
		expect(events.length).toBe(good + 1);
		// Including those in the same read as the oversized header (they were lost before).
		expect(events.slice(0, good)).toEqual(goodEvents);
		expect(badFrames.length).toBe(bad + 1);
		expect(badFrames.at(-1)).toBe('stream ended inside a frame (16 bytes left)');
		expect(badFrames.slice(0, -1).every(r => /at byte \d+$/.test(r))).toBe(true);
		const reconnects = statuses.filter(s => s.state === 'reconnecting');
		expect(reconnects.map(s => s.reason)).toEqual([
			`malformed tap stream: tap frame of ${DEFAULT_MAX_FRAME_BYTES + 1} bytes exceeds the limit of ${DEFAULT_MAX_FRAME_BYTES} bytes`,
			'the tap stream ended',
		]);
		expect(failure).toMatch(/^the Linkerd viz tap API is not installed/);
	});

	it('against the demo with its garbage-frames fault: bad frames are counted on stderr and the output goes on', async () => {
		const mesh = await startDemoMesh({fault: 'garbage-frames', rolloutEveryMs: 0});
		try {
			const loaded = loadKubeConfig({kubeconfig: mesh.kubeconfigPath});
			const stdout = new PassThrough();
			const stderr = new PassThrough();
			let out = '';
			let err = '';
			stdout.on('data', c => (out += c));
			stderr.on('data', c => (err += c));
			const code = await runTapHeadless({
				context: {kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context},
				spec: {...spec, extractHeaders: false},
				clientFilter: {},
				format: 'text',
				showSecrets: false,
				maxRequests: 20,
				stdout,
				stderr,
				signal: new AbortController().signal,
			});
			expect(code).toBe(0);
			expect(out.split('\n').filter(l => l.startsWith('end ')).length).toBe(20);
			const lines = err.trimEnd().split('\n');
			expect(lines[0]).toBe('meshtop: skipped a malformed tap frame (1 so far): length 127 runs past the end of the message at byte 2');
			expect(lines.length).toBeLessThanOrEqual(3);
		} finally {
			await mesh.close();
		}
	});
});
