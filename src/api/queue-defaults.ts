/**
 * What the queue shows until the agent picks another status filter. The CLI prefetches this page
 * while the workspace loads, so both must ask for the same thing.
 */
export const DEFAULT_QUEUE_STATUS = 'open,pending';
