import fc from 'fast-check';
import { expect } from 'vitest';
import type { FormatAdapter, ParsedDocument, ParseOptions } from '../../src/formats/format-adapter.ts';

/**
 * The property every adapter keeps: with no change the file comes back byte for
 * byte; with any set of targets changed (text with characters the format must
 * escape, inline codes kept in order), reading the output gives the new targets,
 * every other segment's target and source as before.
 */
export function checkRoundTrip(adapter: FormatAdapter, bytes: Uint8Array, options: ParseOptions, { runs = 60, alphabet = /^[A-Za-zéèàçœ«»’'"&<>;,.!? \t0-9-]{1,12}$/, unchanged = [] as string[] } = {}) {
  const parsed = adapter.parse(bytes, options) as ParsedDocument;
  const untouched = adapter.serialize(parsed.skeleton, parsed.segments.map((s) => ({ externalId: s.externalId, target: s.target, changed: false })));
  expect(Buffer.from(untouched).equals(Buffer.from(bytes))).toBe(true);

  const words = fc.stringMatching(alphabet);
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.boolean(), fc.array(words, { minLength: 1, maxLength: 4 })), { minLength: parsed.segments.length, maxLength: parsed.segments.length }), (plan) => {
      const reviewed = parsed.segments.map((segment, i) => {
        const [change, pieces] = plan[i];
        // `unchanged`: segments whose any edit would not be well-formed in their own syntax (an ICU message takes no text between its cases).
        if (!change || unchanged.includes(segment.externalId)) return { externalId: segment.externalId, target: segment.target, changed: false };
        // Keep the inline codes, in their order, between new words.
        const codes = [...segment.target].filter((c) => c >= '\uE000' && c <= '\uF8FF');
        let target = pieces[0].trim() || 'x';
        codes.forEach((code, k) => (target += code + (pieces[(k + 1) % pieces.length] ?? '')));
        target = target.trimEnd() || 'x';
        return { externalId: segment.externalId, target, changed: true, state: 'reviewed' };
      });
      const output = adapter.serialize(parsed.skeleton, reviewed);
      const again = adapter.parse(output, options) as ParsedDocument;
      expect(again.segments.map((s) => s.externalId)).toEqual(parsed.segments.map((s) => s.externalId));
      again.segments.forEach((segment, i) => {
        expect(segment.target).toBe(reviewed[i].target);
        expect(segment.source).toBe(parsed.segments[i].source);
      });
    }),
    { numRuns: runs },
  );
}
