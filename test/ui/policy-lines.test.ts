import {describe, expect, it} from 'vitest';
import {policyLines, windowSeconds} from '../../source/ui/panes/policy-lines.js';
import {initialPolicyView} from '../../source/store/policy.js';
import type {PolicyView} from '../../source/store/state.js';

const web = {namespace: 'books', type: 'deployment', name: 'web'};

function view(patch: Partial<PolicyView>): PolicyView {
	return {...initialPolicyView('1m'), open: true, for: web, ...patch};
}

const at = (rows: unknown[]) => ({rows, at: 1000, stale: false}) as never;

describe('policy view lines', () => {
	it('shows outbound routes with their backends, inbound routes and authorization, each saying its source', () => {
		const lines = policyLines(
			view({
				outbound: at([
					{
						name: 'web', service: 'books', port: '7000', route: 'books-split', routeType: 'HTTPRoute',
						successes: 118, failures: 2, timeouts: 0, retries: 6, latencyMs: {p50: 25, p95: 47.5, p99: 10_000},
						backends: [
							{backend: 'books-v1', backendPort: '7000', successes: 78, failures: 2, timeouts: 0, latencyMs: {p50: 12.5, p95: 23.75, p99: 24.75}},
							{backend: 'books-v2', backendPort: '7000', successes: 46, failures: 0, timeouts: 0, latencyMs: {p50: NaN, p95: NaN, p99: NaN}},
						],
					},
				]),
				inbound: at([{name: 'web', server: 'web-http', port: '8080', route: 'get-books', routeType: 'HTTPRoute', successes: 60, failures: 0, latencyMs: {p50: 3, p95: 9, p99: 10}}]),
				authz: at([
					{server: {kind: 'server', name: 'web-http'}, route: {kind: 'HTTPRoute', name: 'get-books'}, authz: {kind: '', name: ''}, allowed: 0, denied: 30, success: 0, failure: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0},
					{server: {kind: 'server', name: 'web-http'}, route: {kind: 'HTTPRoute', name: 'get-books'}, authz: {kind: 'authorizationpolicy', name: 'web-authn'}, allowed: 60, denied: 0, success: 60, failure: 0, p50Ms: 2, p95Ms: 9, p99Ms: 10},
				]),
			}),
			5000,
			140,
			['voting-svc.emojivoto:8080'],
		);
		const text = lines.map(l => l.text);
		expect(text[0]).toBe('Policy of deploy/web -n books · window 1m · refreshed every 10 s while this view is open');
		expect(text.some(t => t.startsWith('Outbound routes (Prometheus'))).toBe(true);
		const route = text.find(t => t.includes('books-split'))!;
		expect(route).toMatch(/books:7000 +books-split +HTTPRoute +98\.33% +2\.00 +25ms +48ms +≥10s +0\.00% +4\.76%/);
		expect(text.find(t => t.includes('books-v1'))).toMatch(/├─► books-v1:7000 +backend +97\.50% +1\.33 +13ms/);
		expect(text.find(t => t.includes('books-v2'))).toMatch(/└─► books-v2:7000 +backend +100\.00% +0\.77 +- +- +-/);
		expect(text.find(t => t.includes('voting-svc'))).toContain('routed by a ServiceProfile');
		expect(text.find(t => t.includes('web-http:8080'))).toMatch(/get-books +HTTPRoute +100\.00% +1\.00 +3ms/);
		const denied = lines.find(l => l.text.includes('denied: no policy matched'))!;
		expect(denied.token).toBe('error');
		expect(denied.text).toMatch(/web-http +get-books +denied: no policy matched +0\.50 +0\.00/);
		// Nothing reached the server: no latencies (linkerd's table prints 0ms; the view says "-").
		expect(denied.text).toMatch(/0\.50 +0\.00 +- +0\.00 +- +- +-$/);
		// Denials first.
		expect(text.indexOf(denied.text)).toBeLessThan(text.findIndex(t => /ap\/web-authn.*1\.00/.test(t)));
	});

	it('explains empty sections and failures, and keeps old numbers marked with their age', () => {
		const lines = policyLines(
			view({outbound: at([]), inbound: {rows: [], at: 1000, stale: true}, authz: {rows: [], at: null, stale: false}, promError: 'failed to query Prometheus: server_error: server error: 503', authzError: null}),
			41_000,
			100,
		).map(l => l.text);
		expect(lines).toContain('  Prometheus: failed to query Prometheus: server_error: server error: 503 (showing numbers from 40s ago)');
		expect(lines).toContain('  metrics-api: asking…');
		const ok = policyLines(view({outbound: at([]), inbound: at([]), authz: at([])}), 2000, 100).map(l => l.text);
		expect(ok.some(t => t.includes('no policy-routed outbound traffic in the window'))).toBe(true);
		expect(ok).toContain('  no inbound requests in the window');
		expect(policyLines(view({for: null}), 0, 80)[0]!.text).toMatch(/nothing is tapped/);
	});

	it('reads Go durations', () => {
		expect(windowSeconds('1m')).toBe(60);
		expect(windowSeconds('1h30m')).toBe(5400);
		expect(windowSeconds('90s')).toBe(90);
		expect(windowSeconds('x')).toBe(0);
	});

	it('fits the default policy long names at 120 columns by leaving out P50 of the authorization table', () => {
		const row = (authz: {kind: string; name: string}, allowed: number) => ({
			server: {kind: 'default', name: 'all-unauthenticated'}, route: {kind: '', name: 'default'}, authz, allowed, denied: 0, success: allowed, failure: 0, p50Ms: 7, p95Ms: 20, p99Ms: 940,
		});
		const denied = {server: {kind: 'server', name: 'payments-api-http'}, route: {kind: '', name: 'default'}, authz: {kind: '', name: ''}, allowed: 0, denied: 127, success: 0, failure: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0};
		const text = policyLines(view({outbound: at([]), inbound: at([]), authz: at([row({kind: 'default', name: 'all-unauthenticated'}, 1266), denied])}), 5000, 120).map(l => l.text);
		const allowed = text.find(t => t.includes('1266') || t.includes('21.10'))!;
		expect(allowed, text.join('\n')).toMatch(/default:all-unauthenticated +default +default:all-unauthenticated /);
		expect(text.find(t => t.includes('no policy matched'))).toContain('denied: no policy matched');
		expect(text.find(t => t.includes('AUTHORIZATION'))).not.toContain('P50');
		expect(policyLines(view({outbound: at([]), inbound: at([]), authz: at([denied])}), 5000, 140).map(l => l.text).find(t => t.includes('AUTHORIZATION'))).toContain('P50');
	});
});
