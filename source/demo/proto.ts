// protobufjs reflection over our proto/*.proto, used by the demo server to decode tap requests
// and encode TapEvents and ApiErrors. Deliberately not meshtop's own hand-written codec: the
// two implementations meet over the wire and check each other.
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import protobuf from 'protobufjs';

// source/demo/proto.ts and dist/demo/proto.js both sit two levels below the package root.
const protoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'proto');

const root = protobuf.loadSync(path.join(protoDir, 'viz_tap.proto'));

export const TapByResourceRequestType = root.lookupType('linkerd2.tap.TapByResourceRequest');
export const TapEventType = root.lookupType('linkerd2.tap.TapEvent');
export const ApiErrorType = root.lookupType('linkerd2.viz.ApiError');

/** 4-byte little-endian length, then the payload (spec §3.3). */
export function frame(payload: Uint8Array): Buffer {
	const out = Buffer.allocUnsafe(4 + payload.length);
	out.writeUInt32LE(payload.length, 0);
	out.set(payload, 4);
	return out;
}

export function encodeTapEvent(event: Record<string, unknown>): Buffer {
	return frame(TapEventType.encode(TapEventType.fromObject(event)).finish());
}

export function encodeApiError(message: string): Buffer {
	return frame(ApiErrorType.encode(ApiErrorType.create({error: message})).finish());
}

export interface DecodedResource {
	namespace: string;
	type: string;
	name: string;
}

export interface DecodedTapRequest {
	target: {resource?: DecodedResource; labelSelector: string} | null;
	/** Plain-object form of TapByResourceRequest.Match (oneof field names as keys), or null. */
	match: Record<string, unknown> | null;
	maxRps: number;
	extractHeaders: boolean;
}

/** Decodes a request body; throws protobufjs's error for bytes that are not a valid message. */
export function decodeTapRequest(body: Uint8Array): DecodedTapRequest {
	const message = TapByResourceRequestType.decode(body);
	const object = TapByResourceRequestType.toObject(message, {defaults: false, oneofs: false}) as {
		target?: {resource?: Partial<DecodedResource>; labelSelector?: string};
		match?: Record<string, unknown>;
		maxRps?: number;
		extract?: {http?: {headers?: unknown}};
	};
	const resource = object.target?.resource;
	return {
		target: object.target
			? {
				resource: resource ? {namespace: resource.namespace ?? '', type: resource.type ?? '', name: resource.name ?? ''} : undefined,
				labelSelector: object.target.labelSelector ?? '',
			}
			: null,
		match: object.match ?? null,
		maxRps: object.maxRps ?? 0,
		extractHeaders: object.extract?.http?.headers !== undefined,
	};
}
