// The password policy of, as the server applies it (docs/accounts.md): 10 to 128
// characters, not containing the email address or the IIN, not one character repeated. Checked
// here too so that a person learns at once; the server has the last word (and also refuses the
// most common passwords, a list the browser does not carry).

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** The field-error codes the API uses for the same rules. */
export type PasswordRule = 'too_short' | 'too_long' | 'contains_email' | 'contains_iin' | 'too_simple';

export interface PasswordContext {
  email?: string;
  iin?: string | null;
}

/** The first rule `password` breaks, or null. */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordRule | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lowered = password.toLowerCase();
  const email = context.email?.trim().toLowerCase() ?? '';
  const localPart = email.split('@')[0] ?? '';
  if ((email !== '' && lowered.includes(email)) || ([...localPart].length >= 4 && lowered.includes(localPart))) {
    return 'contains_email';
  }
  if (context.iin && password.includes(context.iin)) return 'contains_iin';
  const [first] = password;
  if ([...password].every((character) => character === first)) return 'too_simple';
  return null;
}

/** A rough check that a text looks like an email address; the server validates it properly. */
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
}
