// `meshtop authz RESOURCE`: allowed and denied requests per Server, route and authorization
// from the viz metrics-api's Authz RPC, as `linkerd viz authz` prints them (route-metrics §6.3).
import process from 'node:process';
import {connectMetrics, MetricsError} from '../metrics/client.js';
import {windowSeconds} from '../metrics/map.js';
import {authzResourceTypes} from '../model/authz.js';
import {parseResource} from '../model/resource.js';
import type {Options} from '../options.js';
import {formatAuthzJson, formatAuthzTable} from '../output/authz.js';
import {withCluster} from './shared.js';

export function runAuthzCommand(options: Options): Promise<number> {
	return withCluster(options, async loaded => {
		const resource = parseResource(options.resourceWords, loaded.namespace, authzResourceTypes, 'authz resource');
		// linkerd sends the -n namespace even for ns/NAME; the server ignores it there.
		const query = {namespace: loaded.namespace, type: resource.type, name: resource.name || undefined, timeWindow: options.timeWindow};
		const seconds = windowSeconds(options.timeWindow)!;
		const client = await connectMetrics({kubeConfig: loaded.kubeConfig, vizNamespace: options.vizNamespace, metricsAddr: options.metricsAddr});
		try {
			const rows = await client.authz(query).catch((error: unknown) => {
				if (error instanceof MetricsError) throw new MetricsError(error.kind, `Authz API error: ${error.message}`);
				throw error;
			});
			// linkerd ends the table with a newline and the JSON without one.
			process.stdout.write(options.tableFormat === 'json' ? formatAuthzJson(rows, seconds) : formatAuthzTable(rows, seconds));
			return 0;
		} finally {
			client.close();
		}
	});
}
