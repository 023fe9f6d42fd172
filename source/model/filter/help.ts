// The filter syntax in a few lines, for `--help` and the TUI's help overlay.

const lines = [
	'Filter: terms joined by and (&&), or (||), not (!), parentheses; side-by-side terms are and-ed.',
	'  field op value: = != ~ !~ on text (~: JS regex, any case); = != < <= > >= on numbers',
	'  numbers: status (404, 5xx) grpc (OK, Unavailable, 14) reset (CANCEL, 8) port bytes (10kb)',
	'           latency ttfb (200ms 1.5s 750us 2m; a bare number is ms)',
	'  text:    method authority path scheme tls dir (in/out) ns src.ns dst.ns route',
	'           header.NAME src.label.NAME dst.label.NAME',
	'  policy:  server route authz (NAME, KIND/NAME, ap/NAME); denied: 403/PermissionDenied by policy',
	'  src/dst: deploy/web po/x ns/x svc/x node/x, a bare name, an IP, ip:port or a CIDR',
	'  classes: error ok 1xx..5xx grpc reset mtls open done lost denied; header.NAME alone: has it',
	'  any other word or "quoted text": case-insensitive search of the row and header values',
	'  a missing field never matches: grpc!=OK skips plain HTTP, not grpc=OK keeps it',
	'  e.g.  5xx or grpc!=OK   error dst=deploy/web   latency>200ms   path~^/api/ and not mtls',
];

/** The filter syntax as lines of at most 100 columns. */
export function describeFilterSyntax(): string[] {
	return lines.slice();
}
