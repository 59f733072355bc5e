/** An entry inserted into a YAML file's own text. */
import { describe, expect, it } from "vitest";
import { insertEntry, insertItem } from "../../../src/scaffold/yaml-insert.ts";

describe("inserting into a file's text", () => {
  it("adds an item to a list of blocks, after the comments the last item was offered, with the file's line ending", () => {
    const text = "- id: a\r\n  title: A\r\n  # description: |\r\n# the end of the file\r\n";
    const { text: after, added } = insertItem("strands.yaml", text, { id: "b", title: "B" }, ["# more: x"]);
    expect(after).toBe("- id: a\r\n  title: A\r\n  # description: |\r\n- id: b\r\n  title: B\r\n  # more: x\r\n# the end of the file\r\n");
    expect(after.slice(...added)).toBe("- id: b\r\n  title: B\r\n  # more: x\r\n");
  });

  it("fills an empty [] or {} on a line of its own, and refuses one beside other text or a list written on one line", () => {
    expect(insertItem("x.yaml", "[]", { id: "a" })).toMatchObject({ text: "- id: a\n", replaced: 2 });
    expect(insertEntry("x.yaml", "# head\n{} # none\n# tail\n", [], "vienna", { name: "Vienna" })).toMatchObject({ text: "# head\n# none\nvienna:\n  name: Vienna\n# tail\n", replaced: 10 });
    expect(() => insertItem("x.yaml", "[a, b]\n", { id: "c" })).toThrow("x.yaml: the file is not written as one entry per line");
    expect(() => insertItem("x.yaml", "key: value\n", { id: "c" })).toThrow("x.yaml: the file is not written as one entry per line");
  });
});
