import { formatByteSize } from "@/lib/domain/evidence-file";
import type { ActionState } from "./action-state";

/**
 * The largest request body a server action accepts, in bytes: next.config.js's
 * `experimental.serverActions.bodySizeLimit` ("3mb", which Next.js reads with the `bytes` package as
 * 3 × 1,024 × 1,024). A form whose body is larger never reaches the action: Next.js refuses it before
 * any of our code runs and the browser shows the error page, so the forms measure themselves first
 * (`formTooLarge`). form-size.test.ts checks that the two figures agree.
 */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

/**
 * Bytes a multipart/form-data part adds around its value (boundary line, Content-Disposition with the
 * field's name, a file's filename and Content-Type, blank lines): an upper bound, measured on Chromium's
 * and undici's encodings (~100–200 bytes a part).
 */
const PART_OVERHEAD_BYTES = 320;

/** Length of `text` in UTF-8, in bytes (a lone surrogate counts as U+FFFD's 3 bytes, as TextEncoder writes it). Linear, allocates nothing. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * An upper bound of the multipart/form-data body `form` becomes when a form posts it (bytes): each
 * field's name and value in UTF-8 (a file: its size) plus PART_OVERHEAD_BYTES a part.
 */
export function formDataBytes(form: FormData): number {
  let bytes = 0;
  for (const [name, value] of form.entries()) {
    bytes += PART_OVERHEAD_BYTES + utf8ByteLength(name) + (typeof value === "string" ? utf8ByteLength(value) : value.size + utf8ByteLength(value.name));
  }
  return bytes;
}

/** A form's text fields by name (files and the framework's own `$ACTION…` fields left out): what a refusal gives back so nothing typed is lost. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === "string" && !name.startsWith("$ACTION")) values[name] = value;
  return values;
}

/**
 * The refusal a form shows instead of sending a body the server would not accept (more than
 * `limitBytes`, default SERVER_ACTION_BODY_LIMIT_BYTES), or null when `form` fits. The refusal keeps
 * every text field's value (`values`), so nothing typed is lost, and says that nothing was sent.
 */
export function formTooLarge(form: FormData, limitBytes = SERVER_ACTION_BODY_LIMIT_BYTES): ActionState | null {
  const bytes = formDataBytes(form);
  if (bytes <= limitBytes) return null;
  return {
    status: "error",
    code: "PAYLOAD_TOO_LARGE",
    message: `This form holds ${formatByteSize(bytes)}, more than the ${formatByteSize(limitBytes)} the server accepts at once, so it was not sent and nothing was saved. Shorten the longest text and try again.`,
    values: formValues(form),
  };
}
