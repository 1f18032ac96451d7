import { loadWordSet } from '../src/dictionaries/word-set.ts';

// Build the dictionary caches once, before the test workers start, rather than
// in every worker at once (each build takes seconds and hundreds of MB).
export default function setup() {
  for (const language of ['fr', 'es', 'en'] as const) loadWordSet(language);
}
