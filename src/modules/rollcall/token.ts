import { createHash, randomBytes } from 'node:crypto';

/** A one-tap answer token: 128 random bits, URL-safe. Only its SHA-256 is stored. */
export const newToken = () => randomBytes(16).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest();
