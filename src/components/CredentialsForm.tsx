import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { errorField, type StackError } from "../core/index.js";
import { Button } from "./Button.js";
import { EmailField, PasswordField } from "./Field.js";
import { FormError } from "./FormError.js";
import { emailProblem, errorMessage, type Strings } from "./strings.js";

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
  /** Where "Sign in instead" goes when the email already has an account (sign-up). */
  signInHref?: string;
  focusOnMount?: boolean;
  t: Strings;
}

/** What the form found wrong before sending: each field's message. */
type Problems = Partial<Record<keyof Credentials, string>>;

/**
 * The email + password form of <SignIn/> and <SignUp/>: keeps everything typed on failure, puts each
 * error next to the field it concerns, and never submits twice.
 */
export function CredentialsForm(props: CredentialsFormProps) {
  const { t, error, isPending, email } = props;
  const [password, setPassword] = useState("");
  const [problems, setProblems] = useState<Problems>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const field = error ? errorField(error) : undefined;
  const message = error ? errorMessage(error, t) : undefined;
  const emailMessage = problems.email ?? (field === "email" ? message : undefined);
  const passwordError = problems.password ?? (field === "password" ? message : undefined);
  const formError = field && field !== "email" && field !== "password" ? error : undefined;
  const emailError =
    !problems.email && error?.code === "USER_EMAIL_ALREADY_EXISTS" && props.signInHref ? (
      <>
        {emailMessage} <a href={props.signInHref}>{t.signInInstead}</a>
      </>
    ) : (
      emailMessage
    );

  // A server answer about one field moves focus there, once per answer: never while the person types
  // (clearing one field's message must not pull focus to the other). `submit` focuses its own finds.
  useEffect(() => {
    const concerns = error ? errorField(error) : undefined;
    if (concerns === "email") emailRef.current?.focus();
    else if (concerns === "password") passwordRef.current?.focus();
  }, [error]);
  const focusOnMount = useRef(props.focusOnMount);
  useEffect(() => {
    if (focusOnMount.current) emailRef.current?.focus();
  }, []);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (isPending || props.disabled) return;
    // Every field's problem at once, and focus on the first (also when the same problems come again).
    const found: Problems = {
      email: emailProblem(email, t),
      password: password ? undefined : t.passwordRequired,
    };
    setProblems(found);
    if (found.email) emailRef.current?.focus();
    else if (found.password) passwordRef.current?.focus();
    else void props.onSubmit({ email: email.trim(), password });
  };
  const edit = (name: keyof Credentials, value: string) => {
    if (name === "email") props.onEmailChange(value);
    else setPassword(value);
    setProblems((p) => ({ ...p, [name]: undefined }));
    props.onEdit();
  };

  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-busy={isPending || undefined}>
      {formError && <FormError error={formError} retry={() => submit()} t={t} />}
      <EmailField
        label={t.email}
        value={email}
        onChange={(e) => edit("email", e.target.value)}
        error={emailError}
        inputRef={emailRef}
        readOnly={isPending}
      />
      <PasswordField
        label={t.password}
        name="password"
        autoComplete={props.passwordAutoComplete}
        required
        value={password}
        onChange={(e) => edit("password", e.target.value)}
        error={passwordError}
        hint={props.passwordHint}
        inputRef={passwordRef}
        readOnly={isPending}
        t={t}
      />
      {props.passwordExtra}
      <Button type="submit" className="stack-button" inactive={isPending || props.disabled}>
        {isPending ? props.pendingLabel : props.submitLabel}
      </Button>
    </form>
  );
}
