import { type FormEvent, useEffect, useRef, useState } from "react";
import { type SignInResult, useMfa } from "../react/index.js";
import { FormCard, type HeadingLevel } from "./AuthCard.js";
import { Button } from "./Button.js";
import { CodeInput } from "./CodeInput.js";
import { FormError } from "./FormError.js";
import { errorMessage, type Strings } from "./strings.js";

export interface MfaFormProps {
  /** `details.attempt_code` of the MULTI_FACTOR_AUTHENTICATION_REQUIRED error. */
  attemptCode: string;
  onSuccess(result: SignInResult): void;
  /** Back to the sign-in methods. */
  onCancel?(): void;
  succeeded?: boolean;
  /** The level of the step's title: 1 (default) when it is the page's main content. */
  headingLevel?: HeadingLevel;
  t: Strings;
}

const LENGTH = 6;

/** The second step of a sign-in for users with TOTP: the 6 digits of their authenticator app. */
export function MfaForm({
  attemptCode,
  onSuccess,
  onCancel,
  succeeded = false,
  headingLevel = 1,
  t,
}: MfaFormProps) {
  const { signIn, isPending, error, reset } = useMfa();
  const [totp, setTotp] = useState("");
  const [missing, setMissing] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const fieldError = missing
    ? t.mfaCodeRequired
    : error?.code === "INVALID_TOTP_CODE"
      ? errorMessage(error, t)
      : undefined;
  // The attempt itself is no longer good (5 minutes, or used): only starting again helps.
  const expired = !!error?.code.startsWith("VERIFICATION_CODE_");
  const formError = error && !fieldError ? error : undefined;

  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  useEffect(() => {
    if (fieldError) inputRef.current?.select();
  }, [fieldError]);

  const busy = isPending || succeeded;
  const verify = async (value: string) => {
    if (busy || expired) return;
    if (value.length !== LENGTH) {
      setMissing(true);
      inputRef.current?.focus();
      return;
    }
    const result = await signIn({ attemptCode, totp: value });
    if (result) onSuccess(result);
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    void verify(totp);
  };

  return (
    <FormCard title={t.mfaTitle} level={headingLevel} busy={isPending} onSubmit={submit}>
      <p className="stack-text">{t.mfaIntro}</p>
      {formError && (
        <FormError
          error={formError}
          message={expired ? t.mfaExpired : undefined}
          retry={() => submit()}
          t={t}
        />
      )}
      <CodeInput
        label={t.mfaCode}
        numeric
        value={totp}
        onChange={(value) => {
          setTotp(value);
          setMissing(false);
          reset();
        }}
        onComplete={(value) => void verify(value)}
        error={fieldError}
        readOnly={isPending}
        inputRef={inputRef}
      />
      <Button type="submit" className="stack-button" inactive={busy || expired}>
        {isPending ? t.verifying : t.verify}
      </Button>
      {onCancel && (
        <Button className="stack-link-button" inactive={busy} onClick={onCancel}>
          {t.back}
        </Button>
      )}
      {succeeded && (
        <p className="stack-status" role="status">
          {t.redirecting}
        </p>
      )}
    </FormCard>
  );
}
