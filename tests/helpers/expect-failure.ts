import { ApiError } from '../../src/client/errors.js';

/** Awaits a call that must fail with an ApiError and returns the error. */
export async function apiFailure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with an ApiError');
}
