/**
 * Markdown (a verdict's rationale) as blocks of styled text runs, for renderers that draw text
 * themselves (the PDF). CommonMark, like the web's react-markdown: paragraphs, emphasis, strong,
 * code, links, lists, headings, block quotes. Raw HTML stays literal text, never markup; only
 * http(s) and mailto links are clickable; anything else keeps its words as plain text.
 */
import { fromMarkdown } from "mdast-util-from-markdown";
import { markdownTooComplex } from "../markdown-limits";
import type { List, Nodes, PhrasingContent, RootContent } from "mdast";

export interface TextStyle {
  bold: boolean;
  italic: boolean;
  /** Code (inline or a block): drawn in a monospace font. */
  code: boolean;
  /** The link target when it is safe to click (http, https, mailto), else null. */
  link: string | null;
}

export interface TextRun extends TextStyle {
  text: string;
}

export interface TextBlock {
  /** Nesting level: each list or block quote around the block adds one. */
  depth: number;
  /** "•" or "3." on the first block of a list item, drawn in the gutter before it. */
  marker: string | null;
  /** Line breaks and spaces are kept as written (code blocks, raw HTML blocks). */
  preformatted: boolean;
  runs: TextRun[];
}

interface BlockContext {
  depth: number;
  style: TextStyle;
  /** Link reference definitions, by normalised label. */
  definitions: Map<string, string>;
}

const PLAIN: TextStyle = { bold: false, italic: false, code: false, link: null };
const CLICKABLE_URL = /^(?:https?:\/\/|mailto:)/i;

/** The URL when a reader may follow it (http, https, mailto); null for javascript:, data:, relative… */
export function clickableUrl(url: string | null | undefined): string | null {
  return url && CLICKABLE_URL.test(url) ? url : null;
}

/**
 * Parses Markdown into the blocks a renderer draws one after another. Text beyond the Markdown limits
 * (markdown-limits.ts: nesting, emphasis runs) is one preformatted block of plain text, as the web
 * pages show it, so no saved text can stall or crash a PDF.
 */
export function parseMarkdownBlocks(source: string): TextBlock[] {
  if (markdownTooComplex(source, "This text")) return [{ depth: 0, marker: null, preformatted: true, runs: [{ ...PLAIN, text: source }] }];
  const root = fromMarkdown(source);
  const context: BlockContext = { depth: 0, style: PLAIN, definitions: collectDefinitions(root, new Map()) };
  const blocks: TextBlock[] = [];
  appendBlocks(root.children, context, blocks);
  return blocks;
}

/** All of a block's text, as a reader sees it (for tests and plain-text fallbacks). */
export function blockText(block: TextBlock): string {
  return block.runs.map((run) => run.text).join("");
}

function collectDefinitions(node: Nodes, definitions: Map<string, string>): Map<string, string> {
  if (node.type === "definition" && !definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
  if ("children" in node) for (const child of node.children) collectDefinitions(child, definitions);
  return definitions;
}

function appendBlocks(nodes: RootContent[], context: BlockContext, blocks: TextBlock[]) {
  for (const node of nodes) appendBlock(node, context, blocks);
}

function appendBlock(node: RootContent, context: BlockContext, blocks: TextBlock[]) {
  switch (node.type) {
    case "paragraph":
      return pushBlock(blocks, context, collectRuns(node.children, context.style, context.definitions));
    case "heading":
      return pushBlock(blocks, context, collectRuns(node.children, { ...context.style, bold: true }, context.definitions));
    case "code":
      return pushBlock(blocks, context, [{ ...context.style, code: true, text: node.value }], true);
    case "html":
      return pushBlock(blocks, context, [{ ...context.style, text: node.value }], true);
    case "blockquote":
      return appendBlocks(node.children, { ...context, depth: context.depth + 1, style: { ...context.style, italic: true } }, blocks);
    case "list":
      return appendList(node, context, blocks);
    case "definition": // resolved where it is referenced; like the web, not shown itself
    case "thematicBreak": // no words to keep
      return;
    default:
      return pushBlock(blocks, context, [{ ...context.style, text: plainText(node) }]);
  }
}

function appendList(list: List, context: BlockContext, blocks: TextBlock[]) {
  const first = list.start ?? 1;
  const inner = { ...context, depth: context.depth + 1 };
  list.children.forEach((item, index) => {
    const from = blocks.length;
    appendBlocks(item.children, inner, blocks);
    markFirstBlock(blocks, from, list.ordered ? `${first + index}.` : "•", inner.depth);
  });
}

/** Puts a list item's marker on its first block, or on a block of its own when that one has a marker already. */
function markFirstBlock(blocks: TextBlock[], from: number, marker: string, depth: number) {
  const firstBlock = blocks[from];
  if (firstBlock && firstBlock.marker === null && firstBlock.depth === depth) firstBlock.marker = marker;
  else blocks.splice(from, 0, { depth, marker, preformatted: false, runs: [] });
}

function pushBlock(blocks: TextBlock[], context: BlockContext, runs: TextRun[], preformatted = false) {
  blocks.push({ depth: context.depth, marker: null, preformatted, runs: mergeRuns(runs) });
}

function collectRuns(nodes: PhrasingContent[], style: TextStyle, definitions: Map<string, string>): TextRun[] {
  return nodes.flatMap((node) => phrasingRuns(node, style, definitions));
}

function phrasingRuns(node: PhrasingContent, style: TextStyle, definitions: Map<string, string>): TextRun[] {
  switch (node.type) {
    case "text":
      // A line break inside a paragraph is a space, as in HTML.
      return [{ ...style, text: node.value.replace(/[ \t]*\r?\n[ \t]*/g, " ") }];
    case "emphasis":
      return collectRuns(node.children, { ...style, italic: true }, definitions);
    case "strong":
      return collectRuns(node.children, { ...style, bold: true }, definitions);
    case "inlineCode":
      return [{ ...style, code: true, text: node.value }];
    case "break":
      return [{ ...style, text: "\n" }];
    case "html":
      return [{ ...style, text: node.value }];
    case "link":
      return collectRuns(node.children, { ...style, link: clickableUrl(node.url) }, definitions);
    case "linkReference":
      return collectRuns(node.children, { ...style, link: clickableUrl(definitions.get(node.identifier)) }, definitions);
    case "image":
    case "imageReference":
      // As on the web: images are not fetched, their description is shown.
      return [{ ...style, text: `[image: ${node.alt ?? ""}]` }];
    default:
      return [{ ...style, text: plainText(node) }];
  }
}

/** The text of any node: its value, its description, or its children's text. */
function plainText(node: Nodes): string {
  if ("value" in node) return node.value;
  if ("alt" in node) return node.alt ?? "";
  if ("children" in node) return node.children.map((child: Nodes) => plainText(child)).join("");
  return "";
}

/** Joins neighbouring runs of the same style and drops empty ones, so a renderer draws fewer pieces. */
function mergeRuns(runs: TextRun[]): TextRun[] {
  const merged: TextRun[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (run.text === "") continue;
    if (last && sameStyle(last, run)) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.code === b.code && a.link === b.link;
}
