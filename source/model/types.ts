// Shapes the pure model produces and the UI / outputs read. No I/O here.
import type {Eos, Header, Labels, ProxyDirection, TcpAddress} from './event.js';

/** One HTTP request: its req, rsp and end events joined. */
export interface RequestRecord {
	/** Monotonic insertion number; stable identity for selection in the UI. */
	seq: number;
	/** Correlation key: direction + reporting pod ip + base + stream. */
	key: string;
	direction: ProxyDirection;
	source: TcpAddress | null;
	destination: TcpAddress | null;
	sourceLabels: Labels;
	destinationLabels: Labels;
	routeLabels: Labels;
	/** Display name of each end: workload (e.g. deploy/web), else pod, else ip. */
	sourceName: string;
	destinationName: string;
	streamBase: number;
	streamId: number;
	method: string;
	scheme: string;
	authority: string;
	path: string;
	requestHeaders: Header[] | null;
	/** Clock time (ms) when the request event was ingested; time is passed in. */
	startedAt: number;
	httpStatus: number | null;
	responseHeaders: Header[] | null;
	/** Microseconds from request to response headers (ResponseInit.since_request_init). */
	latencyUs: number | null;
	/** Microseconds from request to end of stream (ResponseEnd.since_request_init). */
	totalUs: number | null;
	responseBytes: number | null;
	eos: Eos | null;
	trailers: Header[] | null;
	/** The raw tls label on the side that tells, for the direction (spec §4.3); '' if unknown. */
	tls: string;
	state: 'open' | 'done' | 'expired';
	/** Success by the rule of `linkerd viz top` (spec §7); null while open. */
	success: boolean | null;
}
