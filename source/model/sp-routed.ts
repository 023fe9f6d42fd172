// Which outbound authorities a ServiceProfile routes, as the tap shows it: the client proxy fills
// route_meta only from a ServiceProfile route (linkerd-route-metrics.md §8.2), and a profile with
// routes makes the client ignore HTTPRoute/GRPCRoute for that target (§7.1) — so these get no
// outbound_*_route_* series and stat-outbound shows nothing for them. Pure.
import type {RequestRecord} from './types.js';

export function serviceProfileRouted(records: readonly RequestRecord[]): string[] {
	const found = new Set<string>();
	for (const record of records) {
		if (record.direction !== 'OUTBOUND' || !record.authority) continue;
		const route = record.routeLabels?.['route'];
		if (route !== undefined && route !== '') found.add(record.authority);
	}
	return [...found].sort();
}
