// Authorization policy as the viz metrics-api's Authz RPC reports it (route-metrics spec §6):
// one row per (Server, route, authorization) with allowed/denied counts and the golden metrics
// of the requests the policy let through. Plain data; counts are over the query's window.
import {tapTargetTypes} from './resource.js';

/** A policy object as metrics-api names it: kind is the `*_kind` label, name the `*_name` one. */
export interface PolicyRef {
	/** server, default; HTTPRoute, GRPCRoute, default; authorizationpolicy, serverauthorization, default; or "". */
	kind: string;
	name: string;
}

export interface AuthzRow {
	server: PolicyRef;
	route: PolicyRef;
	/** Empty kind and name on a denials row: deny samples carry no authorization. */
	authz: PolicyRef;
	allowed: number;
	denied: number;
	success: number;
	failure: number;
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
}

export interface AuthzQuery {
	namespace: string;
	/** Canonical type: deployment, pod, namespace, service, server, authorizationpolicy, ... */
	type: string;
	name?: string;
	/** Go duration, default "1m". */
	timeWindow?: string;
}

/** Resource types `linkerd viz authz` can be asked about: the tap targets, services and policy objects. */
export const authzResourceTypes = [...tapTargetTypes, 'service', 'server', 'serverauthorization', 'authorizationpolicy', 'httproute'];
