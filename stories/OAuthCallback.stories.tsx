import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, waitFor, within } from "storybook/test";
import { startOAuth } from "../src/core/index.js";
import { OAuthCallback } from "../src/index.js";
import type { Emulator } from "../src/testing/index.js";
import {
  answerOAuthConsent,
  DarkTheme,
  navigate,
  newClient,
  pageUrl,
  StackDecorator,
  type StackStoryParameters,
  stack,
  withStackEmulator,
} from "./emulator.js";

const meta = {
  title: "Components/OAuthCallback",
  component: OAuthCallback,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
  parameters: stack({ project: { oauthProviders: ["github"] } }),
} satisfies Meta<typeof OAuthCallback>;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * A real round trip: the app starts a GitHub sign-in (this tab keeps its PKCE verifier), the user answers
 * the mock provider's consent page, and the page opens at the URL Stack sends the browser back to.
 */
function returnFromGitHub(action: "allow" | "cancel"): StackStoryParameters {
  let landing = "";
  return {
    setup: async (emulator: Emulator) => {
      let providerUrl = "";
      await startOAuth(newClient(), {
        provider: "github",
        redirectUri: pageUrl("/handler/oauth-callback"),
        navigate: (url) => {
          providerUrl = url;
        },
      });
      landing = await answerOAuthConsent(emulator, providerUrl, { action });
    },
    url: () => landing,
  };
}

export const SignedIn: Story = {
  parameters: stack(returnFromGitHub("allow")),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("Account created. Taking you back…")).toBeVisible();
    // A new account (GitHub's email was unknown): afterSignUp, "/" by default.
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
    // The one-time code is gone from the address bar.
    await expect(new URLSearchParams(location.search).has("code")).toBe(false);
  },
};

export const Cancelled: Story = {
  parameters: stack(returnFromGitHub("cancel")),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Sign-in was cancelled.");
    await expect(canvas.getByRole("link", { name: "Back to sign in" })).toBeVisible();
    await expect(navigate).not.toHaveBeenCalled();
  },
};

export const ProviderError: Story = {
  args: {
    url: pageUrl(
      "/handler/oauth-callback?errorCode=OUTER_OAUTH_TIMEOUT&message=The%20OAuth%20flow%20has%20timed%20out.&details=%7B%7D",
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("The sign-in took too long. Try again.");
    await expect(canvas.getByRole("link", { name: "Back to sign in" })).toBeVisible();
  },
};

export const NothingToFinish: Story = {
  // An app's own `?code=` (or a reload after the sign-in finished): not this browser's OAuth attempt.
  args: { url: pageUrl("/handler/oauth-callback?code=unrelated&state=someone-elses") },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText("There is no sign-in to finish here. It may have finished already."),
    ).toBeVisible();
    await expect(canvas.getByRole("link", { name: "Back to sign in" })).toBeVisible();
    await expect(navigate).not.toHaveBeenCalled();
  },
};

export const Dark: Story = { ...Cancelled, decorators: [DarkTheme] };
