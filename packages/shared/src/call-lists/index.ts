// Call lists: preview and power dialling (docs/call-lists.md).
export * from './call-list.js';
export * from './contact.js';
export * from './callback.js';
export * from './dnc.js';
export * from './import.js';
