// Resource arguments as `linkerd viz tap` spells them (spec linkerd-tap.md §5): TYPE/NAME,
// TYPE NAME, TYPE, with the same aliases. Pure.

/** A Kubernetes object as Linkerd's viz API names it (linkerd2.viz.Resource). */
export interface Resource {
	namespace: string;
	/** Canonical singular type: deployment, pod, namespace, ... */
	type: string;
	name: string;
}

const aliases: Record<string, string> = {};
const canonical: Array<[string, string[]]> = [
	['cronjob', ['cj', 'cronjob', 'cronjobs']],
	['daemonset', ['ds', 'daemonset', 'daemonsets']],
	['deployment', ['deploy', 'deployment', 'deployments']],
	['job', ['job', 'jobs']],
	['namespace', ['ns', 'namespace', 'namespaces']],
	['pod', ['po', 'pod', 'pods']],
	['replicaset', ['rs', 'replicaset', 'replicasets']],
	['replicationcontroller', ['rc', 'replicationcontroller', 'replicationcontrollers']],
	['statefulset', ['sts', 'statefulset', 'statefulsets']],
	['service', ['svc', 'service', 'services']],
	// Policy objects, for `authz` (tap and stat do not accept them).
	['server', ['srv', 'server', 'servers']],
	['serverauthorization', ['saz', 'serverauthorization', 'serverauthorizations']],
	['authorizationpolicy', ['ap', 'authorizationpolicy', 'authorizationpolicies']],
	['httproute', ['httproute', 'httproutes']],
];
for (const [type, spellings] of canonical) {
	for (const spelling of spellings) aliases[spelling] = type;
}

/** Types `linkerd viz tap` accepts as a target; service only as --to. */
export const tapTargetTypes = [
	'cronjob',
	'daemonset',
	'deployment',
	'job',
	'namespace',
	'pod',
	'replicaset',
	'replicationcontroller',
	'statefulset',
];

const shortNames: Record<string, string> = {
	cronjob: 'cj',
	daemonset: 'ds',
	deployment: 'deploy',
	job: 'job',
	namespace: 'ns',
	pod: 'po',
	replicaset: 'rs',
	replicationcontroller: 'rc',
	statefulset: 'sts',
	service: 'svc',
	server: 'srv',
	serverauthorization: 'saz',
	authorizationpolicy: 'ap',
};

export class UsageError extends Error {
	override name = 'UsageError';
}

export function canonicalType(spelling: string): string | undefined {
	return aliases[spelling.toLowerCase()];
}

/** `deploy/web`, `ns/emojivoto`: the short form used in the UI and in messages. */
export function resourceLabel(resource: Resource): string {
	const type = shortNames[resource.type] ?? resource.type;
	return resource.name ? `${type}/${resource.name}` : type;
}

// DNS-1123 subdomain, what Kubernetes allows for object names.
const namePattern = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * Parses one resource argument (or TYPE NAME as two words).
 * `allowed` lists canonical types the caller accepts; `what` names the argument in errors.
 */
export function parseResource(
	words: string[],
	namespace: string,
	allowed: readonly string[] = tapTargetTypes,
	what = 'resource',
): Resource {
	if (words.length === 0 || words.length > 2) {
		throw new UsageError(`expected a ${what} as TYPE/NAME, TYPE NAME or TYPE, got ${words.length} words`);
	}
	let typeWord: string;
	let name: string;
	if (words.length === 2) {
		[typeWord, name] = words as [string, string];
	} else {
		const slash = words[0]!.indexOf('/');
		typeWord = slash === -1 ? words[0]! : words[0]!.slice(0, slash);
		name = slash === -1 ? '' : words[0]!.slice(slash + 1);
	}
	const type = canonicalType(typeWord);
	if (!type) {
		throw new UsageError(
			`unknown ${what} type "${typeWord}"; use one of ${allowed.map(t => shortNames[t] ?? t).join(', ')}`,
		);
	}
	if (!allowed.includes(type)) {
		throw new UsageError(`${what} type "${type}" is not supported here; use one of ${allowed.join(', ')}`);
	}
	if (name !== '' && !namePattern.test(name)) {
		throw new UsageError(`invalid ${what} name "${name}": Kubernetes names are lower-case letters, digits, '-' and '.'`);
	}
	if (type === 'namespace' && name === '') {
		throw new UsageError(`a namespace ${what} needs a name, e.g. ns/emojivoto`);
	}
	return {namespace: type === 'namespace' ? '' : namespace, type, name};
}

/** Splits positional words into one resource argument (1 or 2 words). */
export function resourceWords(positionals: string[]): string[] {
	if (positionals.length === 0) return [];
	const first = positionals[0]!;
	if (first.includes('/')) return [first];
	return positionals.slice(0, 2);
}
