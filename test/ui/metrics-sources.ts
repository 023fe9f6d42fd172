// Data sources whose metrics() reaches a real gRPC server (a stub or the demo's), connecting
// once as kube/mesh-sources.ts does; the rest is the FakeSources double.
import {connectMetrics} from '../../source/metrics/client.js';
import type {MetricsClient} from '../../source/model/metrics.js';
import {FakeSources} from './fixtures.js';

export class MetricsSources extends FakeSources {
	connects = 0;
	private client: Promise<MetricsClient> | undefined;
	constructor(private readonly addr: string) {
		super();
	}
	metrics = (): Promise<MetricsClient> => {
		this.connects++;
		this.client ??= connectMetrics({kubeConfig: undefined as never, metricsAddr: this.addr, deadlineMs: 2000});
		return this.client;
	};
	override close(): void {
		void this.client?.then(client => client.close());
	}
}
