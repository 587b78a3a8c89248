// Contracts of the companion API (apps/api), shared with the desktop's API client.
export * from './common.js';
export * from './accounts.js';
export * from './telephony.js';
export * from './call-logs.js';
export * from './routing.js';
export * from './admin.js';
export * from './invites.js';
