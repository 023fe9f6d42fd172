// Serves the bench traffic over loopback HTTPS until killed, for profiling the CLI by hand:
//   node bench/lib/serve-frames.js   (prints the kubeconfig path), then e.g.
//   node --cpu-prof cli.js tap deploy/web -n emojivoto --kubeconfig PATH -o jsonl --max-requests 60000 > /dev/null
import {buildEvents, encodeStream} from './events.js';
import {startFrameServer} from './frame-server.js';

const server = await startFrameServer(encodeStream(buildEvents(20_000)), () => {});
console.log(server.kubeconfigPath);
