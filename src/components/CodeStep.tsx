import { type FormEvent, useEffect, useRef, useState } from "react";
import { errorField, type StackError } from "../core/index.js";
import { FormCard, type HeadingLevel } from "./AuthCard.js";
import { Button } from "./Button.js";
import { CodeInput } from "./CodeInput.js";
import { FormError } from "./FormError.js";
import { errorMessage, type Strings } from "./strings.js";

interface CodeStepProps {
  email: string;
  /** Signs in with the typed code; resolves truthy on success. */
  onSubmit(code: string): Promise<unknown>;
  /** Sends a new code; resolves true when sent. */
  onResend(): Promise<boolean>;
  onBack(): void;
  isPending: boolean;
  error: StackError | undefined;
  onEdit(): void;
  succeeded: boolean;
  /** The status once signed in (default "Signed in. Taking you back…"). */
  successText?: string;
  headingLevel?: HeadingLevel;
  t: Strings;
}

const LENGTH = 6;

/** "Check your email": the emailed 6-character code, which signs in on its last character. */
export function CodeStep(props: CodeStepProps) {
  const { t, error, isPending } = props;
  const [code, setCode] = useState("");
  const [missing, setMissing] = useState(false);
  const [action, setAction] = useState<"sign-in" | "resend">("sign-in");
  const [resent, setResent] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const codeError = missing
    ? t.codeRequired
    : error && action === "sign-in" && errorField(error) === "code"
      ? errorMessage(error, t)
      : undefined;
  const formError = error && !codeError ? error : undefined;

  // Land on the code field when the step opens, and back on it after a wrong code.
  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  useEffect(() => {
    if (codeError) inputRef.current?.select();
  }, [codeError]);

  const busy = isPending || props.succeeded;
  const signIn = (value: string) => {
    if (busy) return;
    if (value.length !== LENGTH) {
      setMissing(true);
      inputRef.current?.focus();
      return;
    }
    setAction("sign-in");
    setResent(false);
    void props.onSubmit(value);
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    signIn(code);
  };
  const resend = async () => {
    if (busy) return;
    setAction("resend");
    setResent(false);
    setResent(await props.onResend());
  };

  return (
    <FormCard title={t.checkEmailTitle} level={props.headingLevel} busy={isPending} onSubmit={submit}>
      <p className="stack-text">{t.codeSentTo(props.email)}</p>
      {formError && (
        <FormError error={formError} retry={() => (action === "resend" ? void resend() : submit())} t={t} />
      )}
      <CodeInput
        label={t.code}
        value={code}
        onChange={(value) => {
          setCode(value);
          setMissing(false);
          props.onEdit();
        }}
        onComplete={signIn}
        error={codeError}
        readOnly={isPending}
        inputRef={inputRef}
      />
      <Button type="submit" className="stack-button" inactive={busy}>
        {isPending && action === "sign-in" ? t.signingIn : t.signIn}
      </Button>
      <div className="stack-actions">
        <Button className="stack-link-button" inactive={busy} onClick={() => void resend()}>
          {isPending && action === "resend" ? t.resendingCode : t.resendCode}
        </Button>
        <Button className="stack-link-button" inactive={busy} onClick={props.onBack}>
          {t.useDifferentEmail}
        </Button>
      </div>
      {(props.succeeded || resent) && (
        <p className="stack-status" role="status">
          {props.succeeded ? (props.successText ?? t.redirecting) : t.codeResent}
        </p>
      )}
    </FormCard>
  );
}
