// `meshtop stat [RESOURCE]` and `meshtop edges [NAMESPACE]`: the metrics-api tables, headless.
import type {LoadedConfig} from '../kube/config.js';
import type {Options} from '../options.js';
import {formatEdgesTable} from '../output/edges.js';
import {formatStatTable, meshedOnly} from '../output/stat.js';
import {parseResource, UsageError} from '../model/resource.js';
import {connectMetrics} from './client.js';

const statTypes = ['deployment', 'statefulset', 'daemonset', 'job', 'cronjob', 'replicaset', 'replicationcontroller', 'pod', 'namespace'];

export async function runMetricsCommand(options: Options, loaded: LoadedConfig): Promise<number> {
	const words = options.resourceWords;
	const client = await connectMetrics({
		kubeConfig: loaded.kubeConfig,
		vizNamespace: options.vizNamespace,
		metricsAddr: options.metricsAddr,
	});
	try {
		let text: string;
		if (options.command === 'edges') {
			if (words.length > 1 || words[0]?.includes('/')) throw new UsageError('meshtop edges takes at most one NAMESPACE');
			const edges = await client.edges({namespace: words[0] ?? loaded.namespace, type: 'deployment'});
			text = formatEdgesTable(edges, options.tableFormat);
			if (!text) process.stderr.write('No edges found.\n');
		} else {
			const resource = words.length > 0 ? parseResource(words, loaded.namespace, statTypes, 'stat resource') : undefined;
			const request =
				resource?.type === 'namespace'
					? {namespace: resource.name, type: 'namespace', name: resource.name}
					: {namespace: resource?.namespace ?? loaded.namespace, type: resource?.type ?? 'deployment', name: resource?.name || undefined};
			const rows = await client.statSummary({...request, timeWindow: options.timeWindow});
			text = formatStatTable(meshedOnly(rows), options.tableFormat === 'json' ? 'json' : 'table');
			if (!text) process.stderr.write('No traffic found.\n');
		}
		process.stdout.write(text);
		return 0;
	} finally {
		client.close();
	}
}
