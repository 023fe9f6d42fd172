// The contract between the demo's proxy-metrics model and its Prometheus stand-in: the series a
// viz Prometheus would hold after scraping every meshed demo pod's :4191/metrics (with the
// `namespace`, `pod` and workload labels its relabelling adds; linkerd-route-metrics.md §3.1, §5),
// and the answer of one instant query (§2.2). Types only.

/** One series' value at one instant. */
export interface PromSample {
	/** Exposed family name, e.g. `outbound_http_route_request_statuses_total`,
	 *  `response_latency_ms_bucket` (with an `le` label, "+Inf" included), `…_sum`, `…_count`. */
	name: string;
	/** Label values; "" where the proxy writes an empty value (PromQL treats it as absent). */
	labels: Readonly<Record<string, string>>;
	value: number;
}

export interface SeriesSource {
	/** Every series at virtual time `tMs` (ms since the mesh started). Counters are cumulative and
	 *  never decrease between two calls with growing `tMs`; deterministic for the seed. */
	samplesAt(tMs: number): PromSample[];
	/** Seconds between two scrapes that `irate` sees (viz Prometheus: 10 s). */
	readonly scrapeIntervalS: number;
}

/** The `data.result` of a vector answer (labels with empty values omitted), or the error envelope. */
export type PromQueryResult =
	| {status: 'success'; result: Array<{metric: Record<string, string>; value: number}>; warnings?: string[]}
	| {status: 'error'; errorType: 'bad_data' | 'execution' | 'timeout' | 'internal' | 'not_found'; error: string};

export interface PromEvaluator {
	/** Evaluates one PromQL instant query at virtual time `nowMs`. */
	query(promql: string, nowMs: number): PromQueryResult;
}
