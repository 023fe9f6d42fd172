// Credentials in headers are masked in every output unless --show-secrets: end to end through
// the built CLI against its demo mesh (payments-api's traffic carries authorization, cookie,
// x-api-key and set-cookie), and in the TUI's detail view through the UI harness.
import {afterEach, describe, expect, it} from 'vitest';
import {type Harness, startApp} from '../ui/app-harness.js';
import {keys} from '../ui/render.js';
import {runCli} from './cli.js';

const secretNames = ['authorization', 'cookie', 'set-cookie', 'x-api-key'];
// What the demo's secret values look like; none may appear unless asked for.
const secretValue = /Bearer eyJ|sk_live_|session=/;

async function tap(format: string, showSecrets: boolean) {
	const run = runCli([
		'tap', 'deploy/payments-api', '-n', 'payments', '--demo', '-o', format, '--max-requests', '25',
		...(showSecrets ? ['--show-secrets'] : []),
	]);
	const code = await run.exit;
	return {code, out: run.stdout(), err: run.stderr()};
}

/** Every header of every event in a stream of JSON objects (pretty or one per line). */
function headersOf(out: string, format: string): Array<{name: string; valueStr?: string}> {
	const texts = format === 'jsonl' ? out.trimEnd().split('\n') : out.trimEnd().split(/\n(?=\{)/);
	return texts.flatMap(text => {
		const ev = JSON.parse(text);
		return [ev.requestInitEvent?.headers, ev.responseInitEvent?.headers, ev.responseEndEvent?.trailers].flatMap(h => h ?? []);
	});
}

describe('secrets, end to end through `meshtop tap --demo`', () => {
	it('json and jsonl: masked by default, shown with --show-secrets; text and wide never print them', {timeout: 60_000}, async () => {
		const formats = ['json', 'jsonl', 'text', 'wide'];
		const runs = await Promise.all(formats.flatMap(format => [tap(format, false), tap(format, true)]));
		for (const [i, format] of formats.entries()) {
			const [masked, shown] = [runs[2 * i]!, runs[2 * i + 1]!];
			expect(masked.code, masked.err).toBe(0);
			expect(shown.code, shown.err).toBe(0);
			expect(masked.out).not.toMatch(secretValue);
			if (format === 'text' || format === 'wide') {
				expect(shown.out).not.toMatch(secretValue);
				expect(masked.out.trimEnd().split('\n').filter(line => line.startsWith('end ')).length).toBe(25);
				continue;
			}
			const hidden = headersOf(masked.out, format).filter(h => secretNames.includes(h.name));
			const seen = new Set(hidden.map(h => h.name));
			// The demo's payments traffic carries all four within 25 requests (seeded).
			expect([...seen].sort()).toEqual([...secretNames].sort());
			for (const h of hidden) expect(h).toEqual({name: h.name, valueStr: '[masked]'});
			const visible = headersOf(shown.out, format).filter(h => secretNames.includes(h.name));
			expect(visible.length).toBeGreaterThan(0);
			for (const h of visible) {
				expect(h.valueStr).not.toBe('[masked]');
				if (h.name === 'authorization') expect(h.valueStr).toMatch(/^Bearer eyJhbGciOiJIUzI1NiJ9\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{16}$/);
				if (h.name === 'x-api-key') expect(h.valueStr).toMatch(/^sk_live_[A-Za-z0-9]{24}$/);
			}
		}
	});
});

let app: Harness | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

const secretHeaders = [
	{name: 'authorization', valueStr: 'Bearer tok-AAA'},
	{name: 'Proxy-Authorization', valueStr: 'Basic tok-BBB'},
	{name: 'cookie', valueStr: 'session=tok-CCC'},
	{name: 'x-api-key', valueStr: 'tok-DDD'},
	{name: 'x-auth-token', valueStr: 'tok-EEE'},
	{name: 'x-client-secret', valueStr: 'tok-GGG'},
];

describe('secrets in the TUI detail view', () => {
	for (const showSecrets of [false, true]) {
		it(showSecrets ? 'shown with --show-secrets' : 'masked by default, in request and response headers and trailers', async () => {
			app = startApp({columns: 100, rows: 80, showSecrets});
			await app.traffic([{
				stream: 1,
				requestHeaders: secretHeaders,
				responseHeaders: [{name: 'set-cookie', valueStr: 'id=tok-FFF'}],
				trailers: [{name: 'x-refresh-token', valueStr: 'tok-HHH'}],
			}]);
			await app.press(keys.enter);
			const screen = app.lines().join('\n');
			const shownValues = [...secretHeaders.map(h => h.valueStr), 'id=tok-FFF', 'tok-HHH'];
			for (const h of [...secretHeaders, {name: 'set-cookie'}, {name: 'x-refresh-token'}]) {
				expect(screen).toContain(`  ${h.name}: `);
			}
			if (showSecrets) for (const value of shownValues) expect(screen).toContain(value);
			else {
				expect(screen).not.toContain('tok-');
				expect(screen.match(/: \[masked\]/g)?.length).toBe(8);
			}
		});
	}
});
