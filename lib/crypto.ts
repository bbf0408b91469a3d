import { createHash } from 'node:crypto';

/** Hex SHA-256, for storing one-time tokens: only the hash is kept, the token is shown once. */
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
