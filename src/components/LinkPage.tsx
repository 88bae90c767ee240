import type { ReactNode } from "react";
import { AuthCard, type HeadingLevel } from "./AuthCard.js";

/** An auth page's card while it works on a link's code: a spinner and what is happening. */
export function Working({ title, level, text }: { title: string; level?: HeadingLevel; text: string }) {
  return (
    <AuthCard title={title} level={level} busy>
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
  level,
  message,
  kind,
  children,
}: {
  title: string;
  level?: HeadingLevel;
  message: string;
  kind: "success" | "error";
  children?: ReactNode;
}) {
  return (
    <AuthCard title={title} level={level}>
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
