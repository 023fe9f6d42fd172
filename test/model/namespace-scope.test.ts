// The pure part of a tap over many namespaces: the rate split, which namespaces failed and
// which merely have nothing to tap, and the words the header and stderr share.
import {describe, expect, it} from 'vitest';
import {combineStatus, describeScope, emptyText, isNothingToTap, untappablePods} from '../../source/model/namespace-scope.js';
import type {TapSpec, TapStatus} from '../../source/model/tap-spec.js';

const spec: TapSpec = {target: {namespace: '', type: 'namespace', name: ''}, maxRps: 100, extractHeaders: false, namespaces: {all: true}};
// The tap server's words (spec §3.4), as the demo and a real cluster send them.
const noPods = 'no pods to tap for type="namespace" name="kube-system"';
const notEnabled = 'no pods to tap for type="namespace" name="linkerd"\n3 pods found with tap not enabled:\n\t* a\n\t* b\n\t* c\nrestart these pods to enable tap and make them valid tap targets';
const forbidden = 'not allowed to tap: namespaces.tap.linkerd.io "payments" is forbidden';

function states(entries: Array<[string, TapStatus]>): Map<string, TapStatus> {
	return new Map(entries);
}

describe('namespaces with nothing to tap', () => {
	it('are told from failures by the tap server’s words', () => {
		expect(isNothingToTap(noPods)).toBe(true);
		expect(isNothingToTap(notEnabled)).toBe(true);
		expect(isNothingToTap(forbidden)).toBe(false);
		expect(isNothingToTap('deployment "web" not found in namespace "x"')).toBe(false);
		expect(untappablePods(notEnabled)).toBe('3 pods not tap-enabled');
		expect(untappablePods(noPods)).toBe('');
	});

	it('are not failures in the scope: counted apart, named in one line; the rate is split across the rest', () => {
		const status = combineStatus(
			spec,
			states([
				['emojivoto', {state: 'live'}],
				['kube-system', {state: 'failed', message: noPods}],
				['linkerd', {state: 'failed', message: notEnabled}],
				['payments', {state: 'failed', message: forbidden}],
				['shop', {state: 'waiting'}],
			]),
			true,
			2,
			true,
		);
		expect(status.state).toBe('live');
		const {summary, failed, empty} = describeScope(status.scope!);
		expect(summary).toBe('all namespaces (5), 50 rps each (max-rps 100 split across 2)');
		expect(failed.map(ns => ns.namespace)).toEqual(['payments']);
		expect(empty.map(ns => ns.namespace)).toEqual(['kube-system', 'linkerd']);
		expect(emptyText(empty)).toBe('2 namespaces have no pods to tap (not meshed, or tap not enabled): kube-system, linkerd (3 pods not tap-enabled)');
		expect(status.scope!.settled).toBe(true);
	});

	it('when every namespace has nothing to tap, the tap fails saying so; with a real failure among them, as before', () => {
		const empty = combineStatus(spec, states([['a', {state: 'failed', message: noPods}], ['b', {state: 'failed', message: notEnabled}]]), true);
		expect(empty).toMatchObject({state: 'failed', message: 'none of the 2 namespaces has pods to tap (meshed and tap-enabled)'});
		const mixed = combineStatus(spec, states([['a', {state: 'failed', message: noPods}], ['b', {state: 'failed', message: forbidden}]]), true);
		expect(mixed).toMatchObject({state: 'failed', message: 'every namespace failed (2)'});
	});

	it('before a re-split the summary keeps the rate each tap asked for', () => {
		const status = combineStatus(spec, states([['a', {state: 'live'}], ['b', {state: 'failed', message: noPods}], ['c', {state: 'live'}]]), true);
		expect(describeScope(status.scope!).summary).toBe('all namespaces (3), 33.33 rps each (max-rps 100 split)');
	});
});
