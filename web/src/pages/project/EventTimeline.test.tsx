import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { EventTimeline } from "./EventTimeline";

const event = { id: "7", type: "task_start", message: "Task started", timestamp: 1_700_000_000, project_id: "p1" };

describe("event timeline", () => {
  it("says how many earlier events it no longer holds", () => {
    render(<MemoryRouter><EventTimeline events={[event]} state="live" dropped={1200} /></MemoryRouter>);
    expect(screen.getByText(/Showing the latest 1 events; 1,200 earlier ones are in the project's full/)).toBeInTheDocument();
  });

  it("says nothing of the kind while it holds every event", () => {
    render(<MemoryRouter><EventTimeline events={[event]} state="live" /></MemoryRouter>);
    expect(screen.queryByText(/earlier ones/)).not.toBeInTheDocument();
  });
});
