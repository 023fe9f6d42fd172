// The syntax tree compiled to nested closures, once per filter: evaluating a
// record walks no tree, parses nothing and builds no regex.
import {policyDenial} from '../policy.js';
import {isSuccess} from '../success.js';
import type {RequestRecord} from '../types.js';
import type {FilterNode, Word} from './ast.js';
import {compileComparison, type Pred} from './compare.js';
import {dynamicField} from './fields.js';
import {anyRowText} from './row-text.js';

const inRange = (lo: number) => (rec: RequestRecord) => rec.httpStatus !== null && rec.httpStatus >= lo && rec.httpStatus < lo + 100;

// Bare keywords. `error` and `ok` apply the success rule to completed requests only.
const CLASSES = new Map<string, Pred>([
	['error', rec => rec.state === 'done' && !isSuccess(rec)],
	['ok', rec => rec.state === 'done' && isSuccess(rec)],
	['1xx', inRange(100)],
	['2xx', inRange(200)],
	['3xx', inRange(300)],
	['4xx', inRange(400)],
	['5xx', inRange(500)],
	['grpc', rec => rec.eos?.kind === 'grpc'],
	['reset', rec => rec.eos?.kind === 'reset'],
	['mtls', rec => rec.tls === 'true'],
	['open', rec => rec.state === 'open'],
	['done', rec => rec.state === 'done'],
	['lost', rec => rec.state === 'expired'],
	// The shape of a denial by the server's authorization policy (route-metrics spec §8.3).
	['denied', rec => policyDenial(rec) !== null],
]);
const CLASS_ALIASES = new Map([
	['success', 'ok'],
	['failure', 'error'],
	['pending', 'open'],
	['expired', 'lost'],
]);

/** The class keywords, for help and completion. */
export const classNames: readonly string[] = [...CLASSES.keys()];

function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function bare(word: Word, fields: Set<string>): Pred {
	if (!word.quoted) {
		const lower = word.text.toLowerCase();
		const name = CLASS_ALIASES.get(lower) ?? lower;
		const cls = CLASSES.get(name);
		if (cls !== undefined) {
			fields.add(name);
			return cls;
		}
		const field = dynamicField(word);
		if (field !== null && field.def.type === 'text') {
			fields.add(field.name);
			const each = field.def.each;
			const any = () => true;
			return (rec, secrets) => each(rec, secrets, any) === true;
		}
	}
	fields.add('text');
	// A literal, case-insensitive search: one regex, tested against each text of the row.
	const re = new RegExp(escapeRegex(word.text), 'i');
	const test = (value: string) => re.test(value);
	const spans = /[\s→]/.test(word.text);
	return (rec, secrets) => anyRowText(rec, secrets, test, spans);
}

export function compileNode(node: FilterNode, fields: Set<string>): Pred {
	switch (node.kind) {
		case 'and': {
			const preds = node.children.map(child => compileNode(child, fields));
			if (preds.length === 2) {
				const [a, b] = preds as [Pred, Pred];
				return (rec, secrets) => a(rec, secrets) && b(rec, secrets);
			}
			return (rec, secrets) => {
				for (const p of preds) if (!p(rec, secrets)) return false;
				return true;
			};
		}
		case 'or': {
			const preds = node.children.map(child => compileNode(child, fields));
			if (preds.length === 2) {
				const [a, b] = preds as [Pred, Pred];
				return (rec, secrets) => a(rec, secrets) || b(rec, secrets);
			}
			return (rec, secrets) => {
				for (const p of preds) if (p(rec, secrets)) return true;
				return false;
			};
		}
		case 'not': {
			const inner = compileNode(node.child, fields);
			return (rec, secrets) => !inner(rec, secrets);
		}
		case 'compare': {
			const {pred, field} = compileComparison(node);
			fields.add(field);
			return pred;
		}
		case 'bare':
			return bare(node.word, fields);
	}
}
