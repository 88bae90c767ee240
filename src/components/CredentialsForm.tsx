import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { errorField, type StackError } from "../core/index.js";
import { Field } from "./Field.js";
import { errorMessage, isRetryable, type Strings } from "./strings.js";

export interface Credentials {
  email: string;
  password: string;
}

interface CredentialsFormProps {
  title: string;
  submitLabel: string;
  pendingLabel: string;
  passwordAutoComplete: "current-password" | "new-password";
  passwordHint?: string;
  /** Resolves truthy on success, null on failure (with `error` set). */
  onSubmit(values: Credentials): Promise<unknown>;
  isPending: boolean;
  error: StackError | undefined;
  onEdit(): void;
  succeeded: boolean;
  footer?: ReactNode;
  t: Strings;
}

/**
 * The email + password form behind <SignIn/> and <SignUp/>: keeps everything typed on failure, puts
 * each error next to the field it concerns, and never submits twice.
 */
export function CredentialsForm(props: CredentialsFormProps) {
  const { t, error, isPending } = props;
  const [values, setValues] = useState<Credentials>({ email: "", password: "" });
  const [missing, setMissing] = useState<keyof Credentials | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const field = error ? errorField(error) : undefined;
  const message = error ? errorMessage(error, t) : undefined;
  const emailError = missing === "email" ? t.emailRequired : field === "email" ? message : undefined;
  const passwordError =
    missing === "password" ? t.passwordRequired : field === "password" ? message : undefined;
  const formError = field && field !== "email" && field !== "password" ? message : undefined;

  // Move focus to the field that needs attention, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (emailError) emailRef.current?.focus();
    else if (passwordError) passwordRef.current?.focus();
  }, [emailError, passwordError]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (isPending || props.succeeded) return;
    const empty = !values.email.trim() ? "email" : !values.password ? "password" : null;
    setMissing(empty);
    if (!empty) void props.onSubmit({ email: values.email.trim(), password: values.password });
  };
  const edit = (name: keyof Credentials, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setMissing(null);
    props.onEdit();
  };

  return (
    <form className="stack-card" onSubmit={submit} noValidate aria-busy={isPending || undefined}>
      <h2 className="stack-title">{props.title}</h2>
      {formError && (
        <div className="stack-form-error" role="alert">
          <p>{formError}</p>
          {error && isRetryable(error) && (
            <button type="button" className="stack-button stack-button-secondary" onClick={() => submit()}>
              {t.tryAgain}
            </button>
          )}
        </div>
      )}
      <Field
        label={t.email}
        type="email"
        name="email"
        autoComplete="email"
        inputMode="email"
        required
        value={values.email}
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
        value={values.password}
        onChange={(e) => edit("password", e.target.value)}
        error={passwordError}
        hint={props.passwordHint}
        inputRef={passwordRef}
        readOnly={isPending}
      />
      <button type="submit" className="stack-button" disabled={isPending || props.succeeded}>
        {isPending ? props.pendingLabel : props.submitLabel}
      </button>
      {props.succeeded && (
        <p className="stack-status" role="status">
          {t.redirecting}
        </p>
      )}
      {props.footer && <p className="stack-footer">{props.footer}</p>}
    </form>
  );
}
