// Runs both health probes together and keeps the latest outcome for the status page.
import { useCallback, useEffect, useState } from 'react';
import { getLiveness, type Liveness } from './get-liveness';
import { getReadiness, type Readiness } from './get-readiness';
import type { ProbeOutcome } from './probe';

export type SystemStatus =
  | { phase: 'checking' }
  | {
      phase: 'checked';
      liveness: ProbeOutcome<Liveness>;
      readiness: ProbeOutcome<Readiness>;
      checkedAt: Date;
    };

export function useSystemStatus(): { status: SystemStatus; recheck: () => void } {
  const [status, setStatus] = useState<SystemStatus>({ phase: 'checking' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let superseded = false;
    void Promise.all([getLiveness(), getReadiness()]).then(([liveness, readiness]) => {
      if (!superseded) setStatus({ phase: 'checked', liveness, readiness, checkedAt: new Date() });
    });
    return () => {
      superseded = true;
    };
  }, [round]);

  const recheck = useCallback(() => {
    setStatus({ phase: 'checking' });
    setRound((previous) => previous + 1);
  }, []);

  return { status, recheck };
}
