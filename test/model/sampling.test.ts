import {describe, expect, it} from 'vitest';
import type {WorkloadInfo} from '../../source/model/cluster.js';
import type {WorkloadStats} from '../../source/model/metrics.js';
import {budgetText, samplingFacts, shareText, untappedText} from '../../source/model/sampling.js';

function workload(name: string, pods: Partial<WorkloadInfo> = {}): WorkloadInfo {
	return {namespace: 'shop', type: 'deployment', name, ready: 2, total: 2, meshed: 2, tapEnabled: 2, ...pods};
}

function stats(name: string, rps: number | null): WorkloadStats {
	return {
		namespace: 'shop', type: 'deployment', name, meshedPods: 2, runningPods: 2, failedPods: 0, hasData: rps !== null,
		successRate: 1, rps, p50Ms: 1, p95Ms: 2, p99Ms: 3,
	} as WorkloadStats;
}

const web = {type: 'deployment', name: 'web', namespace: 'shop'};

describe('honest sampling', () => {
	it('compares the inbound requests the tap saw with the workload\'s real inbound rate', () => {
		const facts = samplingFacts({target: web, workloads: [workload('web')], stats: [stats('web', 830)], inboundRps: 100, maxRps: 100})!;
		expect(facts.share).toBeCloseTo(100 / 830);
		expect(shareText(facts)).toBe('seeing ~12% of 830 inbound rps');
		expect(budgetText(facts)).toBe('max-rps 100: 50/pod × 2');
		expect(untappedText(facts)).toBe('');
	});

	it('says all when the tap keeps up, and floors the per-pod budget at 1 as the tap server does', () => {
		const many = workload('web', {total: 300, meshed: 300, tapEnabled: 300});
		const facts = samplingFacts({target: web, workloads: [many], stats: [stats('web', 4.2)], inboundRps: 4.1, maxRps: 100})!;
		expect(shareText(facts)).toBe('seeing all ~4.2 inbound rps');
		expect(budgetText(facts)).toBe('max-rps 100: 1/pod × 300');
	});

	it('names the pods the tap cannot see and why', () => {
		const books = workload('web', {total: 4, meshed: 3, tapEnabled: 1, tapDisabled: 1});
		const facts = samplingFacts({target: web, workloads: [books], stats: [], inboundRps: 3, maxRps: 0})!;
		expect(untappedText(facts)).toBe('1 pod not meshed, 1 pod not tap-enabled yet (restart needed), 1 pod with disable-tap');
		expect(budgetText(facts)).toBe('max-rps 100 (1 pod)');
		expect(shareText(facts)).toBe('');
	});

	it('sums a namespace tap over its workloads, and knows nothing of a target the inventory does not list', () => {
		const ns = {type: 'namespace', name: 'shop'};
		const facts = samplingFacts({
			target: ns,
			workloads: [workload('web'), workload('api', {total: 1, meshed: 1, tapEnabled: 1})],
			stats: [stats('web', 10), stats('api', 30)],
			inboundRps: 2,
			maxRps: 100,
		})!;
		expect(shareText(facts)).toBe('seeing ~5% of 40 inbound rps');
		expect(budgetText(facts)).toBe('max-rps 100: 33/pod × 3');
		const unknown = samplingFacts({target: {...web, name: 'gone'}, workloads: [workload('web')], stats: [], inboundRps: 0, maxRps: 100})!;
		expect(budgetText(unknown)).toBe('max-rps 100');
		expect(samplingFacts({target: null, workloads: [], stats: [], inboundRps: 0, maxRps: 100})).toBeNull();
	});

	it('says when metrics show no inbound traffic at all, and <1% for a trickle', () => {
		expect(shareText(samplingFacts({target: web, workloads: [], stats: [stats('web', 0)], inboundRps: 0, maxRps: 100})!)).toBe('no inbound traffic in metrics');
		expect(shareText(samplingFacts({target: web, workloads: [], stats: [stats('web', 5000)], inboundRps: 3, maxRps: 100})!)).toBe('seeing ~<1% of 5000 inbound rps');
	});
	it('over many namespaces (-A, -n a,b) compares with the sum of them all, and with nothing when metrics cover only some', () => {
		const ns = {type: 'namespace', name: 'shop'};
		const other = (name: string, rps: number) => ({...stats(name, rps), namespace: 'books'});
		const onlyShop = samplingFacts({target: ns, workloads: [workload('web')], stats: [stats('web', 60)], inboundRps: 50, maxRps: 100, namespaces: ['shop', 'books']})!;
		// The tap saw both namespaces' requests; one namespace's rate is not the real total.
		expect(onlyShop.realRps).toBeNull();
		expect(shareText(onlyShop)).toBe('');
		const both = samplingFacts({
			target: ns, workloads: [workload('web'), {...workload('api'), namespace: 'books'}],
			stats: [stats('web', 60), other('api', 40)], inboundRps: 50, maxRps: 100, namespaces: ['shop', 'books'],
		})!;
		expect(shareText(both)).toBe('seeing ~50% of 100 inbound rps');
		// The split is per namespace first (the header's scope says it): no single per-pod figure.
		expect(budgetText(both)).toBe('max-rps 100');
	});
});
