// Signs a fresh one-time challenge with the person's EDS AUTH key, for registration,
// the EDS sign-in and binding a renewed certificate; or, given texts, signs each with the SIGN key
// (a document's digest, an agreement's hash). Two ways:
//
// - NCALayer, the national desktop signer, offered only when it answers on this computer: it
//   shows its own dialog for choosing the key and typing its password;
// - the key file (.p12) and its password, always: the file is opened and the challenge signed in
//   this page (pkijs and WebCrypto); neither the file nor the password is sent anywhere.
//
// Each person has two keys, and choosing the wrong one is the commonest mistake: the key's
// purpose is checked as soon as the key file is open (or NCALayer has signed), by the server's
// rule, before anything is sent; the message says which file to choose, and links to the help
// on getting an EDS and installing NCALayer. A file whose very name says it is the other key
// gets a warning the moment it is chosen.
//
// The signing code (pkijs) is loaded only when a person signs, so other pages stay light.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { paths } from '@/config/paths';
import { currentLanguage } from '@/i18n';
import type { ApiFailure } from '@/lib/api-client';
import type { CertificateHolder, SignedChallengeHandler, SignedTextsHandler } from '@/lib/signed-challenge';
import { createChallenge, type ChallengePurpose } from '../api/create-challenge';
import { useNcaLayer } from '../api/use-ncalayer';
import { base64ToBytes } from '../signing/bytes';
import { EdsError, isEdsError } from '../signing/eds-error';
import { purposeByName } from '../signing/key-file-name';
import type { KeyPurpose } from '../signing/key-purpose';
import { signWithNcaLayer } from '../signing/ncalayer';
import './eds-signer.css';

type Method = 'ncalayer' | 'file';

interface CommonProps {
  /** The button's words: "Continue", "Sign in", "Bind the certificate". */
  submitLabel: string;
}

export type EdsSignerProps = CommonProps &
  (
    | {
        /** The one flow the challenge is asked for: it cannot be spent on another. */
        challengePurpose: ChallengePurpose;
        /** Called with the signed challenge; the signer shows itself busy until it resolves. */
        onSigned: SignedChallengeHandler;
        texts?: undefined;
        onSignedTexts?: undefined;
      }
    | {
        /**
         * Texts to sign with the SIGN key (non-repudiation: a legal signature, not a login), e.g.
         * the hashes of the agreements a person accepts; no challenge is asked for.
         */
        texts: readonly string[];
        /** Called with one signature per text, in order. */
        onSignedTexts: SignedTextsHandler;
        onSigned?: undefined;
        challengePurpose?: undefined;
      }
  );

/** Key files are a few kilobytes; anything this large is something else. */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

async function signWithFile(file: File, password: string, text: string, purpose: KeyPurpose) {
  if (file.size > MAX_KEY_FILE_BYTES) throw new EdsError('not-pkcs12');
  const { signWithPkcs12 } = await import('../signing/sign-with-pkcs12');
  let keyStore: ArrayBuffer;
  try {
    keyStore = await file.arrayBuffer();
  } catch (cause) {
    throw new EdsError('unreadable', { cause });
  }
  return signWithPkcs12(keyStore, password, text, purpose);
}

async function signThroughNcaLayer(text: string, purpose: KeyPurpose) {
  const signature = await signWithNcaLayer(text, currentLanguage(), { purpose });
  const [{ signerCertificateOf }, { describeHolder }, { requirePurpose }] = await Promise.all([
    import('../signing/cms'),
    import('../signing/certificate-holder'),
    import('../signing/key-purpose'),
  ]);
  let certificate: ReturnType<typeof signerCertificateOf> = null;
  try {
    certificate = signerCertificateOf(base64ToBytes(signature));
  } catch {
    // Not readable here; the server reads it anyway.
  }
  // NCALayer offered keys of this purpose only; a token may still hold a surprising one.
  if (certificate) requirePurpose(certificate, purpose);
  const holder: CertificateHolder | null = certificate ? describeHolder(certificate) : null;
  return { signature, holder };
}

/** Where to read about getting an EDS and installing NCALayer. */
function EdsHelpLinks() {
  const { t } = useTranslation();
  return (
    <ul className="eds-signer__help" aria-label={t('eds.help.label')}>
      <li>
        <Link to={paths.helpGetEds}>{t('eds.help.getEds')}</Link>
      </li>
      <li>
        <Link to={paths.helpNcaLayer}>{t('eds.help.ncalayer')}</Link>
      </li>
    </ul>
  );
}

export function EdsSigner({ submitLabel, onSigned, texts, onSignedTexts, challengePurpose }: EdsSignerProps) {
  const { t } = useTranslation();
  const { presence, lookAgain } = useNcaLayer();
  const [chosen, setChosen] = useState<Method | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ file?: string; password?: string }>({});
  const [signing, setSigning] = useState(false);
  const [edsError, setEdsError] = useState<EdsError | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  // Texts are documents, signed with the SIGN key; a challenge proves who one is, with the AUTH key.
  const purpose: KeyPurpose = texts ? 'signing' : 'authentication';
  const nameSays = file ? purposeByName(file.name) : null;
  const ncaLayerRunning = presence === 'running';
  // NCALayer by default when it answers, unless a key file was already chosen while looking.
  const method: Method = chosen ?? (ncaLayerRunning && !file ? 'ncalayer' : 'file');
  const useNcaLayerNow = method === 'ncalayer' && ncaLayerRunning;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signing) return;
    setEdsError(null);
    setFailure(null);
    if (!useNcaLayerNow) {
      const errors = {
        ...(file ? {} : { file: t('eds.file.missing') }),
        ...(password ? {} : { password: t('eds.password.missing') }),
      };
      setFieldErrors(errors);
      if (errors.file || errors.password) return;
    }

    setSigning(true);
    try {
      if (texts && onSignedTexts) {
        const signatures: string[] = [];
        let holder: CertificateHolder | null = null;
        for (const text of texts) {
          const signed =
            !useNcaLayerNow && file
              ? await signWithFile(file, password, text, purpose)
              : await signThroughNcaLayer(text, purpose);
          signatures.push(signed.signature);
          holder = signed.holder;
        }
        setPassword('');
        await onSignedTexts({ signatures, holder });
        return;
      }
      const challenge = await createChallenge(challengePurpose ?? 'sign-in');
      if (!challenge.ok) {
        setFailure(challenge.failure);
        return;
      }
      const text = challenge.data.challenge;
      const signed =
        !useNcaLayerNow && file
          ? await signWithFile(file, password, text, purpose)
          : await signThroughNcaLayer(text, purpose);
      setPassword('');
      await onSigned?.({ challenge: text, signature: signed.signature, holder: signed.holder });
    } catch (error) {
      if (isEdsError(error)) {
        setEdsError(error);
        if (error.code === 'wrong-password') {
          setFieldErrors({ password: t('eds.errors.wrong-password') });
          passwordInput.current?.focus();
        }
      } else {
        console.error(error);
        setEdsError(new EdsError('unreadable', { cause: error }));
      }
    } finally {
      setSigning(false);
    }
  }

  return (
    <form className="eds-signer" onSubmit={(event) => void submit(event)} noValidate aria-busy={signing}>
      {ncaLayerRunning && (
        <fieldset className="choice">
          <legend className="choice__legend">{t('eds.method.legend')}</legend>
          {(['ncalayer', 'file'] as const).map((option) => (
            <label key={option} className="choice__option">
              <input
                type="radio"
                name="eds-method"
                value={option}
                checked={method === option}
                onChange={() => setChosen(option)}
              />{' '}
              {t(`eds.method.${option}`)}
            </label>
          ))}
        </fieldset>
      )}

      {useNcaLayerNow ? (
        <p className="eds-signer__instructions">
          {texts ? t('eds.signKey.ncalayer') : t('eds.ncalayer.instructions')}
        </p>
      ) : (
        <>
          <Field
            label={texts ? t('eds.signKey.label') : t('eds.file.label')}
            hint={texts ? t('eds.signKey.hint') : t('eds.file.hint')}
            error={fieldErrors.file}
          >
            {(control) => (
              <input
                {...control}
                type="file"
                name="key-file"
                accept=".p12,.pfx,application/x-pkcs12"
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  setEdsError(null);
                }}
              />
            )}
          </Field>
          {nameSays && nameSays !== purpose && (
            <p className="alert alert--warning eds-signer__key-warning" role="status" data-testid="key-file-warning">
              {purpose === 'authentication' ? t('eds.keyFile.looksLikeSign') : t('eds.keyFile.looksLikeAuth')}
            </p>
          )}
          <Field label={t('eds.password.label')} hint={t('eds.password.hint')} error={fieldErrors.password}>
            {(control) => (
              <input
                {...control}
                ref={passwordInput}
                type="password"
                name="key-password"
                autoComplete="off"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
        </>
      )}

      {presence === 'absent' && (
        <p className="eds-signer__ncalayer">
          {t('eds.ncalayer.absent')}{' '}
          <button type="button" className="button button--link" onClick={lookAgain}>
            {t('eds.ncalayer.lookAgain')}
          </button>
        </p>
      )}

      {edsError && edsError.code !== 'wrong-password' && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t(`eds.errors.${edsError.code}`)}</p>
          {edsError.detail && <p className="alert__detail">{t('eds.errors.detail', { detail: edsError.detail })}</p>}
        </div>
      )}
      <ProblemAlert failure={failure} />

      <button type="submit" className="button" disabled={signing}>
        {signing ? t('eds.signing') : submitLabel}
      </button>
      <EdsHelpLinks />
    </form>
  );
}
