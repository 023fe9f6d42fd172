// kubectl's --as/--as-group for one loaded KubeConfig: the Impersonate-User and Impersonate-Group
// headers on every request it authenticates. client-node knows a kubeconfig's `as:` user but not
// groups, so both public entry points that add credentials are wrapped on this instance: the one
// raw requests and WebSockets (tap, port-forward) use, and the one its generated API uses.
import type {KubeConfig} from '@kubernetes/client-node';

export interface Impersonation {
	user: string;
	groups: string[];
}

type HeaderContext = {setHeaderParam(key: string, value: string): void};

export function impersonate(kubeConfig: KubeConfig, as: Impersonation): void {
	const toHttps = kubeConfig.applyToHTTPSOptions.bind(kubeConfig);
	kubeConfig.applyToHTTPSOptions = async opts => {
		await toHttps(opts);
		const headers = (opts.headers ??= {}) as Record<string, string | string[]>;
		headers['Impersonate-User'] = as.user;
		// Node sends an array as one header line per group, which is what the API server reads.
		if (as.groups.length > 0) headers['Impersonate-Group'] = as.groups;
	};
	const toContext = kubeConfig.applySecurityAuthentication.bind(kubeConfig);
	kubeConfig.applySecurityAuthentication = async context => {
		await toContext(context);
		const headers = context as unknown as HeaderContext;
		headers.setHeaderParam('Impersonate-User', as.user);
		// The generated API keeps one value per header name: with several groups only the first
		// goes there (fewer rights, never more). Raw requests and port-forwards carry them all.
		if (as.groups.length > 0) headers.setHeaderParam('Impersonate-Group', as.groups[0]!);
	};
}
