// `meshtop stat [RESOURCE]`: golden metrics from the viz metrics-api, as a table or JSON.
import process from 'node:process';
import {connectMetrics} from '../metrics/client.js';
import {parseResource} from '../model/resource.js';
import type {Options} from '../options.js';
import {formatStatTable, meshedOnly} from '../output/stat.js';
import {withCluster} from './shared.js';

const statTypes = ['deployment', 'statefulset', 'daemonset', 'job', 'cronjob', 'replicaset', 'replicationcontroller', 'pod', 'namespace'];

export function runStatCommand(options: Options): Promise<number> {
	return withCluster(options, async loaded => {
		const words = options.resourceWords;
		const resource = words.length > 0 ? parseResource(words, loaded.namespace, statTypes, 'stat resource') : undefined;
		const request =
			resource?.type === 'namespace'
				? {namespace: resource.name, type: 'namespace', name: resource.name}
				: {namespace: resource?.namespace ?? loaded.namespace, type: resource?.type ?? 'deployment', name: resource?.name || undefined};
		const client = await connectMetrics({kubeConfig: loaded.kubeConfig, vizNamespace: options.vizNamespace, metricsAddr: options.metricsAddr});
		try {
			const rows = await client.statSummary({...request, timeWindow: options.timeWindow});
			const text = formatStatTable(meshedOnly(rows), options.tableFormat === 'json' ? 'json' : 'table');
			if (!text) process.stderr.write('No traffic found.\n');
			process.stdout.write(text);
			return 0;
		} finally {
			client.close();
		}
	});
}
