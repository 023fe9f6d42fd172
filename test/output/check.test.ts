// The check output against linkerd's format: healthcheck_output.go's checkOutput JSON (Go's
// MarshalIndent with two spaces, hint/error omitempty) and its table lines.
import {describe, expect, it} from 'vitest';
import {failed, passed, warned, type CheckResult} from '../../source/model/check-result.js';
import {formatCheckJson, formatCheckTable} from '../../source/output/check.js';

// linkerd2 cli/cmd/testdata/check_output_json.golden, as linkerd's own test renders it (plus the newline Fprintf adds).
const linkerdGolden = `{
  "success": false,
  "categories": [
    {
      "categoryName": "category",
      "checks": [
        {
          "description": "check1",
          "result": "success"
        },
        {
          "description": "check2",
          "hint": "https://linkerd.io/checks/#hint-anchor",
          "error": "This should contain instructions for fail",
          "result": "error"
        }
      ]
    }
  ]
}
`;

describe('check JSON', () => {
	it("is byte for byte linkerd's golden for the same results", () => {
		const results: CheckResult[] = [passed('check1'), failed('check2', 'This should contain instructions for fail', 'https://linkerd.io/checks/#hint-anchor')];
		expect(formatCheckJson(results, 'category')).toBe(linkerdGolden);
	});

	it('names the category linkerd-meshtop, leaves hint and error out on success, and counts warnings as success', () => {
		const json = JSON.parse(formatCheckJson([passed('a'), warned('b', 'cannot tell', 'ask an admin')])) as unknown;
		expect(json).toEqual({
			success: true,
			categories: [{categoryName: 'linkerd-meshtop', checks: [
				{description: 'a', result: 'success'},
				{description: 'b', hint: 'ask an admin', error: 'cannot tell', result: 'warning'},
			]}],
		});
	});

	it("escapes <, > and & as Go's encoder does, and sanitizes server text", () => {
		const text = formatCheckJson([failed('x', 'bad \u001b[31m<thing> & co', '--user <you>')]);
		expect(text).toContain('"hint": "--user \\u003cyou\\u003e"');
		expect(text).toContain('"error": "bad \\\\x1b[31m\\u003cthing\\u003e \\u0026 co"');
		expect(text).not.toContain('\u001b');
	});
});

describe('check table', () => {
	it('prints linkerd-style lines and the verdict', () => {
		const results = [passed('kubeconfig loads'), warned('tap APIService is Available', 'not allowed to read it', 'kubectl auth can-i get apiservices'), failed('you may tap', 'RBAC says no', 'kubectl create clusterrolebinding …')];
		expect(formatCheckTable(results)).toBe([
			'linkerd-meshtop',
			'---------------',
			'√ kubeconfig loads',
			'‼ tap APIService is Available',
			'    not allowed to read it',
			'    hint: kubectl auth can-i get apiservices',
			'× you may tap',
			'    RBAC says no',
			'    hint: kubectl create clusterrolebinding …',
			'',
			'Status check results are ×',
			'',
		].join('\n'));
	});

	it('says √ when only warnings, and colours the marks only when asked', () => {
		const results = [passed('a'), warned('b', 'e', 'h')];
		expect(formatCheckTable(results).endsWith('Status check results are √\n')).toBe(true);
		expect(formatCheckTable(results, {color: true})).toContain('\u001b[32;1m√\u001b[0m a');
		expect(formatCheckTable(results, {color: true})).toContain('\u001b[33;1m‼\u001b[0m b');
	});
});
