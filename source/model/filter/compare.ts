// One comparison (field op value) compiled to a predicate. Values are parsed
// and regexes built here, once. A field the request lacks makes every
// comparison false, != and !~ included.
import type {RequestRecord} from '../types.js';
import {fail, type FilterNode, type Op} from './ast.js';
import {endpointTest} from './endpoint.js';
import {resolveField, type Each, type FieldDef} from './fields.js';
import {parseDirection, parseRegex, type NumberValue} from './values.js';

export type Pred = (rec: RequestRecord, showSecrets: boolean) => boolean;
type Compare = Extract<FilterNode, {kind: 'compare'}>;

const ORDER_OPS = new Set<Op>(['>', '>=', '<', '<=']);
const REGEX_OPS = new Set<Op>(['~', '!~']);

function numberTest(op: Op, value: NumberValue): (x: number) => boolean {
	if (typeof value === 'object') {
		const {lo, hi} = value;
		return op === '=' ? x => x >= lo && x <= hi : x => x < lo || x > hi;
	}
	switch (op) {
		case '=':
			return x => x === value;
		case '!=':
			return x => x !== value;
		case '>':
			return x => x > value;
		case '>=':
			return x => x >= value;
		case '<':
			return x => x < value;
		default:
			return x => x <= value;
	}
}

function numberPred(get: (rec: RequestRecord) => number | null, op: Op, value: NumberValue): Pred {
	const test = numberTest(op, value);
	return rec => {
		const x = get(rec);
		return x !== null && test(x);
	};
}

/** = and ~ hold when some value matches; != and !~ when the field is there and none does. */
function anyOrNone(each: Each, positive: boolean, test: (value: string) => boolean): Pred {
	return positive ? (rec, secrets) => each(rec, secrets, test) === true : (rec, secrets) => each(rec, secrets, test) === false;
}

function textPred(def: Extract<FieldDef, {type: 'text'}>, node: Compare): Pred {
	const positive = node.op === '=' || node.op === '~';
	if (REGEX_OPS.has(node.op)) {
		const re = parseRegex(node.value);
		return anyOrNone(def.each, positive, value => re.test(value));
	}
	if (def.fold) {
		const want = node.value.text.toLowerCase();
		return anyOrNone(def.each, positive, value => value.length === want.length && value.toLowerCase() === want);
	}
	const want = node.value.text;
	return anyOrNone(def.each, positive, value => value === want);
}

function endpointPred(side: 'src' | 'dst', node: Compare): Pred {
	const positive = node.op === '=' || node.op === '~';
	let test: (rec: RequestRecord) => boolean;
	if (REGEX_OPS.has(node.op)) {
		// A regex sees the shown name and the IP.
		const re = parseRegex(node.value);
		test =
			side === 'src'
				? rec => re.test(rec.sourceName) || (rec.source !== null && re.test(rec.source.ip))
				: rec => re.test(rec.destinationName) || (rec.destination !== null && re.test(rec.destination.ip));
	} else {
		const matches = endpointTest(node.value);
		test =
			side === 'src'
				? rec => matches(rec.sourceLabels, rec.source, rec.sourceName)
				: rec => matches(rec.destinationLabels, rec.destination, rec.destinationName);
	}
	return positive ? test : rec => !test(rec);
}

function checkOp(name: string, def: FieldDef, node: Compare): void {
	const {op, opSpan} = node;
	if (def.type === 'number' && REGEX_OPS.has(op)) throw fail(`cannot use "${op}" on ${name} (a number)`, opSpan, 'use = != < <= > >=');
	if (def.type === 'dir' && op !== '=' && op !== '!=') throw fail(`cannot use "${op}" on dir`, opSpan, 'use dir=in or dir=out');
	if ((def.type === 'text' || def.type === 'endpoint') && ORDER_OPS.has(op)) {
		throw fail(`cannot use "${op}" on ${name} (text)`, opSpan, 'use = != ~ !~');
	}
}

/** The predicate of `field op value` and the field's canonical name; throws FilterError. */
export function compileComparison(node: Compare): {pred: Pred; field: string} {
	const {name, def} = resolveField(node.field);
	checkOp(name, def, node);
	switch (def.type) {
		case 'number': {
			const value = def.parse(node.value);
			if (typeof value === 'object' && ORDER_OPS.has(node.op)) {
				throw fail(`cannot use "${node.op}" with the class ${node.value.text}`, node.opSpan, `use ${name}=${node.value.text} or a number`);
			}
			return {pred: numberPred(def.get, node.op, value), field: name};
		}
		case 'text':
			return {pred: textPred(def, node), field: name};
		case 'endpoint':
			return {pred: endpointPred(def.side, node), field: name};
		case 'dir': {
			const dir = parseDirection(node.value);
			const positive = node.op === '=';
			return {pred: rec => (rec.direction === dir) === positive, field: name};
		}
	}
}
