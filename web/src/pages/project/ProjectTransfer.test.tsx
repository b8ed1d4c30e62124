import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { project } from "../../test/fixtures";
import { projectServer } from "../../test/projectServer";
import { renderApp } from "../../test/render";

// jsdom has no object URLs; the browser's are opaque strings too.
const made: Blob[] = [];
beforeAll(() => {
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => (made.push(blob), `blob:test/${made.length}`),
    revokeObjectURL: () => undefined,
  });
});

describe("project clone and export", () => {
  it("clones the project and opens the clone", async () => {
    const server = projectServer(project({ status: "completed" }))
      .json("POST", "/api/projects/:id/clone", project({ id: "p9", name: "hello-world (clone)" }), 201)
      .json("GET", "/api/projects/p9", project({ id: "p9", name: "hello-world (clone)" }))
      .json("GET", "/api/projects/p9/plans", [])
      .json("GET", "/api/tasks/project/p9", [])
      .json("GET", "/api/projects/p9/coverage", { project_id: "p9", total_requirements: 0, covered_count: 0, uncovered_count: 0, requirements: [] })
      .json("GET", "/api/projects/p9/knowledge", []);
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Clone" }));
    expect(await screen.findByRole("heading", { level: 1, name: /hello-world \(clone\)/ })).toBeInTheDocument();
    expect(server.calls("POST", "/api/projects/p1/clone")[0]!.rawBody).toBeNull();
  });

  it("shows why a clone was refused", async () => {
    renderApp("/projects/p1", projectServer(project()).problem("POST", "/api/projects/:id/clone", 404, "The project was not found."));
    await userEvent.click(await screen.findByRole("button", { name: "Clone" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not clone: The project was not found.");
  });

  it("exports the project as a file named by the server", async () => {
    const clicks: { download: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ download: this.download, href: this.getAttribute("href") ?? "" });
    });
    const document = { exported_at: 1, project: { name: "hello-world" }, plans: [], tasks: [] };
    const server = projectServer(project({ status: "completed" })).on("GET", "/api/projects/:id/export", {
      body: document, headers: { "Content-Disposition": 'attachment; filename="hello-world-p1.json"' },
    });
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Export" }));
    expect(await screen.findByText("Exported as hello-world-p1.json.")).toBeInTheDocument();
    expect(clicks).toEqual([{ download: "hello-world-p1.json", href: `blob:test/${made.length}` }]);
    expect(JSON.parse(await made.at(-1)!.text())).toEqual(document);
    expect(server.calls("GET", "/api/projects/p1/export")[0]!.headers.authorization).toBe("Bearer access-1");
  });
});
