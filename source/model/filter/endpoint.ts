// Matching one end of a request (src / dst) against deploy/web, po/web-1,
// ns/shop, svc/api, node/n1, a bare name, an IP, ip:port or an IPv4 CIDR.
import type {Labels, TcpAddress} from '../event.js';
import {labelForType} from '../names.js';
import {formatAddress} from '../format.js';
import {fail, type Word} from './ast.js';
import {closest} from './suggest.js';

export type EndpointTest = (labels: Labels, addr: TcpAddress | null, name: string) => boolean;

const TYPES = [
	'deploy', 'deployment', 'sts', 'statefulset', 'ds', 'daemonset', 'job', 'k8s_job', 'cj', 'cronjob',
	'rs', 'replicaset', 'rc', 'replicationcontroller', 'po', 'pod', 'svc', 'service', 'node', 'ns', 'namespace',
];

// Labels whose value a bare name may equal: every owner, the service and the node (not the namespace).
const NAME_LABELS = [
	'deployment', 'statefulset', 'daemonset', 'cronjob', 'k8s_job', 'replicationcontroller',
	'replicaset', 'pod', 'service', 'node',
];

function labelOf(type: string): string {
	const lower = type.toLowerCase();
	return lower === 'svc' ? 'service' : labelForType(lower);
}

function ipv4(text: string): number | null {
	const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
	if (!m) return null;
	const parts = m.slice(1).map(Number);
	if (parts.some(p => p > 255)) return null;
	return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function cidrTest(word: Word, ip: number, bits: number): EndpointTest {
	if (bits > 32) throw fail(`bad CIDR "${word.text}"`, word, 'IPv4 prefixes are /0 to /32');
	const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
	const net = (ip & mask) >>> 0;
	return (_labels, addr) => {
		if (addr === null) return false;
		const v = ipv4(addr.ip);
		return v !== null && ((v & mask) >>> 0) === net;
	};
}

/** The test for `src=value`; throws a FilterError for an unknown resource type. */
export function endpointTest(word: Word): EndpointTest {
	const value = word.text;
	const slash = value.indexOf('/');
	if (slash === -1) {
		// A bare name: the shown name, any owner's name, the IP or ip:port.
		const withPort = value.includes(':') ? value : null;
		return (labels, addr, name) => {
			if (name === value) return true;
			if (addr !== null && (addr.ip === value || (withPort !== null && formatAddress(addr) === withPort))) return true;
			if (labels === null) return false;
			for (const label of NAME_LABELS) if (labels[label] === value) return true;
			return false;
		};
	}

	const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(value);
	if (cidr) {
		const ip = ipv4(cidr[1]!);
		if (ip === null) throw fail(`bad CIDR "${value}"`, word, 'e.g. 10.0.0.0/8');
		return cidrTest(word, ip, Number(cidr[2]));
	}

	const type = value.slice(0, slash);
	const name = value.slice(slash + 1);
	if (!TYPES.includes(type.toLowerCase())) {
		const guess = closest(type, TYPES);
		throw fail(`unknown resource type "${type}"`, {pos: word.pos + (word.quoted ? 1 : 0), len: slash}, guess ? `did you mean ${guess}/?` : 'use deploy/, sts/, ds/, job/, cj/, rs/, rc/, po/, svc/, node/ or ns/');
	}
	const label = labelOf(type);
	// `deploy/` alone: any deployment.
	if (name === '') return labels => !!labels?.[label];
	// The label decides; the shown name (deploy/web, node/n1) is derived from it, so it may stand in.
	return (labels, _addr, shown) => shown === value || (labels !== null && labels[label] === name);
}
