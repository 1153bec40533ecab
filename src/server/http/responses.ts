import { Problem } from '../../api/schemas/index.js';

/** Problem responses for the OpenAPI document; the error handler produces them. */
export const problemResponses = {
  '4xx': { ...Problem, description: 'RFC 9457 problem details with a stable `code`' },
  '5xx': { ...Problem, description: 'RFC 9457 problem details' },
};

export const bearerAuth = [{ bearerAuth: [] as string[] }];
