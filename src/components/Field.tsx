import { type InputHTMLAttributes, type Ref, useId } from "react";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string;
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** Announce the error as soon as it appears (for fields that submit themselves, like a code). */
  announceError?: boolean;
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({ label, error, hint, inputRef, announceError, className, ...input }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="stack-field">
      <label className="stack-label" htmlFor={id}>
        {label}
      </label>
      <input
        {...input}
        ref={inputRef}
        id={id}
        className={className ? `stack-input ${className}` : "stack-input"}
        aria-invalid={error ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
      />
      {hint && !error && (
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
