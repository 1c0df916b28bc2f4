// Types for fontkit 2 (the package ships none), only what the report renderer uses.
declare module "fontkit" {
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    /** Whether the font's cmap maps this code point to a glyph. */
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
