// The label sets of spec §4: what the Destination controller tells an outbound proxy about a
// pod, what the inbound proxy's policy says, what the proxies report about TLS, and what the
// tap server adds by looking IPs up ("hydration").
import type {PodState} from './pods.js';
import {inboundPolicy} from './policy.js';
import type {DemoRequest} from './traffic.js';
import {kindLabel, workloadIdentity, type Topology, type WorkloadSpec} from './topology.js';

export type LabelMap = Record<string, string>;

/** GetPodLabels: the owner-kind label, pod, serviceaccount, control_plane_ns, pod_template_hash. */
export function podLabels(topology: Topology, pod: PodState): LabelMap {
	const labels: LabelMap = {};
	const workload = pod.workload;
	if (workload.meshed) labels['control_plane_ns'] = topology.linkerdNamespace;
	labels[kindLabel(workload.kind === 'CronJob' ? 'Job' : workload.kind)] = workload.name;
	labels['pod'] = pod.name;
	if (workload.kind === 'Deployment') labels['pod_template_hash'] = pod.templateHash;
	labels['serviceaccount'] = workload.serviceAccount;
	return labels;
}

/** Tap-server hydration of one IP: node first, then a single (or single Running) pod, else nothing. */
export function hydrate(topology: Topology, pods: readonly PodState[], ip: string): LabelMap {
	const node = topology.nodes.find(n => n.ip === ip);
	if (node) return {node: node.name};
	let matches = pods.filter(p => p.ip === ip);
	if (matches.length > 1) matches = matches.filter(p => p.phase === 'Running');
	if (matches.length !== 1) return {};
	return {...podLabels(topology, matches[0]!), namespace: matches[0]!.namespace};
}

function meshedWithIdentity(workload: WorkloadSpec | undefined): boolean {
	return workload !== undefined && workload.meshed && workload.identityDisabled !== true;
}

/** destination_meta as the client's proxy reports it for an OUTBOUND request. */
export function outboundDestinationLabels(topology: Topology, request: DemoRequest, clientZone: string | undefined): LabelMap {
	const server = request.server.pod;
	const labels: LabelMap = {};
	if (server) {
		const workload = server.workload;
		Object.assign(labels, podLabels(topology, server));
		labels['namespace'] = server.namespace;
		if (workload.service) labels['service'] = workload.service;
		labels['zone'] = server.zone;
		labels['zone_locality'] = clientZone === undefined ? 'unknown' : clientZone === server.zone ? 'local' : 'remote';
	}
	const tls = request.edge.outboundDestinationTls
		?? (server && meshedWithIdentity(server.workload)
			? {tls: 'true', server_id: workloadIdentity(topology, server.workload)}
			: {tls: 'not_provided_by_service_discovery'});
	return {...labels, ...tls};
}

/** source_meta as the server's proxy reports it for an INBOUND request (before hydration). */
export function inboundSourceTls(topology: Topology, request: DemoRequest): LabelMap {
	if (request.edge.inboundSourceTls) return {...request.edge.inboundSourceTls};
	const client = request.client.pod;
	if (client && meshedWithIdentity(client.workload)) return {tls: 'true', client_id: workloadIdentity(topology, client.workload)};
	return {tls: 'no_tls_from_remote'};
}

/** destination_meta policy labels as the server's proxy reports them for an INBOUND request (§8.1). */
export function inboundPolicyLabels(topology: Topology, request: DemoRequest): LabelMap {
	const binding = inboundPolicy(topology, request.edge, request.route);
	const none = {group: '', kind: '', name: ''};
	const {server = none, route = none} = binding ?? {};
	const authz = binding?.authz ?? none;
	return {
		authz_group: authz.group,
		authz_kind: authz.kind,
		authz_name: authz.name,
		route_group: route.group,
		route_kind: route.kind,
		route_name: route.name,
		srv_group: server.group,
		srv_kind: server.kind,
		srv_name: server.name,
		tls: 'loopback',
	};
}

export function routeLabels(request: DemoRequest): LabelMap {
	return request.route.spRoute ? {route: request.route.spRoute} : {};
}
