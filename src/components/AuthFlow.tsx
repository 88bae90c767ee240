import { type ReactNode, useId, useState } from "react";
import { getMfaAttemptCode, type Project } from "../core/index.js";
import {
  type AuthOutcome,
  useAuthRedirects,
  useMagicLink,
  useOAuth,
  usePasskey,
  useSignIn,
  useSignUp,
  useStackUrls,
} from "../react/index.js";
import { AuthCard, type HeadingLevel, Title } from "./AuthCard.js";
import { Button } from "./Button.js";
import { CodeStep } from "./CodeStep.js";
import { CredentialsForm } from "./CredentialsForm.js";
import { EmailCodeForm } from "./EmailCodeForm.js";
import { FormError } from "./FormError.js";
import { MfaForm } from "./MfaForm.js";
import { Divider, OAuthButtons } from "./OAuthButtons.js";
import { sortProviders } from "./providers.js";
import type { Strings } from "./strings.js";

export interface AuthFlowProps {
  mode: "sign-in" | "sign-up";
  project: Project;
  /** The sign-in is done (the page shows "taking you back" and calls `onSuccess`). */
  succeeded: boolean;
  onSuccess(outcome: AuthOutcome): void;
  /** OAuth in a popup (a modal must not leave the page) or by redirect. */
  oauthMode: "redirect" | "popup";
  footer?: ReactNode;
  headingLevel: HeadingLevel;
  t: Strings;
}

type EmailMethod = "password" | "code";

/** The methods the project enables, the steps they lead to, and the second factor when asked for. */
export function AuthFlow(props: AuthFlowProps) {
  const { mode, project, succeeded, oauthMode, footer, headingLevel, t } = props;
  const { config } = project;
  const signingUp = mode === "sign-up";
  const password = usePasswordAction(mode);
  const magic = useMagicLink();
  const oauth = useOAuth();
  const passkey = usePasskey();
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  const titleId = useId();

  const providers = sortProviders(config.oauthProviders);
  const showPasskey = !signingUp && config.passkeyEnabled && passkey.isSupported;
  const methods: EmailMethod[] = [
    ...(config.credentialEnabled ? (["password"] as const) : []),
    ...(config.magicLinkEnabled ? (["code"] as const) : []),
  ];
  const [chosen, setChosen] = useState<EmailMethod>();
  const [switched, setSwitched] = useState(false);
  const method = chosen && methods.includes(chosen) ? chosen : methods[0];
  const [email, setEmail] = useState("");
  const [step, setStep] = useState<"methods" | "code">("methods");
  const [activeProvider, setActiveProvider] = useState<string>();
  // Says what happened: an account just created (any method) or a sign-in.
  const [created, setCreated] = useState(false);
  const onSuccess = (outcome: AuthOutcome) => {
    setCreated(outcome.isNewUser === true);
    props.onSuccess(outcome);
  };
  const successText = created ? t.accountCreated : t.redirecting;

  const busy =
    succeeded ||
    password.isPending ||
    magic.isPending ||
    oauth.isPending ||
    oauth.isRedirecting ||
    passkey.isPending;
  const attemptCode = [password.error, magic.error, oauth.error, passkey.error]
    .map(getMfaAttemptCode)
    .find(Boolean);
  const resetAll = () => {
    password.reset();
    magic.reset();
    oauth.reset();
    passkey.reset();
  };

  if (attemptCode) {
    return (
      <MfaForm
        attemptCode={attemptCode}
        succeeded={succeeded}
        onSuccess={onSuccess}
        onCancel={() => {
          resetAll();
          setStep("methods");
        }}
        headingLevel={headingLevel}
        t={t}
      />
    );
  }

  if (step === "code" && magic.email) {
    return (
      <CodeStep
        email={magic.email}
        isPending={magic.isPending}
        error={magic.error}
        onEdit={magic.reset}
        succeeded={succeeded}
        onSubmit={async (code) => {
          const result = await magic.signInWithCode(code);
          if (result) onSuccess(result);
        }}
        onResend={async () => !!(await magic.sendCode({ email: magic.email ?? email }))}
        onBack={() => {
          magic.reset();
          setSwitched(true);
          setStep("methods");
        }}
        successText={successText}
        headingLevel={headingLevel}
        t={t}
      />
    );
  }

  const title = signingUp ? t.signUpTitle : t.signInTitle;
  if (!providers.length && !showPasskey && !methods.length) {
    return (
      <AuthCard title={title} level={headingLevel}>
        <p className="stack-status">{signingUp ? t.signUpDisabled : t.noSignInMethods}</p>
      </AuthCard>
    );
  }

  // Errors of the one-click methods (the email forms show their own). A popup the user closed is their choice,
  // not a failure.
  const buttonError = (oauth.error?.code === "OAUTH_POPUP_CLOSED" ? undefined : oauth.error) ?? passkey.error;
  const startOAuth = async (provider: string) => {
    if (busy) return;
    resetAll();
    setActiveProvider(provider);
    const result = await oauth.signIn(provider, { popup: oauthMode === "popup" });
    if (result) onSuccess(result);
  };
  const startPasskey = async () => {
    if (busy) return;
    resetAll();
    const result = await passkey.signIn();
    if (result) onSuccess(result);
  };
  const switchTo = (next: EmailMethod) => {
    resetAll();
    setSwitched(true);
    setChosen(next);
  };

  return (
    <section className="stack-card" aria-labelledby={titleId} aria-busy={busy || undefined}>
      <Title level={headingLevel} id={titleId}>
        {title}
      </Title>
      {buttonError && !getMfaAttemptCode(buttonError) && (
        <FormError
          error={buttonError}
          retry={
            oauth.error && activeProvider ? () => void startOAuth(activeProvider) : () => void startPasskey()
          }
          t={t}
        />
      )}
      {(providers.length > 0 || showPasskey) && (
        <div className="stack-one-click">
          {providers.length > 0 && (
            <OAuthButtons
              providers={providers}
              active={oauth.isPending || oauth.isRedirecting ? activeProvider : undefined}
              redirecting={oauth.isRedirecting}
              disabled={busy}
              onSelect={(p) => void startOAuth(p)}
              t={t}
            />
          )}
          {showPasskey && (
            <Button
              className="stack-button stack-button-secondary"
              inactive={busy}
              onClick={() => void startPasskey()}
            >
              {passkey.isPending ? t.waitingForPasskey : t.signInWithPasskey}
            </Button>
          )}
        </div>
      )}
      {(providers.length > 0 || showPasskey) && method && <Divider t={t} />}
      {method === "password" && (
        <CredentialsForm
          submitLabel={signingUp ? t.signUp : t.signIn}
          pendingLabel={signingUp ? t.signingUp : t.signingIn}
          passwordAutoComplete={signingUp ? "new-password" : "current-password"}
          passwordHint={signingUp ? t.passwordHint : undefined}
          email={email}
          onEmailChange={setEmail}
          isPending={password.isPending}
          disabled={busy}
          error={getMfaAttemptCode(password.error) ? undefined : password.error}
          onEdit={password.reset}
          focusOnMount={switched}
          signInHref={signingUp ? redirects.linkTo(urls.signIn) : undefined}
          onSubmit={async (values) => {
            const result = await password.submit(values);
            if (result) onSuccess({ isNewUser: signingUp });
          }}
          passwordExtra={
            !signingUp && (
              <p className="stack-field-extra">
                <a href={redirects.linkTo(urls.forgotPassword)}>{t.forgotPassword}</a>
              </p>
            )
          }
          t={t}
        />
      )}
      {method === "code" && (
        <EmailCodeForm
          email={email}
          onEmailChange={setEmail}
          isPending={magic.isPending}
          disabled={busy}
          error={magic.error}
          onEdit={magic.reset}
          focusOnMount={switched}
          onSubmit={async (address) => {
            if (await magic.sendCode({ email: address })) setStep("code");
          }}
          t={t}
        />
      )}
      {methods.length > 1 && method && (
        <Button
          className="stack-link-button"
          inactive={busy}
          onClick={() => switchTo(method === "password" ? "code" : "password")}
        >
          {method === "password" ? t.useCodeInstead : t.usePasswordInstead}
        </Button>
      )}
      {succeeded && (
        <p className="stack-status" role="status">
          {successText}
        </p>
      )}
      {footer && <p className="stack-footer">{footer}</p>}
    </section>
  );
}

/** The password action of the mode: sign in, or create the account (with the verification email). */
function usePasswordAction(mode: "sign-in" | "sign-up") {
  const signIn = useSignIn();
  const signUp = useSignUp();
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  if (mode === "sign-in") return { ...signIn, submit: signIn.signIn };
  return {
    ...signUp,
    submit: (values: { email: string; password: string }) =>
      signUp.signUp({
        ...values,
        verificationCallbackUrl: redirects.callbackUrl(urls.emailVerification),
        // Built by the kit, so a project that does not trust it still signs the user up (without the email).
        dropCallbackIfUntrusted: true,
      }),
  };
}
