// One tap request: POST the raw TapByResourceRequest through the API server and turn the
// 4-byte little-endian framed response into TapEvents (spec linkerd-tap.md §3).
import type {IncomingMessage} from 'node:http';
import {type Cluster, kubeRequest, readBody} from '../kube/http.js';
import {explainNotFound, KubeError, tapHttpError} from '../kube/errors.js';
import {decodeApiError, decodeTapEvent} from './decode.js';
import type {TapEvent} from '../model/event.js';
import {FrameDecoder} from './frame-decoder.js';
import {FrameTooLargeError} from './errors.js';
import {buildTapRequest} from './request.js';
import type {TapSpec} from './types.js';

export interface StreamHandlers {
	/** `frames[i]` holds the bytes `events[i]` was decoded from (views into the read: copy to keep). */
	onEvents(events: TapEvent[], frames: Uint8Array[]): void | Promise<void>;
	onBadFrame(reason: string): void;
	/** The request is written; the server says nothing until the first event. */
	onWaiting(): void;
	/** The first bytes of the stream arrived. */
	onLive(): void;
}

export interface TapContext extends Cluster {
	context: string;
}

/** An error the tap server itself reported (linkerd-error + ApiError, or an ApiError mid-stream). */
export class TapServerError extends Error {
	override name = 'TapServerError';
	constructor(
		message: string,
		readonly retryable: boolean,
	) {
		super(message);
	}
}

const pluralOverrides: Record<string, string> = {namespace: 'namespaces'};

/** An ApiError frame appended to a stream looks like a corrupt TapEvent; tell them apart. */
function asApiError(frame: Uint8Array): string | undefined {
	try {
		const message = decodeApiError(frame);
		// ApiError is field 1 (tag 0x0a) and nothing else: the frame must be exactly that.
		if (!message || frame[0] !== 0x0a) return undefined;
		const length = Buffer.byteLength(message, 'utf8');
		const headerBytes = length < 128 ? 2 : length < 16384 ? 3 : length < 2097152 ? 4 : 5;
		return headerBytes + length === frame.byteLength ? message : undefined;
	} catch {
		return undefined;
	}
}

async function readApiErrorResponse(response: IncomingMessage): Promise<string> {
	const decoder = new FrameDecoder(1024 * 1024);
	try {
		for await (const chunk of response as AsyncIterable<Buffer>) {
			const [frame] = decoder.push(chunk);
			if (frame) {
				response.destroy();
				return decodeApiError(frame);
			}
		}
	} catch {
		// An oversized or undecodable error frame: the caller still reports linkerd-error.
		response.destroy();
	}
	return '';
}

/**
 * Runs one tap request until the server ends the stream (resolves) or it fails (rejects with
 * KubeError or TapServerError). Aborting the signal ends it quietly (rejects with the reason).
 */
export async function tapOnce(
	cluster: TapContext,
	spec: TapSpec,
	handlers: StreamHandlers,
	signal: AbortSignal,
): Promise<void> {
	const {path, body} = buildTapRequest(spec);
	const response = await kubeRequest(cluster, {method: 'POST', path, body, signal, onSent: handlers.onWaiting});
	const linkerdError = response.headers['linkerd-error'];
	if (linkerdError !== undefined) {
		const message = explainNotFound(await readApiErrorResponse(response), spec.target);
		throw new TapServerError(message || `tap server error: ${String(linkerdError)}`, false);
	}
	if (response.statusCode !== 200) {
		const text = await readBody(response);
		const type = spec.target.type;
		throw tapHttpError(response.statusCode ?? 0, text, {
			resource: pluralOverrides[type] ?? `${type}s`,
			namespace: type === 'namespace' ? spec.target.name : spec.target.namespace,
			context: cluster.context,
			server: cluster.server,
		});
	}
	const decoder = new FrameDecoder();
	let live = false;
	try {
		for await (const chunk of response as AsyncIterable<Buffer>) {
			if (!live) {
				live = true;
				handlers.onLive();
			}
			const frames = decoder.push(chunk);
			if (frames.length === 0) continue;
			const events: TapEvent[] = [];
			const eventFrames: Uint8Array[] = [];
			let serverError: string | undefined;
			for (const frame of frames) {
				let event: TapEvent | undefined;
				try {
					event = decodeTapEvent(frame);
				} catch (error) {
					serverError = asApiError(frame);
					if (serverError !== undefined) break;
					handlers.onBadFrame(error instanceof Error ? error.message : String(error));
					continue;
				}
				if (event.http === null) {
					serverError = asApiError(frame);
					if (serverError !== undefined) break;
				}
				events.push(event);
				eventFrames.push(frame);
			}
			// Deliver what came before a server error: nothing decoded is lost.
			if (events.length > 0) await handlers.onEvents(events, eventFrames);
			if (serverError !== undefined) throw new TapServerError(`tap server: ${serverError.trim()}`, true);
			if (decoder.failed) throw decoder.failed;
		}
	} catch (error) {
		if (signal.aborted) throw signal.reason ?? error;
		if (error instanceof TapServerError || error instanceof KubeError) throw error;
		if (error instanceof FrameTooLargeError) {
			throw new TapServerError(`malformed tap stream: ${error.message}`, true);
		}
		throw new KubeError(
			`the tap stream from ${cluster.server} broke: ${error instanceof Error ? error.message : String(error)}`,
			0,
			true,
		);
	}
	if (signal.aborted) throw signal.reason ?? new Error('aborted');
	if (decoder.bufferedBytes > 0) {
		handlers.onBadFrame(`stream ended inside a frame (${decoder.bufferedBytes} bytes left)`);
	}
}
