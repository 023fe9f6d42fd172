// The kubeconfig the demo writes: one cluster over real TLS (our demo CA), a bearer-token
// user, and a current context whose namespace is emojivoto.

export interface KubeconfigFacts {
	server: string;
	caPem: string;
	token: string;
	namespace: string;
}

export const demoContextName = 'meshtop-demo';
/** The demo context's namespace: the CLI resolves RESOURCE against it before the mesh is up. */
export const demoNamespace = 'emojivoto';

export function demoKubeconfig(facts: KubeconfigFacts): string {
	const ca = Buffer.from(facts.caPem, 'utf8').toString('base64');
	return [
		'apiVersion: v1',
		'kind: Config',
		'preferences: {}',
		'clusters:',
		`- name: ${demoContextName}`,
		'  cluster:',
		`    server: ${facts.server}`,
		`    certificate-authority-data: ${ca}`,
		'users:',
		`- name: ${demoContextName}-user`,
		'  user:',
		`    token: ${facts.token}`,
		'contexts:',
		`- name: ${demoContextName}`,
		'  context:',
		`    cluster: ${demoContextName}`,
		`    user: ${demoContextName}-user`,
		`    namespace: ${facts.namespace}`,
		`current-context: ${demoContextName}`,
		'',
	].join('\n');
}
