import { useEffect, useRef, useState } from "react";

/**
 * A link to hand on: the whole link in a field that fits its box (selected on focus), and with
 * JavaScript a Copy button that says whether it worked. Without JavaScript there is no button.
 */
export function CopyLink({ link, label, testId }: { link: string; label: string; testId?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [canCopy, setCanCopy] = useState(false);
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => setCanCopy(true), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setState("copied");
    } catch {
      input.current?.select();
      setState("failed");
    }
  };
  return (
    <div className="copy-link">
      <input ref={input} type="text" readOnly value={link} aria-label={label} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
      {canCopy ? (
        <button type="button" className="btn btn-small" onClick={copy}>
          Copy link
        </button>
      ) : null}
      <span role="status" className="small">
        {state === "copied" ? "Copied." : state === "failed" ? "Could not copy: the link is selected, press Ctrl+C (⌘C on a Mac)." : ""}
      </span>
    </div>
  );
}
