/** Marks figures that came from the simulated provider (priced as the model it stands in for, but not real). */
export function SimulatedTag() {
  return (
    <span className="badge badge-sim" title="Answered by the simulated provider: not a real model call">
      simulated
    </span>
  );
}
