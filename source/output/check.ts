// `meshtop check` output: linkerd's check JSON (what `linkerd check` reads back from an extension)
// and its table lines. Pure: results in, text out. Every error and hint may carry server text,
// so both are sanitized before they reach a terminal, here or inside `linkerd check`.
import {allPassed, type CheckResult} from '../model/check-result.js';
import {sanitize} from '../model/sanitize.js';

export const checkCategory = 'linkerd-meshtop';

/**
 * Byte for byte what Go's json.MarshalIndent(v, "", "  ") writes for linkerd's checkOutput:
 * field order description, hint, error, result; hint and error omitted when empty; and Go's
 * default escaping of <, >, & and U+2028/U+2029.
 */
export function formatCheckJson(results: readonly CheckResult[], category = checkCategory): string {
	const checks = results.map(r => {
		const check: Record<string, string> = {description: sanitize(r.description)};
		if (r.result !== 'success' && r.hint) check['hint'] = sanitize(r.hint);
		if (r.result !== 'success' && r.error) check['error'] = sanitize(r.error);
		check['result'] = r.result;
		return check;
	});
	const text = JSON.stringify({success: allPassed(results), categories: [{categoryName: category, checks}]}, null, 2);
	return `${goEscape(text)}\n`;
}

function goEscape(json: string): string {
	return json.replace(/[<>&\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const symbols = {success: '√', warning: '‼', error: '×'} as const;
const colours = {success: '32', warning: '33', error: '31'} as const;

function mark(result: CheckResult['result'], color: boolean): string {
	return color ? `\u001b[${colours[result]};1m${symbols[result]}\u001b[0m` : symbols[result];
}

/** linkerd's table: the category underlined, one line per check, error and hint indented, the verdict last. */
export function formatCheckTable(results: readonly CheckResult[], options: {color?: boolean; category?: string} = {}): string {
	const color = options.color ?? false;
	const category = options.category ?? checkCategory;
	const lines = [category, '-'.repeat(category.length)];
	for (const r of results) {
		lines.push(`${mark(r.result, color)} ${sanitize(r.description)}`);
		if (r.result === 'success') continue;
		if (r.error) lines.push(`    ${sanitize(r.error)}`);
		if (r.hint) lines.push(`    hint: ${sanitize(r.hint)}`);
	}
	lines.push('', `Status check results are ${mark(allPassed(results) ? 'success' : 'error', color)}`);
	return `${lines.join('\n')}\n`;
}
