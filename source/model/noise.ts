// Probe and admin noise: the requests on-call almost never wants to see while hunting a
// failure. Kubelet probes (user agent kube-probe/…), health, readiness and metrics endpoints,
// and anything to the Linkerd proxy's admin port. Pure.
import type {RequestRecord} from './types.js';

/** The proxy's admin server (metrics, readiness, liveness): linkerd's default admin port. */
export const proxyAdminPort = 4191;

const noisePaths = new Set(['/healthz', '/health', '/ready', '/readyz', '/live', '/livez', '/ping', '/metrics']);

export const noiseRule = `kube-probe user agents, the paths ${[...noisePaths].join(' ')}, and port ${proxyAdminPort} (the proxy's admin server)`;

function pathOnly(path: string): string {
	const query = path.indexOf('?');
	const bare = query === -1 ? path : path.slice(0, query);
	return bare.length > 1 && bare.endsWith('/') ? bare.slice(0, -1) : bare;
}

export function isNoise(rec: RequestRecord): boolean {
	if (rec.destination?.port === proxyAdminPort) return true;
	if (noisePaths.has(pathOnly(rec.path))) return true;
	const headers = rec.requestHeaders;
	if (headers !== null) {
		for (const header of headers) {
			if (header.name.toLowerCase() === 'user-agent' && header.valueStr?.toLowerCase().startsWith('kube-probe/')) return true;
		}
	}
	return false;
}
