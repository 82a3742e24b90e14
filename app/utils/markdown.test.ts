import { describe, expect, it } from "vitest";
import { markdownHtml, proseLines } from "./markdown.server";

describe("markdownHtml", () => {
  it("renders emphasis, lists, headings and tables, with alignment as a class", () => {
    const html = markdownHtml("## Scope\n\nKeep **all** of `clause 4`.\n\n- one\n- two\n\n| Item | Amount |\n|---|---:|\n| Rent | 1,200 |\n");
    expect(html).toContain("<h3>Scope</h3>");
    expect(html).toContain("<strong>all</strong>");
    expect(html).toContain("<code>clause 4</code>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('<td class="al-right">1,200</td>');
    expect(html).not.toContain("style=");
  });

  it("lets no raw HTML, script link or event handler through", () => {
    const html = markdownHtml(
      "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) <img src=x onerror=alert(3)> <script>alert(4)</script>\n\n| a | <b onclick=alert(5)>b</b> |\n|---|---|\n| <iframe srcdoc=x></iframe> | [z](data:text/html,hi) |\n",
    );
    // No element but the allowed ones, no attribute on any tag but href/class, no script link.
    expect(html).not.toMatch(/<(img|script|iframe|b)\b/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/href="(javascript|data)/i);
    // The markup is shown as text, so the reader still sees what was written.
    expect(html).toContain("&lt;img src=x onerror=alert(3)&gt;");
  });

  it("shows bidi controls and zero-width characters as markers, in text, emphasis, code and links", () => {
    const html = markdownHtml("Pay \u202Eevil\u202C now. **b\u200Bold** `co\u2066de` [li\u200Fnk](https://example.org/a\u202E)");
    expect(html).toContain('Pay <span class="format-char" title="Hidden direction control U+202E">⟨U+202E⟩</span>evil<span class="format-char" title="Hidden direction control U+202C">⟨U+202C⟩</span> now.');
    expect(html).toContain('<strong>b<span class="format-char" title="Invisible character U+200B">⟨U+200B⟩</span>old</strong>');
    expect(html).toContain('<code>co<span class="format-char" title="Hidden direction control U+2066">⟨U+2066⟩</span>de</code>');
    expect(html).toContain("⟨U+200F⟩</span>nk</a>");
    // No format character is left to act on the page.
    expect(html).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/);
    expect(markdownHtml("plain **text**")).toBe("<p>plain <strong>text</strong></p>\n");
  });

  it("keeps plain links, marked as not followed by the page", () => {
    expect(markdownHtml("[docs](https://example.org/a)")).toContain('<a href="https://example.org/a" rel="nofollow noopener noreferrer">docs</a>');
  });
});

describe("proseLines", () => {
  const memo = ["# Cash runway", "", "Opening cash was **1,200**.", "- Receipts follow the curve,", "  and renewals are due in 30 days.", "", "| EUR k | Jan | Total |", "|---|---:|---:|", "| Rent | (10) | (60) |", "| **Net** | <img src=x onerror=alert(1)> | `5` |"];

  it("gives one rendered line per draft line, so line numbers still point at the text", () => {
    const out = proseLines(memo);
    expect(out).toHaveLength(memo.length);
    expect(out[0]).toEqual({ kind: "heading md-h1", html: "Cash runway" });
    expect(out[2].html).toBe("Opening cash was <strong>1,200</strong>.");
    expect(out[3].kind).toBe("md-li");
    expect(out[3].html).toContain("Receipts follow the curve,");
    expect(out[4].kind).toBe("md-li-cont");
  });

  it("renders a pipe table as rows of aligned cells with header and separator rows marked", () => {
    const out = proseLines(memo);
    expect(out[6].kind).toBe("table-row md-cols-3 md-thead");
    expect(out[7]).toEqual({ kind: "table-row md-cols-3 md-sep", html: "" });
    expect(out[8].kind).toBe("table-row md-cols-3");
    expect(out[8].html).toBe('<span class="md-td al-left">Rent</span> <span class="md-td al-right">(10)</span> <span class="md-td al-right">(60)</span>');
    expect(out[9].html).toContain('<span class="md-td al-left"><strong>Net</strong></span>');
    expect(out[9].html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(out[9].html).not.toContain("<img");
  });
});
