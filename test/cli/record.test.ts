// Record → replay through the built CLI against the demo mesh: a live `tap --record F -o FMT`
// and `tap --replay F -o FMT` print the same bytes in every format; a recording cut
// mid-frame replays its whole frames with one stderr line; secrets stay out of the file
// unless --show-secrets; an existing file is never replaced without --force.
import {mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {decodeRecording, encodeRecord, encodeRecordingHeader} from '../../source/model/recording.js';
import {encodeTapEvent} from '../../source/tap/encode.js';
import {requestEvents} from '../ui/fixtures.js';
import {runCli} from '../reliability/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'meshtop-record-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const live = ['tap', 'deploy/web', '-n', 'emojivoto', '--demo'];
// booksapp's traffic → webapp edge carries authorization headers (demo/catalog.ts).
const withSecrets = ['tap', 'deploy/webapp', '-n', 'booksapp', '--demo'];

describe('tap --record, then tap --replay: the same output', () => {
	it.each([
		['text', []],
		['wide', []],
		['json', []],
		['jsonl', ['--filter', 'status>=200']],
		['har', []],
		['json', ['--show-secrets']],
	] as const)('-o %s %j', async (format, extra) => {
		const file = join(dir, `${format}${extra.length}.mtap`);
		const recorded = runCli([...(format === 'json' ? withSecrets : live), '--record', file, '-o', format, '--max-requests', '12', ...extra]);
		expect(await recorded.exit, recorded.stderr()).toBe(0);
		expect(recorded.stderr()).toMatch(new RegExp(`^(meshtop: .* never completed.*\\n)?meshtop: recorded \\d+ frames \\(.*\\) to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`));
		expect(recorded.stdout().length).toBeGreaterThan(100);
		const replayed = runCli(['tap', '--replay', file, '-o', format, '--max-requests', '12', ...extra]);
		expect(await replayed.exit, replayed.stderr()).toBe(0);
		expect(replayed.stdout()).toBe(recorded.stdout());
		const header = decodeRecording(readFileSync(file)).header;
		const target = format === 'json' ? {namespace: 'booksapp', type: 'deployment', name: 'webapp'} : {namespace: 'emojivoto', type: 'deployment', name: 'web'};
		expect(header).toMatchObject({format: 1, context: 'meshtop-demo', spec: {target, maxRps: 100}, showSecrets: extra.includes('--show-secrets' as never)});
		expect(header.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
	}, 60_000);

	it('a recording cut mid-frame replays up to its last whole frame, with one line on stderr', async () => {
		const file = join(dir, 'json0.mtap');
		const whole = runCli(['tap', '--replay', file, '-o', 'json']);
		expect(await whole.exit).toBe(0);
		const cutFile = join(dir, 'cut.mtap');
		writeFileSync(cutFile, readFileSync(file));
		truncateSync(cutFile, statSync(cutFile).size - 5);
		const cut = runCli(['tap', '--replay', cutFile, '-o', 'json']);
		expect(await cut.exit, cut.stderr()).toBe(0);
		expect(cut.stderr()).toMatch(/^meshtop: the recording was cut mid-write \(\d+ bytes of a last frame are missing their end\); replaying its \d+ whole frames\n$/);
		// One event fewer: the last object of the whole replay is missing, nothing else.
		expect(cut.stdout().length).toBeLessThan(whole.stdout().length);
		expect(whole.stdout().startsWith(cut.stdout())).toBe(true);
		expect(whole.stdout().slice(cut.stdout().length).match(/^\{$/gm)).toHaveLength(1);
	}, 30_000);

	it('secrets: masked in the file without --show-secrets, kept with it', () => {
		const masked = readFileSync(join(dir, 'json0.mtap')).toString('latin1');
		const kept = readFileSync(join(dir, 'json1.mtap')).toString('latin1');
		expect(kept).toMatch(/Bearer eyJ/);
		expect(kept).not.toContain('[masked]');
		expect(masked).toContain('[masked]');
		for (const secret of [/Bearer /, /sk_live_/, /session=/]) expect(masked).not.toMatch(secret);
	});

	it('never replaces an existing file without --force', async () => {
		const file = join(dir, 'taken.mtap');
		writeFileSync(file, 'what the user captured before');
		const refused = runCli([...live, '--record', file, '--max-requests', '1']);
		expect(await refused.exit).toBe(1);
		expect(refused.stderr()).toBe(`meshtop: ${file} already exists; choose another file or pass --force to overwrite it\n`);
		expect(readFileSync(file, 'utf8')).toBe('what the user captured before');
		const forced = runCli([...live, '--record', file, '--force', '--max-requests', '1']);
		expect(await forced.exit, forced.stderr()).toBe(0);
		expect(decodeRecording(readFileSync(file)).frames.length).toBeGreaterThan(0);
	}, 30_000);

	it('--max-requests reached in the first recorded read stops cleanly in every format (it threw "Cannot access session")', async () => {
		const startedAt = Date.UTC(2024, 2, 1, 10, 0, 0);
		const spec = {target: {namespace: 'emojivoto', type: 'deployment', name: 'web'}, maxRps: 100, extractHeaders: true};
		const parts = [encodeRecordingHeader({format: 1, meshtop: '0.1.0', context: 'c', server: 'https://10.0.0.1:6443', spec, startedAt, showSecrets: false})];
		// Three whole requests that arrived in one read: one batch, all at the same millisecond.
		for (const stream of [1, 2, 3]) for (const event of requestEvents({stream, path: `/p${stream}`})) parts.push(encodeRecord(encodeTapEvent(event), startedAt + 5, startedAt));
		const file = join(dir, 'one-read.mtap');
		writeFileSync(file, Buffer.concat(parts));
		for (const format of ['text', 'wide', 'json', 'jsonl', 'har']) {
			const run = runCli(['tap', '--replay', file, '-o', format, '--max-requests', '2']);
			expect(await run.exit, `${format}: ${run.stderr()}`).toBe(0);
			expect(run.stderr()).toBe('');
			expect(run.stdout()).toContain('/p2');
			expect(run.stdout()).not.toContain('/p3');
		}
	}, 30_000);

	it('replay errors are one line: a missing file, not a recording', async () => {
		const missing = runCli(['tap', '--replay', join(dir, 'nope.mtap')]);
		expect(await missing.exit).toBe(1);
		expect(missing.stderr()).toBe(`meshtop: cannot read the recording ${join(dir, 'nope.mtap')}: no such file\n`);
		const har = join(dir, 'x.har');
		writeFileSync(har, '{"log":{}}');
		const notOne = runCli(['tap', '--replay', har]);
		expect(await notOne.exit).toBe(1);
		expect(notOne.stderr()).toBe(`meshtop: ${har}: not a meshtop recording (it does not begin with MESHTAP)\n`);
		const usage = runCli(['tap', '--replay', har, '--to', 'deploy/x']);
		expect(await usage.exit).toBe(2);
		expect(usage.stderr()).toMatch(/^meshtop: --to was applied by the tap API when the recording was made; with --replay use --filter, --from or --port/);
	}, 30_000);
});
