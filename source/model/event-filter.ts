// Client-side filters the tap API cannot apply (--from, --from-namespace, --port), on single
// events for the headless output. Pure.
import type {TapEvent} from './event.js';
import type {ClientFilter} from './filters.js';
import {labelForType} from './names.js';

export function compileEventFilter(filter: ClientFilter): (event: TapEvent) => boolean {
	const {from, fromNamespace, port} = filter;
	if (!from && !fromNamespace && port === undefined) return () => true;
	const label = from && from.type !== 'namespace' ? labelForType(from.type) : undefined;
	const namespace = from ? from.namespace : fromNamespace;
	return event => {
		const labels = event.sourceMeta ?? {};
		if (namespace && labels.namespace !== namespace) return false;
		if (label && from?.name && labels[label] !== from.name) return false;
		if (label && !from?.name && labels[label] === undefined) return false;
		if (port !== undefined && event.destination?.port !== port) return false;
		return true;
	};
}
