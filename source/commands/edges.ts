// `meshtop edges [NAMESPACE]`: mTLS edges with identities from the viz metrics-api.
import process from 'node:process';
import {connectMetrics} from '../metrics/client.js';
import {UsageError} from '../model/resource.js';
import type {Options} from '../options.js';
import {formatEdgesTable} from '../output/edges.js';
import {withCluster} from './shared.js';

export function runEdgesCommand(options: Options): Promise<number> {
	const words = options.resourceWords;
	if (words.length > 1 || words[0]?.includes('/')) throw new UsageError('meshtop edges takes at most one NAMESPACE');
	return withCluster(options, async loaded => {
		const client = await connectMetrics({kubeConfig: loaded.kubeConfig, vizNamespace: options.vizNamespace, metricsAddr: options.metricsAddr});
		try {
			const edges = await client.edges({namespace: words[0] ?? loaded.namespace, type: 'deployment'});
			const text = formatEdgesTable(edges, options.tableFormat);
			if (!text) process.stderr.write('No edges found.\n');
			process.stdout.write(text);
			return 0;
		} finally {
			client.close();
		}
	});
}
