// Kubernetes label selectors: equality (a=b, a==b, a!=b), existence (a, !a) and set-based
// (a in (x,y), a notin (x)) requirements, comma-separated. Enough for kubectl -l and client-node.

export type Requirement = (labels: Record<string, string>) => boolean;

export class SelectorError extends Error {}

function splitTopLevel(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let current = '';
	for (const ch of text) {
		if (ch === '(') depth++;
		if (ch === ')') depth--;
		if (ch === ',' && depth === 0) {
			parts.push(current);
			current = '';
		} else {
			current += ch;
		}
	}
	parts.push(current);
	return parts.map(p => p.trim()).filter(p => p.length > 0);
}

function parseRequirement(text: string): Requirement {
	const set = /^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(text);
	if (set) {
		const [, key, op, list] = set as unknown as [string, string, string, string];
		const values = new Set(list.split(',').map(v => v.trim()));
		return op === 'in' ? labels => key in labels && values.has(labels[key]!) : labels => !(key in labels) || !values.has(labels[key]!);
	}
	const equality = /^([^\s!=]+)\s*(==|=|!=)\s*([^\s=!]*)$/.exec(text);
	if (equality) {
		const [, key, op, value] = equality as unknown as [string, string, string, string];
		return op === '!=' ? labels => labels[key] !== value : labels => labels[key] === value;
	}
	if (/^![^\s!=]+$/.test(text)) {
		const key = text.slice(1);
		return labels => !(key in labels);
	}
	if (/^[^\s!=()]+$/.test(text)) return labels => text in labels;
	throw new SelectorError(`unable to parse requirement: ${text}`);
}

/** Parses a selector; the empty selector matches everything. */
export function parseSelector(selector: string | undefined | null): Requirement {
	const requirements = splitTopLevel(selector ?? '').map(parseRequirement);
	return labels => requirements.every(r => r(labels));
}
