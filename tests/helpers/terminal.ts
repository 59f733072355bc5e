import { spawn } from "node:child_process";
import path from "node:path";
import type { Run } from "./cli.ts";
import { ROOT } from "./data.ts";

/** A POSIX shell word. */
const word = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/**
 * Runs the `activity-report` bin in a terminal of its own (a pseudo-terminal made by util-linux's `script`),
 * as an editor runs it, and answers its questions: each answer is typed, with Enter, once the question
 * that starts with its `question` has been asked and waits. Output comes back as the terminal shows it
 * (line ends as \r\n, the answers echoed).
 */
export function runInTerminal(args: readonly string[], answers: readonly { question: string; answer: string }[], options: { cwd?: string } = {}): Promise<Run & { asked: string[] }> {
  const command = [process.execPath, path.join(ROOT, "bin/activity-report.js"), ...args].map(word).join(" ");
  const child = spawn("script", ["--quiet", "--flush", "--return", "--command", command, "/dev/null"], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, TERM: "dumb" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let from = 0;
  let next = 0;
  const asked: string[] = [];
  const answer = () => {
    const pending = output.slice(from);
    const wanted = answers[next];
    // A question waits at the end of what was shown, after its colon.
    if (!wanted || !/: $/.test(pending)) return;
    const question = pending.split(/\r?\n/).at(-1)!;
    if (!question.startsWith(wanted.question)) return;
    asked.push(question);
    child.stdin.write(`${wanted.answer}\r`);
    from = output.length;
    next++;
  };
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    answer();
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      child.stdin.end();
      resolve({ code, stdout: output, stderr, asked });
    });
  });
}
