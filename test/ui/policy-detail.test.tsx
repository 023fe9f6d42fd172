// The request detail's Policy block through the real app (store, Ink, keys): an inbound request
// shows the Server, route and authorization that let it in; a caller's 403 with an empty body
// and a gRPC PermissionDenied are marked as likely policy denials (route-metrics spec §8).
import {afterEach, describe, expect, it} from 'vitest';
import {keys} from './render.js';
import {startApp, type Harness} from './app-harness.js';

let app: Harness | undefined;
afterEach(() => app?.unmount());

function block(lines: string[]): string[] {
	const start = lines.indexOf('Policy');
	return start === -1 ? [] : lines.slice(start, lines.indexOf('', start));
}

describe('detail: policy', () => {
	it('an inbound request names its Server, route and authorization, with kind and group', async () => {
		app = startApp({columns: 100, rows: 70});
		await app.traffic([
			{
				stream: 1,
				direction: 'INBOUND',
				destinationExtra: {
					srv_group: 'policy.linkerd.io', srv_kind: 'server', srv_name: 'emoji-grpc',
					route_group: 'gateway.networking.k8s.io', route_kind: 'GRPCRoute', route_name: 'list-all',
					authz_group: 'policy.linkerd.io', authz_kind: 'authorizationpolicy', authz_name: 'web-only',
				},
			},
		]);
		await app.press(keys.space, keys.enter);
		expect(block(app.lines())).toEqual([
			'Policy',
			'  server        server/emoji-grpc  (policy.linkerd.io)',
			'  route         GRPCRoute/list-all  (gateway.networking.k8s.io)',
			'  authorization authorizationpolicy/web-only  (policy.linkerd.io)',
		]);
	});

	it('the default policy reads as such', async () => {
		app = startApp({columns: 100, rows: 70});
		await app.traffic([
			{
				stream: 1,
				direction: 'INBOUND',
				path: '/ready',
				destinationExtra: {
					srv_group: '', srv_kind: 'default', srv_name: 'all-unauthenticated',
					route_group: '', route_kind: 'default', route_name: 'probe',
					authz_group: '', authz_kind: 'default', authz_name: 'probe',
				},
			},
		]);
		await app.press(keys.space, keys.enter);
		expect(block(app.lines())).toEqual([
			'Policy',
			'  server        default:all-unauthenticated  (default policy)',
			'  route         default/probe  (default policy)',
			'  authorization default/probe  (default policy)',
		]);
	});

	it("a caller's empty 403 and a gRPC PermissionDenied are likely denials; a plain request has no block", async () => {
		app = startApp({columns: 100, rows: 70});
		await app.traffic([
			{stream: 1, status: 403, bytes: 0, responseHeaders: [{name: 'content-length', valueStr: '0'}]},
			{stream: 2, grpc: 7, bytes: 0},
			{stream: 3},
		]);
		await app.press(keys.enter);
		const seen = [app.lines()];
		await app.press('[');
		seen.push(app.lines());
		await app.press('[');
		seen.push(app.lines());
		const byStream = new Map(seen.map(lines => [lines.find(line => line.startsWith('  id '))!, block(lines)]));
		expect(byStream.size).toBe(3);
		expect(byStream.get('  id            base 1 stream 1')).toEqual([
			'Policy',
			"  denied        likely denied by the server's authorization policy (HTTP 403, empty body)",
		]);
		expect(byStream.get('  id            base 1 stream 2')).toEqual([
			'Policy',
			"  denied        likely denied by the server's authorization policy (gRPC PermissionDenied)",
		]);
		expect(byStream.get('  id            base 1 stream 3')).toEqual([]);
	});
});
