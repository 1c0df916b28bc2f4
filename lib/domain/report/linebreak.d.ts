// Types for linebreak 1.1 (the package ships none): UAX #14 break opportunities, positions in UTF-16 code units.
declare module "linebreak" {
  export default class LineBreaker {
    constructor(text: string);
    /** The next break opportunity (a line may start at `position`), or null at the end of the text. */
    nextBreak(): { position: number; required: boolean } | null;
  }
}
