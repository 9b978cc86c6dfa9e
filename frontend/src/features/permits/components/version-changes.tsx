// The signed versions of a request and what changed from one to the next: form answers under
// their labels and documents under their slots' names, each before and after (<del>/<ins>, and
// the columns say which is which). The first version has nothing to compare with.
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/hooks/use-date-time';
import { currentLanguage } from '@/i18n';
import type { Change, PermitType, Version } from '../api/permit-types';
import { useLocalized } from '../lib/format';
import { isRecord } from '../lib/json';
import { fieldLabel, readFormSchema } from '../schema-form/form-schema';
import { useAnswerText } from './form-summary';
import { TechnicalDetails } from './technical-details';

/** The file names of a document change's side: a list of `{file_name, sha256}`. */
function filesOf(value: unknown): { name: string; sha256: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (!isRecord(entry)) return [];
    const name = typeof entry.file_name === 'string' ? entry.file_name : '';
    const sha256 = typeof entry.sha256 === 'string' ? entry.sha256 : '';
    return name || sha256 ? [{ name: name || sha256.slice(0, 12), sha256 }] : [];
  });
}

export interface VersionChangesProps {
  type: PermitType;
  changes: readonly Change[];
  caption: string;
  /** Show each file's SHA-256 beside its name (for staff; applicants know their files by name). */
  fingerprints?: boolean;
}

export function VersionChanges({ type, changes, caption, fingerprints = true }: VersionChangesProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const language = currentLanguage();
  const answer = useAnswerText();
  const fields = readFormSchema(type.form_schema);

  if (changes.length === 0) return <p>{t('permits.versions.noChanges')}</p>;

  const side = (change: Change, value: unknown, removed: boolean) => {
    const Mark = removed ? 'del' : 'ins';
    if (value === null || value === undefined) return <span className="diff__none">{t('permits.versions.none')}</span>;
    if (change.kind === 'document') {
      const files = filesOf(value);
      if (files.length === 0) return <span className="diff__none">{t('permits.versions.none')}</span>;
      return (
        <ul className="diff__files">
          {files.map((file) => (
            <li key={`${file.name}:${file.sha256}`}>
              <Mark className={removed ? 'diff__before' : 'diff__after'}>{file.name}</Mark>
              {fingerprints && file.sha256 && <span className="table__note">SHA-256 {file.sha256.slice(0, 16)}…</span>}
            </li>
          ))}
        </ul>
      );
    }
    const field = fields.find((candidate) => candidate.name === change.name);
    return <Mark className={removed ? 'diff__before' : 'diff__after'}>{answer(field, value)}</Mark>;
  };

  const nameOf = (change: Change) => {
    if (change.kind === 'document') {
      const slot = type.documents.find((candidate) => candidate.code === change.name);
      return t('permits.versions.document', { name: slot ? localized(slot.name) : change.name });
    }
    const field = fields.find((candidate) => candidate.name === change.name);
    return field ? fieldLabel(field, language) : change.name;
  };

  return (
    <div className="table-scroll">
      <table className="table diff" data-testid="version-changes">
        <caption className="diff__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('permits.versions.what')}</th>
            <th scope="col">{t('permits.versions.before')}</th>
            <th scope="col">{t('permits.versions.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={`${change.kind}:${change.name}`}>
              <th scope="row">{nameOf(change)}</th>
              <td>{side(change, change.before, true)}</td>
              <td>{side(change, change.after, false)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function VersionList({ type, versions, staff = false }: { type: PermitType; versions: readonly Version[]; staff?: boolean }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  if (versions.length === 0) return <p>{t('permits.versions.empty')}</p>;

  return (
    <ol className="versions">
      {versions.map((version) => (
        <li key={version.no} className="versions__entry">
          <h3>{t('permits.versions.title', { number: version.no })}</h3>
          <p className="table__note">{t('permits.versions.signedOn', { when: dateTime(version.created_at) })}</p>
          <TechnicalDetails open={staff}>
            <p className="table__note">
              {t('permits.technical.signer')}: <code>{version.signer_serial}</code>
            </p>
            <p className="table__note digest-line">
              {t('permits.versions.digest')} <code>{version.digest}</code>
            </p>
          </TechnicalDetails>
          {version.no > 1 ? (
            <VersionChanges
              type={type}
              changes={version.changes}
              caption={t('permits.versions.changesCaption', { number: version.no, previous: version.no - 1 })}
              fingerprints={staff}
            />
          ) : (
            <p>{t('permits.versions.first')}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
