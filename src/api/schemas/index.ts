export * from './common.js';
export * from './problem.js';
export * from './agent.js';
export * from './auth.js';
export * from './wallet.js';
export * from './conversation.js';
export * from './agent-admin.js';
export * from './workflow.js';
