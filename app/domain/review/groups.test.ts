import { describe, expect, it } from "vitest";
import { groupExplanations } from "./groups";

describe("groupExplanations", () => {
  it("groups explanations that cover the same key points in similar words, and separates the rest", () => {
    const groups = groupExplanations([
      { id: "a", text: "The loop runs one time too many because of <=, reading past the end of the array.", covered: [true, true] },
      { id: "b", text: "Because of <= the loop runs one too many times and reads past the end of the array.", covered: [true, true] },
      { id: "c", text: "Something is off with this line.", covered: [false, false] },
      { id: "d", text: "The loop runs one extra time.", covered: [true, false] },
      { id: "e", text: "The loop runs one too many times and reads past the array end due to <=.", covered: [true, true] },
    ]);
    expect(groups.map((g) => g.members.map((m) => m.id))).toEqual([["a", "b", "e"], ["d"], ["c"]]);
    expect(groups[0].covered).toEqual([true, true]);
  });

  it("keeps same-coverage explanations apart when their wording differs completely", () => {
    const groups = groupExplanations([
      { id: "a", text: "Liability cap deleted so exposure is unlimited.", covered: [true] },
      { id: "b", text: "Totally different words describing another concern here.", covered: [true] },
    ]);
    expect(groups).toHaveLength(2);
  });
});
