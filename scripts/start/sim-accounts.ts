import { existsSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';

/**
 * telnyx-sim keeps its account in memory; a real Telnyx account outlives a restart. So after the
 * demo seed has provisioned connections and credentials, `npm start` saves them as a sim seed file
 * under the data directory, and the next start boots the sim from it: the API's stored credential
 * ids then still exist and the agent signs in again without re-provisioning.
 */
export async function ensureSimSeed(seedFile: string, demoSeed: string): Promise<void> {
  if (!existsSync(seedFile)) await copyFile(demoSeed, seedFile);
}

interface Listed<T> {
  data: T[];
}
interface ConnectionJson {
  id: string;
  connection_name: string;
  user_name: string;
  password: string;
  active: boolean;
  webhook_event_url: string | null;
  webhook_event_failover_url: string | null;
  webhook_api_version: '1' | '2' | 'texml';
  webhook_timeout_secs: number | null;
  tags: string[];
}
interface CredentialJson {
  id: string;
  name: string;
  tag: string | null;
  resource_id: string;
  sip_username: string;
  sip_password: string;
  expires_at: string | null;
  expired: boolean;
}
interface PhoneNumberJson {
  id: string;
  phone_number: string;
  connection_id: string | null;
  tags: string[];
}

export interface SimAccount {
  credentials: CredentialJson[];
}

/** Reads the sim's account over its REST API and writes it as a seed (mode 0600: it has passwords). */
export async function saveSimSeed(
  restUrl: string,
  apiKey: string,
  seedFile: string,
): Promise<SimAccount> {
  const list = async <T>(path: string): Promise<T[]> => {
    const res = await fetch(`${restUrl}/${path}?page[size]=250`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    if (!res.ok) throw new Error(`telnyx-sim GET /${path}: HTTP ${res.status}`);
    return ((await res.json()) as Listed<T>).data;
  };
  const connections = await list<ConnectionJson>('credential_connections');
  const credentials = (await list<CredentialJson>('telephony_credentials')).filter(
    (c) => !c.expired,
  );
  const numbers = await list<PhoneNumberJson>('phone_numbers');
  const seed = {
    api_key: apiKey,
    connections: connections.map((c) => ({
      id: c.id,
      connection_name: c.connection_name,
      user_name: c.user_name,
      password: c.password,
      active: c.active,
      webhook_event_url: c.webhook_event_url,
      webhook_event_failover_url: c.webhook_event_failover_url,
      webhook_api_version: c.webhook_api_version,
      webhook_timeout_secs: c.webhook_timeout_secs,
      tags: c.tags,
    })),
    credentials: credentials.map((c) => ({
      id: c.id,
      connection_id: c.resource_id.replace(/^connection:/, ''),
      name: c.name,
      tag: c.tag,
      sip_username: c.sip_username,
      sip_password: c.sip_password,
      expires_at: c.expires_at,
    })),
    phone_numbers: numbers.map((n) => ({
      id: n.id,
      phone_number: n.phone_number,
      connection_id: n.connection_id,
      tags: n.tags,
    })),
  };
  await writeFile(seedFile, `${JSON.stringify(seed, null, 2)}\n`, { mode: 0o600 });
  return { credentials };
}
