import { describe, expect, it } from 'vitest';
import { findGrammalecte, isGrammalecteAvailable, PYTHON_ENV } from '../../src/grammalecte/find-grammalecte.ts';

const installation = findGrammalecte();

describe('findGrammalecte', () => {
  it('finds nothing when the interpreter it is told to use does not exist', () => {
    expect(findGrammalecte({ ...process.env, [PYTHON_ENV]: '/nonexistent/python3' })).toBeUndefined();
    expect(isGrammalecteAvailable({ ...process.env, [PYTHON_ENV]: '/nonexistent/python3' })).toBe(false);
  });

  it.skipIf(!installation)('finds a Python that imports Grammalecte, even when another python3 comes first on PATH', () => {
    expect(installation!.version).toMatch(/^\d+\.\d+\.\d+$/);
    // The one it found, named explicitly, is found again.
    expect(findGrammalecte({ ...process.env, [PYTHON_ENV]: installation!.python })).toEqual(installation);
  });
});
