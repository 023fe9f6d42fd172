// Kubernetes `Status` responses, byte-for-byte in the apiserver's shape.
import type {ServerResponse} from 'node:http';

export interface StatusDetails {
	name?: string;
	group?: string;
	kind?: string;
}

export function statusBody(code: number, reason: string, message: string, details?: StatusDetails): string {
	return JSON.stringify({
		kind: 'Status',
		apiVersion: 'v1',
		metadata: {},
		status: 'Failure',
		message,
		reason,
		...(details ? {details} : {}),
		code,
	});
}

export function sendStatus(res: ServerResponse, code: number, reason: string, message: string, details?: StatusDetails): void {
	const body = statusBody(code, reason, message, details);
	res.writeHead(code, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
	res.end(body);
}

export function sendJson(res: ServerResponse, value: unknown, code = 200): void {
	const body = JSON.stringify(value);
	res.writeHead(code, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
	res.end(body);
}

export const notFoundMessage = 'the server could not find the requested resource';
