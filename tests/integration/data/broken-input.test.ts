/** Files that are not what they seem: named pipes (made by mkfifo) and files another account cannot read (checked as that account). */
import { execFileSync } from "node:child_process";
import { chmod, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.ts";
import { runMain } from "../../helpers/main.ts";
import { cleanUp, diagnosticsOf, sampleCopy } from "../../helpers/data.ts";

afterAll(cleanUp);

describe("files that are not what they seem", () => {
  const NOT_A_FILE = "not a file: a data file must be an ordinary text file, so replace it with one";

  it("a named pipe, a folder, a link to either and a name that is not UTF-8: each reported, none waited on", async () => {
    const data = await sampleCopy();
    execFileSync("mkfifo", [path.join(data, "pipe")]);
    execFileSync("mkfifo", [path.join(data, "events/2018/2018-06-01-pipe.yaml")]);
    await symlink("../../pipe", path.join(data, "events/2018/2018-06-02-link-to-pipe.yaml"));
    await symlink("../2017", path.join(data, "events/2018/2018-06-03-link-to-folder.yaml"));
    await rm(path.join(data, "topics.yaml"));
    await symlink("pipe", path.join(data, "topics.yaml"));
    await rm(path.join(data, "strands.yaml"));
    await mkdir(path.join(data, "strands.yaml"));
    // Names in Latin-1, as an old archive or another system writes them: é is the byte 0xE9.
    await writeFile(Buffer.from(`${data}/events/2018/2018-06-04-caf\xe9.yaml`, "latin1"), "title: x\n");
    await mkdir(Buffer.from(`${data}/events/caf\xe9`, "latin1"));
    expect(await diagnosticsOf(data)).toEqual([
      "events/2018/2018-06-01-pipe.yaml: this is a named pipe (FIFO), " + NOT_A_FILE,
      "events/2018/2018-06-02-link-to-pipe.yaml: this is a named pipe (FIFO), " + NOT_A_FILE,
      "events/2018/2018-06-03-link-to-folder.yaml: this is a folder, not a file: a data file must be an ordinary text file, so rename or remove the folder",
      "events/2018/2018-06-04-caf\\xE9.yaml: the file name is not UTF-8 text (byte 0xE9), so it cannot be read; rename the file in lower case letters, digits and hyphens",
      "events/caf\\xE9: the folder name is not UTF-8 text (byte 0xE9), so it cannot be read; rename the folder in lower case letters, digits and hyphens",
      "strands.yaml: this is a folder, not a file: a data file must be an ordinary text file, so rename or remove the folder",
      "topics.yaml: this is a named pipe (FIFO), " + NOT_A_FILE,
    ]);
    const check = await runMain(["check", "--data", data]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("7 errors, 0 warnings");
  });

  it("files and folders that cannot be read, for the account that checks", async () => {
    const data = await sampleCopy();
    await chmod(path.dirname(data), 0o755);
    await chmod(path.join(data, "places.yaml"), 0o000);
    await chmod(path.join(data, "events/2017/2017-05-24-erbil-training-of-trainers-iraq.yaml"), 0o000);
    await chmod(path.join(data, "events/2016"), 0o000);
    // As an ordinary user: root may read anything.
    const check = await runCli(["check", "--data", data], { uid: 65534, gid: 65534, cwd: "/tmp", env: { HOME: "/tmp" } });
    expect(check.code).toBe(1);
    // Paths as the check shows them: relative to where it runs.
    const lines = check.stderr.trim().split("\n").map((line) => line.replace(path.relative("/tmp", data), data));
    expect(lines).toEqual([
      `${data}/events/2016: the folder cannot be read: permission denied; make it readable for the account that runs the check (e.g. chmod a+rx)`,
      `${data}/events/2017/2017-05-24-erbil-training-of-trainers-iraq.yaml: the file cannot be read: permission denied; make it readable for the account that runs the check (e.g. chmod a+r)`,
      `${data}/places.yaml: the file cannot be read: permission denied; make it readable for the account that runs the check (e.g. chmod a+r)`,
      "3 errors, 0 warnings",
    ]);
  });
});
