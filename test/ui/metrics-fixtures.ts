// metrics-api rows as the client maps them (source/metrics/map.ts), for pane tests.
import type {MeshEdge, RouteStats, WorkloadStats} from '../../source/model/metrics.js';
import type {Polled} from '../../source/store/state.js';

export function stats(name: string, patch: Partial<WorkloadStats> = {}): WorkloadStats {
	return {
		namespace: 'emojivoto',
		type: 'deployment',
		name,
		meshedPods: 2,
		runningPods: 2,
		failedPods: 0,
		hasData: true,
		successRate: 0.9876,
		rps: 25.43,
		p50Ms: 5,
		p95Ms: 48,
		p99Ms: 95,
		tcpConnections: 3,
		timeWindow: '1m',
		...patch,
	};
}

export const emojivotoStats: WorkloadStats[] = [
	stats('emoji', {successRate: 0.9971, rps: 19.7, p50Ms: 2, p95Ms: 4, p99Ms: 7}),
	stats('vote-bot', {hasData: false, successRate: null, rps: null, p50Ms: null, p95Ms: null, p99Ms: null, tcpConnections: null, meshedPods: 0, runningPods: 1}),
	stats('web', {successRate: 0.9, rps: 1234.5, p99Ms: 1250}),
];

const id = (sa: string, ns: string) => `${sa}.${ns}.serviceaccount.identity.linkerd.cluster.local`;

function edge(src: string, dst: string, patch: Partial<MeshEdge> = {}): MeshEdge {
	const e: MeshEdge = {
		srcNamespace: 'emojivoto',
		srcType: 'deployment',
		src,
		dstNamespace: 'emojivoto',
		dstType: 'deployment',
		dst,
		clientId: id(src, 'emojivoto'),
		serverId: id(dst, 'emojivoto'),
		noIdentityMsg: '',
		secured: true,
		...patch,
	};
	return {...e, secured: e.serverId !== '' && e.noIdentityMsg === ''};
}

/** In the poller's order: unsecured first. */
export const emojivotoEdges: MeshEdge[] = [
	edge('gateway', 'web', {clientId: '', serverId: ''}),
	edge('vote-bot', 'web', {clientId: '', serverId: '', noIdentityMsg: 'Not Provided By Remote'}),
	edge('web', 'billing', {dstNamespace: 'payments', serverId: id('billing', 'payments'), noIdentityMsg: 'Not Provided By Service Discovery'}),
	edge('web', 'emoji'),
	edge('web', 'voting', {clientId: 'evil\u001B[2J.emojivoto.serviceaccount'}),
];

export const votingRoutes: RouteStats[] = [
	{resource: 'deployment/voting', route: 'Results', authority: 'voting-svc.emojivoto.svc.cluster.local', successRate: 0.982, rps: 4.7, p50Ms: 3, p95Ms: 7, p99Ms: 15},
	{resource: 'deployment/voting', route: 'VoteDoughnut', authority: 'voting-svc.emojivoto.svc.cluster.local', successRate: 0, rps: 1.6, p50Ms: 2, p95Ms: 8, p99Ms: 37},
	{resource: 'deployment/voting', route: '[DEFAULT]', authority: 'voting-svc.emojivoto.svc.cluster.local', successRate: null, rps: null, p50Ms: null, p95Ms: null, p99Ms: null},
];

export function polled<T>(rows: T[], at: number | null, stale = false): Polled<T> {
	return {rows, at, stale};
}
