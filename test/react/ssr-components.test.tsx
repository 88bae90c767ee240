// @vitest-environment node
// The new components and hooks render on a server (no window, no document, no storage) without throwing,
// and send nothing there.
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import {
  CodeInput,
  EmailVerification,
  ErrorPage,
  ForgotPassword,
  MagicLinkCallback,
  OAuthCallback,
  PasswordReset,
  SignIn,
  SignInButton,
  SignOutPage,
  SignUp,
  StackHandler,
} from "../../src/components/index.js";
import { createStackClient } from "../../src/core/index.js";
import {
  StackProvider,
  useEmailVerification,
  useMagicLink,
  useMfa,
  useOAuth,
  useOAuthCallback,
  usePasskey,
  usePasswordReset,
  useUser,
} from "../../src/react/index.js";

function Hooks() {
  useMagicLink();
  useOAuth();
  useOAuthCallback();
  usePasswordReset();
  useEmailVerification();
  useMfa();
  const { isSupported } = usePasskey();
  const { isLoading } = useUser({ or: "anonymous" });
  return <p>{`passkeys:${isSupported} anonymous-loading:${isLoading}`}</p>;
}

describe("server rendering", () => {
  it("renders every page and the hooks; nothing is fetched", () => {
    const fetch = vi.fn();
    const client = createStackClient({
      projectId: "p",
      baseUrl: "https://api.example.test",
      tokenStore: "memory",
      fetch,
    });
    const html = renderToString(
      <StackProvider client={client} navigate={vi.fn()}>
        <Hooks />
        <SignIn />
        <SignUp />
        <SignInButton />
        <SignInButton mode="modal" />
        <ForgotPassword />
        <PasswordReset />
        <EmailVerification />
        <MagicLinkCallback />
        <OAuthCallback />
        <SignOutPage />
        <ErrorPage />
        <StackHandler />
        <StackHandler location="/handler/sign-up" />
        <CodeInput label="Code" value="" onChange={() => {}} />
      </StackProvider>,
    );
    expect(html).toContain("passkeys:false anonymous-loading:true");
    expect(html).toContain('href="/handler/sign-in"');
    expect(fetch).not.toHaveBeenCalled();
  });
});
