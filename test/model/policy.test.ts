// Policy in tap (route-metrics spec §8): the inbound srv_/route_/authz_ labels, the denial shapes
// a caller sees (§8.3), and the filter fields and class built on them. Hand-made records.
import {describe, expect, it} from 'vitest';
import {parseFilter} from '../../source/model/filter/index.js';
import {inboundPolicy, policyDenial} from '../../source/model/policy.js';
import type {RequestRecord} from '../../source/model/types.js';
import {makeRecord} from './events.js';

// destination_meta of an inbound event: the nine policy keys, tls=loopback, then the pod labels.
function inbound(policy: Record<string, string>, extra: Partial<RequestRecord> = {}): RequestRecord {
	return makeRecord({
		direction: 'INBOUND',
		eos: null,
		destinationLabels: {...policy, tls: 'loopback', deployment: 'books', namespace: 'shop', pod: 'books-1'},
		...extra,
	});
}

const httpRoute = {
	srv_group: 'policy.linkerd.io', srv_kind: 'server', srv_name: 'books-http',
	route_group: 'gateway.networking.k8s.io', route_kind: 'HTTPRoute', route_name: 'books-get',
	authz_group: 'policy.linkerd.io', authz_kind: 'authorizationpolicy', authz_name: 'books-get-authn',
};
const probe = {
	srv_group: '', srv_kind: 'default', srv_name: 'all-unauthenticated',
	route_group: '', route_kind: 'default', route_name: 'probe',
	authz_group: '', authz_kind: 'default', authz_name: 'probe',
};
const legacy = {
	srv_group: 'policy.linkerd.io', srv_kind: 'server', srv_name: 'books-admin',
	route_group: '', route_kind: 'default', route_name: 'default',
	authz_group: 'policy.linkerd.io', authz_kind: 'serverauthorization', authz_name: 'admin-only',
};

const empty403 = (headers: RequestRecord['responseHeaders'], extra: Partial<RequestRecord> = {}) =>
	makeRecord({httpStatus: 403, eos: null, responseHeaders: headers, responseBytes: 0, success: true, ...extra});

const records: Record<string, RequestRecord> = {
	routed: inbound(httpRoute),
	probe: inbound(probe, {path: '/ready'}),
	legacy: inbound(legacy),
	// Outbound events carry no policy labels (§8.2), whatever the destination pod's labels say.
	outbound: makeRecord({destinationLabels: {...httpRoute, deployment: 'books'}}),
	// A ServiceProfile route: route_meta only.
	profile: makeRecord({routeLabels: {route: 'GET /books/{id}'}}),
	// The caller's view of denials (§8.3).
	http403: empty403([{name: 'content-length', valueStr: '0'}]),
	http403NoHeaders: empty403(null),
	grpcDenied: makeRecord({httpStatus: 200, eos: {kind: 'grpc', code: 7}, success: false, responseBytes: 0}),
	grpc214: makeRecord({
		httpStatus: 200,
		eos: {kind: 'grpc', code: 7},
		responseHeaders: [
			{name: 'grpc-status', valueStr: '7'},
			{name: 'grpc-message', valueStr: 'client 10.0.0.1:40000: server: 10.0.0.2:8080: unauthorized request on route'},
		],
		success: false,
	}),
	http403Proxy: empty403([
		{name: 'content-length', valueStr: '0'},
		{name: 'l5d-proxy-error', valueStr: 'client 10.0.0.1:40000: server: 10.0.0.2:8080: unauthorized request on route'},
	]),
	// Not denials: an app's 403 with a body, another proxy error, a 403 still streaming.
	app403: empty403([{name: 'content-length', valueStr: '57'}], {responseBytes: 57}),
	otherProxyError: empty403([{name: 'l5d-proxy-error', valueStr: 'connection refused'}]),
	open403: empty403(null, {state: 'open', responseBytes: null, success: null}),
	ok: makeRecord({eos: null}),
};
const all = Object.keys(records);

function matching(text: string): string[] {
	const parsed = parseFilter(text);
	if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
	return all.filter(name => parsed.filter.matches(records[name]!));
}

describe('inbound policy labels', () => {
	it('reads the Server, route and authorization of an inbound event, with groups', () => {
		expect(inboundPolicy(records['routed']!)).toEqual({
			server: {group: 'policy.linkerd.io', kind: 'server', name: 'books-http'},
			route: {group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'books-get'},
			authz: {group: 'policy.linkerd.io', kind: 'authorizationpolicy', name: 'books-get-authn'},
		});
		expect(inboundPolicy(records['probe']!)?.server).toEqual({group: '', kind: 'default', name: 'all-unauthenticated'});
	});

	it('is null for outbound events and for inbound ones without the labels', () => {
		expect(inboundPolicy(records['outbound']!)).toBeNull();
		expect(inboundPolicy(makeRecord({direction: 'INBOUND'}))).toBeNull();
		expect(inboundPolicy(makeRecord({direction: 'INBOUND', destinationLabels: null}))).toBeNull();
	});
});

describe('policy denials as the caller sees them', () => {
	it.each<[string, ReturnType<typeof policyDenial>]>([
		['http403', {protocol: 'http', proxyError: null, certain: false}],
		['http403NoHeaders', {protocol: 'http', proxyError: null, certain: false}],
		['grpcDenied', {protocol: 'grpc', proxyError: null, certain: false}],
		['grpc214', {protocol: 'grpc', proxyError: 'client 10.0.0.1:40000: server: 10.0.0.2:8080: unauthorized request on route', certain: true}],
		['http403Proxy', {protocol: 'http', proxyError: 'client 10.0.0.1:40000: server: 10.0.0.2:8080: unauthorized request on route', certain: true}],
		['app403', null],
		['otherProxyError', null],
		['open403', null],
		['ok', null],
		['routed', null],
	])('%s', (name, expected) => {
		expect(policyDenial(records[name]!)).toEqual(expected);
	});
});

describe('filter: server=, route=, authz= and denied', () => {
	it.each<[string, string[]]>([
		['server=books-http', ['routed']],
		['srv=server/books-http', ['routed']],
		['server=default/all-unauthenticated', ['probe']],
		['server~^books', ['routed', 'legacy']],
		['server!=books-http', ['probe', 'legacy']],
		['route=books-get', ['routed']],
		['route=HTTPRoute/books-get', ['routed']],
		['route=httproute/books-get', ['routed']],
		['route=probe', ['probe']],
		['route="GET /books/{id}"', ['profile']],
		['route~books', ['routed', 'profile']],
		['authz=books-get-authn', ['routed']],
		['authz=default/probe', ['probe']],
		// As the policy view (P) and linkerd viz authz spell them.
		['authz=ap/books-get-authn', ['routed']],
		['authz=AP/books-get-authn', ['routed']],
		['authorization=saz/admin-only', ['legacy']],
		['server=srv/books-http', ['routed']],
		['server=default:all-unauthenticated', ['probe']],
		['authz!=ap/books-get-authn', ['probe', 'legacy']],
		['authorization=serverauthorization/admin-only', ['legacy']],
		['authz~^default/', ['probe']],
		['authz!=probe', ['routed', 'legacy']],
		['not authz=probe', all.filter(n => n !== 'probe')],
		['denied', ['http403', 'http403NoHeaders', 'grpcDenied', 'grpc214', 'http403Proxy']],
		['denied and grpc', ['grpcDenied', 'grpc214']],
		['4xx and not denied', ['app403', 'otherProxyError', 'open403']],
	])('%s', (text, expected) => {
		expect(matching(text)).toEqual(expected);
	});

	it('suggests the field for a typo', () => {
		const parsed = parseFilter('autz=x');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.error.message).toContain('did you mean authz?');
	});
});
