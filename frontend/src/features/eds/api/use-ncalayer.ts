// Whether NCALayer answers on this computer: looked for once when a signing form appears, and
// again on request (the person may start it after opening the page).
import { useCallback, useEffect, useState } from 'react';
import { isNcaLayerRunning } from '../signing/ncalayer';

export type NcaLayerPresence = 'looking' | 'running' | 'absent';

export function useNcaLayer(): { presence: NcaLayerPresence; lookAgain: () => void } {
  const [presence, setPresence] = useState<NcaLayerPresence>('looking');
  const [round, setRound] = useState(0);

  useEffect(() => {
    let superseded = false;
    void isNcaLayerRunning().then((running) => {
      if (!superseded) setPresence(running ? 'running' : 'absent');
    });
    return () => {
      superseded = true;
    };
  }, [round]);

  const lookAgain = useCallback(() => {
    setPresence('looking');
    setRound((previous) => previous + 1);
  }, []);

  return { presence, lookAgain };
}
