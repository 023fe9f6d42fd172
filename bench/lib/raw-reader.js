// The baseline for headlessVsRaw: the cheapest possible tap client. One HTTPS POST to
// the same server, then only walk the 4-byte length prefixes of the response until
// `frames` frames went by, and hang up. No decoding, no output.
// Run (by bench/headless.js): node bench/lib/raw-reader.js URL TOKEN CA_FILE FRAMES
import {readFileSync} from 'node:fs';
import https from 'node:https';

const [url, token, caFile, framesArg] = process.argv.slice(2);
const want = Number(framesArg);
const req = https.request(`${url}/apis/tap.linkerd.io/v1alpha1/watch/namespaces/emojivoto/deployments/web/tap`, {
	method: 'POST',
	ca: readFileSync(caFile, 'utf8'),
	headers: {authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream'},
});
req.on('response', res => {
	let frames = 0;
	// Bytes still to skip in the current frame, or -1 while reading a length prefix.
	let skip = 0;
	const header = Buffer.alloc(4);
	let headerFill = 0;
	res.on('data', chunk => {
		let pos = 0;
		const n = chunk.length;
		while (pos < n) {
			if (skip > 0) {
				const take = Math.min(skip, n - pos);
				skip -= take;
				pos += take;
				if (skip === 0 && ++frames >= want) {
					res.destroy();
					return;
				}
				continue;
			}
			header[headerFill++] = chunk[pos++];
			if (headerFill < 4) continue;
			headerFill = 0;
			skip = header.readUInt32LE(0);
			if (skip === 0 && ++frames >= want) {
				res.destroy();
				return;
			}
		}
	});
	res.on('close', () => process.exit(frames >= want ? 0 : 1));
});
req.on('error', error => {
	process.stderr.write(`raw reader: ${error.message}\n`);
	process.exit(1);
});
req.end();
