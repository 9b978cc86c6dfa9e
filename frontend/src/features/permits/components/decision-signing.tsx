// Deciding a request, in two steps: the decision draft (POST …/decision-draft) renders the PDF
// (a permit, or a reasoned refusal) and answers its SHA-256; the official may download the draft
// to check it, then signs the SHA-256's 64 characters with their SIGN key, which approves and
// issues the permit (…/approve) or refuses (…/refuse). A request keeps only its newest unsigned
// draft: preparing one replaces any before it (the request is read again so its list of decisions
// shows that), and a draft replaced meanwhile (by a colleague, in another tab) is 404 when signed,
// which takes the official back to preparing it again.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import type { ApiFailure } from '@/lib/api-client';
import type { SignedTextsHandler } from '@/lib/signed-challenge';
import { downloadDecision } from '../api/documents';
import type { Decision, PermitRequest } from '../api/permit-types';
import { draftDecision, signDecision, type DecisionKind } from '../api/review-steps';
import { useFileSize } from '../lib/format';
import type { RenderSigner } from '../lib/signer';
import { DownloadButton } from './download-button';

export interface DecisionSigningProps {
  request: PermitRequest;
  kind: DecisionKind;
  renderSigner: RenderSigner;
  onDecided: (request: PermitRequest) => void;
  /** A draft was prepared, replacing any earlier unsigned one: the request's decisions changed. */
  onPrepared?: () => void;
}

export function DecisionSigning({ request, kind, renderSigner, onDecided, onPrepared }: DecisionSigningProps) {
  const { t } = useTranslation();
  const fileSize = useFileSize();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [draft, setDraft] = useState<Decision | null>(null);

  async function prepare(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const answer = await draftDecision(request.id, kind, comment);
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    setDraft(answer.data);
    onPrepared?.();
  }

  const onSigned: SignedTextsHandler = async ({ signatures }) => {
    if (!draft) return;
    setFailure(null);
    const answer = await signDecision(request.id, kind, draft.id, signatures[0] ?? '');
    if (!answer.ok) {
      const failure = answer.failure;
      if (failure.kind === 'problem' && failure.problem.type === 'not-found') setDraft(null);
      setFailure(failure);
      return;
    }
    onDecided(answer.data);
  };

  const explain = {
    'eds-wrong-key-usage': t('permits.sign.wrongKey'),
    'eds-identity-mismatch': t('permits.decision.otherPerson'),
    'illegal-transition': t('permits.decision.notNow'),
    'not-found': t('permits.decision.replaced'),
  };

  if (!draft) {
    return (
      <form className="form" onSubmit={(event) => void prepare(event)} noValidate>
        <p>{kind === 'permit' ? t('permits.decision.permitIntro') : t('permits.decision.refusalIntro')}</p>
        <ProblemAlert failure={failure} explain={explain} />
        <Field
          label={t('permits.decision.comment')}
          hint={kind === 'permit' ? t('permits.decision.permitCommentHint') : t('permits.decision.refusalCommentHint')}
          optional
        >
          {(control) => (
            <textarea {...control} name="decision-comment" rows={3} value={comment} onChange={(event) => setComment(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {kind === 'permit' ? t('permits.decision.preparePermit') : t('permits.decision.prepareRefusal')}
        </button>
      </form>
    );
  }

  return (
    <div className="decision-draft" data-testid="decision-draft">
      <p role="status">
        {t('permits.decision.prepared', { number: draft.number })}
      </p>
      <dl className="summary">
        <div className="summary__row">
          <dt>{t('permits.decision.pdf')}</dt>
          <dd>
            <DownloadButton
              label={t('permits.decision.preview')}
              fallbackName={`${draft.number}-${draft.kind}-draft.pdf`}
              fetchFile={() => downloadDecision(request.id, draft.id)}
            />{' '}
            <span className="table__note">{fileSize(draft.pdf_size)}</span>
          </dd>
        </div>
        <div className="summary__row">
          <dt>{t('permits.decision.sha256')}</dt>
          <dd>
            <code data-testid="pdf-sha256">{draft.pdf_sha256}</code>
          </dd>
        </div>
      </dl>
      <p>{t('permits.decision.signIntro')}</p>
      <ProblemAlert failure={failure} explain={explain} />
      {renderSigner(
        [draft.pdf_sha256],
        onSigned,
        kind === 'permit' ? t('permits.decision.signPermit') : t('permits.decision.signRefusal'),
      )}
    </div>
  );
}
