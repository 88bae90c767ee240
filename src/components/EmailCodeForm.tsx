import { type FormEvent, useEffect, useRef, useState } from "react";
import { errorField, type StackError } from "../core/index.js";
import { Button } from "./Button.js";
import { EmailField } from "./Field.js";
import { FormError } from "./FormError.js";
import { emailProblem, errorMessage, type Strings } from "./strings.js";

interface EmailCodeFormProps {
  email: string;
  onEmailChange(email: string): void;
  onSubmit(email: string): Promise<unknown>;
  isPending: boolean;
  disabled?: boolean;
  error: StackError | undefined;
  onEdit(): void;
  focusOnMount?: boolean;
  t: Strings;
}

/** The email step of a sign-in by emailed code: one field, "Email me a code". */
export function EmailCodeForm(props: EmailCodeFormProps) {
  const { t, error, isPending, email } = props;
  const [problem, setProblem] = useState<string>();
  const emailRef = useRef<HTMLInputElement>(null);
  const field = error ? errorField(error) : undefined;
  const emailError = problem ? problem : field === "email" && error ? errorMessage(error, t) : undefined;
  const formError = error && field !== "email" ? error : undefined;

  useEffect(() => {
    if (emailError) emailRef.current?.focus();
  }, [emailError]);
  const focusOnMount = useRef(props.focusOnMount);
  useEffect(() => {
    if (focusOnMount.current) emailRef.current?.focus();
  }, []);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (isPending || props.disabled) return;
    const found = emailProblem(email, t);
    setProblem(found);
    if (found) emailRef.current?.focus();
    else void props.onSubmit(email.trim());
  };

  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-busy={isPending || undefined}>
      {formError && <FormError error={formError} retry={() => submit()} t={t} />}
      <EmailField
        label={t.email}
        value={email}
        onChange={(e) => {
          props.onEmailChange(e.target.value);
          setProblem(undefined);
          props.onEdit();
        }}
        error={emailError}
        inputRef={emailRef}
        readOnly={isPending}
      />
      <Button type="submit" className="stack-button" inactive={isPending || props.disabled}>
        {isPending ? t.sendingCode : t.sendCode}
      </Button>
    </form>
  );
}
