import { visibleParts } from "~/domain/text/format-chars";

/**
 * Text someone wrote, with every invisible format character shown as a marker (⟨U+202E⟩):
 * a direction override or zero-width space can make an explanation read differently from what
 * was stored, so a reader sees where they are instead of their effect.
 */
export function ShownText({ text }: { text: string }) {
  const parts = visibleParts(text);
  if (parts.length === 1 && parts[0].kind === "text") return <>{text}</>;
  return (
    <>
      {parts.map((p, i) =>
        p.kind === "text" ? (
          p.text
        ) : (
          <span key={i} className="format-char" title={p.bidi ? `Hidden direction control ${p.label}` : `Invisible character ${p.label}`}>
            {`⟨${p.label}⟩`}
          </span>
        ),
      )}
    </>
  );
}
