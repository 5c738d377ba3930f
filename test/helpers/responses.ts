// What the API answered: every response body a test file saw, checked at its end for stack traces.
import type request from 'supertest';

export interface SeenResponse {
  status: number;
  text: string;
}

/** Records every response body, for expectNoStackTrace at the end of the file. */
export function responseRecorder(): { call(test: request.Test): Promise<request.Response>; seen: SeenResponse[] } {
  const seen: SeenResponse[] = [];
  return {
    seen,
    async call(test) {
      const res = await test;
      seen.push({ status: res.status, text: res.text ?? '' }); // binary downloads have no text
      return res;
    },
  };
}

/** A frame line, a source position, a dependency's path, a "stack" field. */
const STACK_TRACE = /\n\s+at |\.ts:\d+|node_modules|"stack"/;

/** No response carries a stack trace; and at least `min` responses were seen, so that the check checked something. */
export function expectNoStackTrace(seen: SeenResponse[], min: number): void {
  expect(seen.length).toBeGreaterThanOrEqual(min);
  for (const { text } of seen) expect(text).not.toMatch(STACK_TRACE);
}
