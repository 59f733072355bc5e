/**
 * Ending the process on a signal at once. `process.exit()` first waits for every task already given to
 * libuv's thread pool to finish, and sharp encodes pictures there: a build stopped while encoding would go
 * on for as long as the encodings queued take (minutes, for large photos). The signal itself ends the
 * process without that wait.
 */

/** The exit code a shell reports for a process ended by `signal` (128 + its number): 130 for SIGINT, 143 for SIGTERM. */
export const signalExitCode = (signal: NodeJS.Signals): number => (signal === "SIGINT" ? 130 : 143);

/**
 * Ends the process by `signal`, now: the process's `exit` listeners run first (they close the browser
 * and remove its folder, as they would on `process.exit`), then every listener of the signal is removed,
 * so that it takes its default action, and the signal is sent again. A shell reports 130 or 143.
 */
export function endBySignal(signal: NodeJS.Signals): never {
  const code = signalExitCode(signal);
  process.exitCode = code;
  process.emit("exit", code);
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
  // Not reached once the signal is delivered; should it be held somewhere, this ends the process all the same.
  return process.exit(code);
}
