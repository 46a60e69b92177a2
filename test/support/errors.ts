import { expect } from 'vitest';
import { SocialGraphError, type SocialGraphErrorCode } from '../../src/index.js';

/** The code of the SocialGraphError `call` throws (anything else fails the test), or undefined. */
export function codeOf(call: () => unknown): SocialGraphErrorCode | undefined {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(SocialGraphError);
    return (error as SocialGraphError).code;
  }
  return undefined;
}

/** Asserts that `call` throws a SocialGraphError with `code`. */
export function expectCode(call: () => unknown, code: SocialGraphErrorCode): void {
  expect(codeOf(call)).toBe(code);
}
