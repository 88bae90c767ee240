import type { ReactNode } from "react";
import { AuthCard } from "./AuthCard.js";

/** An auth page's card while it works on a link's code: a spinner and what is happening. */
export function Working({ title, text }: { title: string; text: string }) {
  return (
    <AuthCard title={title} busy>
      <p className="stack-status" role="status">
        <span className="stack-spinner" aria-hidden="true" />
        {text}
      </p>
    </AuthCard>
  );
}

/** An auth page's final word: a message (announced) and where to go from here. */
export function Outcome({
  title,
  message,
  kind,
  children,
}: {
  title: string;
  message: string;
  kind: "success" | "error";
  children?: ReactNode;
}) {
  return (
    <AuthCard title={title}>
      <p
        className={kind === "error" ? "stack-form-error" : "stack-text"}
        role={kind === "error" ? "alert" : "status"}
      >
        {message}
      </p>
      {children}
    </AuthCard>
  );
}
