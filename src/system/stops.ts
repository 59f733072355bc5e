/**
 * Stopping a long task when the process is told to (SIGINT, SIGTERM), on behalf of the command that runs
 * it: the task says what to undo and may hold a stop back while it cannot be undone (the swap of the output
 * folder); the command decides what a stop does to the process (cli.ts ends it by the signal). A task
 * given no Stops is never stopped from here: a library function does not end its caller's process.
 */

/** Undoes what the task has done so far, synchronously, and may say in what state it leaves things ("the output … is unchanged"). */
export type Undo = (signal: NodeJS.Signals) => string | undefined;

export class Stops {
  private readonly undos: Undo[] = [];
  private holding = 0;
  private held: NodeJS.Signals | undefined;

  /** @param stopped what the command does once the task has undone its work: `outcome` is the task's word on it, undefined when no task ran. */
  constructor(private readonly stopped: (signal: NodeJS.Signals, outcome: string | undefined) => void) {}

  /** Registers what to undo on a stop; the returned function unregisters it (the task's own end). */
  onStop(undo: Undo): () => void {
    this.undos.push(undo);
    return () => {
      const at = this.undos.indexOf(undo);
      if (at >= 0) this.undos.splice(at, 1);
    };
  }

  /** A stop now, or, within `hold`, when the held work has ended. */
  stop(signal: NodeJS.Signals): void {
    if (this.holding > 0) {
      this.held ??= signal;
      return;
    }
    // Every undo, the latest first; the first outcome said is the one given. One that fails does not keep
    // the others from running, nor the process from ending as the signal asks.
    let outcome: string | undefined;
    for (const undo of [...this.undos].reverse()) {
      try {
        const said = undo(signal);
        outcome ??= said;
      } catch {
        // What it could not undo, the next build finds beside the output and removes (removeLeftovers).
      }
    }
    this.stopped(signal, outcome);
  }

  /**
   * Runs `work`, which must not be stopped half-way, holding back any stop until it has ended, and then
   * stops, whether it succeeded or failed (after its own undo has learnt which, from `work`'s outcome).
   */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.holding++;
    let settled: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      settled = { ok: true, value: await work() };
    } catch (error) {
      settled = { ok: false, error };
    } finally {
      this.holding--;
    }
    const signal = this.holding === 0 ? this.held : undefined;
    if (signal) {
      this.held = undefined;
      this.stop(signal);
    }
    if (!settled.ok) throw settled.error;
    return settled.value;
  }
}
