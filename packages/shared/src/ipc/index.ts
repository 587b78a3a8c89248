// The desktop IPC contract: schemas, the namespaced contract, channel names, and `window.dialer`.
export * from './ipc-schemas.js';
export * from './channel-names.js';
export * from './ipc-contract.js';
export * from './dialer-api.js';
