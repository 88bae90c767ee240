import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { errorField } from "../core/index.js";
import { useAuthRedirects, usePasswordReset, useStackUrls } from "../react/index.js";
import { FormCard, type HeadingLevel, Title } from "./AuthCard.js";
import { Button } from "./Button.js";
import { EmailField } from "./Field.js";
import { FormError } from "./FormError.js";
import { emailProblem, errorMessage, mergeStrings, type Strings } from "./strings.js";

export interface ForgotPasswordProps {
  strings?: Partial<Strings>;
  /** The level of the page's title: 1 (default) when the page is the main content. */
  headingLevel?: HeadingLevel;
}

/**
 * "Forgot password?": asks for the email and sends the reset link. Unknown addresses get the same answer
 * as known ones, so the page never tells who has an account.
 */
export function ForgotPassword({ strings, headingLevel = 1 }: ForgotPasswordProps) {
  const t = mergeStrings(strings);
  const { sendEmail, isPending, error, reset } = usePasswordReset();
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  const [email, setEmail] = useState("");
  const [problem, setProblem] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();
  const emailRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const titleId = useId();

  const field = error ? errorField(error) : undefined;
  const emailError = problem ? problem : field === "email" && error ? errorMessage(error, t) : undefined;
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
    const found = emailProblem(address, t);
    setProblem(found);
    if (found) emailRef.current?.focus();
    else if (await sendEmail({ email: address })) setSentTo(address);
  };
  const backToSignIn = (
    <p className="stack-footer">
      <a href={redirects.linkTo(urls.signIn)}>{t.backToSignIn}</a>
    </p>
  );

  if (sentTo) {
    return (
      <section className="stack-card" aria-labelledby={titleId}>
        <Title level={headingLevel} id={titleId}>
          {t.checkEmailTitle}
        </Title>
        <p className="stack-text" role="status" tabIndex={-1} ref={doneRef}>
          {t.resetLinkSent(sentTo)}
        </p>
        {backToSignIn}
      </section>
    );
  }
  return (
    <FormCard title={t.forgotPasswordTitle} level={headingLevel} busy={isPending} onSubmit={submit}>
      <p className="stack-text">{t.forgotPasswordIntro}</p>
      {formError && <FormError error={formError} retry={() => void submit()} t={t} />}
      <EmailField
        label={t.email}
        value={email}
        onChange={(e) => {
          setEmail(e.target.value);
          setProblem(undefined);
          reset();
        }}
        error={emailError}
        inputRef={emailRef}
        readOnly={isPending}
      />
      <Button type="submit" className="stack-button" inactive={isPending}>
        {isPending ? t.sendingResetLink : t.sendResetLink}
      </Button>
      {backToSignIn}
    </FormCard>
  );
}
