// The `:` command line parser (pure): -n names the namespace of :tap/:to/:from's resource.
import {describe, expect, it} from 'vitest';
import {parseCommandLine} from '../../source/ui/command-line.js';

describe(':tap/:to/:from with -n', () => {
	it('takes -n NS, -n=NS and --namespace NS anywhere after the verb', () => {
		const web = {namespace: 'emojivoto', type: 'deployment', name: 'web'};
		expect(parseCommandLine(':tap deploy/web -n emojivoto', 'default')).toEqual({ok: true, intent: {kind: 'tap', target: web}});
		expect(parseCommandLine('tap -n=emojivoto deploy web', 'default')).toEqual({ok: true, intent: {kind: 'tap', target: web}});
		expect(parseCommandLine(':from deploy/x --namespace ns', 'default')).toEqual({ok: true, intent: {kind: 'from', from: {namespace: 'ns', type: 'deployment', name: 'x'}}});
		expect(parseCommandLine(':to svc/api -n payments', 'default')).toEqual({ok: true, intent: {kind: 'to', to: {namespace: 'payments', type: 'service', name: 'api'}}});
		// Without -n, the namespace in view.
		expect(parseCommandLine(':tap deploy/web', 'booksapp')).toEqual({ok: true, intent: {kind: 'tap', target: {...web, namespace: 'booksapp'}}});
	});

	it('says what is wrong with a bare -n', () => {
		expect(parseCommandLine(':tap deploy/web -n', 'default')).toEqual({ok: false, error: '-n needs a namespace'});
		expect(parseCommandLine(':from deploy/x --namespace=', 'default')).toEqual({ok: false, error: '--namespace needs a namespace'});
	});
});

describe('errors a user reads in the 80-column prompt', () => {
	it(':maxrps takes what --max-rps takes (a number ≥ 0) and says so', () => {
		expect(parseCommandLine(':maxrps 2.5', 'default')).toEqual({ok: true, intent: {kind: 'maxRps', value: 2.5}});
		expect(parseCommandLine(':maxrps 0', 'default')).toEqual({ok: true, intent: {kind: 'maxRps', value: 0}});
		expect(parseCommandLine(':maxrps -5', 'default')).toEqual({ok: false, error: 'maxrps must be a number ≥ 0 (0: the default 100), got "-5"'});
	});

	it('an unknown command points at Tab and ? instead of a list cut at the edge', () => {
		const parsed = parseCommandLine(':frobnicate', 'default');
		expect(parsed).toEqual({ok: false, error: 'unknown command ":frobnicate" (tab completes; ? lists all)'});
		expect(`:frobnicate█  ${(parsed as {error: string}).error}`.length).toBeLessThanOrEqual(80);
	});
});
