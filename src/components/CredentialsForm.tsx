import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { errorField, type StackError } from "../core/index.js";
import { Field } from "./Field.js";
import { FormError } from "./FormError.js";
import { errorMessage, type Strings } from "./strings.js";

export interface Credentials {
  email: string;
  password: string;
}

interface CredentialsFormProps {
  submitLabel: string;
  pendingLabel: string;
  passwordAutoComplete: "current-password" | "new-password";
  passwordHint?: string;
  /** The email, shared with the other email form so switching keeps it. */
  email: string;
  onEmailChange(email: string): void;
  /** Resolves truthy on success, null on failure (with `error` set). */
  onSubmit(values: Credentials): Promise<unknown>;
  isPending: boolean;
  /** Another method is busy (or the sign-in is done): nothing can be submitted. */
  disabled?: boolean;
  error: StackError | undefined;
  onEdit(): void;
  /** Shown under the password field, e.g. "Forgot password?". */
  passwordExtra?: ReactNode;
  focusOnMount?: boolean;
  t: Strings;
}

/**
 * The email + password form of <SignIn/> and <SignUp/>: keeps everything typed on failure, puts each
 * error next to the field it concerns, and never submits twice.
 */
export function CredentialsForm(props: CredentialsFormProps) {
  const { t, error, isPending, email } = props;
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState<keyof Credentials | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const field = error ? errorField(error) : undefined;
  const message = error ? errorMessage(error, t) : undefined;
  const emailError = missing === "email" ? t.emailRequired : field === "email" ? message : undefined;
  const passwordError =
    missing === "password" ? t.passwordRequired : field === "password" ? message : undefined;
  const formError = field && field !== "email" && field !== "password" ? error : undefined;

  // Move focus to the field that needs attention, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (emailError) emailRef.current?.focus();
    else if (passwordError) passwordRef.current?.focus();
  }, [emailError, passwordError]);
  const focusOnMount = useRef(props.focusOnMount);
  useEffect(() => {
    if (focusOnMount.current) emailRef.current?.focus();
  }, []);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (isPending || props.disabled) return;
    const empty = !email.trim() ? "email" : !password ? "password" : null;
    setMissing(empty);
    if (!empty) void props.onSubmit({ email: email.trim(), password });
  };
  const edit = (name: keyof Credentials, value: string) => {
    if (name === "email") props.onEmailChange(value);
    else setPassword(value);
    setMissing(null);
    props.onEdit();
  };

  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-busy={isPending || undefined}>
      {formError && <FormError error={formError} retry={() => submit()} t={t} />}
      <Field
        label={t.email}
        type="email"
        name="email"
        autoComplete="email"
        inputMode="email"
        required
        value={email}
        onChange={(e) => edit("email", e.target.value)}
        error={emailError}
        inputRef={emailRef}
        readOnly={isPending}
      />
      <Field
        label={t.password}
        type="password"
        name="password"
        autoComplete={props.passwordAutoComplete}
        required
        value={password}
        onChange={(e) => edit("password", e.target.value)}
        error={passwordError}
        hint={props.passwordHint}
        inputRef={passwordRef}
        readOnly={isPending}
      />
      {props.passwordExtra}
      <button type="submit" className="stack-button" disabled={isPending || props.disabled}>
        {isPending ? props.pendingLabel : props.submitLabel}
      </button>
    </form>
  );
}
