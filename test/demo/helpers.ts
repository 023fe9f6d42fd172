// Test helpers for the demo mesh: raw HTTPS requests with the demo's CA and token, request
// bodies built with protobufjs, and a frame reader that splits 4-byte little-endian frames.
import https from 'node:https';
import type {IncomingMessage} from 'node:http';
import {demoCaCert} from '../../source/demo/certs/demo-tls.js';
import {ApiErrorType, TapByResourceRequestType, TapEventType} from '../../source/demo/proto.js';
import type {DemoMesh} from '../../source/demo/server.js';

export interface RawResponse {
	res: IncomingMessage;
	abort(): void;
}

export function request(mesh: DemoMesh, method: string, path: string, body?: Uint8Array, token: string | null = mesh.token): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = https.request({
			host: '127.0.0.1', port: mesh.port, method, path, ca: demoCaCert,
			headers: token === null ? {} : {authorization: `Bearer ${token}`},
		}, res => resolve({res, abort: () => req.destroy()}));
		req.on('error', reject);
		req.end(body ? Buffer.from(body) : undefined);
	});
}

/** Like request(), but hands back the abort at once, before any response arrives. */
export function startRequest(mesh: DemoMesh, method: string, path: string, body: Uint8Array): {responded: Promise<IncomingMessage>; abort(): void} {
	const req = https.request({host: '127.0.0.1', port: mesh.port, method, path, ca: demoCaCert, headers: {authorization: `Bearer ${mesh.token}`}});
	const responded = new Promise<IncomingMessage>((resolve, reject) => {
		req.on('response', resolve);
		req.on('error', reject);
	});
	responded.catch(() => {});
	req.end(Buffer.from(body));
	return {responded, abort: () => req.destroy()};
}

export async function readAll(res: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of res) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export function tapBody(object: Record<string, unknown>): Uint8Array {
	return TapByResourceRequestType.encode(TapByResourceRequestType.fromObject(object)).finish();
}

/** A TapByResourceRequest body the way `linkerd viz tap` sends it, for TYPE/NAME in NS. */
export function simpleTap(namespace: string, type: string, name: string, extra: Record<string, unknown> = {}): Uint8Array {
	return tapBody({target: {resource: {namespace, type, name}}, match: {all: {}}, extract: {}, ...extra});
}

export function tapPath(namespace: string, type: string, name: string): string {
	return type === 'namespace'
		? `/apis/tap.linkerd.io/v1alpha1/watch/namespaces/${name}/tap`
		: `/apis/tap.linkerd.io/v1alpha1/watch/namespaces/${namespace}/${type}s/${name}/tap`;
}

export function splitFrames(data: Buffer): Buffer[] {
	const frames: Buffer[] = [];
	let offset = 0;
	while (offset + 4 <= data.length) {
		const length = data.readUInt32LE(offset);
		if (offset + 4 + length > data.length) break;
		frames.push(data.subarray(offset + 4, offset + 4 + length));
		offset += 4 + length;
	}
	return frames;
}

/** Reads frames from a streaming response until `done` says stop, then aborts the request. */
export async function collectFrames(raw: RawResponse, done: (frames: Buffer[]) => boolean): Promise<Buffer[]> {
	let pending = Buffer.alloc(0);
	const frames: Buffer[] = [];
	return new Promise((resolve, reject) => {
		raw.res.on('data', (chunk: Buffer) => {
			pending = Buffer.concat([pending, chunk]);
			const complete = splitFrames(pending);
			const used = complete.reduce((sum, f) => sum + 4 + f.length, 0);
			pending = pending.subarray(used);
			frames.push(...complete.map(f => Buffer.from(f)));
			if (done(frames)) {
				raw.abort();
				resolve(frames);
			}
		});
		raw.res.on('error', error => (frames.length > 0 ? resolve(frames) : reject(error)));
		raw.res.on('end', () => resolve(frames));
	});
}

export interface PlainEvent {
	source: {ip: {ipv4?: number; ipv6?: {first: number | string; last: number | string}}; port: number};
	destination: {ip: {ipv4?: number; ipv6?: unknown}; port: number};
	sourceMeta: {labels?: Record<string, string>};
	destinationMeta: {labels?: Record<string, string>};
	routeMeta?: {labels?: Record<string, string>};
	proxyDirection: string;
	http: Record<string, Record<string, unknown> & {id: {base: number; stream: number}}>;
}

export function decodeEvent(frame: Buffer): PlainEvent {
	return TapEventType.toObject(TapEventType.decode(frame), {longs: String, enums: String}) as unknown as PlainEvent;
}

export function decodeApiError(frame: Buffer): string {
	return (ApiErrorType.toObject(ApiErrorType.decode(frame)) as {error: string}).error;
}

export const ipv4 = (n: number): string => [24, 16, 8, 0].map(s => (n >>> s) & 255).join('.');

/** Polls until the condition holds (no fixed sleeps; the test timeout bounds it). */
export async function waitFor(condition: () => boolean, what = 'condition'): Promise<void> {
	for (let i = 0; i < 2000; i++) {
		if (condition()) return;
		await new Promise(resolve => setTimeout(resolve, 5));
	}
	throw new Error(`timed out waiting for ${what}`);
}
