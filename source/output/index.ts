// Formatters for `meshtop tap` output, one event at a time.
import {maskEvent} from '../model/secrets.js';
import type {TapEvent} from '../model/event.js';
import {tapEventJson} from './json-event.js';
import {toJson} from './json-text.js';
import {tapEventJsonl} from './jsonl-event.js';
import {tapEventText} from './text-event.js';

export type EventFormat = 'text' | 'wide' | 'json' | 'jsonl';

export interface EventFormatterOptions {
	/** Print secret header values instead of MASK. */
	showSecrets: boolean;
}

/** Returns a function giving the complete output for one event, trailing newline included. */
export function createEventFormatter(format: EventFormat, options: EventFormatterOptions): (ev: TapEvent) => string {
	const {showSecrets} = options;
	switch (format) {
		case 'text':
			return (ev) => `${tapEventText(ev, false)}\n`;
		case 'wide':
			return (ev) => `${tapEventText(ev, true)}\n`;
		case 'json':
			return (ev) => `${toJson(tapEventJson(maskEvent(ev, showSecrets)), '  ')}\n`;
		case 'jsonl':
			return (ev) => tapEventJsonl(ev, showSecrets);
	}
}
