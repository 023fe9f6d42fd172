import {describe, expect, it} from 'vitest';
import {compileFilter, describeFilter, isEmptyFilter} from '../../source/model/filters.js';
import {statusText} from '../../source/model/format.js';
import {makeRecord} from './events.js';

describe('compileFilter', () => {
	const web = makeRecord();
	const job = makeRecord({
		sourceLabels: {k8s_job: 'migrate', namespace: 'ops', pod: 'migrate-x'},
		sourceName: 'job/migrate',
		destination: {ip: '10.0.0.3', port: 5432},
		destinationName: 'sts/db',
		method: 'POST',
		path: '/Query',
		authority: 'db.data:5432',
		httpStatus: 200,
		eos: {kind: 'grpc', code: 14},
	});
	const unlabeled = makeRecord({sourceLabels: null, sourceName: '10.7.7.7', destination: null});

	it('matches everything when empty', () => {
		expect(isEmptyFilter({})).toBe(true);
		expect(isEmptyFilter({expr: ''})).toBe(true);
		expect(isEmptyFilter({failuresOnly: false, hideNoise: false})).toBe(true);
		expect(isEmptyFilter({port: 0})).toBe(false);
		const pass = compileFilter({});
		expect([web, job, unlabeled].map(pass)).toEqual([true, true, true]);
	});

	it('matches from against the source labels (job → k8s_job, aliases, namespace)', () => {
		expect([web, job, unlabeled].map(compileFilter({from: {type: 'deployment', name: 'web'}}))).toEqual([true, false, false]);
		expect([web, job, unlabeled].map(compileFilter({from: {type: 'deploy', name: 'web'}}))).toEqual([true, false, false]);
		expect([web, job, unlabeled].map(compileFilter({from: {type: 'job', name: 'migrate'}}))).toEqual([false, true, false]);
		expect([web, job].map(compileFilter({from: {type: 'job', name: 'migrate', namespace: 'ops'}}))).toEqual([false, true]);
		expect([web, job].map(compileFilter({from: {type: 'job', name: 'migrate', namespace: 'shop'}}))).toEqual([false, false]);
		expect([web, job].map(compileFilter({from: {type: 'pod', name: 'web-1'}}))).toEqual([true, false]);
		expect([web, job].map(compileFilter({from: {type: 'namespace', name: 'ops'}}))).toEqual([false, true]);
		// As the CLI builds it for `--from ns/ops`: the namespace repeated.
		expect([web, job].map(compileFilter({from: {type: 'namespace', name: 'ops', namespace: 'ops'}}))).toEqual([false, true]);
		// A type without a name: any workload of that type.
		expect([web, job, unlabeled].map(compileFilter({from: {type: 'job', name: ''}}))).toEqual([false, true, false]);
		expect([web, job].map(compileFilter({from: {type: 'deployment', name: '', namespace: 'shop'}}))).toEqual([true, false]);
	});

	it('matches fromNamespace and port', () => {
		expect([web, job, unlabeled].map(compileFilter({fromNamespace: 'shop'}))).toEqual([true, false, false]);
		expect([web, job, unlabeled].map(compileFilter({port: 5432}))).toEqual([false, true, false]);
		expect([web, job, unlabeled].map(compileFilter({port: 8080, fromNamespace: 'shop'}))).toEqual([true, false, false]);
	});

	it('matches text case-insensitively over method, authority, path, names and status', () => {
		const pass = (text: string) => [web, job].map(compileFilter({expr: JSON.stringify(text)}));
		expect(pass('post')).toEqual([false, true]);
		expect(pass('DB.DATA')).toEqual([false, true]);
		expect(pass('/ITEMS')).toEqual([true, false]);
		expect(pass('job/mig')).toEqual([false, true]);
		expect(pass('sts/')).toEqual([false, true]);
		expect(pass('grpc 14')).toEqual([false, true]);
		expect(pass('200')).toEqual([true, true]);
		expect(pass('nothing-like-this')).toEqual([false, false]);
	});

	it('failures only keeps completed failures; hide noise drops probes; both compose with an expression', () => {
		const failed = makeRecord({httpStatus: 503, success: false, eos: null});
		const open = makeRecord({state: 'open', success: null, httpStatus: null});
		const probe = makeRecord({path: '/healthz'});
		const records = [web, job, failed, open, probe];
		expect(records.map(compileFilter({failuresOnly: true}))).toEqual([false, false, true, false, false]);
		expect(records.map(compileFilter({hideNoise: true}))).toEqual([true, true, true, true, false]);
		expect(records.map(compileFilter({expr: 'dst=deploy/api', failuresOnly: true}))).toEqual([false, false, true, false, false]);
	});

	it('secret header values match only with showSecrets', () => {
		const rec = makeRecord({requestHeaders: [{name: 'authorization', valueStr: 'Bearer hunter2'}]});
		expect(compileFilter({expr: 'hunter2'})(rec)).toBe(false);
		expect(compileFilter({expr: 'hunter2'}, {showSecrets: true})(rec)).toBe(true);
	});

	it('a route from the routes pane matches every raw path of its template', () => {
		const pass = compileFilter({route: {source: 'deploy/web', destination: 'deploy/api', method: 'GET', path: '/authors/{id}.json'}});
		expect(['/authors/720.json', '/authors/721.json', '/authors/x.json'].map(path => pass(makeRecord({path})))).toEqual([true, true, false]);
	});

	it('matches a route exactly', () => {
		const pass = compileFilter({route: {source: 'deploy/web', destination: 'deploy/api', method: 'GET', path: '/items'}});
		expect([web, job, makeRecord({path: '/items/1'}), makeRecord({method: 'HEAD'})].map(pass)).toEqual([true, false, false, false]);
	});
});

describe('statusText', () => {
	it('joins status and end of stream', () => {
		expect(statusText(makeRecord({httpStatus: 503, eos: null}))).toBe('503');
		expect(statusText(makeRecord({httpStatus: null, eos: {kind: 'reset', code: 2}}))).toBe(' reset 2');
		expect(statusText(makeRecord({httpStatus: 200, eos: {kind: 'grpc', code: 0}}))).toBe('200 grpc 0');
	});
});

describe('describeFilter', () => {
	it('makes short chips', () => {
		expect(describeFilter({})).toEqual([]);
		expect(
			describeFilter({
				from: {type: 'deployment', name: 'web'},
				fromNamespace: 'shop',
				port: 8080,
				expr: 'status>=500',
				failuresOnly: true,
				hideNoise: true,
				route: {source: 'deploy/web', destination: 'deploy/api', method: 'GET', path: '/api'},
			}),
		).toEqual(['from=deploy/web', 'from-ns=shop', 'port=8080', '/status>=500', 'failures only', 'no probes', 'route=GET /api']);
		expect(describeFilter({from: {type: 'job', name: 'x', namespace: 'ops'}})).toEqual(['from=job/x -n ops']);
		expect(describeFilter({from: {type: 'deployment', name: ''}})).toEqual(['from=deploy']);
		expect(describeFilter({from: {type: 'namespace', name: 'ops', namespace: 'ops'}})).toEqual(['from=ns/ops']);
		expect(describeFilter({from: {type: 'statefulset', name: 'db'}, route: {source: 'a', destination: 'b', method: '', path: '/p'}})).toEqual([
			'from=sts/db',
			'route=/p',
		]);
	});
});
