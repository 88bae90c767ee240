import { type InputHTMLAttributes, type ReactNode, type Ref, useId, useState } from "react";
import type { Strings } from "./strings.js";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  /** Replaces the hint while shown; may hold a link (e.g. "Sign in instead"). */
  error?: ReactNode;
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** Announce the error as soon as it appears (for fields that submit themselves, like a code). */
  announceError?: boolean;
  /** A control inside the input's box, after it (the password's show/hide). */
  action?: ReactNode;
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({
  label,
  error,
  hint,
  inputRef,
  announceError,
  action,
  className,
  ...input
}: FieldProps) {
  const id = useId();
  // Only what is on the page: the error replaces the hint.
  const hintId = hint && !error ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const field = (
    <input
      {...input}
      ref={inputRef}
      id={id}
      className={className ? `stack-input ${className}` : "stack-input"}
      aria-invalid={error ? true : undefined}
      aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
    />
  );
  return (
    <div className="stack-field">
      <label className="stack-label" htmlFor={id}>
        {label}
      </label>
      {action ? (
        <div className="stack-input-box">
          {field}
          {action}
        </div>
      ) : (
        field
      )}
      {hintId && (
        <p className="stack-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="stack-field-error" id={errorId} role={announceError ? "alert" : undefined}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A password field with a "Show password" toggle (a pressed button shows the characters). */
/** An email field with what every email input of the kit wants: the right keyboard, autofill, required. */
export function EmailField(
  props: Omit<FieldProps, "type" | "name" | "autoComplete" | "inputMode" | "required">,
) {
  return <Field {...props} type="email" name="email" autoComplete="email" inputMode="email" required />;
}

export function PasswordField({ t, ...props }: Omit<FieldProps, "type" | "action"> & { t: Strings }) {
  const [shown, setShown] = useState(false);
  return (
    <Field
      {...props}
      type={shown ? "text" : "password"}
      // Shown, it is still a password: no spell-checking service, no capitalising.
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      action={
        <button
          type="button"
          className="stack-reveal"
          aria-pressed={shown}
          onClick={() => setShown((s) => !s)}
        >
          <EyeIcon crossed={shown} />
          <span className="stack-sr-only">{t.showPassword}</span>
        </button>
      }
    />
  );
}

function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg
      aria-hidden="true"
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
      {crossed && <path d="M3 3l18 18" />}
    </svg>
  );
}
