import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { errorField } from "../core/index.js";
import { useAuthRedirects, usePasswordReset, useStackUrls } from "../react/index.js";
import { Field } from "./Field.js";
import { FormError } from "./FormError.js";
import { errorMessage, mergeStrings, type Strings } from "./strings.js";

export interface ForgotPasswordProps {
  strings?: Partial<Strings>;
}

/**
 * "Forgot password?": asks for the email and sends the reset link. Unknown addresses get the same answer
 * as known ones, so the page never tells who has an account.
 */
export function ForgotPassword({ strings }: ForgotPasswordProps) {
  const t = mergeStrings(strings);
  const { sendEmail, isPending, error, reset } = usePasswordReset();
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  const [email, setEmail] = useState("");
  const [missing, setMissing] = useState(false);
  const [sentTo, setSentTo] = useState<string>();
  const emailRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const titleId = useId();

  const field = error ? errorField(error) : undefined;
  const emailError = missing
    ? t.emailRequired
    : field === "email" && error
      ? errorMessage(error, t)
      : undefined;
  const formError = error && field !== "email" ? error : undefined;
  useEffect(() => {
    if (emailError) emailRef.current?.focus();
  }, [emailError]);
  useEffect(() => {
    if (sentTo) doneRef.current?.focus();
  }, [sentTo]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (isPending) return;
    const address = email.trim();
    setMissing(!address);
    if (address && (await sendEmail({ email: address }))) setSentTo(address);
  };
  const backToSignIn = (
    <p className="stack-footer">
      <a href={redirects.linkTo(urls.signIn)}>{t.backToSignIn}</a>
    </p>
  );

  if (sentTo) {
    return (
      <section className="stack-card" aria-labelledby={titleId}>
        <h2 className="stack-title" id={titleId}>
          {t.checkEmailTitle}
        </h2>
        <p className="stack-text" role="status" tabIndex={-1} ref={doneRef}>
          {t.resetLinkSent(sentTo)}
        </p>
        {backToSignIn}
      </section>
    );
  }
  return (
    <form
      className="stack-card"
      onSubmit={submit}
      noValidate
      aria-labelledby={titleId}
      aria-busy={isPending || undefined}
    >
      <h2 className="stack-title" id={titleId}>
        {t.forgotPasswordTitle}
      </h2>
      <p className="stack-text">{t.forgotPasswordIntro}</p>
      {formError && <FormError error={formError} retry={() => void submit()} t={t} />}
      <Field
        label={t.email}
        type="email"
        name="email"
        autoComplete="email"
        inputMode="email"
        required
        value={email}
        onChange={(e) => {
          setEmail(e.target.value);
          setMissing(false);
          reset();
        }}
        error={emailError}
        inputRef={emailRef}
        readOnly={isPending}
      />
      <button type="submit" className="stack-button" disabled={isPending}>
        {isPending ? t.sendingResetLink : t.sendResetLink}
      </button>
      {backToSignIn}
    </form>
  );
}
