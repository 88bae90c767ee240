import type { ReactNode } from "react";
import type { StackError } from "../core/index.js";
import { errorMessage, type Strings } from "./strings.js";

/** The frame of an auth page while it cannot show its form yet: loading, failed, or not available. */
export function AuthCard({ title, children, busy }: { title: string; children: ReactNode; busy?: boolean }) {
  return (
    <section className="stack-card" aria-busy={busy || undefined} aria-label={title}>
      <h2 className="stack-title">{title}</h2>
      {children}
    </section>
  );
}

export function Loading({ title, t }: { title: string; t: Strings }) {
  return (
    <AuthCard title={title} busy>
      <p className="stack-status" role="status">
        <span className="stack-spinner" aria-hidden="true" />
        {t.loading}
      </p>
    </AuthCard>
  );
}

export function LoadFailed({
  title,
  error,
  retry,
  t,
}: {
  title: string;
  error: StackError;
  retry(): void;
  t: Strings;
}) {
  return (
    <AuthCard title={title}>
      <div className="stack-form-error" role="alert">
        <p>{errorMessage(error, t)}</p>
        <button type="button" className="stack-button stack-button-secondary" onClick={retry}>
          {t.tryAgain}
        </button>
      </div>
    </AuthCard>
  );
}
