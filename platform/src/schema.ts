import { fileURLToPath } from 'node:url';

/**
 * The one schema the API and signaling share: `platform/migrations/NNNN_name.sql`. The runner
 * (db/migrate.ts) takes the folder as a parameter; hosts and test helpers pass this one.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
