import type { PlanDocument } from "../../api";

/** Open questions (L2+), risk assessment and test strategy (L3). */
export function PlanExtras({ plan }: { plan: PlanDocument }) {
  const questions = plan.open_questions ?? [];
  const risks = plan.risk_assessment ?? [];
  const strategy = plan.test_strategy;
  return (
    <>
      {questions.length > 0 && (
        <div>
          <table className="table">
            <caption><h3>Open questions</h3></caption>
            <thead>
              <tr><th scope="col">Question</th><th scope="col">Proposed answer</th><th scope="col">Impact</th></tr>
            </thead>
            <tbody>
              {questions.map((q) => (
                <tr key={q.question}><td>{q.question}</td><td>{q.proposed_answer}</td><td>{q.impact}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {risks.length > 0 && (
        <div>
          <table className="table">
            <caption><h3>Risks</h3></caption>
            <thead>
              <tr><th scope="col">Risk</th><th scope="col">Likelihood</th><th scope="col">Impact</th><th scope="col">Mitigation</th></tr>
            </thead>
            <tbody>
              {risks.map((r) => (
                <tr key={r.risk}><td>{r.risk}</td><td>{r.likelihood}</td><td>{r.impact}</td><td>{r.mitigation}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {strategy && (
        <div>
          <h3>Test strategy</h3>
          <p>{strategy.approach}</p>
          {strategy.test_tasks?.length > 0 && (
            <ul>{strategy.test_tasks.map((t) => <li key={t}>{t}</li>)}</ul>
          )}
          {strategy.coverage_notes && <p className="muted">{strategy.coverage_notes}</p>}
        </div>
      )}
    </>
  );
}
