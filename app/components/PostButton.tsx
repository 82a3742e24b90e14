import { Form } from "@remix-run/react";
import type { ButtonHTMLAttributes, ReactNode } from "react";

interface Props extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> {
  /** Hidden fields posted with the button (e.g. the intent and the row's id). */
  fields?: Record<string, string>;
  /** Where to post; the current route when not given. */
  action?: string;
  formClassName?: string;
  children: ReactNode;
}

/** A single button that posts one action for one row (sign out a session, disable an account): a plain form, so it works without JavaScript. */
export function PostButton({ fields = {}, action, formClassName, className = "btn btn-small", children, ...button }: Props) {
  return (
    <Form method="post" action={action} className={formClassName}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} {...button}>
        {children}
      </button>
    </Form>
  );
}
