// One open tap stream: every virtual second each tapped pod's proxy takes the first `limit`
// matching requests (both directions), numbering them base:0..n-1, and its events are written
// as framed TapEvents when their virtual time comes. Nothing is written before the first event.
import type {ServerResponse} from 'node:http';
import type {VirtualClock} from './clock.js';
import type {DemoCluster} from './cluster.js';
import {inboundEvents, outboundEvents, type EventContext, type TimedEvent} from './events.js';
import {inboundPolicyLabels, outboundDestinationLabels} from './labels.js';
import type {PodState} from './pods.js';
import {encodeTapEvent} from './proto.js';
import type {TapPredicate} from './tap-match.js';
import type {DemoRequest} from './traffic.js';

export interface TapSessionOptions {
	cluster: DemoCluster;
	clock: VirtualClock;
	/** Fixed at request start; pods deleted later simply go quiet (spec §8). */
	pods: PodState[];
	predicate: TapPredicate;
	/** Observe limit per pod per 1 s window. */
	limit: number;
	extractHeaders: boolean;
	res: ServerResponse;
	/** When true, a garbage frame goes out before each batch (the garbage-frames fault). */
	corrupt?: () => boolean;
}

// Framed correctly, but field 1 says length 0x7f with 2 bytes left: no TapEvent decodes from it.
const garbageFrame = Buffer.from([0x03, 0x00, 0x00, 0x00, 0x0a, 0x7f, 0xff]);

// Like the proxy's bounded event buffer: a client that stops reading loses events, not memory.
const maxBufferedBytes = 8 * 1024 * 1024;

function requestsBetween(cluster: DemoCluster, from: number, to: number): DemoRequest[] {
	const out: DemoRequest[] = [];
	for (let w = Math.floor(from / 1000); w * 1000 < to; w++) {
		for (const request of cluster.windowRequests(w)) {
			if (request.startMs >= from && request.startMs < to) out.push(request);
		}
	}
	return out;
}

export function startTapSession(options: TapSessionOptions): {stop(): void} {
	const {cluster, clock, pods, predicate, limit, res} = options;
	const start = clock.now();
	let nextWindow = 0;
	let pending: TimedEvent[] = [];
	let started = false;

	const openWindow = (index: number): void => {
		const from = start + index * 1000;
		const requests = requestsBetween(cluster, from, from + 1000);
		const ctx: EventContext = {topology: cluster.topology, pods: cluster.pods(), extractHeaders: options.extractHeaders};
		for (const pod of pods) {
			// A deleted pod's proxy is gone: its Observe fails and the tap server never retries.
			if (!cluster.podsOf(pod.namespace, pod.workload.name).some(p => p.uid === pod.uid)) continue;
			const base = cluster.nextObserveBase(pod);
			let stream = 0;
			for (const request of requests) {
				if (stream >= limit) break;
				if (request.client.pod?.uid === pod.uid) {
					const view = {request, destinationLabels: outboundDestinationLabels(cluster.topology, request, pod.zone)};
					if (predicate(view)) pending.push(...outboundEvents(ctx, request, {base, stream: stream++}));
				}
				// A request the server's policy denied never reaches its tap (spec §8.3).
				if (stream < limit && !request.denied && request.server.pod?.uid === pod.uid) {
					const view = {request, destinationLabels: inboundPolicyLabels(cluster.topology, request)};
					if (predicate(view)) pending.push(...inboundEvents(ctx, request, {base, stream: stream++}));
				}
			}
		}
		pending.sort((a, b) => a.atMs - b.atMs);
	};

	const tick = (): void => {
		if (res.destroyed || res.writableEnded) return stop();
		const now = clock.now();
		while (start + nextWindow * 1000 <= now) openWindow(nextWindow++);
		let due = 0;
		while (due < pending.length && pending[due]!.atMs <= now) due++;
		if (due === 0) return;
		const batch = pending.slice(0, due);
		pending = pending.slice(due);
		if (res.writableLength > maxBufferedBytes) return;
		if (!started) {
			started = true;
			res.writeHead(200, {'Content-Type': 'application/octet-stream'});
		}
		const frames = batch.map(e => encodeTapEvent(e.event));
		if (options.corrupt?.()) frames.unshift(garbageFrame);
		res.write(Buffer.concat(frames));
	};

	const timer = setInterval(tick, clock.tickMs);
	const stop = (): void => {
		clearInterval(timer);
		pending = [];
	};
	res.on('close', stop);
	tick();
	return {stop};
}
