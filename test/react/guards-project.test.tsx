import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { SignedIn, SignedOut, useProject, useSignOut } from "../../src/react/index.js";
import { renderWithStack, settle, setupStackTest } from "./support.js";

const env = setupStackTest();

function Guards() {
  const { signOut } = useSignOut();
  return (
    <>
      <SignedIn fallback={<p>checking (in)</p>}>
        <p>welcome back</p>
        <button type="button" onClick={() => signOut()}>
          Sign out
        </button>
      </SignedIn>
      <SignedOut fallback={<p>checking (out)</p>}>
        <p>please sign in</p>
      </SignedOut>
    </>
  );
}

describe("<SignedIn> / <SignedOut>", () => {
  it("signed out: only <SignedOut> children, at once, never a fallback, no request", async () => {
    renderWithStack(<Guards />, { client: env.client() });
    expect(screen.getByText("please sign in")).toBeInTheDocument();
    expect(screen.queryByText("welcome back")).toBeNull();
    expect(screen.queryByText(/checking/)).toBeNull();
    await settle();
    expect(env.requests).toEqual([]);
  });

  it("signed in: fallbacks while loading, then only <SignedIn> children; sign-out swaps them", async () => {
    const store = await env.signedInStore("ada@example.test");
    renderWithStack(<Guards />, { client: env.client({ tokenStore: store }) });
    expect(screen.getByText("checking (in)")).toBeInTheDocument();
    expect(screen.getByText("checking (out)")).toBeInTheDocument();
    expect(screen.queryByText("please sign in")).toBeNull();

    expect(await screen.findByText("welcome back")).toBeInTheDocument();
    expect(screen.queryByText(/checking/)).toBeNull();
    expect(screen.queryByText("please sign in")).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByText("please sign in")).toBeInTheDocument();
    expect(screen.queryByText("welcome back")).toBeNull();
    expect(screen.queryByText(/checking/)).toBeNull();
  });

  it("without a fallback, nothing shows while loading", async () => {
    const store = await env.signedInStore("ada@example.test");
    const { container } = renderWithStack(
      <>
        <SignedIn>in</SignedIn>
        <SignedOut>out</SignedOut>
      </>,
      { client: env.client({ tokenStore: store }) },
    );
    expect(container).toHaveTextContent(/^$/);
    await waitFor(() => expect(container).toHaveTextContent(/^in$/));
  });
});

function ProjectInfo() {
  const { project, isLoading, error, reload } = useProject();
  if (isLoading) return <p>loading project</p>;
  if (error)
    return (
      <>
        <p role="alert">{error.code}</p>
        <button type="button" onClick={reload}>
          Try again
        </button>
      </>
    );
  return <pre data-testid="project">{JSON.stringify(project)}</pre>;
}

describe("useProject", () => {
  it("maps GET /projects/current, sent without session tokens, once for every caller", async () => {
    env.useEmulator({
      displayName: "Acme",
      signUpEnabled: false,
      magicLinkEnabled: false,
      oauthProviders: ["github", "google"],
      trustedDomains: [{ domain: "https://app.acme.test", handlerPath: "/auth" }],
    });
    const store = await env.signedInStore("ada@example.test");
    renderWithStack(
      <>
        <ProjectInfo />
        <ProjectInfo />
      </>,
      { client: env.client({ tokenStore: store }) },
    );
    expect(screen.getAllByText("loading project")).toHaveLength(2);
    const shown = await screen.findAllByTestId("project");
    expect(shown).toHaveLength(2);
    expect(JSON.parse(shown[0]?.textContent ?? "null")).toEqual({
      id: env.emulator.projectId,
      displayName: "Acme",
      config: {
        signUpEnabled: false,
        credentialEnabled: true,
        magicLinkEnabled: false,
        passkeyEnabled: false,
        clientTeamCreationEnabled: false,
        clientUserDeletionEnabled: false,
        allowUserApiKeys: false,
        allowTeamApiKeys: false,
        oauthProviders: ["github", "google"],
        domains: [{ domain: "https://app.acme.test", handlerPath: "/auth" }],
      },
    });
    await settle();
    expect(env.count("GET /projects/current")).toBe(1);
    const [sent] = env.requests;
    expect(sent?.headers.get("x-stack-access-token")).toBeNull();
    expect(sent?.headers.get("x-stack-refresh-token")).toBeNull();
  });

  it("shows the failure and loads on reload", async () => {
    env.emulator.faults.inject({ method: "GET", path: "/projects/current", status: 500 });
    renderWithStack(<ProjectInfo />, { client: env.client() });
    expect(await screen.findByRole("alert")).toHaveTextContent("SERVER_ERROR");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    const shown = await screen.findByTestId("project");
    expect(JSON.parse(shown.textContent ?? "null")).toMatchObject({ id: env.emulator.projectId });
    expect(env.count("GET /projects/current")).toBe(2);
  });
});
