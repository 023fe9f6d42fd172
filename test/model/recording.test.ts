// The recording file format (model/recording.ts): header round trip, records with their
// arrival times, and every way a file ends early: cut at each byte, a damaged length, not a
// recording at all, a newer format.
import {describe, expect, it} from 'vitest';
import {
	batchesOf,
	decodeRecording,
	describeCut,
	encodeRecord,
	encodeRecordingHeader,
	RECORDING_MAGIC,
	type RecordingHeader,
	RecordingError,
} from '../../source/model/recording.js';

const header: RecordingHeader = {
	format: 1,
	meshtop: '9.9.9',
	context: 'prod-eu',
	server: 'https://10.0.0.1:6443',
	spec: {target: {namespace: 'emojivoto', type: 'deployment', name: 'web'}, to: {namespace: 'emojivoto', type: 'service', name: 'voting'}, method: 'POST', maxRps: 25, extractHeaders: true},
	startedAt: 1_700_000_000_123,
	showSecrets: false,
};

const payloads = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(7)];
const times = [header.startedAt + 5, header.startedAt + 5, header.startedAt + 90_000];

function file(): Uint8Array {
	const parts = [encodeRecordingHeader(header), ...payloads.map((p, i) => encodeRecord(p, times[i]!, header.startedAt))];
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

describe('recording format', () => {
	it('round-trips the header and every frame with its arrival time', () => {
		const decoded = decodeRecording(file());
		expect(decoded.header).toEqual(header);
		expect(decoded.frames.map(f => [...f.bytes])).toEqual(payloads.map(p => [...p]));
		expect(decoded.frames.map(f => f.at)).toEqual(times);
		expect(decoded.trailingBytes).toBe(0);
		expect(describeCut(decoded)).toBeUndefined();
	});

	it('begins with MESHTAP and the version byte; records are u32 LE length, u32 LE ms, payload', () => {
		const bytes = file();
		expect(new TextDecoder().decode(bytes.subarray(0, 7))).toBe('MESHTAP');
		expect(bytes[7]).toBe(1);
		expect([...encodeRecord(new Uint8Array([9]), header.startedAt + 258, header.startedAt)]).toEqual([1, 0, 0, 0, 2, 1, 0, 0, 9]);
	});

	it('a file cut at any byte after the header replays its whole frames and says it was cut', () => {
		const bytes = file();
		const headerEnd = encodeRecordingHeader(header).length;
		const ends = [headerEnd];
		for (const p of payloads) ends.push(ends.at(-1)! + 8 + p.length);
		for (let cut = headerEnd; cut <= bytes.length; cut++) {
			const decoded = decodeRecording(bytes.subarray(0, cut));
			const whole = ends.filter(e => e <= cut).length - 1;
			expect(decoded.frames, `cut at ${cut}`).toHaveLength(whole);
			expect(decoded.trailingBytes).toBe(cut - ends[whole]!);
			if (decoded.trailingBytes > 0) expect(describeCut(decoded)).toMatch(/^the recording was cut mid-write \(\d+ bytes of a last frame are missing their end\); replaying its \d+ whole frames?$/);
			else expect(describeCut(decoded)).toBeUndefined();
		}
	});

	it('a file cut inside its header is an error that says so', () => {
		const bytes = file();
		const headerEnd = encodeRecordingHeader(header).length;
		for (const cut of [7, 8, 11, 12, headerEnd - 1]) {
			expect(() => decodeRecording(bytes.subarray(0, cut)), `cut at ${cut}`).toThrow(/cut inside its header/);
		}
	});

	it('stops at a damaged record length and keeps what came before', () => {
		const bytes = file();
		const headerEnd = encodeRecordingHeader(header).length;
		const second = headerEnd + 8 + payloads[0]!.length;
		bytes.set([0xff, 0xff, 0xff, 0x7f], second);
		const decoded = decodeRecording(bytes);
		expect(decoded.frames).toHaveLength(1);
		expect(describeCut(decoded)).toMatch(/^the recording is damaged \(a record at byte \d+ claims \d+ bytes\); replaying the 1 whole frame before it$/);
	});

	it('refuses what is not a recording, and a newer format, in one line', () => {
		expect(() => decodeRecording(new TextEncoder().encode('{"log":{}}'))).toThrow(RecordingError);
		expect(() => decodeRecording(new TextEncoder().encode('{"log":{}}'))).toThrow('not a meshtop recording');
		const newer = file();
		newer[7] = 2;
		expect(() => decodeRecording(newer)).toThrow(/format 2 is not one this meshtop reads/);
		const junk = encodeRecordingHeader(header);
		junk[RECORDING_MAGIC.length + 4] = 0x7b + 1; // the JSON no longer parses
		expect(() => decodeRecording(junk)).toThrow(/not valid JSON/);
	});

	it('groups frames that arrived in the same millisecond: one live read each', () => {
		const frames = decodeRecording(file()).frames;
		expect(batchesOf(frames).map(b => b.length)).toEqual([2, 1]);
	});
});
