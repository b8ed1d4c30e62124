import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { baseServer, renderApp } from "../../test/render";
import { admin, projectItem, tokenPair } from "../../test/fixtures";

describe("sign in and registration", () => {
  it("sends a signed-out visitor to sign in, then to the page they asked for", async () => {
    const server = baseServer().json("POST", "/api/auth/login", tokenPair(1)).json("GET", "/api/projects", [projectItem]);
    const { storage } = renderApp("/", server, null);
    await userEvent.type(await screen.findByLabelText("Email"), "ada@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "password123");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("link", { name: "hello-world" })).toBeInTheDocument();
    expect(server.calls("POST", "/api/auth/login")[0]!.body).toEqual({ email: "ada@example.com", password: "password123" });
    expect(JSON.parse(storage.getItem("orch.session")!)).toMatchObject({ access_token: "access-1", user: admin });
    expect(screen.getByLabelText("Signed in as")).toHaveTextContent("Ada (admin)");
  });

  it("shows the server's detail when sign-in fails", async () => {
    const server = baseServer().problem("POST", "/api/auth/login", 401, "Invalid email or password.");
    renderApp("/login", server, null);
    await userEvent.type(screen.getByLabelText("Email"), "ada@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "wrong-password");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Invalid email or password.");
  });

  it("registers, then offers sign-in with the email filled in", async () => {
    const server = baseServer().json("POST", "/api/auth/register", admin, 201);
    renderApp("/register", server, null);
    await userEvent.type(screen.getByLabelText("Email"), "ada@example.com");
    await userEvent.type(screen.getByLabelText(/Display name/), "Ada");
    await userEvent.type(screen.getByLabelText(/Password/), "password123");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
    const form = await screen.findByRole("form", { name: "Sign in" });
    expect(within(form).getByRole("status")).toHaveTextContent("Account created");
    expect(within(form).getByLabelText("Email")).toHaveValue("ada@example.com");
    expect(server.calls("POST", "/api/auth/register")[0]!.body).toEqual({
      email: "ada@example.com", password: "password123", display_name: "Ada",
    });
  });

  it("shows registration problems from the server", async () => {
    const server = baseServer().problem("POST", "/api/auth/register", 400, "Registration failed. Check the email and password and try again.");
    renderApp("/register", server, null);
    await userEvent.type(screen.getByLabelText("Email"), "ada@example.com");
    await userEvent.type(screen.getByLabelText(/Password/), "password123");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Registration failed.");
  });

  it("signing out returns to the sign-in page and forgets the tokens", async () => {
    const server = baseServer().json("GET", "/api/projects", []);
    const { storage } = renderApp("/", server);
    await userEvent.click(await screen.findByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(storage.getItem("orch.session")).toBeNull();
  });
});
