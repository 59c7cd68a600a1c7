export * from './cors-policy-options.interface.js';
export * from './cors-module-options.interface.js';
export * from './route-cors-info.interface.js';
export * from './cors-origin-store.interface.js';
export * from './cors-origin-cache-stats.interface.js';
export * from './cors-decision-event.interface.js';
export * from './cors-origin-report.interface.js';
