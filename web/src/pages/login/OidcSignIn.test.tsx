import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PENDING_OIDC_KEY, type PendingOidc } from "../../auth/oidcFlow";
import { admin, identities, me, oidcProviders, projectItem, tokenPair } from "../../test/fixtures";
import { baseServer, renderApp } from "../../test/render";

const redirect = (provider: string) => `${window.location.origin}/auth/callback/${provider}`;

function pending(overrides: Partial<PendingOidc> = {}): Record<string, string> {
  return { [PENDING_OIDC_KEY]: JSON.stringify({ provider: "github", mode: "login", state_token: "signed-state", redirect_uri: redirect("github"), ...overrides }) };
}

describe("sign-in with an identity provider", () => {
  it("lists the server's providers as buttons and leaves for the one chosen", async () => {
    const server = baseServer()
      .json("GET", "/api/auth/oidc/providers", oidcProviders)
      .json("GET", "/api/auth/oidc/:provider/login", { authorization_url: "https://github.example/login/oauth/authorize?state=s1", state_token: "signed-state" });
    const { flowStorage, left } = renderApp("/login", server, null);
    const group = await screen.findByRole("group", { name: "Sign in with a provider" });
    expect(within(group).getAllByRole("button").map((b) => b.textContent)).toEqual(["Sign in with GitHub", "Sign in with Google"]);
    await userEvent.click(within(group).getByRole("button", { name: "Sign in with GitHub" }));
    await waitFor(() => expect(left).toEqual(["https://github.example/login/oauth/authorize?state=s1"]));
    const start = server.calls("GET", "/api/auth/oidc/github/login")[0]!;
    expect(start.query.get("redirect_uri")).toBe(redirect("github"));
    expect(start.headers.authorization).toBeUndefined();
    expect(JSON.parse(flowStorage.getItem(PENDING_OIDC_KEY)!)).toEqual({
      provider: "github", mode: "login", state_token: "signed-state", redirect_uri: redirect("github"),
    });
    expect(screen.getByRole("status")).toHaveTextContent("Going to GitHub…");
  });

  it("offers no provider buttons when none are configured or the server has no OIDC", async () => {
    renderApp("/login", baseServer().json("GET", "/api/auth/oidc/providers", []), null);
    await waitFor(() => expect(screen.getByRole("button", { name: "Sign in" })).toBeInTheDocument());
    expect(screen.queryByRole("group", { name: "Sign in with a provider" })).toBeNull();
    renderApp("/login", baseServer(), null);
    expect(screen.queryByRole("group", { name: "Sign in with a provider" })).toBeNull();
  });

  it("shows why the provider's sign-in could not start", async () => {
    const server = baseServer()
      .json("GET", "/api/auth/oidc/providers", oidcProviders)
      .problem("GET", "/api/auth/oidc/:provider/login", 404, "The identity provider 'google' is not configured.");
    const { left } = renderApp("/login", server, null);
    await userEvent.click(await screen.findByRole("button", { name: "Sign in with Google" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not start sign-in: The identity provider 'google' is not configured.");
    expect(left).toEqual([]);
  });

  it("on return, sends code, state, the remembered state token and redirect URI, then signs in", async () => {
    const server = baseServer()
      .json("POST", "/api/auth/oidc/:provider/callback", tokenPair(3))
      .json("GET", "/api/projects", [projectItem]);
    const { storage, flowStorage } = renderApp("/auth/callback/github?code=the-code&state=s1", server, null, { flow: pending({ from: "/usage" }) });
    await waitFor(() => expect(server.calls("POST", "/api/auth/oidc/github/callback")).toHaveLength(1));
    expect(server.calls("POST", "/api/auth/oidc/github/callback")[0]!.body).toEqual({
      code: "the-code", state: "s1", state_token: "signed-state", redirect_uri: redirect("github"),
    });
    expect(await screen.findByRole("heading", { name: "Usage and budget" })).toBeInTheDocument();
    expect(JSON.parse(storage.getItem("orch.session")!)).toMatchObject({ access_token: "access-3", user: admin });
    expect(flowStorage.getItem(PENDING_OIDC_KEY)).toBeNull();
  });

  it("shows the server's detail when the callback is refused", async () => {
    const detail = "An account with this email already exists. Sign in with your password, then link this provider.";
    const server = baseServer().problem("POST", "/api/auth/oidc/:provider/callback", 409, detail);
    const { storage } = renderApp("/auth/callback/github?code=c&state=s", server, null, { flow: pending() });
    expect(await screen.findByRole("alert")).toHaveTextContent(`Sign-in failed: ${detail}`);
    expect(screen.getByRole("link", { name: "Back to sign in" })).toHaveAttribute("href", "/login");
    expect(storage.getItem("orch.session")).toBeNull();
  });

  it("refuses a return that this tab did not start, or for another provider, without calling the server", async () => {
    const server = baseServer();
    renderApp("/auth/callback/github?code=c&state=s", server, null);
    expect(await screen.findByRole("alert")).toHaveTextContent("not started in this tab");
    renderApp("/auth/callback/google?code=c&state=s", server, null, { flow: pending() });
    expect((await screen.findAllByRole("alert"))[1]).toHaveTextContent("not started in this tab");
    expect(server.requests.filter((r) => r.method === "POST")).toEqual([]);
  });

  it("shows the provider's own refusal", async () => {
    const server = baseServer();
    renderApp("/auth/callback/github?error=access_denied&error_description=The+user+declined", server, null, { flow: pending() });
    expect(await screen.findByRole("alert")).toHaveTextContent("The provider did not sign you in: The user declined.");
    expect(server.requests.filter((r) => r.method === "POST")).toEqual([]);
  });

  it("links the identity when the flow started on the account page, then shows the account", async () => {
    const server = baseServer()
      .json("POST", "/api/auth/oidc/link/:provider", { provider: "github", provider_user_id: "42", provider_email: "ada@users.github.example" })
      .json("GET", "/api/auth/me", me())
      .json("GET", "/api/auth/api-keys", [])
      .json("GET", "/api/auth/oidc/providers", oidcProviders)
      .json("GET", "/api/auth/oidc/identities", identities);
    renderApp("/auth/callback/github?code=c&state=s", server, admin, { flow: pending({ mode: "link" }) });
    expect(await screen.findByRole("heading", { name: "Account" })).toBeInTheDocument();
    const req = server.calls("POST", "/api/auth/oidc/link/github")[0]!;
    expect(req.headers.authorization).toBe("Bearer access-1");
    expect(req.body).toEqual({ code: "c", state: "s", state_token: "signed-state", redirect_uri: redirect("github") });
    expect(screen.getByText("Linked ada@users.github.example. You can now sign in with it.")).toBeInTheDocument();
    expect(server.calls("POST", "/api/auth/oidc/github/callback")).toHaveLength(0);
  });

  it("shows why linking was refused, with a way back to the account", async () => {
    const server = baseServer().problem("POST", "/api/auth/oidc/link/:provider", 409, "This identity is linked to another account.");
    renderApp("/auth/callback/github?code=c&state=s", server, admin, { flow: pending({ mode: "link" }) });
    expect(await screen.findByRole("alert")).toHaveTextContent("Linking failed: This identity is linked to another account.");
    expect(screen.getByRole("heading", { name: "Linking github" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to your account" })).toHaveAttribute("href", "/account");
  });
});
