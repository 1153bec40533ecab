import { randomBytes } from 'node:crypto';

/** The id every answer carries (x-request-id, problem+json `requestId`) and every log line names. */
export const newRequestId = () => `req_${randomBytes(9).toString('base64url')}`;
