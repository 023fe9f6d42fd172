import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {KubeConfigError, loadKubeConfig} from '../../source/kube/config.js';

function kubeconfig(contexts: Array<{name: string; namespace?: string}>, current: string, server = 'https://10.1.2.3:6443'): string {
	return [
		'apiVersion: v1',
		'kind: Config',
		'clusters:',
		'- name: c1',
		'  cluster:',
		`    server: ${server}`,
		'users:',
		'- name: u1',
		'  user:',
		'    token: abc',
		'contexts:',
		...contexts.flatMap(c => [`- name: ${c.name}`, '  context:', '    cluster: c1', '    user: u1', ...(c.namespace ? [`    namespace: ${c.namespace}`] : [])]),
		`current-context: ${current}`,
	].join('\n');
}

function write(name: string, text: string): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'meshtop-kc-'));
	const file = path.join(dir, name);
	writeFileSync(file, text);
	return file;
}

describe('kubeconfig loading', () => {
	it('uses the context namespace, -n over it, and default otherwise', () => {
		const file = write('config', kubeconfig([{name: 'a', namespace: 'emojivoto'}, {name: 'b'}], 'a'));
		expect(loadKubeConfig({kubeconfig: file, env: {}}).namespace).toBe('emojivoto');
		expect(loadKubeConfig({kubeconfig: file, namespace: 'x', env: {}}).namespace).toBe('x');
		const b = loadKubeConfig({kubeconfig: file, context: 'b', env: {}});
		expect(b).toMatchObject({context: 'b', namespace: 'default', server: 'https://10.1.2.3:6443', contexts: ['a', 'b']});
	});

	it('merges several KUBECONFIG files, the first current-context winning', () => {
		const first = write('one', kubeconfig([{name: 'a', namespace: 'one'}], 'a'));
		const second = write('two', kubeconfig([{name: 'z', namespace: 'two'}], 'z').replaceAll('c1', 'c2').replaceAll('u1', 'u2'));
		const loaded = loadKubeConfig({env: {KUBECONFIG: `${first}${path.delimiter}${second}`}, home: '/nonexistent'});
		expect(loaded.context).toBe('a');
		expect(loaded.contexts.sort()).toEqual(['a', 'z']);
		expect(loadKubeConfig({env: {KUBECONFIG: `${first}${path.delimiter}${second}`}, context: 'z'}).namespace).toBe('two');
	});

	it('says "no kubeconfig found" instead of pointing at localhost:8080', () => {
		expect(() => loadKubeConfig({env: {}, home: '/nonexistent'})).toThrow(
			'no kubeconfig found (no --kubeconfig, KUBECONFIG or ~/.kube/config); point meshtop at a cluster, or try meshtop --demo',
		);
	});

	it('names a missing file, an invalid file, and an unknown context', () => {
		expect(() => loadKubeConfig({kubeconfig: '/nope/config', env: {}})).toThrow(/kubeconfig \/nope\/config does not exist/);
		const bad = write('bad', 'clusters: [unclosed');
		expect(() => loadKubeConfig({kubeconfig: bad, env: {}})).toThrow(KubeConfigError);
		expect(() => loadKubeConfig({kubeconfig: bad, env: {}})).toThrow(/^invalid kubeconfig .*bad: /);
		const file = write('config', kubeconfig([{name: 'a'}], 'a'));
		expect(() => loadKubeConfig({kubeconfig: file, context: 'prod', env: {}})).toThrow('context "prod" is not in ' + file + '; available: a');
		const noCurrent = write('config', kubeconfig([{name: 'a'}], ''));
		expect(() => loadKubeConfig({kubeconfig: noCurrent, env: {}})).toThrow(/has no current context; pass --context \(available: a\)/);
	});
});
