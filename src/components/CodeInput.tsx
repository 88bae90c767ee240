import { type Ref, useRef } from "react";
import { Field } from "./Field.js";

export interface CodeInputProps {
  label: string;
  value: string;
  /** Called with the cleaned-up value (spaces and dashes dropped, upper case, at most `length` characters). */
  onChange(value: string): void;
  /** Called once the last character is in, typed or pasted: submit from here. */
  onComplete?(value: string): void;
  error?: string;
  hint?: string;
  /** Digits only (an authenticator app's code); default letters and digits (an emailed code). */
  numeric?: boolean;
  length?: number;
  readOnly?: boolean;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * One input for a one-time code: the browser and password managers can fill it (`one-time-code`), a pasted
 * "ABC 123" or "123-456" works, and it completes itself on the last character.
 */
export function CodeInput({ length = 6, numeric = false, onChange, onComplete, ...props }: CodeInputProps) {
  const completed = useRef<string | null>(null);
  const clean = (raw: string) =>
    (numeric ? raw.replace(/\D/g, "") : raw.replace(/[^0-9a-z]/gi, "").toUpperCase()).slice(0, length);
  return (
    <Field
      label={props.label}
      name={props.name ?? "code"}
      className="stack-code-input"
      type="text"
      autoComplete="one-time-code"
      inputMode={numeric ? "numeric" : "text"}
      autoCapitalize={numeric ? undefined : "characters"}
      autoCorrect="off"
      spellCheck={false}
      required
      value={props.value}
      onChange={(event) => {
        const next = clean(event.target.value);
        onChange(next);
        // Completes once per value: an edit after a failed attempt completes again, a re-render does not.
        if (next.length === length && next !== completed.current) {
          completed.current = next;
          onComplete?.(next);
        } else if (next.length < length) completed.current = null;
      }}
      error={props.error}
      hint={props.hint}
      announceError
      readOnly={props.readOnly}
      inputRef={props.inputRef}
    />
  );
}
