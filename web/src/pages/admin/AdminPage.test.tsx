import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { AdminUser } from "../../api";
import { member, stats, usageOverview, users } from "../../test/fixtures";
import { baseServer, renderApp } from "../../test/render";

function adminServer() {
  let list: AdminUser[] = users;
  return baseServer()
    .json("GET", "/api/projects", [])
    .json("GET", "/api/admin/stats", stats)
    .json("GET", "/api/admin/analytics/usage-overview", usageOverview)
    .on("GET", "/api/admin/users", () => ({ body: list }))
    .on("PATCH", "/api/admin/users/:id", (req, { id }) => {
      list = list.map((u) => (u.id === id ? { ...u, ...(req.body as Partial<AdminUser>) } : u));
      return { body: list.find((u) => u.id === id) };
    });
}

describe("admin", () => {
  it("is linked and shown only to admins", async () => {
    const server = adminServer();
    renderApp("/admin", server, member);
    expect(await screen.findByRole("heading", { name: "Not available" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Admin" })).toBeNull();
    expect(server.requests.filter((r) => r.path.startsWith("/api/admin"))).toHaveLength(0);
  });

  it("shows system statistics", async () => {
    renderApp("/admin", adminServer());
    expect(screen.getByRole("link", { name: "Admin" })).toBeInTheDocument();
    const region = await screen.findByRole("region", { name: "System" });
    expect(await within(region).findByText("2 active of 2")).toBeInTheDocument();
    expect(region).toHaveTextContent("Completion rate33.3%");
    expect(region).toHaveTextContent("executing1");
    expect(region).toHaveTextContent("claude-sonnet-4-5$1.20");
  });

  it("shows everyone's usage by model and labels the simulated provider's rows", async () => {
    const server = adminServer();
    renderApp("/admin", server);
    const table = await screen.findByRole("table", { name: "By model" });
    const simulated = within(table).getByRole("rowheader", { name: "claude-sonnet-4-5" }).closest("tr")!;
    expect(within(simulated).getByText("simulated", { selector: ".badge" })).toBeInTheDocument();
    const ollama = within(table).getByRole("rowheader", { name: "llama3.2" }).closest("tr")!;
    expect(within(ollama).queryByText("simulated", { selector: ".badge" })).toBeNull();
    expect(screen.getByRole("table", { name: "By purpose" })).toHaveTextContent("execution30$1.0081%");
    expect(server.calls("GET", "/api/admin/analytics/usage-overview")[0]!.query.get("days")).toBe("30");
  });

  it("deactivates a user and changes a role", async () => {
    const server = adminServer();
    renderApp("/admin", server);
    const row = (await screen.findByRole("rowheader", { name: /Bob/ })).closest("tr")!;
    await userEvent.click(within(row).getByRole("button", { name: "Deactivate bob@example.com" }));
    expect(await within(row).findByText("deactivated")).toBeInTheDocument();
    await userEvent.selectOptions(within(row).getByLabelText("Role of bob@example.com"), "admin");
    expect(await within(row).findByDisplayValue("admin")).toBeInTheDocument();
    expect(server.calls("PATCH", "/api/admin/users/u-user").map((r) => r.body)).toEqual([{ is_active: false }, { role: "admin" }]);
  });

  it("shows the server's refusal to demote the last admin", async () => {
    const server = adminServer().problem("PATCH", "/api/admin/users/:id", 409, "The last active admin cannot be demoted or deactivated.");
    renderApp("/admin", server);
    const row = (await screen.findByRole("rowheader", { name: /Ada/ })).closest("tr")!;
    await userEvent.selectOptions(within(row).getByLabelText("Role of ada@example.com"), "user");
    expect(await screen.findByRole("alert")).toHaveTextContent("The last active admin cannot be demoted or deactivated.");
    expect(within(row).getByLabelText("Role of ada@example.com")).toHaveValue("admin");
  });
});
