/**
 * Reading text input files for the CLI scripts with clear errors:
 * missing file, not a regular file, empty, too large, binary or not UTF-8.
 */
import fs from "node:fs";

export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

export class InputError extends Error {}

export function readTextFile(file: string | undefined, maxBytes = MAX_INPUT_BYTES): string {
  if (!file) throw new InputError("no input file given");
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputError(`${file}: no such file`);
  }
  if (!stat.isFile()) throw new InputError(`${file}: not a regular file`);
  if (stat.size === 0) throw new InputError(`${file}: file is empty`);
  if (stat.size > maxBytes) {
    throw new InputError(`${file}: file is too large (${stat.size} bytes; the limit is ${maxBytes} bytes)`);
  }
  const bytes = fs.readFileSync(file);
  if (bytes.includes(0)) throw new InputError(`${file}: looks like a binary file (contains NUL bytes)`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${file}: not valid UTF-8 text`);
  }
  text = text.replace(/^\uFEFF/, "");
  // Other control characters (besides tab/newlines/form feed) indicate binary data.
  const controls = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > 0 && controls / text.length > 0.001) throw new InputError(`${file}: looks like a binary file (control characters)`);
  if (!text.trim()) throw new InputError(`${file}: file has no text`);
  return text;
}
