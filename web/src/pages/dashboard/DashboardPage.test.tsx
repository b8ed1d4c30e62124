import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { baseServer, renderApp } from "../../test/render";
import { draftItem, project, projectItem } from "../../test/fixtures";

describe("dashboard", () => {
  it("lists projects with their status, rigor and task summary", async () => {
    renderApp("/", baseServer().json("GET", "/api/projects", [projectItem, draftItem]));
    const table = await screen.findByRole("table");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("hello-world");
    expect(rows[0]).toHaveTextContent("executing");
    expect(rows[0]).toHaveTextContent("1/3 done, 1 running");
    expect(within(rows[0]!).getByRole("progressbar")).toHaveAttribute("value", "1");
    expect(rows[1]).toHaveTextContent("fresh idea");
    expect(rows[1]).toHaveTextContent("draft");
    expect(rows[1]).toHaveTextContent("L1");
    expect(rows[1]).toHaveTextContent("no tasks");
    expect(within(rows[0]!).getByRole("link", { name: "hello-world" })).toHaveAttribute("href", "/projects/p1");
  });

  it("creates a project with the chosen planning rigor and shows it in the list", async () => {
    let list = [draftItem];
    const server = baseServer()
      .on("GET", "/api/projects", () => ({ body: list }))
      .on("POST", "/api/projects", (req) => {
        list = [{ ...projectItem, id: "p3", name: "new one", status: "draft", task_summary: null }, ...list];
        return { status: 201, body: project({ id: "p3", name: (req.body as { name: string }).name }) };
      });
    renderApp("/", server);
    await userEvent.type(await screen.findByLabelText("Name"), "new one");
    await userEvent.type(screen.getByLabelText("Requirements"), "Say hello.{enter}{enter}Say goodbye.");
    await userEvent.click(screen.getByRole("radio", { name: /L3/ }));
    await userEvent.click(screen.getByRole("button", { name: "Create project" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Created new one");
    expect(server.calls("POST", "/api/projects")[0]!.body).toEqual({
      name: "new one", requirements: "Say hello.\n\nSay goodbye.", planning_rigor: "L3",
    });
    expect(within(screen.getByRole("status")).getByRole("link", { name: "new one" })).toHaveAttribute("href", "/projects/p3");
    expect(await within(screen.getByRole("table")).findByRole("link", { name: "new one" })).toBeInTheDocument();
    expect(within(screen.getByRole("table")).getAllByRole("row")).toHaveLength(3);
  });

  it("shows validation problems with the field messages", async () => {
    const server = baseServer()
      .json("GET", "/api/projects", [])
      .problem("POST", "/api/projects", 422, "One field is invalid.", { requirements: ["'requirements' must be at most 50000 characters."] });
    renderApp("/", server);
    await userEvent.type(await screen.findByLabelText("Name"), "x");
    await userEvent.type(screen.getByLabelText("Requirements"), "y");
    await userEvent.click(screen.getByRole("button", { name: "Create project" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not create the project: One field is invalid.");
    expect(alert).toHaveTextContent("'requirements' must be at most 50000 characters.");
  });
});

describe("dashboard: import", () => {
  const exported = { exported_at: 1, project: { name: "hello-world", requirements: "r", status: "completed" }, plans: [], tasks: [] };
  const file = (text: string, name = "hello-world-p1.json") => new File([text], name, { type: "application/json" });

  it("imports a chosen export file and opens the new project", async () => {
    const server = baseServer()
      .json("GET", "/api/projects", [projectItem])
      .json("POST", "/api/projects/import", project({ id: "p7", name: "hello-world" }), 201)
      .json("GET", "/api/projects/p7", project({ id: "p7", name: "hello-world" }))
      .json("GET", "/api/projects/p7/plans", [])
      .json("GET", "/api/tasks/project/p7", [])
      .json("GET", "/api/projects/p7/knowledge", []);
    renderApp("/", server);
    await userEvent.upload(await screen.findByLabelText("Export file"), file(JSON.stringify(exported)));
    expect(await screen.findByRole("heading", { level: 1, name: /hello-world/ })).toBeInTheDocument();
    expect(server.calls("POST", "/api/projects/import")[0]!.body).toEqual(exported);
    expect(screen.getByRole("navigation", { name: "Breadcrumb" })).toHaveTextContent("Projects / hello-world");
  });

  it("shows the server's validation details (422)", async () => {
    const server = baseServer()
      .json("GET", "/api/projects", [])
      .problem("POST", "/api/projects/import", 422, "One field is invalid.", {
        project: ["'project' is required: send a document made by GET /api/projects/{id}/export."],
      });
    renderApp("/", server);
    await userEvent.upload(await screen.findByLabelText("Export file"), file(JSON.stringify({ tasks: [] })));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not import: One field is invalid.");
    expect(alert).toHaveTextContent("'project' is required: send a document made by GET /api/projects/{id}/export.");
  });

  it("says so when the file is not JSON, without calling the server", async () => {
    const server = baseServer().json("GET", "/api/projects", []);
    renderApp("/", server);
    await userEvent.upload(await screen.findByLabelText("Export file"), file("not json at all", "notes.json"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not import: notes.json is not a JSON file.");
    expect(server.calls("POST", "/api/projects/import")).toHaveLength(0);
  });

  it("pages a long list: shows how many there are and loads the rest on request", async () => {
    const all = Array.from({ length: 120 }, (_, i) => ({ ...projectItem, id: `p${i}`, name: `project ${i}` }));
    const server = baseServer().on("GET", "/api/projects", (req) => {
      const offset = Number(req.query.get("offset")), limit = Number(req.query.get("limit"));
      return { body: all.slice(offset, offset + limit), headers: { "X-Total-Count": String(all.length) } };
    });
    renderApp("/", server);
    expect(await screen.findByText("Showing 50 of 120 projects")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Load 50 more" }));
    expect(await screen.findByText("Showing 100 of 120 projects")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Load 20 more" }));
    expect(await screen.findByText("Showing 120 of 120 projects")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /more$/ })).toBeNull();
    expect(screen.getByRole("link", { name: "project 119" })).toBeInTheDocument();
    expect(server.calls("GET", "/api/projects").map((r) => r.query.get("offset"))).toEqual(["0", "50", "100"]);
  });
});
