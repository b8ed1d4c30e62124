import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { RegionBoundary } from "./RegionBoundary";

const broken = { on: true };
function Fragile() {
  if (broken.on) throw new Error("tasks is not iterable");
  return <p>Region content</p>;
}

describe("region error boundary", () => {
  it("catches a render error in its region, keeps the rest of the page, and Retry renders the region again", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {}); // React logs the caught error; it is expected here.
    broken.on = true;
    render(
      <QueryClientProvider client={new QueryClient()}>
        <h1>Page title</h1>
        <RegionBoundary name="Task graph"><Fragile /></RegionBoundary>
        <RegionBoundary name="Tasks"><p>Other region</p></RegionBoundary>
      </QueryClientProvider>,
    );
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Task graph could not be shown: tasks is not iterable");
    expect(screen.getByRole("heading", { name: "Page title" })).toBeInTheDocument();
    expect(screen.getByText("Other region")).toBeInTheDocument();

    broken.on = false;
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("Region content")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
