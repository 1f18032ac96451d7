import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are hashed with argon2id (@node-rs/argon2: the Rust argon2 crate,
 * its binary shipped inside the npm package for each platform, nothing built or
 * downloaded at install). Its defaults are OWASP's minimum for argon2id
 * (19 MiB, 2 passes, 1 lane) and the PHC string keeps them, so they can be
 * raised later without breaking stored hashes.
 */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

/** Why a new password cannot be used, or undefined when it can. Never echoes the password. */
export function passwordProblem(password: string): string | undefined {
  const problem = passwordProblemTemplate(password);
  return problem && problem.template.replace(/\{(\w+)\}/g, (_whole, name: string) => String(problem.values[name]));
}

/** The same, as an i18n.ts template and its values, so the users page says it in the editor's language. */
export function passwordProblemTemplate(password: string): { template: string; values: Record<string, number> } | undefined {
  if (password.length === 0) return { template: 'the password is empty', values: {} };
  // Code points, not UTF-16 units: « é » is one character to the user.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return { template: 'the password is too short ({length} characters): use at least {min}', values: { length, min: MIN_PASSWORD_LENGTH } };
  if (length > MAX_PASSWORD_LENGTH) return { template: 'the password is too long ({length} characters): use at most {max}', values: { length, max: MAX_PASSWORD_LENGTH } };
  if (password.trim() === '') return { template: 'the password is only spaces', values: {} };
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    // A hash we cannot read signs nobody in.
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Verifies against a throwaway hash: a sign-in for a name that does not exist
 * takes as long as one with a wrong password, so timing does not tell which names exist.
 */
export async function spendVerifyTime(password: string): Promise<void> {
  dummy ??= hash('relecture-no-such-user');
  await verifyPassword(await dummy, password);
}
