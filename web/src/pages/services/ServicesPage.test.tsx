import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { projectItem, services } from "../../test/fixtures";
import { baseServer, renderApp } from "../../test/render";

const BANNER = "Simulated model provider — outputs are not from a real model";

describe("services and the simulated-provider banner", () => {
  it("lists services by category with status, method and details", async () => {
    renderApp("/services", baseServer());
    const models = await screen.findByRole("region", { name: "models services" });
    const anthropic = within(models).getByRole("listitem", { name: "Anthropic API" });
    expect(anthropic).toHaveTextContent("offline");
    expect(anthropic).toHaveTextContent("anthropic_api · checked by http");
    expect(anthropic).toHaveTextContent("configuredfalse");
    expect(screen.getByRole("region", { name: "core services" })).toHaveTextContent("Database online");
  });

  it("checks again on demand with ?refresh=true", async () => {
    const server = baseServer();
    renderApp("/services", server);
    await screen.findByRole("region", { name: "models services" });
    server.json("GET", "/api/services", services(false).map((s) => (s.id === "anthropic_api" ? { ...s, status: "online" } : s)));
    await userEvent.click(screen.getByRole("button", { name: "Check now" }));
    expect(await screen.findByRole("listitem", { name: "Anthropic API" })).toHaveTextContent("online");
    expect(server.calls("GET", "/api/services").at(-1)!.query.get("refresh")).toBe("true");
  });

  it.each(["/", "/services", "/usage"])("shows the banner on %s while the simulated provider is active", async (path) => {
    renderApp(path, baseServer().json("GET", "/api/services", services(true)).json("GET", "/api/projects", [projectItem]));
    expect(await screen.findByRole("note", { name: "Simulated model provider" })).toHaveTextContent(BANNER);
  });

  it("shows no banner when the simulated provider is not the one answering", async () => {
    const server = baseServer().json("GET", "/api/projects", [projectItem]);
    renderApp("/", server);
    await screen.findByRole("link", { name: "hello-world" });
    await screen.findByText("Services");
    expect(server.calls("GET", "/api/services")).toHaveLength(1);
    expect(screen.queryByText(BANNER)).toBeNull();
  });

  it("shows no banner (and no error) on a server without a services endpoint", async () => {
    const server = baseServer().problem("GET", "/api/services", 404, "There is no API route 'GET /api/services'.").json("GET", "/api/projects", []);
    renderApp("/", server);
    await screen.findByText(/No projects yet/);
    expect(screen.queryByText(BANNER)).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
