import { describe, expect, it } from "vitest";
import { activeMentionQuery, findMentions, insertMention, mentionedUserIds, suggestMentions } from "./mentions";

const rita = { id: "u-rita", name: "Rita Reviewer", email: "rita@desk.example" };
const sam = { id: "u-sam", name: "Sam", email: "sam@desk.example" };
const samLee = { id: "u-samlee", name: "Sam Lee", email: "slee@desk.example" };
const people = [rita, sam, samLee];

describe("findMentions", () => {
  it("finds a full name with a space and an email address, with their offsets", () => {
    const body = "Thanks @Rita Reviewer, and cc @sam@desk.example.";
    expect(findMentions(body, people)).toEqual([
      { userId: "u-rita", start: 7, end: 21 },
      { userId: "u-sam", start: 30, end: 47 },
    ]);
  });

  it("is case-insensitive", () => {
    expect(mentionedUserIds("@rita reviewer please look", people)).toEqual(["u-rita"]);
  });

  it("prefers the longest name that fits", () => {
    expect(mentionedUserIds("@Sam Lee, and @Sam alone", people)).toEqual(["u-samlee", "u-sam"]);
  });

  it("needs a word boundary after the name", () => {
    expect(mentionedUserIds("@Samuel and @Sammy are not Sam", people)).toEqual([]);
    expect(mentionedUserIds("@sam@desk.example.org is another address", people)).toEqual([]);
  });

  it("ignores an @ inside a word or an email address in running text", () => {
    expect(mentionedUserIds("write to x@Sam or foo.@Sam", people)).toEqual([]);
  });

  it("accepts punctuation and line ends after a mention", () => {
    expect(mentionedUserIds("(@Sam) @Rita Reviewer:\n@Sam Lee!", people)).toEqual(["u-sam", "u-rita", "u-samlee"]);
  });

  it("lists each person once", () => {
    expect(mentionedUserIds("@Sam @sam @sam@desk.example", people)).toEqual(["u-sam"]);
  });

  it("leaves unknown handles as plain text", () => {
    expect(findMentions("@nobody here, @ alone, @", people)).toEqual([]);
  });
});

describe("autocompletion", () => {
  it("finds the query being typed before the caret, spaces included", () => {
    const text = "Please check @Rita Re";
    expect(activeMentionQuery(text, text.length)).toEqual({ start: 13, query: "Rita Re" });
    expect(activeMentionQuery("no mention here", 15)).toBeNull();
    expect(activeMentionQuery("mail x@y", 8)).toBeNull();
    expect(activeMentionQuery("@Rita\nnext line", 15)).toBeNull();
  });

  it("suggests people by name, by a word of their name or by email", () => {
    expect(suggestMentions(people, "sa").map((p) => p.id)).toEqual(["u-sam", "u-samlee"]);
    expect(suggestMentions(people, "lee").map((p) => p.id)).toEqual(["u-samlee"]);
    expect(suggestMentions(people, "slee@").map((p) => p.id)).toEqual(["u-samlee"]);
    expect(suggestMentions(people, "zz")).toEqual([]);
  });

  it("inserts the chosen name in place of the query and moves the caret after it", () => {
    const text = "Hi @ri, see above";
    const result = insertMention(text, 3, 6, rita);
    expect(result).toEqual({ text: "Hi @Rita Reviewer , see above", caret: 18 });
    expect(mentionedUserIds(result.text, people)).toEqual(["u-rita"]);
  });
});
