// Route metrics of stat-outbound / stat-inbound: queries, the Prometheus answer, rows. Pure.
export * from './queries.js';
export * from './prom-response.js';
export * from './rows.js';
export {f32, goFixed} from '../go-format.js';
