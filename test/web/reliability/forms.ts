import type { TestApp } from '../helpers/test-app.ts';

/** The import form as a browser sends it: a file (or pasted text) and fields. */
export function importForm(file: { content: Uint8Array | string; name: string } | undefined, fields: Record<string, string> = {}, corrections?: { content: Uint8Array | string; name: string }): FormData {
  const form = new FormData();
  const blob = (content: Uint8Array | string) => new Blob([typeof content === 'string' ? content : new Uint8Array(content)]);
  if (file) form.set('file', blob(file.content), file.name);
  if (corrections) form.set('corrections', blob(corrections.content), corrections.name);
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

/** Imports `text` as pasted text and returns the new document's id (fails the test otherwise). */
export async function importText(app: TestApp, text: string | Uint8Array, name = 'input.txt', fields: Record<string, string> = {}): Promise<number> {
  const response = await app.client.postMultipart('/documents', importForm({ content: text, name }, fields));
  if (response.status !== 303) throw new Error(`import answered ${response.status}: ${response.text.slice(0, 300)}`);
  return Number(/\/documents\/(\d+)$/.exec(response.location!)![1]);
}

/** The corrected-text export, as bytes. */
export async function exportBytes(app: TestApp, id: number): Promise<Buffer> {
  const response = await fetch(`${app.url}/documents/${id}/export/text`);
  if (response.status !== 200) throw new Error(`export answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}
