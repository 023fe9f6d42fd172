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
