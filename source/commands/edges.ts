// `meshtop edges [RESOURCETYPE | NAMESPACE]`: mTLS edges with identities from the viz metrics-api.
import process from 'node:process';
import {connectMetrics} from '../metrics/client.js';
import {canonicalType, UsageError} from '../model/resource.js';
import type {Options} from '../options.js';
import {formatEdgesTable} from '../output/edges.js';
import {withCluster} from './shared.js';

/**
 * `edges [RESOURCETYPE | NAMESPACE]`: a workload type as linkerd viz edges takes it (deploy, po,
 * sts …; the namespace from -n), else a namespace; deployments of the namespace by default.
 */
export function edgesSelection(words: string[]): {type: string; namespace?: string} {
	if (words.length > 1 || words[0]?.includes('/')) throw new UsageError('edges takes one RESOURCETYPE (deploy, po, sts …) or one NAMESPACE; named resources are not supported');
	const word = words[0];
	if (word === undefined) return {type: 'deployment'};
	const type = canonicalType(word);
	if (type === 'service' || type === 'namespace' || word === 'all' || word === 'authority') {
		throw new UsageError(`edges does not support the resource type "${word}" (as linkerd viz edges); use deploy, po, sts, ds, rs, rc, job or cj`);
	}
	return type ? {type} : {type: 'deployment', namespace: word};
}

export function runEdgesCommand(options: Options): Promise<number> {
	const selection = edgesSelection(options.resourceWords);
	return withCluster(options, async loaded => {
		const client = await connectMetrics({kubeConfig: loaded.kubeConfig, vizNamespace: options.vizNamespace, metricsAddr: options.metricsAddr});
		try {
			const edges = await client.edges({namespace: selection.namespace ?? loaded.namespace, type: selection.type});
			const text = formatEdgesTable(edges, options.tableFormat);
			if (!text) process.stderr.write('No edges found.\n');
			process.stdout.write(text);
			return 0;
		} finally {
			client.close();
		}
	});
}
