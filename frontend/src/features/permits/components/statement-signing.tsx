// The second step of an act signed over a statement the server wrote (a preliminary refusal, an
// objection to it): what the person signs, as the statement says it, the statement's digest, and
// the signer over the digest's 64 characters with the SIGN key. "Back" returns to the form, whose
// answers are kept.
import type { ReactNode } from 'react';
import { ProblemAlert } from '@/components/forms/problem-alert';
import type { ApiFailure } from '@/lib/api-client';
import type { SignedTextsHandler } from '@/lib/signed-challenge';
import type { RenderSigner } from '../lib/signer';

export interface StatementRow {
  label: string;
  value: ReactNode;
}

export interface StatementSigningProps {
  testId: string;
  /** Says the statement is prepared, and to check it. */
  prepared: string;
  rows: readonly StatementRow[];
  digestLabel: string;
  digest: string;
  signIntro: string;
  failure: ApiFailure | null;
  explain: Partial<Record<string, string>>;
  renderSigner: RenderSigner;
  signLabel: string;
  onSigned: SignedTextsHandler;
  backLabel: string;
  onBack: () => void;
}

export function StatementSigning({
  testId,
  prepared,
  rows,
  digestLabel,
  digest,
  signIntro,
  failure,
  explain,
  renderSigner,
  signLabel,
  onSigned,
  backLabel,
  onBack,
}: StatementSigningProps) {
  return (
    <div data-testid={testId}>
      <p role="status">{prepared}</p>
      <dl className="summary">
        {rows.map((row) => (
          <div key={row.label} className="summary__row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
        <div className="summary__row">
          <dt>{digestLabel}</dt>
          <dd>
            <code data-testid="statement-digest">{digest}</code>
          </dd>
        </div>
      </dl>
      <p>{signIntro}</p>
      <ProblemAlert failure={failure} explain={explain} />
      {renderSigner([digest], onSigned, signLabel)}
      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {backLabel}
        </button>
      </div>
    </div>
  );
}
