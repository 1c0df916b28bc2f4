/** Verdict reports: the model and its text renderers (the PDF renderer is imported from ./pdf). */
export * from "./model";
export * from "./csv";
export * from "./json";
export * from "./claim-review";
export * from "./format-info";
export * from "./formats";
export * from "./progress";
export * from "./scope";
