// Hand-laid protobuf bytes for one StatSummaryResponse and one EdgesResponse, written from the
// field tables in shared/spec/linkerd-metrics-api.md §3 (not produced by an encoder). Each line
// is one tag/length or one field; lengths were counted by hand and are checked by the tests.

/** Hex with spaces; `s()` inserts UTF-8 text so the strings stay readable. */
function h(hex: string): Buffer {
	return Buffer.from(hex.replace(/\s+/g, ''), 'hex');
}

function s(text: string): Buffer {
	return Buffer.from(text, 'utf8');
}

// Resource{namespace="emojivoto", type="deployment", name=…}: 11 + 12 + (2 + name) bytes.
function resource(name: string): Buffer[] {
	return [h('0a 09'), s('emojivoto'), h('12 0a'), s('deployment'), h('1a'), Buffer.from([name.length]), s(name)];
}

export const STAT_SUMMARY_RESPONSE = Buffer.concat([
	h('0a 3d'), // StatSummaryResponse.ok (1, LEN 61)
	h('0a 3b'), //   Ok.stat_tables[0] (1, LEN 59)
	h('0a 39'), //     StatTable.pod_group (1, LEN 57)
	h('0a 37'), //       PodGroup.rows[0] (1, LEN 55)
	h('0a 1c'), //         Row.resource (1, LEN 28)
	...resource('web'), //   emojivoto / deployment / web
	h('12 02'), s('1m'), //  Row.time_window (2) = "1m"
	h('18 01'), //           Row.meshed_pod_count (3) = 1
	h('20 02'), //           Row.running_pod_count (4) = 2
	h('2a 0b'), //           Row.stats (5, LEN 11)
	h('08 ac 02'), //          BasicStats.success_count (1) = 300 (varint ac 02)
	h('10 06'), //             BasicStats.failure_count (2) = 6
	h('18 0c'), //             BasicStats.latency_ms_p50 (3) = 12
	h('20 30'), //             BasicStats.latency_ms_p95 (4) = 48
	h('28 5f'), //             BasicStats.latency_ms_p99 (5) = 95
	h('42 02'), //           Row.tcp_stats (8, LEN 2)
	h('08 03'), //             TcpStats.open_connections (1) = 3
]);

const WEB_ID = 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local'; // 59 bytes
const EMOJI_ID = 'emoji.emojivoto.serviceaccount.identity.linkerd.cluster.local'; // 61 bytes

export const EDGES_RESPONSE = Buffer.concat([
	h('0a 98 02'), // EdgesResponse.ok (1, LEN 280 = varint 98 02)
	h('0a ba 01'), //   Ok.edges[0] (1, LEN 186 = varint ba 01)
	h('0a 1c'), //        Edge.src (1, LEN 28)
	...resource('web'),
	h('12 1e'), //        Edge.dst (2, LEN 30)
	...resource('emoji'),
	h('1a 3b'), s(WEB_ID), //   Edge.client_id (3, LEN 59)
	h('22 3d'), s(EMOJI_ID), // Edge.server_id (4, LEN 61)
	//                    no_identity_msg is "": proto3 leaves it out
	h('0a 59'), //      Ok.edges[1] (1, LEN 89)
	h('0a 21'), //        Edge.src (1, LEN 33)
	...resource('vote-bot'),
	h('12 1c'), //        Edge.dst (2, LEN 28)
	...resource('web'),
	//                    client_id and server_id are "": left out
	h('2a 16'), s('Not Provided By Remote'), // Edge.no_identity_msg (5, LEN 22)
]);

export const IDS = {WEB_ID, EMOJI_ID};
