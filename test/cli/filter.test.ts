// `meshtop tap --filter` end to end against the demo mesh: whole requests, only those that match.
import {describe, expect, it} from 'vitest';
import {runCli} from '../reliability/cli.js';

interface Line {
	proxyDirection: string;
	source: {ip: string; port: number};
	requestInitEvent?: {id: {base: number; stream: number}; path: string};
	responseInitEvent?: {id: {base: number; stream: number}; httpStatus: number};
	responseEndEvent?: {id: {base: number; stream: number}; grpcStatusCode?: number; resetErrorCode?: number};
}

function idOf(line: Line): string {
	const id = (line.requestInitEvent ?? line.responseInitEvent ?? line.responseEndEvent)!.id;
	return `${line.proxyDirection} ${line.source.ip}:${line.source.port} ${id.base}/${id.stream}`;
}

describe('meshtop tap --filter', () => {
	it("'error' prints only failing requests, each whole: request, response, end, in order", async () => {
		const run = runCli(['tap', 'deploy/web', '-n', 'emojivoto', '--demo', '--filter', 'error', '-o', 'jsonl', '--max-requests', '6']);
		expect(await run.exit).toBe(0);
		const lines = run.stdout().trim().split('\n').map(text => JSON.parse(text) as Line);
		const requests = new Map<string, Line[]>();
		for (const line of lines) requests.set(idOf(line), [...(requests.get(idOf(line)) ?? []), line]);
		expect(requests.size).toBe(6);
		const failing = new Set([2, 4, 13, 14, 15]);
		for (const events of requests.values()) {
			expect(events[0]!.requestInitEvent).toBeDefined();
			const end = events.at(-1)!.responseEndEvent!;
			expect(end).toBeDefined();
			const status = events.find(event => event.responseInitEvent)?.responseInitEvent?.httpStatus ?? 0;
			const failed = status >= 500 || end.resetErrorCode !== undefined || failing.has(end.grpcStatusCode ?? 0);
			expect(failed).toBe(true);
		}
	}, 60_000);

	it('a malformed expression is one line naming the problem, exit 2, before any cluster access', async () => {
		const run = runCli(['tap', 'deploy/web', '--filter', 'status>=', '--kubeconfig', '/nonexistent']);
		expect(await run.exit).toBe(2);
		expect(run.stdout()).toBe('');
		expect(run.stderr().trim().split('\n')).toHaveLength(1);
		expect(run.stderr()).toMatch(/^meshtop: --filter: .*at \d+/);
	});
});
