/** The version of the Support API contract (the /v1 prefix is its major). */
export const API_VERSION = '1.0.0';
