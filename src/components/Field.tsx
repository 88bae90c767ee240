import { type InputHTMLAttributes, type Ref, useId } from "react";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string;
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({ label, error, hint, inputRef, ...input }: FieldProps) {
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
        className="stack-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
      />
      {hint && !error && (
        <p className="stack-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="stack-field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
