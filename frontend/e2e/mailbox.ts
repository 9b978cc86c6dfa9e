// The emails the server under test sent: its default file transport writes each one as an .eml
// file under `<data dir>/mail/`. Read and decoded (quoted-printable or base64, UTF-8) with
// postal-mime, as a mail client would. A spec with a server of its own names that server's data
// directory.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime, { type Email } from 'postal-mime';

async function readAll(mailDir: string): Promise<Email[]> {
  let names: string[];
  try {
    names = (await readdir(mailDir)).filter((name) => name.endsWith('.eml'));
  } catch {
    return [];
  }
  return Promise.all(names.map(async (name) => PostalMime.parse(await readFile(join(mailDir, name)))));
}

/** Waits for an email to `address` that matches `accept`, for up to `timeoutMs`. */
export async function waitForEmail(
  address: string,
  accept: (email: Email) => boolean = () => true,
  timeoutMs = 15_000,
  dataDir = process.env.SAULET_E2E_DATA_DIR ?? '',
): Promise<Email> {
  const mailDir = join(dataDir, 'mail');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readAll(mailDir)).find(
      (email) =>
        email.to?.some((to) => to.address?.toLowerCase() === address.toLowerCase()) === true && accept(email),
    );
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no email to ${address} within ${timeoutMs} ms in ${mailDir}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The first link in the email's text that starts with `prefix`. */
export function linkIn(email: Email, prefix: string): string {
  const text = `${email.text ?? ''}\n${email.html ?? ''}`;
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s"'<>]+`).exec(text);
  if (!match) throw new Error(`no link starting with ${prefix} in "${email.subject ?? ''}"`);
  return match[0].replace(/&amp;/g, '&');
}
