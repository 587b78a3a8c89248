// Public surface of @crokodialer/shared. Framework-free: runs in Node, the renderer and the API.
export * from './call/call-enums.js';
export * from './call/call-status-order.js';
export * from './call/sdk-call-event.js';
export * from './call/hangup-outcome.js';
export * from './call/call-record.js';
export * from './api/index.js';
export * from './ipc/index.js';
export * from './phone/index.js';
export * from './call-lists/index.js';
