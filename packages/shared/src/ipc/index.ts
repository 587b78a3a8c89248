// The desktop IPC contract (DESIGN.md §1, STYLE.md "IPC"): schemas, channels, and `window.dialer`'s type.
export * from './ipc-schemas.js';
export * from './ipc-contract.js';
export * from './dialer-api.js';
