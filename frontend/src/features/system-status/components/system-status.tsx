// The status page's body: what the API's health probes answered, in words a visitor understands,
// with the technical details (HTTP status, server message, request reference) an operator needs.
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n';
import { formatTime } from '@/lib/dates';
import { useSystemStatus, type SystemStatus } from '../api/use-system-status';
import type { ProbeOutcome } from '../api/probe';
import type { Readiness } from '../api/get-readiness';
import './system-status.css';

type Overall = 'ok' | 'notReady' | 'unreachable';

function overallOf(status: Extract<SystemStatus, { phase: 'checked' }>): Overall {
  if (status.liveness.kind === 'unreachable') return 'unreachable';
  if (status.readiness.kind === 'ok') return 'ok';
  return status.readiness.kind === 'unreachable' ? 'unreachable' : 'notReady';
}

type Tone = 'ok' | 'warning' | 'error';

const TONE_OF: Record<ProbeOutcome<unknown>['kind'], Tone> = {
  ok: 'ok',
  'not-ready': 'warning',
  unreachable: 'error',
};

function StateBadge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`state-badge state-badge--${tone}`}>{children}</span>;
}

function ProbeState({ outcome }: { outcome: ProbeOutcome<unknown> }) {
  const { t } = useTranslation();
  const label =
    outcome.kind === 'ok'
      ? t('status.state.ok')
      : outcome.kind === 'not-ready'
        ? t('status.state.notReady')
        : t('status.state.unreachable');
  return (
    <>
      <StateBadge tone={TONE_OF[outcome.kind]}>{label}</StateBadge>
      {outcome.kind !== 'ok' && outcome.httpStatus !== null && (
        <span className="probe__http">{t('status.httpStatus', { status: outcome.httpStatus })}</span>
      )}
    </>
  );
}

/** Names the API uses for the dependencies it checks, with their translated labels. */
function useComponentLabel(): (name: string) => string {
  const { t } = useTranslation();
  return (name) => (name === 'database' ? t('status.components.database') : name);
}

function ReadinessDetails({ outcome }: { outcome: ProbeOutcome<Readiness> }) {
  const { t } = useTranslation();
  const componentLabel = useComponentLabel();

  if (outcome.kind === 'ok') {
    return (
      <ul className="probe__components">
        {Object.entries(outcome.body.checks).map(([name, value]) => (
          <li key={name}>
            <span>{componentLabel(name)}</span>{' '}
            <StateBadge tone={value === 'ok' ? 'ok' : 'error'}>
              {value === 'ok' ? t('status.state.ok') : t('status.state.failing')}
            </StateBadge>
          </li>
        ))}
      </ul>
    );
  }
  if (outcome.kind === 'not-ready' && outcome.problem) {
    const { detail, request_id: requestId } = outcome.problem;
    return (
      <>
        {detail && <p className="probe__note">{t('status.detail', { detail })}</p>}
        {requestId && <p className="probe__note">{t('status.requestId', { id: requestId })}</p>}
      </>
    );
  }
  return null;
}

export function SystemStatusReport() {
  const { t } = useTranslation();
  const { status, recheck } = useSystemStatus();
  const checking = status.phase === 'checking';
  const overall = checking ? null : overallOf(status);

  return (
    <div className="system-status">
      <p
        role="status"
        className={`status-summary status-summary--${overall ?? 'checking'}`}
        data-state={overall ?? 'checking'}
      >
        {overall === null ? t('status.checking') : t(`status.summary.${overall}`)}
      </p>

      {status.phase === 'checked' && (
        <>
          <h2>{t('status.probesHeading')}</h2>
          <dl className="probe-list">
            <div className="probe">
              <dt>{t('status.probes.live')}</dt>
              <dd>
                <ProbeState outcome={status.liveness} />
              </dd>
            </div>
            <div className="probe">
              <dt>{t('status.probes.ready')}</dt>
              <dd>
                <ProbeState outcome={status.readiness} />
                <ReadinessDetails outcome={status.readiness} />
              </dd>
            </div>
          </dl>
          <p className="system-status__checked-at">
            {t('status.checkedAt', {
              time: formatTime(status.checkedAt, currentLanguage(), { seconds: true }),
            })}
          </p>
        </>
      )}

      <button type="button" className="button" onClick={checking ? undefined : recheck}>
        {t('status.refresh')}
      </button>
    </div>
  );
}
