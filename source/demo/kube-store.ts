// The demo apiserver's object store: one resourceVersion counter for everything, lists, and
// watches that replay history after a given resourceVersion (410 Gone when it is too old),
// as the real apiserver's watch cache does.
import type {KubeObject} from './kube-objects.js';
import {parseSelector, type Requirement} from './label-selector.js';

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';

interface Change {
	rv: number;
	resource: string;
	type: WatchType;
	object: KubeObject;
}

interface Watcher {
	resource: string;
	namespace: string | undefined;
	matches: Requirement;
	send(type: WatchType, object: KubeObject): void;
}

const historyLimit = 5000;

export interface ListResult {
	resourceVersion: string;
	items: KubeObject[];
}

export class KubeStore {
	private rv = 1000;
	private readonly objects = new Map<string, Map<string, KubeObject>>();
	private readonly history: Change[] = [];
	private readonly watchers = new Set<Watcher>();

	get resourceVersion(): string {
		return String(this.rv);
	}

	upsert(resource: string, object: KubeObject): void {
		const bucket = this.bucket(resource);
		const key = `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
		const type: WatchType = bucket.has(key) ? 'MODIFIED' : 'ADDED';
		const stamped = {...object, metadata: {...object.metadata, resourceVersion: String(++this.rv)}};
		bucket.set(key, stamped);
		this.record(resource, type, stamped);
	}

	remove(resource: string, namespace: string | undefined, name: string): void {
		const bucket = this.bucket(resource);
		const key = `${namespace ?? ''}/${name}`;
		const existing = bucket.get(key);
		if (!existing) return;
		bucket.delete(key);
		this.record(resource, 'DELETED', {...existing, metadata: {...existing.metadata, resourceVersion: String(++this.rv)}});
	}

	get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
		return this.bucket(resource).get(`${namespace ?? ''}/${name}`);
	}

	/** Throws SelectorError for a selector that does not parse. */
	list(resource: string, namespace: string | undefined, selector?: string): ListResult {
		const matches = parseSelector(selector);
		const items = [...this.bucket(resource).values()]
			.filter(o => namespace === undefined || o.metadata.namespace === namespace)
			.filter(o => matches(o.metadata.labels ?? {}))
			.sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`));
		return {resourceVersion: this.resourceVersion, items};
	}

	/**
	 * Starts a watch. With a resourceVersion, replays later changes first; returns 'gone' when
	 * that version is older than the history kept. Without one, sends ADDED for what exists.
	 */
	watch(resource: string, namespace: string | undefined, selector: string | undefined, since: string | undefined, send: Watcher['send']): (() => void) | 'gone' {
		const watcher: Watcher = {resource, namespace, matches: parseSelector(selector), send};
		const sinceRv = since === undefined || since === '' || since === '0' ? undefined : Number(since);
		if (sinceRv === undefined) {
			for (const object of this.list(resource, namespace, selector).items) send('ADDED', object);
		} else {
			const oldest = this.history[0]?.rv ?? this.rv + 1;
			if (!Number.isFinite(sinceRv) || (sinceRv < oldest - 1 && sinceRv < this.rv)) return 'gone';
			for (const change of this.history) {
				if (change.rv > sinceRv && this.wants(watcher, change)) send(change.type, change.object);
			}
		}
		this.watchers.add(watcher);
		return () => this.watchers.delete(watcher);
	}

	private wants(watcher: Watcher, change: Change): boolean {
		return watcher.resource === change.resource
			&& (watcher.namespace === undefined || watcher.namespace === change.object.metadata.namespace)
			&& watcher.matches(change.object.metadata.labels ?? {});
	}

	private record(resource: string, type: WatchType, object: KubeObject): void {
		const change = {rv: this.rv, resource, type, object};
		this.history.push(change);
		if (this.history.length > historyLimit) this.history.splice(0, this.history.length - historyLimit);
		for (const watcher of this.watchers) {
			if (this.wants(watcher, change)) watcher.send(type, object);
		}
	}

	private bucket(resource: string): Map<string, KubeObject> {
		let bucket = this.objects.get(resource);
		if (!bucket) {
			bucket = new Map();
			this.objects.set(resource, bucket);
		}
		return bucket;
	}
}
