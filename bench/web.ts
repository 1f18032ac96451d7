/** Web app figures for the benchmark; filled in once the review app exists. */
export async function benchWeb(_text: string, _work: string, _commands: string[]): Promise<string[]> {
  return ['The web app is not measured yet.'];
}
