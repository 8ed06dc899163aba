/**
 * Renders one definition file as YAML text.
 *
 * The loader reads YAML 1.2 (core schema), where `yes`, `on`, `1_000`, `2001-01-01` and `<<`
 * are plain strings. YAML 1.1 readers (Go's Wippy among them) take such words for bools,
 * numbers, timestamps or merge keys, so strings that a 1.1 reader would misread are
 * double-quoted: the text then means the same to both.
 */
import { Document, isNode, isSeq, visit } from "yaml";
import type { OrderedValue } from "./export-layout";

const AMBIGUOUS_IN_YAML_1_1 = new RegExp(
  [
    "y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|<<|=",
    "[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?", // sexagesimal 12:30
    "[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?)", // numbers with _ or bases
    "[-+]?\\.[0-9_]+(?:[eE][-+]?[0-9]+)?",
    "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?", // timestamps
  ]
    .map((alternative) => `(?:${alternative})`)
    .join("|")
    .replace(/^/, "^(?:")
    .concat(")$"),
);

export function renderDefinitionFile(namespace: string, entries: OrderedValue[]): string {
  const doc = new Document(new Map<string, OrderedValue>([["version", "1.0"], ["namespace", namespace], ["entries", entries]]));
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && AMBIGUOUS_IN_YAML_1_1.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  const list = doc.get("entries", true);
  // A blank line between entries, as people write them.
  if (isSeq(list)) {
    list.items.forEach((item, i) => {
      if (i > 0 && isNode(item)) item.spaceBefore = true;
    });
  }
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}
