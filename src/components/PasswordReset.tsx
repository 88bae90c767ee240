import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { errorField, StackError } from "../core/index.js";
import { useAuthRedirects, usePasswordReset, useStackUrls } from "../react/index.js";
import { AuthCard, FormCard, type HeadingLevel, Loading } from "./AuthCard.js";
import { Button } from "./Button.js";
import { PasswordField } from "./Field.js";
import { FormError } from "./FormError.js";
import { Outcome, Working } from "./LinkPage.js";
import { useSearchParam } from "./location.js";
import { errorMessage, linkErrorMessage, mergeStrings, type Strings } from "./strings.js";
import { useCodeOnce } from "./useCodeOnce.js";

export interface PasswordResetProps {
  strings?: Partial<Strings>;
  /** The link's code; default the `code` query parameter. */
  code?: string | null;
  /** The level of the page's title: 1 (default) when the page is the main content. */
  headingLevel?: HeadingLevel;
}

/**
 * Where a reset email's link lands: checks the code first (without using it up), then asks for the new
 * password; invalid, used and expired links say so and offer a new one.
 */
export function PasswordReset({ strings, code: codeProp, headingLevel = 1 }: PasswordResetProps) {
  const t = mergeStrings(strings);
  const fromUrl = useSearchParam("code");
  const code = codeProp !== undefined ? codeProp : fromUrl;
  const { checkCode, resetPassword, isPending, error, reset } = usePasswordReset();
  const [done, setDone] = useState(false);
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  const check = useCodeOnce(code, checkCode);
  // Until the form shows, the hook's only action is the check: its error is the check's.
  const checkError = check.ok === false ? (error ?? new StackError("UNKNOWN_ERROR", 0, "")) : undefined;

  const newLink = (
    <p className="stack-footer">
      <a href={redirects.linkTo(urls.forgotPassword)}>{t.requestNewResetLink}</a>
    </p>
  );
  if (code === undefined) return <Loading title={t.passwordResetTitle} level={headingLevel} t={t} />;
  if (code === null) {
    return (
      <Outcome title={t.passwordResetTitle} level={headingLevel} kind="error" message={t.linkMissingCode}>
        {newLink}
      </Outcome>
    );
  }
  if (done) {
    return (
      <Outcome title={t.passwordResetTitle} level={headingLevel} kind="success" message={t.passwordResetDone}>
        <a className="stack-button stack-button-link" href={redirects.linkTo(urls.signIn)}>
          {t.signIn}
        </a>
      </Outcome>
    );
  }
  if (check.ok === undefined)
    return <Working title={t.passwordResetTitle} level={headingLevel} text={t.checkingLink} />;
  if (checkError) {
    return (
      <AuthCard title={t.passwordResetTitle} level={headingLevel}>
        <FormError error={checkError} message={linkErrorMessage(checkError, t)} retry={check.retry} t={t} />
        {newLink}
      </AuthCard>
    );
  }
  return (
    <NewPasswordForm
      onSubmit={async (password) => {
        if (await resetPassword({ code, password })) setDone(true);
      }}
      isPending={isPending}
      error={error}
      onEdit={reset}
      footer={newLink}
      headingLevel={headingLevel}
      t={t}
    />
  );
}

function NewPasswordForm({
  onSubmit,
  isPending,
  error,
  onEdit,
  footer,
  headingLevel,
  t,
}: {
  onSubmit(password: string): Promise<void>;
  isPending: boolean;
  error: StackError | undefined;
  onEdit(): void;
  footer: ReactNode;
  headingLevel: HeadingLevel;
  t: Strings;
}) {
  const [values, setValues] = useState({ password: "", repeat: "" });
  const [problem, setProblem] = useState<"missing" | "mismatch" | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);

  const onPassword = error && errorField(error) === "password";
  const passwordError =
    problem === "missing" ? t.passwordRequired : onPassword && error ? errorMessage(error, t) : undefined;
  const repeatError = problem === "mismatch" ? t.passwordsDontMatch : undefined;
  // A code that stopped working meanwhile (used in another tab, expired) is about the link.
  const formError = error && !onPassword ? error : undefined;
  useEffect(() => {
    if (passwordError) passwordRef.current?.focus();
    else if (repeatError) repeatRef.current?.focus();
  }, [passwordError, repeatError]);
  useEffect(() => {
    passwordRef.current?.focus();
  }, []);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (isPending) return;
    const next = !values.password ? "missing" : values.password !== values.repeat ? "mismatch" : null;
    setProblem(next);
    if (!next) void onSubmit(values.password);
  };
  const edit = (name: "password" | "repeat", value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setProblem(null);
    onEdit();
  };

  return (
    <FormCard title={t.passwordResetTitle} level={headingLevel} busy={isPending} onSubmit={submit}>
      {formError && (
        <FormError
          error={formError}
          message={
            formError.code.startsWith("VERIFICATION_CODE_") ? linkErrorMessage(formError, t) : undefined
          }
          retry={() => submit()}
          t={t}
        />
      )}
      <PasswordField
        label={t.newPassword}
        name="new-password"
        autoComplete="new-password"
        required
        value={values.password}
        onChange={(e) => edit("password", e.target.value)}
        error={passwordError}
        hint={t.passwordHint}
        inputRef={passwordRef}
        readOnly={isPending}
        t={t}
      />
      <PasswordField
        label={t.repeatPassword}
        name="repeat-password"
        autoComplete="new-password"
        required
        value={values.repeat}
        onChange={(e) => edit("repeat", e.target.value)}
        error={repeatError}
        inputRef={repeatRef}
        readOnly={isPending}
        t={t}
      />
      <Button type="submit" className="stack-button" inactive={isPending}>
        {isPending ? t.settingPassword : t.setPassword}
      </Button>
      {footer}
    </FormCard>
  );
}
