import cliProgress from 'cli-progress';
import type { ImportPhase, ImportProgress } from '../features/imports/world/world.import.ts';

const PHASE_LABELS: Record<ImportPhase, string> = {
  read: 'Reading files',
  reconcile: 'Reconciling',
  places: 'Writing places',
  names: 'Writing names',
  partnerships: 'Writing ties',
  sources: 'Writing sources',
  duplicates: 'Merging duplicate places',
  finish: 'Done',
};

/**
 * Reports import progress: a progress bar on a terminal, one plain line per phase otherwise (logs, CI).
 * Answers the callback and a function that ends the display.
 */
export function importProgressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let phase: ImportPhase | undefined;
  if (!stream.isTTY) {
    return {
      onProgress: (progress: ImportProgress) => {
        if (progress.phase === phase) return;
        phase = progress.phase;
        if (progress.phase !== 'finish')
          stream.write(`${PHASE_LABELS[progress.phase]} (${progress.total})\n`);
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: '{phase} [{bar}] {percentage}% | {value}/{total}',
      hideCursor: true,
      stream,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (progress: ImportProgress) => {
      const label = PHASE_LABELS[progress.phase].padEnd(16);
      if (!started) {
        bar.start(Math.max(progress.total, 1), progress.done, { phase: label });
        started = true;
      } else if (progress.phase !== phase) {
        bar.setTotal(Math.max(progress.total, 1));
      }
      phase = progress.phase;
      bar.update(progress.done, { phase: label });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
