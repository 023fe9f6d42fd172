// MeshSources for the TUI bench: a fixed namespace and workload list, and a tap that
// decodes the pre-encoded frame pool at a steady rate, so the TUI pays for decoding
// as it does with a real cluster. Replaces the cluster, not the decoder or the model.
import {decodeTapEvent} from '../../dist/tap/decode.js';
import {FrameDecoder} from '../../dist/tap/frame-decoder.js';

export function splitFrames(stream) {
	return new FrameDecoder().push(stream);
}

export class BenchSources {
	info = {context: 'bench', server: 'https://127.0.0.1:6443', namespace: 'emojivoto', contexts: ['bench']};
	/** Events delivered so far. */
	delivered = 0;
	#timers = new Set();

	constructor(frames, eventsPerSecond, tickMs = 10) {
		this.frames = frames;
		this.rate = eventsPerSecond;
		this.tickMs = tickMs;
		this.at = 0;
	}

	watchNamespaces(onList) {
		onList([{name: 'emojivoto', injected: true}, {name: 'linkerd', injected: false}]);
		return () => {};
	}

	watchWorkloads(namespace, onList) {
		const names = ['web', 'emoji', 'voting', 'vote-bot', 'books', 'authors', 'webapp', 'traffic', 'gateway', 'ledger'];
		onList(names.map(name => ({namespace, type: 'deployment', name, ready: 3, total: 3, meshed: 3, tapEnabled: 3})));
		return () => {};
	}

	/** Decodes and delivers `count` events from the pool now. */
	deliver(handlers, count) {
		const events = new Array(count);
		for (let i = 0; i < count; i++) {
			events[i] = decodeTapEvent(this.frames[this.at]);
			this.at = (this.at + 1) % this.frames.length;
		}
		this.delivered += count;
		handlers.onEvents(events);
	}

	tap(spec, handlers) {
		handlers.onStatus({state: 'connecting', attempt: 1});
		handlers.onStatus({state: 'live'});
		this.handlers = handlers;
		if (this.rate <= 0) return () => {};
		const started = performance.now();
		let sent = 0;
		// Catch up to the wall clock each tick: a steady rate even when a tick runs late.
		const timer = setInterval(() => {
			const due = Math.floor(((performance.now() - started) / 1000) * this.rate) - sent;
			if (due <= 0) return;
			sent += due;
			this.deliver(handlers, due);
		}, this.tickMs);
		this.#timers.add(timer);
		return () => {
			clearInterval(timer);
			this.#timers.delete(timer);
		};
	}

	async withContext() {
		throw new Error('no other contexts in the bench');
	}

	close() {
		for (const timer of this.#timers) clearInterval(timer);
	}
}
