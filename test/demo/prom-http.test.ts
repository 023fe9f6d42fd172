// The Prometheus stand-in over HTTP: POST form and GET /api/v1/query with Prometheus' exact
// JSON bytes and error statuses, 405/404, /metrics in text format 0.0.4, and the demo mesh
// leading the viz prometheus pod's :9090 port-forward to it (and the external-prometheus option).
import http from 'node:http';
import net from 'node:net';
import {PassThrough} from 'node:stream';
import {CoreV1Api, KubeConfig, PortForward} from '@kubernetes/client-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {renderExposition} from '../../source/demo/prom-exposition.js';
import {formatSampleValue, formatTimestamp} from '../../source/demo/prom-json.js';
import {startPromStandIn, type PromStandIn} from '../../source/demo/prom-http.js';
import {startDemoMesh, type DemoMesh} from '../../source/demo/server.js';
import {histogram, linearSource} from './prom-source.js';

interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

function send(port: number, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = http.request({host: '127.0.0.1', port, method, path, headers}, res => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8')}));
		});
		req.on('error', reject);
		req.end(body);
	});
}

const form = {'Content-Type': 'application/x-www-form-urlencoded'};
const EPOCH = 1_767_225_600_000;

describe('value and timestamp bytes', () => {
	it('writes samples as Go does', () => {
		expect(formatSampleValue(118.00026)).toBe('118.00026');
		expect(formatSampleValue(600)).toBe('600');
		expect(formatSampleValue(Number.NaN)).toBe('NaN');
		expect(formatSampleValue(Infinity)).toBe('+Inf');
		expect(formatSampleValue(-Infinity)).toBe('-Inf');
		expect(formatSampleValue(1e-7)).toBe('1e-07');
		expect(formatSampleValue(0.000001)).toBe('0.000001');
		expect(formatSampleValue(1.5e21)).toBe('1.5e+21');
		expect(formatTimestamp(1_767_225_600_123)).toBe('1767225600.123');
		expect(formatTimestamp(1_767_225_600_050)).toBe('1767225600.050');
		expect(formatTimestamp(1_767_225_600_000)).toBe('1767225600');
	});
});

describe('the HTTP API', () => {
	let stand: PromStandIn;
	let now = 605_123;
	const source = linearSource([
		{name: 'req_total', labels: {route: 'r1', error: ''}, rate: 2},
		{name: 'req_total', labels: {route: 'a<b>&"c"', error: 'RESET'}, rate: 1},
		...histogram('idle', {pod: 'a'}, [0.05, 1], [0, 0, 0]),
		...histogram('slow', {pod: 'a'}, [0.05, 1], [0, 0, 5]),
	]);

	beforeAll(async () => {
		stand = await startPromStandIn({source, now: () => now, epochMs: EPOCH});
	});
	afterAll(async () => {
		await stand.close();
	});

	const expected = '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"route":"r1"},"value":[1767226205.123,"120"]}]}}';

	it('answers a POST form as Prometheus does, byte for byte', async () => {
		const reply = await send(stand.port, 'POST', '/api/v1/query', `query=${encodeURIComponent('sum(increase(req_total{error=""}[1m])) by (route, error)').replace(/%20/g, '+')}`, form);
		expect(reply.status).toBe(200);
		expect(reply.headers['content-type']).toBe('application/json');
		expect(reply.body).toBe(expected);
	});

	it('answers GET ?query= the same, and honours time=', async () => {
		const query = encodeURIComponent('sum(increase(req_total{error=""}[1m])) by (route, error)');
		expect((await send(stand.port, 'GET', `/api/v1/query?query=${query}`)).body).toBe(expected);
		const at = await send(stand.port, 'GET', `/api/v1/query?query=${query}&time=${(EPOCH + 300_000) / 1000}`);
		expect(at.body).toBe('{"status":"success","data":{"resultType":"vector","result":[{"metric":{"route":"r1"},"value":[1767225900,"120"]}]}}');
		const rfc = await send(stand.port, 'GET', `/api/v1/query?query=${query}&time=2026-01-01T00:05:00Z`);
		expect(rfc.body).toBe(at.body);
	});

	it('escapes label values as Go does and writes NaN and the +Inf rule as strings', async () => {
		const escaped = await send(stand.port, 'GET', `/api/v1/query?query=${encodeURIComponent('sum(increase(req_total{error="RESET"}[1m])) by (route)')}`);
		expect(escaped.body).toContain('{"metric":{"route":"a\\u003cb\\u003e\\u0026\\"c\\""},"value":[1767226205.123,"60"]}');
		const idle = await send(stand.port, 'GET', `/api/v1/query?query=${encodeURIComponent('histogram_quantile(0.5, sum(irate(idle_bucket[1m])) by (le, pod))')}`);
		expect(idle.body).toBe('{"status":"success","data":{"resultType":"vector","result":[{"metric":{"pod":"a"},"value":[1767226205.123,"NaN"]}]}}');
		const slow = await send(stand.port, 'GET', `/api/v1/query?query=${encodeURIComponent('histogram_quantile(0.5, sum(irate(slow_bucket[1m])) by (le, pod))')}`);
		expect(slow.body).toContain('"value":[1767226205.123,"1"]');
		const empty = await send(stand.port, 'GET', `/api/v1/query?query=${encodeURIComponent('sum(increase(nothing_total[1m]))')}`);
		expect(empty.body).toBe('{"status":"success","data":{"resultType":"vector","result":[]}}');
	});

	it('answers a bad query with 400 bad_data in the error envelope', async () => {
		const reply = await send(stand.port, 'POST', '/api/v1/query', 'query=up', form);
		expect(reply.status).toBe(400);
		expect(reply.headers['content-type']).toBe('application/json');
		expect(reply.body).toMatch(/^\{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:1: parse error: the demo's Prometheus stand-in does not evaluate identifier \\"up\\" here; [^"]*"\}$/);
		const missing = await send(stand.port, 'POST', '/api/v1/query', '', form);
		expect(missing.body).toBe('{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:1: parse error: no expression found in input"}');
		const time = await send(stand.port, 'GET', '/api/v1/query?query=x&time=yesterday');
		expect(time.status).toBe(400);
		expect(time.body).toBe('{"status":"error","errorType":"bad_data","error":"invalid parameter \\"time\\": cannot parse \\"yesterday\\" to a valid timestamp"}');
	});

	it('reads a POST body only when it is a form, as Go\'s ParseForm does', async () => {
		const reply = await send(stand.port, 'POST', '/api/v1/query', 'query=sum(increase(req_total[1m]))', {'Content-Type': 'text/plain'});
		expect(reply.status).toBe(400);
		expect(reply.body).toContain('no expression found in input');
	});

	it('answers 422 execution when a window is too long to load', async () => {
		now = 100_000_000;
		try {
			const reply = await send(stand.port, 'GET', `/api/v1/query?query=${encodeURIComponent('sum(increase(req_total[1d]))')}`);
			expect(reply.status).toBe(422);
			expect(reply.body).toBe('{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory in query execution"}');
		} finally {
			now = 605_123;
		}
	});

	it('refuses other methods with 405 and unknown paths with 404', async () => {
		for (const method of ['PUT', 'DELETE', 'PATCH']) {
			const reply = await send(stand.port, method, '/api/v1/query?query=x');
			expect(reply.status, method).toBe(405);
			expect(reply.headers['allow']).toBe('GET, POST, OPTIONS');
		}
		expect((await send(stand.port, 'POST', '/metrics')).status).toBe(405);
		const missing = await send(stand.port, 'GET', '/api/v1/nope');
		expect(missing.status).toBe(404);
		expect(missing.body).toBe('404 page not found\n');
		expect((await send(stand.port, 'GET', '/-/ready')).body).toBe('Prometheus Server is Ready.\n');
	});

	it('serves /metrics in text format 0.0.4 at the clock\'s now', async () => {
		const reply = await send(stand.port, 'GET', '/metrics');
		expect(reply.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
		expect(reply.body).toContain('# TYPE req_total counter\nreq_total{route="r1",error=""} 1210.246\n');
		expect(reply.body).toContain('# TYPE idle histogram\nidle_bucket{pod="a",le="0.05"} 0\n');
	});
});

describe('the exposition text', () => {
	it('writes HELP and TYPE once per family, histograms grouped and ordered, labels escaped', () => {
		const text = renderExposition([
			{name: 'lat_sum', labels: {pod: 'b'}, value: 2.5},
			{name: 'lat_bucket', labels: {pod: 'b', le: '+Inf'}, value: 4},
			{name: 'lat_bucket', labels: {pod: 'b', le: '10'}, value: 3},
			{name: 'lat_bucket', labels: {pod: 'b', le: '0.5'}, value: 1},
			{name: 'lat_count', labels: {pod: 'b'}, value: 4},
			{name: 'hits_total', labels: {path: 'a\\b "c"\nd'}, value: Number.NaN},
			{name: 'temperature', labels: {}, value: Infinity},
		]);
		expect(text).toBe([
			'# HELP hits_total The demo mesh\'s hits_total counter.',
			'# TYPE hits_total counter',
			'hits_total{path="a\\\\b \\"c\\"\\nd"} NaN',
			'# HELP lat The demo mesh\'s lat histogram.',
			'# TYPE lat histogram',
			'lat_bucket{pod="b",le="0.5"} 1',
			'lat_bucket{pod="b",le="10"} 3',
			'lat_bucket{pod="b",le="+Inf"} 4',
			'lat_sum{pod="b"} 2.5',
			'lat_count{pod="b"} 4',
			'# HELP temperature The demo mesh\'s temperature untyped.',
			'# TYPE temperature untyped',
			'temperature +Inf',
			'',
		].join('\n'));
		expect(renderExposition([])).toBe('');
	});
});

describe('the demo mesh', () => {
	let mesh: DemoMesh;
	const source = linearSource([{name: 'req_total', labels: {route: 'r1'}, rate: 2}], 1);

	beforeAll(async () => {
		mesh = await startDemoMesh({rolloutEveryMs: 0, seriesSource: source, externalPrometheus: true, windowMs: 50});
	});
	afterAll(async () => {
		await mesh.close();
	});

	/** One HTTP exchange through client-node's port-forward to POD:PORT in linkerd-viz, and what
	 *  the port-forward's error channel said. */
	async function throughPortForward(pod: string, port: number, path: string): Promise<{reply?: Reply; errorText: string}> {
		const kc = new KubeConfig();
		kc.loadFromFile(mesh.kubeconfigPath);
		const forward = new PortForward(kc);
		let errorText = '';
		const errors = new PassThrough();
		errors.on('data', (chunk: Buffer) => {
			errorText += chunk.toString('utf8');
		});
		const local = net.createServer(socket => {
			socket.on('error', () => socket.destroy());
			forward.portForward('linkerd-viz', pod, [port], socket, errors, socket)
				.then(ws => (ws as unknown as {on(event: string, listener: () => void): void}).on('close', () => socket.destroy()))
				.catch(() => socket.destroy());
		});
		await new Promise<void>(resolve => local.listen(0, '127.0.0.1', resolve));
		try {
			const reply = await send((local.address() as net.AddressInfo).port, 'GET', path, undefined, {Connection: 'close'}).catch(() => undefined);
			return reply ? {reply, errorText} : {errorText};
		} finally {
			local.close();
		}
	}

	it('leads the prometheus pod\'s 9090 to the stand-in, on the virtual clock', async () => {
		const pod = mesh.context.pods('linkerd-viz').find(p => (p.metadata.labels ?? {})['component'] === 'prometheus')!.metadata.name;
		// 50 real ms per virtual second: 4 virtual seconds, 4 scrapes, within 200 ms.
		await new Promise(resolve => setTimeout(resolve, 200));
		const {reply} = await throughPortForward(pod, 9090, `/api/v1/query?query=${encodeURIComponent('sum(irate(req_total[5s])) by (route)')}`);
		expect(reply?.status).toBe(200);
		const body = JSON.parse(reply!.body) as {data: {result: Array<{metric: unknown; value: [number, string]}>}};
		expect(body.data.result).toHaveLength(1);
		expect(body.data.result[0]!.metric).toEqual({route: 'r1'});
		expect(Number(body.data.result[0]!.value[1])).toBeCloseTo(2, 9);
		expect(Math.abs(body.data.result[0]!.value[0] * 1000 - Date.now())).toBeLessThan(60_000);
		const elsewhere = await throughPortForward(pod, 9091, '/metrics');
		expect(elsewhere.reply).toBeUndefined();
		expect(elsewhere.errorText).toContain('connect: connection refused');
	});

	it('annotates the viz namespace with the stand-in\'s URL, and can remove it', async () => {
		const kc = new KubeConfig();
		kc.loadFromFile(mesh.kubeconfigPath);
		const api = kc.makeApiClient(CoreV1Api);
		const before = await api.readNamespace({name: 'linkerd-viz'});
		expect(before.metadata?.annotations?.['viz.linkerd.io/external-prometheus']).toBe(mesh.prometheusUrl);
		expect((await send(Number(new URL(mesh.prometheusUrl!).port), 'GET', '/-/healthy')).status).toBe(200);
		mesh.setExternalPrometheus(null);
		const after = await api.readNamespace({name: 'linkerd-viz'});
		expect(after.metadata?.annotations?.['viz.linkerd.io/external-prometheus']).toBeUndefined();
	});
});
