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

export const commandHelp: Record<string, string> = {
	tap: `
  Usage
    $ meshtop tap RESOURCE [flags]     stream requests to stdout, like linkerd viz tap

  RESOURCE   TYPE/NAME, TYPE NAME, TYPE or ns/NAME (deploy, sts, ds, job, cj, rs, rc, po, ns)

  Examples
    $ meshtop tap deploy/web -n emojivoto
    $ meshtop tap ns/emojivoto --to deploy/voting -o json | jq .
    $ meshtop tap deploy/web -n emojivoto --filter 'error or latency>500ms'
    $ meshtop tap deploy/web -n emojivoto -o har --max-requests 100 > web.har

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
	demo: `
  Usage
    $ meshtop demo [--demo-port N]     run the built-in demo mesh until ctrl-c; prints a kubeconfig

  Flags
    --demo-port N           port on 127.0.0.1 (default: a free one)

  Any command also takes --demo to run against a demo mesh of its own.

${footer}
`,
};
