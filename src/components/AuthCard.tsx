import { type FormEvent, type ReactNode, useId } from "react";
import type { StackError } from "../core/index.js";
import { errorMessage, type Strings } from "./strings.js";

/** The level of a page's title: 1 where the page is the main content (the default), lower inside a page. */
export type HeadingLevel = 1 | 2 | 3;

/** A card's title at the level the page asked for. */
export function Title({
  level = 1,
  id,
  children,
}: {
  level?: HeadingLevel;
  id?: string;
  children: ReactNode;
}) {
  const Heading = `h${level}` as const;
  return (
    <Heading className="stack-title" id={id}>
      {children}
    </Heading>
  );
}

/** The frame of an auth page while it cannot show its form yet: loading, failed, or not available. */
export function AuthCard({
  title,
  level,
  children,
  busy,
}: {
  title: string;
  level?: HeadingLevel;
  children: ReactNode;
  busy?: boolean;
}) {
  return (
    <section className="stack-card" aria-busy={busy || undefined} aria-label={title}>
      <Title level={level}>{title}</Title>
      {children}
    </section>
  );
}

export function Loading({ title, level, t }: { title: string; level?: HeadingLevel; t: Strings }) {
  return (
    <AuthCard title={title} level={level} busy>
      <p className="stack-status" role="status">
        <span className="stack-spinner" aria-hidden="true" />
        {t.loading}
      </p>
    </AuthCard>
  );
}

export function LoadFailed({
  title,
  level,
  error,
  retry,
  t,
}: {
  title: string;
  level?: HeadingLevel;
  error: StackError;
  retry(): void;
  t: Strings;
}) {
  return (
    <AuthCard title={title} level={level}>
      <div className="stack-form-error" role="alert">
        <p>{errorMessage(error, t)}</p>
        <button type="button" className="stack-button stack-button-secondary" onClick={retry}>
          {t.tryAgain}
        </button>
      </div>
    </AuthCard>
  );
}

/** A titled card that is a form: the form is named by its title and busy while it submits. */
export function FormCard({
  title,
  level,
  busy,
  onSubmit,
  children,
}: {
  title: string;
  level?: HeadingLevel;
  busy?: boolean;
  onSubmit(event: FormEvent): void;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <form
      className="stack-card"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={titleId}
      aria-busy={busy || undefined}
    >
      <Title level={level} id={titleId}>
        {title}
      </Title>
      {children}
    </form>
  );
}
