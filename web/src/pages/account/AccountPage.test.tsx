import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ApiKey } from "../../api";
import { PENDING_OIDC_KEY } from "../../auth/oidcFlow";
import { apiKeys, identities, me, NOW, oidcProviders } from "../../test/fixtures";
import { baseServer, renderApp } from "../../test/render";

function accountServer(keys: ApiKey[] = apiKeys) {
  return baseServer()
    .json("GET", "/api/auth/me", me())
    .json("GET", "/api/auth/api-keys", keys)
    .json("GET", "/api/auth/oidc/providers", oidcProviders)
    .json("GET", "/api/auth/oidc/identities", identities);
}

describe("account page", () => {
  it("is in the main navigation and shows the server's facts about the user", async () => {
    renderApp("/", accountServer().json("GET", "/api/projects", []));
    await userEvent.click(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Account" }));
    const you = await screen.findByRole("region", { name: "You" });
    expect(await within(you).findByText("ada@example.com")).toBeInTheDocument();
    expect(you).toHaveTextContent("Roleadmin");
    expect(you).toHaveTextContent("Passwordset");
    expect(you).toHaveTextContent("Linked providersgithub");
  });

  it("says so when the account has no password", async () => {
    renderApp("/account", accountServer().json("GET", "/api/auth/me", me({ has_password: false })));
    expect(await screen.findByText(/none \(you sign in with a linked provider\)/)).toBeInTheDocument();
  });

  it("lists API keys with prefix, name, state, creation and last use", async () => {
    renderApp("/account", accountServer());
    const table = await within(screen.getByRole("region", { name: "API keys" })).findByRole("table");
    const [laptop, old] = within(table).getAllByRole("row").slice(1);
    expect(laptop).toHaveTextContent("laptop CLI");
    expect(laptop).toHaveTextContent("orch_1a2b3c4…");
    expect(laptop).toHaveTextContent("active");
    expect(laptop).toHaveTextContent(new Date((NOW - 60) * 1000).toLocaleString());
    expect(within(laptop!).getByRole("button", { name: "Revoke laptop CLI" })).toBeInTheDocument();
    expect(old).toHaveTextContent("revoked");
    expect(old).toHaveTextContent("never");
    expect(within(old!).queryByRole("button")).toBeNull();
  });

  it("creates a key, shows it once with a copy button and a warning, then only its prefix", async () => {
    const user = userEvent.setup();
    let list: ApiKey[] = [];
    const secret = `orch_${"ab".repeat(32)}`;
    const server = accountServer()
      .on("GET", "/api/auth/api-keys", () => ({ body: list }))
      .on("POST", "/api/auth/api-keys", (req) => {
        const name = (req.body as { name: string }).name;
        list = [{ id: "k9", key_prefix: secret.slice(0, 12), name, is_active: true, created_at: NOW, last_used_at: null }];
        return { status: 201, body: { id: "k9", key: secret, key_prefix: secret.slice(0, 12), name, created_at: NOW } };
      });
    renderApp("/account", server);
    const card = screen.getByRole("region", { name: "API keys" });
    expect(await within(card).findByText("No API keys yet.")).toBeInTheDocument();
    await user.type(within(card).getByLabelText("Key name"), "  deploy bot ");
    await user.click(within(card).getByRole("button", { name: "Create key" }));
    const notice = await within(card).findByRole("region", { name: "New API key" });
    expect(server.calls("POST", "/api/auth/api-keys")[0]!.body).toEqual({ name: "deploy bot" });
    expect(within(notice).getByLabelText("The new key")).toHaveValue(secret);
    expect(notice).toHaveTextContent("It will not be shown again");
    await user.click(within(notice).getByRole("button", { name: "Copy" }));
    expect(await within(notice).findByText("Copied to the clipboard.")).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toBe(secret);
    expect(await within(card).findByRole("rowheader", { name: "deploy bot" })).toBeInTheDocument();
    await user.click(within(notice).getByRole("button", { name: "Done" }));
    expect(within(card).queryByRole("region", { name: "New API key" })).toBeNull();
    expect(card).not.toHaveTextContent(secret);
    expect(card).toHaveTextContent(`${secret.slice(0, 12)}…`);
  });

  it("shows why a key could not be created", async () => {
    renderApp("/account", accountServer().problem("POST", "/api/auth/api-keys", 422, "One field is invalid.", { name: ["'name' is required."] }));
    const card = screen.getByRole("region", { name: "API keys" });
    await userEvent.type(within(card).getByLabelText("Key name"), "x");
    await userEvent.click(within(card).getByRole("button", { name: "Create key" }));
    expect(await within(card).findByRole("alert")).toHaveTextContent("Could not create the key: One field is invalid.'name' is required.");
  });

  it("revokes a key after confirmation and shows it revoked", async () => {
    let list = apiKeys;
    const server = accountServer()
      .on("GET", "/api/auth/api-keys", () => ({ body: list }))
      .on("DELETE", "/api/auth/api-keys/:id", (_req, { id }) => {
        list = list.map((k) => (k.id === id ? { ...k, is_active: false } : k));
        return { body: { status: "revoked", key_id: id } };
      });
    renderApp("/account", server);
    await userEvent.click(await screen.findByRole("button", { name: "Revoke laptop CLI" }));
    expect(server.calls("DELETE", "/api/auth/api-keys/k1")).toHaveLength(0);
    await userEvent.click(screen.getByRole("button", { name: "Confirm revoke" }));
    const row = screen.getByRole("rowheader", { name: "laptop CLI" }).closest("tr")!;
    await waitFor(() => expect(row).toHaveTextContent("revoked"));
    expect(server.calls("DELETE", "/api/auth/api-keys/k1")).toHaveLength(1);
    expect(within(row).queryByRole("button")).toBeNull();
  });

  it("lists linked identities and shows the server's reason when unlinking is refused", async () => {
    const detail = "This is your only way to sign in: set a password or link another provider first.";
    const server = accountServer().problem("DELETE", "/api/auth/oidc/link/:provider", 400, detail);
    renderApp("/account", server);
    const card = screen.getByRole("region", { name: "Sign-in providers" });
    expect(await within(card).findByText("ada@users.github.example")).toBeInTheDocument();
    await userEvent.click(within(card).getByRole("button", { name: "Unlink GitHub" }));
    expect(await within(card).findByRole("alert")).toHaveTextContent(`Could not unlink: ${detail}`);
    expect(server.calls("DELETE", "/api/auth/oidc/link/github")).toHaveLength(1);
  });

  it("unlinks an identity and refreshes the list", async () => {
    let linked = identities;
    const server = accountServer()
      .on("GET", "/api/auth/oidc/identities", () => ({ body: linked }))
      .on("DELETE", "/api/auth/oidc/link/:provider", () => {
        linked = [];
        return { status: 204 };
      });
    renderApp("/account", server);
    await userEvent.click(await screen.findByRole("button", { name: "Unlink GitHub" }));
    expect(await screen.findByText("No identity provider is linked to this account.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Link GitHub" })).toBeInTheDocument();
  });

  it("links another provider: remembers the flow as a link and leaves for the provider", async () => {
    const server = accountServer().json("GET", "/api/auth/oidc/:provider/login", {
      authorization_url: "https://accounts.google.example/o/auth?state=s1", state_token: "signed-state",
    });
    const { flowStorage, left } = renderApp("/account", server);
    const card = screen.getByRole("region", { name: "Sign-in providers" });
    await within(card).findByText("ada@users.github.example");
    expect(within(card).queryByRole("button", { name: "Link GitHub" })).toBeNull();
    await userEvent.click(within(card).getByRole("button", { name: "Link Google" }));
    await waitFor(() => expect(left).toEqual(["https://accounts.google.example/o/auth?state=s1"]));
    const redirect = `${window.location.origin}/auth/callback/google`;
    expect(server.calls("GET", "/api/auth/oidc/google/login")[0]!.query.get("redirect_uri")).toBe(redirect);
    expect(JSON.parse(flowStorage.getItem(PENDING_OIDC_KEY)!)).toEqual({
      provider: "google", mode: "link", state_token: "signed-state", redirect_uri: redirect,
    });
  });
});
