import type { InputHTMLAttributes } from "react";

interface Props extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  error?: string;
}

/** A labelled input (text unless `type` says otherwise) whose error is announced and tied to it for screen readers. */
export function Field({ label, name, error, id, ...rest }: Props) {
  const inputId = id ?? `f-${name}`;
  return (
    <div>
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        name={name}
        type="text"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        {...rest}
      />
      {error ? (
        <div className="field-error" id={`${inputId}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
