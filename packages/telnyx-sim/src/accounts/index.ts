// The account side of telnyx-sim: what the REST API mutates and the gateway authenticates against.
export { createAccountStore } from './store.js';
export type { AccountStore, AccountStoreOptions } from './store.js';
export { SeedSchema, loadSeedFile, parseSeed } from './seed.js';
export type { SeedData, SeedInput } from './seed.js';
export type { StoreError, StoreResult } from './results.js';
export type { ConnectionRecord, CredentialRecord, PhoneNumberRecord } from './records.js';
export type * from './types.js';
