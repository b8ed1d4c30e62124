import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Delivery } from "../../api/types";
import { NOW } from "../../test/fixtures";
import { baseServer, renderApp } from "../../test/render";

function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    id: "d-1", url: "https://hooks.example.com/orch", kind: "wait", event: "task_needs_review", event_seq: 7, project_id: "p-00000001abcdef12",
    task_id: "t-1", status: "delivered", attempts: 1, last_status_code: 200, last_error: null, created_at: NOW - 60, delivered_at: NOW - 59,
    next_attempt_at: null, ...overrides,
  };
}

describe("notifications", () => {
  it("lists webhook deliveries with their status, attempts and last answer", async () => {
    const retrying = delivery({ id: "d-2", kind: "project_failed", event: "project_failed", task_id: null, status: "pending", attempts: 2,
      last_status_code: 503, last_error: "HTTP 503 Service Unavailable", delivered_at: null, next_attempt_at: NOW + 20 });
    renderApp("/notifications", baseServer().json("GET", "/api/notifications/deliveries", [retrying, delivery()]));

    const table = await screen.findByRole("table", { name: "Webhook deliveries, newest first" });
    const pending = within(table).getByRole("row", { name: "project failed delivery d-2" });
    expect(within(pending).getByText("pending", { selector: ".badge" })).toBeInTheDocument();
    expect(pending).toHaveTextContent("HTTP 503 Service Unavailable");
    expect(within(pending).getAllByRole("cell")[5]).toHaveTextContent("2");
    expect(pending).toHaveTextContent(/next /);
    const delivered = within(table).getByRole("row", { name: "wait delivery d-1" });
    expect(within(delivered).getByText("delivered", { selector: ".badge" })).toBeInTheDocument();
    expect(delivered).toHaveTextContent("HTTP 200");
    expect(within(delivered).getByRole("link", { name: "task" })).toHaveAttribute("href", "/tasks/t-1");
    expect(within(delivered).getByRole("link", { name: "abcdef12" })).toHaveAttribute("href", "/projects/p-00000001abcdef12");
  });

  it("filters by status through the API and says when there is nothing", async () => {
    const server = baseServer().json("GET", "/api/notifications/deliveries", [delivery()]);
    renderApp("/notifications", server);
    await screen.findByRole("table", { name: "Webhook deliveries, newest first" });

    server.json("GET", "/api/notifications/deliveries", []);
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Status" }), "failed");

    expect(await screen.findByText(/No deliveries failed/)).toBeInTheDocument();
    expect(server.calls("GET", "/api/notifications/deliveries").at(-1)!.query.get("status")).toBe("failed");
  });

  it("is in the main navigation", async () => {
    renderApp("/", baseServer().json("GET", "/api/projects", []));
    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Notifications" })).toHaveAttribute("href", "/notifications");
  });
});
