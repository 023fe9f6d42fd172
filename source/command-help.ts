// `meshtop COMMAND --help`: each command's own usage and flags. Printed before any option is
// checked or any kubeconfig is read, so it works with no cluster and exits 0. Commands
// without an entry here get the general help (cli.tsx).
import {describeFilterSyntax} from './model/filter/help.js';

const filterSyntax = describeFilterSyntax()
	.map(line => `    ${line}`)
	.join('\n');

const cluster = `  Cluster
    --kubeconfig PATH       kubeconfig file (default: KUBECONFIG, then ~/.kube/config)
    --context NAME          kubeconfig context
    -n, --namespace NS      namespace (default: the context's, else default)
    --request-timeout D     give up on an unanswered API server request after D (30s, 1m;
                            0 = never; default 30s, and 10s for the TLS handshake)
    --demo                  use an in-process demo mesh instead of a cluster`;

const metrics = `  Metrics
    --viz-namespace NS      where Linkerd viz runs (default: found by label)
    --metrics-addr H:P      talk to metrics-api directly, no port-forward`;

const footer = '  Exit codes: 0 ok, 1 runtime error, 2 usage error. meshtop --help lists every command.';

function routeStatsHelp(direction: 'outbound' | 'inbound'): string {
	const what =
		direction === 'outbound'
			? `per Service and Gateway API route (HTTPRoute, GRPCRoute) the workload calls, each route
             followed by its backends: success, RPS, p50/p95/p99, timeouts, retries`
			: `per Server and route of the workload's inbound traffic: success, RPS, p50/p95/p99`;
	return `
  Usage
    $ meshtop stat-${direction} RESOURCE [flags]  like linkerd viz stat-${direction}

  RESOURCE   TYPE/NAME, TYPE or ns/NAME (deploy, sts, ds, job, cj, rs, rc, po, ns)

  Shows      ${what}

  Examples
    $ meshtop stat-${direction} deploy/web -n books
    $ meshtop stat-${direction} ns/books -t 5m -o json
    $ meshtop stat-${direction} deploy/web -n books --prometheus-url http://localhost:9090

  Prometheus is found as linkerd finds it: --prometheus-url (no Kubernetes calls), else the viz
  namespace's viz.linkerd.io/external-prometheus annotation, else a port-forward to the viz
  prometheus pod's port 9090. The queries, rows, table and JSON are linkerd's: counts are cut
  to whole numbers per series before summing (as the CLI does, not rounded), route rows are
  sorted (linkerd prints them in random order), and an empty window prints only the header
  (or []) with the likely reasons on stderr.${direction === 'outbound' ? `
  Route latency comes from coarse histogram buckets (50 ms, 500 ms, 1 s, 10 s): under 50 ms
  reads 25/48/50 ms.` : ''}

${cluster}

  Output
    -o, --output FORMAT     table (default), json
    -t, --time-window W     PromQL window (default 1m; 1m30s works too)

  Prometheus
    --prometheus-url URL    ask this Prometheus (also --prometheusURL); no Kubernetes calls
    --viz-namespace NS      where Linkerd viz runs (default: found by label)
    --request-timeout D     also bounds each query (default 30s; 0 = none)

${footer}
`;
}

export const commandHelp: Record<string, string> = {
	tap: `
  Usage
    $ meshtop tap RESOURCE [flags]     stream requests to stdout, like linkerd viz tap
    $ meshtop tap -A | -n a,b,c        every namespace, or these: one tap each, merged
    $ meshtop tap --replay FILE [flags]  print a recording as the live tap printed it; no cluster

  RESOURCE   TYPE/NAME, TYPE NAME, TYPE or ns/NAME (deploy, sts, ds, job, cj, rs, rc, po, ns)

  Many namespaces
    -A, --all-namespaces    tap each namespace (ns/NAME), following namespaces that come and go
    -n a,b,c                tap each of these; with a workload RESOURCE (deploy/web -n a,b),
                            that workload in each namespace
    max-rps is split evenly across the taps (said on stderr); a namespace that fails (RBAC)
    gets one stderr line and the others go on; namespaces with no pods to tap (not meshed)
    share one line, and failed namespaces' shares go to the others; the exit code is 1
    only when every namespace failed. -o json and jsonl stay one linkerd object per event.

  Examples
    $ meshtop tap deploy/web -n emojivoto
    $ meshtop tap ns/emojivoto --to deploy/voting -o json | jq .
    $ meshtop tap deploy/web -n emojivoto --filter 'error or latency>500ms'
    $ meshtop tap deploy/web -n emojivoto -o har --max-requests 100 > web.har
    $ meshtop tap deploy/web -n emojivoto --record incident.mtap
    $ meshtop tap --replay incident.mtap -o json --filter error

${cluster}

  Filters
    --to RES                only requests to RES (svc allowed)     --to-namespace NS
    --from RES              only requests from RES (client-side)   --from-namespace NS
    --port N                only requests to destination port N (client-side)
    --method M  --path PREFIX  --authority A  --scheme S  -l, --selector SELECTOR
    --max-rps N             tap sample rate across all pods (default 100)
    --filter EXPR           only whole requests matching EXPR, printed when they complete
                            (client-side; requests that never complete are counted on stderr)

  Filter language (--filter EXPR)
${filterSyntax}

  Output
    -o, --output FORMAT     text (default), wide, json, jsonl, har
                            har: a HAR 1.2 log of the completed requests, closed on any exit
    --max-requests N        stop after N completed requests
    --show-secrets          show credential headers instead of [masked]

  Record and replay (docs/recording.md)
    --record FILE           also keep every tap frame as received in FILE (secret headers
                            masked unless --show-secrets); never replaces FILE without --force
    --force                 with --record: replace FILE if it exists
    --replay FILE           read FILE instead of a cluster; -o, --filter, --from, --port and
                            --max-requests apply as live; the tap's own filters were fixed
                            when it was recorded
    --pace                  with --replay: at the recorded pace (default: as fast as it can)

${footer}
`,
	replay: `
  Usage
    $ meshtop replay FILE [flags]      the full-screen UI on a recording; no cluster

  FILE       a recording made with --record, ctrl-r or :record in the UI (docs/recording.md)

  The header says REPLAY, of what and when; times are the recorded ones. Stream, routes,
  mTLS, detail, filters and pause work as live; the tap cannot be changed.

  Examples
    $ meshtop replay incident.mtap
    $ meshtop replay incident.mtap --filter 'status>=500'

  Flags
    --filter EXPR           start with this filter   --from RES  --port N
    --show-secrets          show credential headers (only if the recording kept them)
    --buffer N              requests kept (default 10000)
    --no-color              no colours

${footer}
`,
	stat: `
  Usage
    $ meshtop stat [RESOURCE] [flags]  golden metrics from the viz metrics-api, like linkerd viz stat

  RESOURCE   TYPE, TYPE/NAME, TYPE NAME or ns/NAME (deploy, sts, ds, job, cj, rs, rc, po, ns);
             default: the deployments of the namespace

  Examples
    $ meshtop stat -n emojivoto
    $ meshtop stat po -n emojivoto -o json

${cluster}

  Output
    -o, --output FORMAT     table (default), json
    --time-window W         metrics window (default 1m)

${metrics}

${footer}
`,
	edges: `
  Usage
    $ meshtop edges [RESOURCETYPE | NAMESPACE] [flags]  mTLS edges, from the viz metrics-api

  RESOURCETYPE  deploy (default), po, sts, ds, rs, rc, job, cj: as linkerd viz edges
  NAMESPACE     default: -n, else the context's namespace

  Examples
    $ meshtop edges emojivoto -o wide
    $ meshtop edges deploy -n emojivoto

${cluster}

  Output
    -o, --output FORMAT     table (default), wide (with identities), json

${metrics}

${footer}
`,
	'stat-outbound': routeStatsHelp('outbound'),
	'stat-inbound': routeStatsHelp('inbound'),
	authz: `
  Usage
    $ meshtop authz RESOURCE [flags]   requests allowed and denied by authorization policy,
                                       per Server, route and policy, like linkerd viz authz

  RESOURCE   TYPE/NAME, TYPE NAME or TYPE: a workload (deploy, sts, ds, job, cj, rs, rc, po),
             ns/NAME, svc, or a policy object: srv (Server), saz (ServerAuthorization),
             ap (AuthorizationPolicy), httproute

  Examples
    $ meshtop authz deploy/web -n emojivoto
    $ meshtop authz srv/web-http -n emojivoto -t 5m -o json

  Columns    UNAUTHORIZED: denied requests/s, a row of its own with no AUTHORIZATION;
             SUCCESS, RPS, LATENCY_*: requests the policy let through; a server named
             default:POLICY is the default policy, not a Server object; - : no traffic

${cluster}

  Output
    -o, --output FORMAT     table (default), json (any other value: table, as linkerd)
    -t, --time-window W     metrics window (default 1m, at least 15s)

${metrics}

${footer}
`,
	demo: `
  Usage
    $ meshtop demo [--demo-port N]     run the built-in demo mesh until ctrl-c; prints a kubeconfig

  Flags
    --demo-port N           port on 127.0.0.1 (default: a free one)

  Any command also takes --demo to run against a demo mesh of its own.

${footer}
`,
};
