import type { CorsOriginRecord } from '../interfaces/cors-origin-store.interface.js';

/** The member a record is stored under: `["<policy>","<origin>"]`. */
export function memberOf(policy: string, origin: string): string {
  return JSON.stringify([policy, origin]);
}

/** The version as the scripts write it: negative for a revoke. */
export function signedVersion(record: CorsOriginRecord): string {
  return `${record.allowed ? '' : '-'}${record.version}`;
}

/** A record from a member and its signed version; undefined for anything this store did not write. */
export function recordOf(member: string, signed: string | number): CorsOriginRecord | undefined {
  const version = Number(signed);
  if (!Number.isSafeInteger(version) || version === 0) return undefined;
  try {
    const [policy, origin, ...rest] = JSON.parse(member) as unknown[];
    if (typeof policy !== 'string' || typeof origin !== 'string' || rest.length > 0) return undefined;
    return { policy, origin, allowed: version > 0, version: Math.abs(version) };
  } catch {
    return undefined;
  }
}

/**
 * The records of a sync reply: every entry of the versions hash (a flat `HGETALL` list), and the
 * set's members without one (written before versions existed: allowed, version 1, so any recorded
 * change wins over them). A set member whose version says revoked is not read as allowed.
 */
export function recordsOfSnapshot(versions: readonly string[], members: readonly string[]): CorsOriginRecord[] {
  const records: CorsOriginRecord[] = [];
  const versioned = new Set<string>();
  for (let i = 0; i + 1 < versions.length; i += 2) {
    versioned.add(versions[i]!);
    const record = recordOf(versions[i]!, versions[i + 1]!);
    if (record) records.push(record);
  }
  for (const member of members) {
    const record = versioned.has(member) ? undefined : recordOf(member, 1);
    if (record) records.push(record);
  }
  return records;
}

/** The records of a change message: `[[member, signedVersion], ...]`; malformed entries dropped. */
export function recordsOfMessage(raw: string): CorsOriginRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const records: CorsOriginRecord[] = [];
  for (const entry of parsed) {
    if (!Array.isArray(entry) || entry.length !== 2 || (typeof entry[1] !== 'number' && typeof entry[1] !== 'string')) continue;
    const record = recordOf(JSON.stringify(entry[0]), entry[1]);
    if (record) records.push(record);
  }
  return records;
}
